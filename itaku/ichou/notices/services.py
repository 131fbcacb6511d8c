"""Writes of the notices to participants (IC-23) and the newsletter (IC-16), each with its audit
record in the same transaction and its free text checked for a My Number.

A notice is drafted and changed by the contractor (draft or returned), submitted to the ward at
least a week before it is sent (``rules.submission_problem``), acknowledged or returned with a
reason by the ward supervisor, then recorded as sent. Submitting a notice for an activity meets
that activity's notice obligation (``obligation_item_fulfil``).

A newsletter photo is an encrypted attachment; a photo showing a participant without photo
consent is refused, and the refusal names no one (IC-16)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import Role
from itaku.core.services import (
    notification_send_to_role,
    obligation_item_due_set,
    obligation_item_fulfil,
)
from itaku.ichou.notices import rules
from itaku.ichou.notices.decl import (
    DECIDE_NOTICES,
    EDIT_NOTICES,
    NOTICE_DECIDED,
    NOTICE_OBLIGATION,
    NOTICE_SUBMITTED,
)
from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_add

logger = logging.getLogger(__name__)

NOTICE_FIELDS = ("activity", "title", "body", "send_on")
NEWSLETTER_FIELDS = ("issue_number", "month", "title", "body")
State = Notice.State


# ---- notices ----------------------------------------------------------------------------------


def _link(notice: Notice) -> str:
    return reverse("ichou:notices_detail", args=[notice.contract_id, notice.pk])


def _activity_of(access: ContractAccess, activity: Any) -> Any:
    from itaku.ichou.programme.models import Activity

    if activity in (None, ""):
        return None
    if isinstance(activity, Activity):
        if activity.programme.contract_id != access.contract.pk:
            raise ValidationError({"activity": ["この契約の活動を選んでください。"]})
        return activity
    found = (
        Activity.objects.filter(programme__contract=access.contract, pk=str(activity))
        .select_related("programme")
        .first()
        if str(activity).isdigit()
        else None
    )
    if found is None:
        raise ValidationError({"activity": ["この契約の活動を選んでください。"]})
    return found


def _notice_clean(access: ContractAccess, values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    for name in ("title", "body"):
        if not str(values.get(name) or "").strip():
            problems[name] = ["入力してください。"]
    if not isinstance(values.get("send_on"), date):
        problems["send_on"] = ["送付予定日を入力してください。"]
    activity = None
    try:
        activity = _activity_of(access, values.get("activity"))
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    return {
        "activity": activity,
        "title": str(values["title"]).strip(),
        "body": str(values["body"]).strip(),
        "send_on": values["send_on"],
    }


def _refuse_notice_number(actor: Any, access: ContractAccess, clean: dict[str, Any]) -> None:
    my_number_refuse(
        actor=actor,
        fields={"title": clean["title"], "body": clean["body"]},
        contract=access.contract,
    )


def _deadline_to_item(actor: Any, access: ContractAccess, notice: Notice) -> None:
    """IC-23: the activity's 「参加者への通知文」 item falls due a week before the notice is to be
    sent (not before the activity, the date it had until a send date was known)."""
    if notice.activity is not None:
        obligation_item_due_set(
            actor=actor,
            access=access,
            action=EDIT_NOTICES,
            name=NOTICE_OBLIGATION,
            day=notice.activity.date,
            due_date=rules.submission_deadline(notice.send_on),
            by=f"ic_notice:{notice.pk}",
        )


def notice_create(*, actor: Any, access: ContractAccess, values: dict[str, Any]) -> Notice:
    access.require(EDIT_NOTICES)
    clean = _notice_clean(access, values)
    _refuse_notice_number(actor, access, clean)
    with transaction.atomic():
        notice = Notice.objects.create(contract=access.contract, **clean)
        audit_record(
            actor=actor, action="ic_notice.create", target=notice, contract=access.contract
        )
        _deadline_to_item(actor, access, notice)
    return notice


def _locked(access: ContractAccess, notice: Notice) -> Notice:
    return Notice.objects.select_for_update().get(pk=notice.pk, contract=access.contract)


def notice_change(
    *, actor: Any, access: ContractAccess, notice: Notice, values: dict[str, Any]
) -> Notice:
    access.require(EDIT_NOTICES)
    clean = _notice_clean(access, values)
    _refuse_notice_number(actor, access, clean)
    with transaction.atomic():
        notice = _locked(access, notice)
        if not rules.editable(notice.state):
            raise ValidationError("提出した通知文は、区が差し戻したときだけ変更できます。")
        changed = [n for n in NOTICE_FIELDS if getattr(notice, n) != clean[n]]
        for name, value in clean.items():
            setattr(notice, name, value)
        notice.save()
        audit_record(
            actor=actor,
            action="ic_notice.change",
            target=notice,
            contract=access.contract,
            changes={"fields": sorted(changed)},
        )
        _deadline_to_item(actor, access, notice)
    return notice


def notice_submit(*, actor: Any, access: ContractAccess, notice: Notice) -> Notice:
    """To the ward, at least a week before the send date (IC-23); a returned notice is
    submitted again the same way. Meets the notice obligation of its activity."""
    access.require(EDIT_NOTICES)
    today = timezone.localdate()
    with transaction.atomic():
        notice = _locked(access, notice)
        if not rules.editable(notice.state):
            raise ValidationError("この通知文は提出済みです。")
        problem = rules.submission_problem(submitted_on=today, send_on=notice.send_on)
        if problem:
            raise ValidationError({"send_on": [problem]})
        notice.state = State.SUBMITTED
        notice.submitted_at = timezone.now()
        notice.submitted_by = actor
        notice.decided_at = None
        notice.decided_by = None
        notice.save()
        audit_record(
            actor=actor,
            action="ic_notice.submit",
            target=notice,
            contract=access.contract,
            changes={"send_on": notice.send_on.isoformat()},
        )
        notification_send_to_role(
            access=access, role=Role.WARD_SUPERVISOR, kind=NOTICE_SUBMITTED, link=_link(notice)
        )
        activity = notice.activity
        if activity is not None:
            obligation_item_fulfil(
                actor=actor,
                access=access,
                action=EDIT_NOTICES,
                name=NOTICE_OBLIGATION,
                day=activity.date,
                by=f"ic_notice:{notice.pk}",
            )
    return notice


def notice_decide(
    *, actor: Any, access: ContractAccess, notice: Notice, acknowledge: bool, reason: str = ""
) -> Notice:
    """The ward supervisor confirms the content, or returns it with a reason."""
    access.require(DECIDE_NOTICES)
    reason = reason.strip()
    if not acknowledge and not reason:
        raise ValidationError({"reason": ["差し戻す理由を入力してください。"]})
    if reason:
        my_number_refuse(actor=actor, fields={"reason": reason}, contract=access.contract)
    with transaction.atomic():
        notice = _locked(access, notice)
        if notice.state != State.SUBMITTED:
            raise ValidationError("区の確認を待っている通知文ではありません。")
        notice.state = State.ACKNOWLEDGED if acknowledge else State.RETURNED
        notice.return_reason = "" if acknowledge else reason
        notice.decided_at = timezone.now()
        notice.decided_by = actor
        notice.save()
        audit_record(
            actor=actor,
            action="ic_notice.acknowledge" if acknowledge else "ic_notice.return",
            target=notice,
            contract=access.contract,
        )
        notification_send_to_role(
            access=access, role=Role.MANAGER, kind=NOTICE_DECIDED, link=_link(notice)
        )
    return notice


def notice_mark_sent(
    *, actor: Any, access: ContractAccess, notice: Notice, sent_on: date | None = None
) -> Notice:
    """The day the acknowledged notice went out; not earlier than a week after it reached the
    ward (IC-23), nor in the future."""
    access.require(EDIT_NOTICES)
    today = timezone.localdate()
    sent_on = sent_on or today
    with transaction.atomic():
        notice = _locked(access, notice)
        if notice.state != State.ACKNOWLEDGED:
            raise ValidationError("区が確認した通知文だけを送付済みにできます。")
        if sent_on > today:
            raise ValidationError({"sent_on": ["送付した日は今日以前の日にしてください。"]})
        submitted_on = timezone.localdate(notice.submitted_at or timezone.now())
        problem = rules.send_problem(submitted_on=submitted_on, sent_on=sent_on)
        if problem:
            raise ValidationError({"sent_on": [problem]})
        notice.state = State.SENT
        notice.sent_on = sent_on
        notice.save()
        audit_record(
            actor=actor,
            action="ic_notice.send",
            target=notice,
            contract=access.contract,
            changes={"sent_on": sent_on.isoformat()},
        )
    return notice


# ---- newsletters ------------------------------------------------------------------------------


def _newsletter_clean(
    access: ContractAccess, values: dict[str, Any], newsletter: Newsletter | None = None
) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    number = values.get("issue_number")
    if not isinstance(number, int) or number < 1:
        problems["issue_number"] = ["1以上の号を入力してください。"]
    else:
        taken = Newsletter.objects.filter(contract=access.contract, issue_number=number)
        if newsletter is not None:
            taken = taken.exclude(pk=newsletter.pk)
        if taken.exists():
            problems["issue_number"] = [f"第{number}号はもうあります。"]
    month = values.get("month")
    if not isinstance(month, date):
        problems["month"] = ["発行月を入力してください。"]
    for name in ("title", "body"):
        if not str(values.get(name) or "").strip():
            problems[name] = ["入力してください。"]
    if problems:
        raise ValidationError(problems)
    return {
        "issue_number": number,
        "month": values["month"].replace(day=1),
        "title": str(values["title"]).strip(),
        "body": str(values["body"]).strip(),
    }


def _refuse_newsletter_number(actor: Any, access: ContractAccess, clean: dict[str, Any]) -> None:
    my_number_refuse(
        actor=actor,
        fields={"title": clean["title"], "body": clean["body"]},
        contract=access.contract,
    )


def newsletter_create(*, actor: Any, access: ContractAccess, values: dict[str, Any]) -> Newsletter:
    access.require(EDIT_NOTICES)
    clean = _newsletter_clean(access, values)
    _refuse_newsletter_number(actor, access, clean)
    with transaction.atomic():
        newsletter = Newsletter.objects.create(contract=access.contract, **clean)
        audit_record(
            actor=actor,
            action="ic_newsletter.create",
            target=newsletter,
            contract=access.contract,
        )
    return newsletter


def _locked_newsletter(access: ContractAccess, newsletter: Newsletter) -> Newsletter:
    found = Newsletter.objects.select_for_update().get(pk=newsletter.pk, contract=access.contract)
    if found.state != Newsletter.State.DRAFT:
        raise ValidationError("発行した学級だよりは変更できません。")
    return found


def newsletter_change(
    *, actor: Any, access: ContractAccess, newsletter: Newsletter, values: dict[str, Any]
) -> Newsletter:
    access.require(EDIT_NOTICES)
    clean = _newsletter_clean(access, values, newsletter)
    _refuse_newsletter_number(actor, access, clean)
    with transaction.atomic():
        newsletter = _locked_newsletter(access, newsletter)
        changed = [n for n in NEWSLETTER_FIELDS if getattr(newsletter, n) != clean[n]]
        for name, value in clean.items():
            setattr(newsletter, name, value)
        newsletter.save()
        audit_record(
            actor=actor,
            action="ic_newsletter.change",
            target=newsletter,
            contract=access.contract,
            changes={"fields": sorted(changed)},
        )
    return newsletter


def newsletter_publish(*, actor: Any, access: ContractAccess, newsletter: Newsletter) -> Newsletter:
    access.require(EDIT_NOTICES)
    with transaction.atomic():
        newsletter = _locked_newsletter(access, newsletter)
        newsletter.state = Newsletter.State.PUBLISHED
        newsletter.published_at = timezone.now()
        newsletter.published_by = actor
        newsletter.save()
        audit_record(
            actor=actor,
            action="ic_newsletter.publish",
            target=newsletter,
            contract=access.contract,
        )
    return newsletter


def _participants_of(access: ContractAccess, participants: list[Any]) -> list[Any]:
    from itaku.ichou.participants.models import Participant

    ids = {str(getattr(p, "pk", p)) for p in participants}
    if not all(i.isdigit() for i in ids):
        raise ValidationError({"participants": ["この契約の参加者を選んでください。"]})
    found = list(Participant.objects.filter(contract=access.contract, pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({"participants": ["この契約の参加者を選んでください。"]})
    return found


IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})


def newsletter_photo_add(
    *,
    actor: Any,
    access: ContractAccess,
    newsletter: Newsletter,
    image: tuple[str, bytes],
    caption: str = "",
    participants: list[Any] | None = None,
) -> NewsletterPhoto:
    """A photo for the newsletter, with the participants it shows; refused when any of them
    has not consented to photos (IC-16). The refusal is logged by count only."""
    access.require(EDIT_NOTICES)
    caption = caption.strip()
    shown = _participants_of(access, participants or [])
    problem = rules.photo_problem([p.photo_consent for p in shown])
    if problem:
        logger.info(
            "newsletter photo refused: %d participant(s) without photo consent",
            sum(1 for p in shown if not p.photo_consent),
        )
        raise ValidationError({"participants": [problem]})
    my_number_refuse(
        actor=actor, fields={"caption": caption, "image": image[0]}, contract=access.contract
    )
    if (
        Newsletter.objects.filter(pk=newsletter.pk, contract=access.contract)
        .values_list("state", flat=True)
        .first()
        != Newsletter.State.DRAFT
    ):
        raise ValidationError("発行した学級だよりは変更できません。")
    if filetype.guess_mime(image[1]) not in IMAGE_TYPES:
        raise ValidationError({"image": ["写真はJPEGかPNGにしてください。"]})
    try:
        attachment = attachment_add(actor=actor, access=access, name=image[0], data=image[1])
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(
                {"image": error.message_dict.get("file", error.messages)}
            ) from None
        raise
    with transaction.atomic():
        newsletter = _locked_newsletter(access, newsletter)
        photo = NewsletterPhoto.objects.create(
            newsletter=newsletter, image=attachment, caption=caption
        )
        photo.participants.set(shown)
        audit_record(
            actor=actor,
            action="ic_newsletter_photo.add",
            target=photo,
            contract=access.contract,
            changes={"participants": len(shown)},
        )
    return photo


def newsletter_photo_remove(*, actor: Any, access: ContractAccess, photo: NewsletterPhoto) -> None:
    access.require(EDIT_NOTICES)
    with transaction.atomic():
        _locked_newsletter(access, photo.newsletter)
        photo = NewsletterPhoto.objects.get(pk=photo.pk, newsletter__contract=access.contract)
        audit_record(
            actor=actor,
            action="ic_newsletter_photo.remove",
            target=photo,
            contract=access.contract,
        )
        photo.delete()
