"""Notifications: a row per recipient and an e-mail that says only what kind of thing waits and
where (PI-5, PI-18, IC-30: no personal data leaves the system by e-mail, only a link)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core import registry
from itaku.core.models import Contract, Notification, User
from itaku.core.registry import NotificationKind

logger = logging.getLogger(__name__)

SUBJECT = "【委託業務運営システム】{label}"
BODY = (
    "委託業務運営システムに「{label}」のお知らせがあります。\n"
    "内容は、次のリンクからシステムにログインして確認してください。\n"
    "\n"
    "{url}\n"
    "\n"
    "このメールには個人情報を記載していません。このメールには返信できません。\n"
)


def notification_url(link: str) -> str:
    """The absolute address of a site path, for the e-mail."""
    base = getattr(settings, "ITAKU_BASE_URL", "http://127.0.0.1:8000")
    return base.rstrip("/") + link


def notification_kind_get(kind: NotificationKind | str) -> NotificationKind:
    """The declared kind, or ValueError for a kind no app declared (``contributions``)."""
    key = kind.key if isinstance(kind, NotificationKind) else kind
    declared = registry.notification_kinds().get(key)
    if declared is None:
        raise ValueError(f"notification kind {key!r} is not declared by any app")
    return declared


def notification_mail(*, kind: NotificationKind | str, link: str) -> tuple[str, str]:
    """Subject and body of a notification e-mail: made of the kind's label and the link only,
    so nothing of the record can reach a mailbox (PI-5, PI-18, IC-30)."""
    label = notification_kind_get(kind).label
    return SUBJECT.format(label=label), BODY.format(label=label, url=notification_url(link))


def notification_send(
    *,
    recipients: Iterable[User],
    kind: NotificationKind | str,
    link: str,
    contract: Contract | None = None,
) -> list[Notification]:
    """Notify each active recipient once: a row in their notifications, and an e-mail to those
    with an address, sent when the caller's transaction commits (never for a rolled-back change).

    ``contract`` is the one the notice concerns: the page names it, the e-mail does not (a
    mailbox is not behind the login; the label is all an e-mail tells, PI-5, IC-30).

    Runs inside the caller's transaction; the caller's audit record covers the use case."""
    if not link.startswith("/") or link.startswith("//"):
        raise ValueError("link must be a path on this site")
    kind = notification_kind_get(kind)
    people = {user.pk: user for user in recipients if user.is_active}
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            Notification(recipient=user, kind=kind.key, link=link, contract=contract)
            for user in people.values()
        )
    addresses = [user.email for user in people.values() if user.email]
    if addresses:
        subject, body = notification_mail(kind=kind, link=link)
        # One message per address: recipients never see each other's addresses.
        messages = [(subject, body, None, [address]) for address in addresses]
        transaction.on_commit(lambda: _mail(messages, kind.key))
    return created


def notification_send_to_role(
    *, access: Any, role: Any, kind: NotificationKind | str, link: str
) -> list[Notification]:
    """``notification_send`` to the active holders of ``role`` on the access's contract today:
    what waits for the ward goes to its supervisors, a decision back to the manager."""
    from itaku.core.selectors import contract_role_holders

    return notification_send(
        recipients=contract_role_holders(contract=access.contract, role=role, on=access.on),
        kind=kind,
        link=link,
        contract=access.contract,
    )


def _mail(messages: list[tuple[str, str, Any, list[str]]], kind: str) -> None:
    # The change is committed already: a mail server that is down must not turn it into an
    # error page. The notification rows stay, and the header shows them.
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("notification e-mail failed: kind=%s count=%d", kind, len(messages))


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """The recipient marks one of their notifications as read (idempotent)."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.read_at is not None:
            return notification
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(actor=actor, action="notification.read", target=notification)
    return notification


def notification_mark_all_read(*, actor: Any) -> int:
    """The recipient marks all their unread notifications as read; returns how many."""
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            audit_record(actor=actor, action="notification.read_all", changes={"count": count})
    return count
