"""Reads of the notices (IC-23) and newsletters (IC-16) through the access rule (anything not
allowed answers 404), and the home page's to-dos: the ward supervisor's notices waiting for
acknowledgement, the manager's returned notices and those whose submission deadline is near."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from itaku.core.access import ContractAccess
from itaku.core.calendar import format_wareki
from itaku.core.domain import Role
from itaku.ichou.notices import rules
from itaku.ichou.notices.decl import DECIDE_NOTICES, EDIT_NOTICES, VIEW_NOTICES
from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
from itaku.web.lookup import get_or_404


def notices_of(*, access: ContractAccess) -> QuerySet[Notice]:
    access.require(VIEW_NOTICES)
    return Notice.objects.filter(contract=access.contract).select_related("activity")


def notice_get(*, access: ContractAccess, notice_id: Any) -> Notice:
    return get_or_404(notices_of(access=access), pk=notice_id)


def newsletters_of(*, access: ContractAccess) -> QuerySet[Newsletter]:
    access.require(VIEW_NOTICES)
    return Newsletter.objects.filter(contract=access.contract)


def newsletter_get(*, access: ContractAccess, newsletter_id: Any) -> Newsletter:
    photos = NewsletterPhoto.objects.select_related("image").order_by("pk")
    return get_or_404(
        newsletters_of(access=access).prefetch_related(Prefetch("photos", queryset=photos)),
        pk=newsletter_id,
    )


def photo_get(*, access: ContractAccess, newsletter: Newsletter, photo_id: Any) -> NewsletterPhoto:
    access.require(VIEW_NOTICES)
    return get_or_404(
        NewsletterPhoto.objects.filter(
            newsletter=newsletter, newsletter__contract=access.contract
        ).select_related("newsletter"),
        pk=photo_id,
    )


def activity_choices(access: ContractAccess) -> list[tuple[str, str]]:
    """The contract's activities of the programme versions not superseded, as form choices."""
    from itaku.ichou.programme.models import Activity

    return [
        (str(a.pk), f"{a.date:%Y年%m月%d日} {a.get_kind_display()}({a.get_group_display()})")
        for a in Activity.objects.filter(programme__contract=access.contract)
        .exclude(programme__state="superseded")
        .order_by("date", "start", "pk")
    ]


def participant_choices(access: ContractAccess) -> list[tuple[str, str]]:
    """The contract's participants for the photo form, by reading; those without photo consent
    are marked so (the service refuses them, IC-16)."""
    from itaku.ichou.participants.decl import VIEW_PARTICIPANTS
    from itaku.ichou.participants.models import Participant

    if not access.can(VIEW_PARTICIPANTS):
        return []
    people = list(Participant.objects.filter(contract=access.contract))
    people.sort(key=lambda p: (p.family_name_kana, p.given_name_kana, p.pk))
    return [
        (str(p.pk), p.full_name + ("" if p.photo_consent else "(写真の同意なし)")) for p in people
    ]


def photo_images(*, actor: Any, access: ContractAccess, newsletter: Newsletter) -> dict[int, str]:
    """Each photo's image as a data: URI, decrypted through the attachments service (each read
    audited); empty for those who may not open attachments (the PDF shows a frame instead)."""
    import base64

    from itaku.privacy.contributions import VIEW_ATTACHMENTS
    from itaku.privacy.services.attachments import attachment_open

    if not access.can(VIEW_ATTACHMENTS):
        return {}
    out: dict[int, str] = {}
    for photo in newsletter.photos.all():
        attachment, data = attachment_open(actor=actor, access=access, attachment_id=photo.image_id)
        encoded = base64.b64encode(data).decode("ascii")
        out[photo.pk] = f"data:{attachment.content_type};base64,{encoded}"
    return out


def notices_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """One query however many contracts; none when no access allows a to-do."""
    from django.urls import reverse

    from itaku.core.registry import TodoItem

    ward = {a.contract.pk: a for a in accesses if a.can(DECIDE_NOTICES)}
    managers = {
        a.contract.pk: a for a in accesses if Role.MANAGER in a.roles and a.can(EDIT_NOTICES)
    }
    watched = set(ward) | set(managers)
    if not watched:
        return []
    items: list[Any] = []
    rows = Notice.objects.filter(
        contract_id__in=watched,
        state__in=[Notice.State.SUBMITTED, Notice.State.RETURNED, Notice.State.DRAFT],
    ).order_by("send_on", "pk")
    for n in rows:
        url = reverse("ichou:notices_detail", args=[n.contract_id, n.pk])
        if n.contract_id in ward and n.state == Notice.State.SUBMITTED:
            items.append(
                TodoItem(
                    ward[n.contract_id].contract,
                    f"通知文「{n.title}」が区の確認を待っています。",
                    timezone.localdate(n.submitted_at) if n.submitted_at else today,
                    url,
                    "通知文を確認する",
                )
            )
        if n.contract_id not in managers:
            continue
        access = managers[n.contract_id]
        if n.state == Notice.State.RETURNED:
            items.append(
                TodoItem(
                    access.contract,
                    f"通知文「{n.title}」が区から差し戻されました。直して提出してください。",
                    timezone.localdate(n.decided_at) if n.decided_at else today,
                    url,
                    "通知文を直す",
                )
            )
        elif rules.deadline_near(state=n.state, send_on=n.send_on, today=today):
            deadline = rules.submission_deadline(n.send_on)
            late = deadline < today
            items.append(
                TodoItem(
                    access.contract,
                    f"通知文「{n.title}」の区への提出期限"
                    + (
                        f"({format_wareki(deadline)})を過ぎています。送付予定日を見直してください。"
                        if late
                        else f"は{format_wareki(deadline)}です。"
                    ),
                    today,
                    url,
                    "通知文を提出する",
                )
            )
    return items
