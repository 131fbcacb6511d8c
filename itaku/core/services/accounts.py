"""Account writes: sessions, the second factor, API tokens (ASVS V6, V7)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from itaku.audit.services import audit_record
from itaku.core.models import (
    ApiToken,
    User,
    UserSession,
)
from itaku.privacy.services import my_number_refuse

# --- accounts and sessions (ASVS V7, PI-2) ------------------------------------------------------


def user_sessions_delete(user_id: int) -> int:
    return UserSession.objects.filter(user_id=user_id).delete()[0]


def user_sessions_end(*, actor: Any, user: User) -> int:
    """An administrator ends every session of a user; returns how many were open."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    with transaction.atomic():
        count = user_sessions_delete(user.pk)
        audit_record(actor=actor, action="auth.sessions_end", target=user, changes={"count": count})
    return count


def user_disable(*, actor: Any, user: User) -> User:
    """An administrator disables an account: it cannot sign in and its sessions end now."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        count = user_sessions_delete(user.pk)
        audit_record(actor=actor, action="user.disable", target=user, changes={"sessions": count})
    return user


# --- second factor (ASVS V6) ------------------------------------------------------------------


def second_factor_device(*, user: User) -> TOTPDevice:
    """The user's authenticator: the confirmed one, or an unconfirmed one to enrol."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=False)
    return device


def second_factor_check(*, request: Any, device: TOTPDevice, code: str) -> bool:
    """Check a one-time code; on success the session is verified and, at enrolment, the device
    confirmed. A code already used is refused (django-otp keeps the last time step)."""
    user = request.user
    if device.user_id != user.pk:
        raise PermissionDenied
    code = code.strip().replace(" ", "")
    with transaction.atomic():
        if not device.verify_token(code):
            audit_record(actor=user, action="auth.second_factor_failed", target=device)
            return False
        enrolling = not device.confirmed
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            action="auth.second_factor_enrolled" if enrolling else "auth.second_factor",
            target=device,
        )
    otp_login(request, device)
    return True


# --- API tokens ------------------------------------------------------------------------------

TOKEN_PREFIX = "itk_"  # noqa: S105 - a marker, not a secret


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_issue(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Issue a personal API token; the plain token is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["用途を入力してください。"]})
    my_number_refuse(actor=actor, fields={"name": name})
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name[:100], prefix=plain[:12], digest=token_digest(plain)
        )
        audit_record(actor=actor, action="api_token.issue", target=token)
    return token, plain


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens (administrators may revoke anyone's)."""
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action="api_token.revoke", target=token)
    return token
