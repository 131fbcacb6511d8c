"""One object by its id, or a 404: the lookup every selector and service makes.

Here and not in ``itaku.web.views`` because ``core``'s selectors and access rule use it, and they
must not import views (views import them). It imports only Django.

An id that does not exist, that belongs to another contract (the caller's queryset leaves it
out) or that is not an id at all (``"abc"`` for an integer key, a broken UUID) is the same 404:
an object the user may not see is never told apart from one that does not exist (STYLE.md).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Manager, Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M] | Manager[M], **lookups: Any) -> M:
    """``queryset.get(**lookups)``, with a missing object or a malformed id raised as Http404.
    ``queryset`` may be a model's manager (``Attachment.objects``) when the lookups themselves
    hold the contract.

    A malformed integer id raises ValueError or TypeError in Django, a malformed UUID a
    ValidationError; none of them is the user's to see as a 500."""
    try:
        return queryset.get(**lookups)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
