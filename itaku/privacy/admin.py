"""The My Number guard of the Django admin (PI-11 … PI-16). Registers no model of its own.

Every ModelAdmin and inline of the site derives from ``MyNumberGuardAdmin`` (core's admin
re-registers the admins of Django and the packages with it); the test walks the admin site and
posts a number into every text field to prove it."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.core.models import Contract
from itaku.privacy.forms import MyNumberGuardMixin


def guarded_form(form: type[forms.BaseForm], *, actor: Any, obj: Any) -> type[forms.BaseForm]:
    """``form`` with the My Number guard, auditing the refusal as ``actor`` on ``obj``'s
    contract (the contract itself when ``obj`` is one)."""
    about = obj if isinstance(obj, Contract) else getattr(obj, "contract", None)
    contract = about if isinstance(about, Contract) else None
    attrs = {"guard_actor": actor, "guard_contract": contract, "__module__": form.__module__}
    return type(form.__name__, (MyNumberGuardMixin, form), attrs)


class MyNumberGuardAdmin:
    """Mixin for ``admin.ModelAdmin`` and ``admin.InlineModelAdmin``: the add, change and
    list-edit forms refuse a My Number in any text, next to the field, audited."""

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        return guarded_form(form, actor=request.user, obj=obj)

    def get_changelist_form(self, request: Any, **kwargs: Any) -> Any:
        form = super().get_changelist_form(request, **kwargs)  # type: ignore[misc]
        return guarded_form(form, actor=request.user, obj=None)

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        formset.form = guarded_form(formset.form, actor=request.user, obj=obj)
        return formset
