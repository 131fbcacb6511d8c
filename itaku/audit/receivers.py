"""Authentication events into the audit log (PI-9, ASVS V7): login, logout, failure, lockout.

These come from Django's and django-axes's signals because the login itself is their code, not a
service of ours; each event is written in its own transaction. The password is never recorded.
"""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from itaku.audit.services import audit_record
from itaku.core.middleware import AbsoluteSessionTimeoutMiddleware

MY_NUMBER_WITHHELD = "(個人番号と思われる番号を含むため記録しません)"


def recorded_username(typed: Any) -> str:
    """The username typed at a failed sign-in, as the log keeps it: never a My Number that
    somebody typed into the username field (PI-11 … PI-16)."""
    from itaku.privacy.domain import contains_my_number

    text = str(typed or "")[:150]
    return MY_NUMBER_WITHHELD if contains_my_number(text) else text


def axes_username(request: Any, credentials: dict[str, Any] | None = None) -> str | None:
    """django-axes' view of the username (``AXES_USERNAME_CALLABLE``): as typed, except that a
    My Number typed into the field is never stored in axes' own tables either."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    return None if typed is None else recorded_username(typed)


def _address(request: Any) -> str:
    return getattr(request, "axes_ip_address", None) or (
        request.META.get("REMOTE_ADDR", "") if request is not None else ""
    )


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[AbsoluteSessionTimeoutMiddleware.KEY] = time.time()
    with transaction.atomic():
        audit_record(actor=user, action="auth.login", changes={"ip": _address(request)})


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, action="auth.logout", changes={"ip": _address(request)})


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    with transaction.atomic():
        audit_record(
            actor=None,
            action="auth.login_failed",
            changes={
                "username": recorded_username(credentials.get("username", "")),
                "ip": _address(request),
            },
        )


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    with transaction.atomic():
        audit_record(
            actor=None,
            action="auth.locked_out",
            changes={"username": recorded_username(username), "ip": ip_address},
        )
