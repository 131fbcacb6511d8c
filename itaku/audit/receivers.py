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
                "username": str(credentials.get("username", ""))[:150],
                "ip": _address(request),
            },
        )


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    with transaction.atomic():
        audit_record(
            actor=None,
            action="auth.locked_out",
            changes={"username": str(username or "")[:150], "ip": ip_address},
        )
