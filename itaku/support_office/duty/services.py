"""Writes of the duty schedule (SO-9, SO-10): start a month, add and remove shifts, submit (refused
while the open hours have a gap), the ward supervisor approves or returns, and a change after
approval is a new version the ward is told of. Each writes its audit record in its transaction;
the audit and the notices hold counts and states, never names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import Role
from itaku.core.models import ObligationItem
from itaku.core.selectors import contract_role_holders
from itaku.core.services import notification_send
from itaku.core.services.obligations import obligation_item_submit
from itaku.privacy.services import my_number_refuse
from itaku.support_office.duty import selectors
from itaku.support_office.duty.decl import (
    DECIDE_DUTY,
    DUTY_CHANGED,
    DUTY_DECIDED,
    DUTY_SUBMITTED,
    EDIT_DUTY,
)
from itaku.support_office.duty.models import DutySchedule, DutyShift

State = DutySchedule.State
EDITABLE = (State.DRAFT, State.RETURNED)
OBLIGATION_NAME = "勤務予定表"


def _link(schedule: DutySchedule) -> str:
    return reverse(
        "support_office:duty-month",
        args=[schedule.contract_id, schedule.year, schedule.month],
    )


def _tell(access: ContractAccess, role: Role, kind: Any, schedule: DutySchedule) -> None:
    recipients = contract_role_holders(contract=access.contract, role=role, on=access.on)
    notification_send(
        recipients=recipients, kind=kind, link=_link(schedule), contract=access.contract
    )


def schedule_start(*, actor: Any, access: ContractAccess, year: int, month: int) -> DutySchedule:
    """The month's first version, empty, as a draft (SO-10)."""
    access.require(EDIT_DUTY)
    if not 1 <= month <= 12:
        raise ValidationError("月は1〜12で指定してください。")
    with transaction.atomic():
        if DutySchedule.objects.filter(contract=access.contract, year=year, month=month).exists():
            raise ValidationError("この月の勤務予定表はもうあります。")
        schedule = DutySchedule.objects.create(contract=access.contract, year=year, month=month)
        audit_record(actor=actor, action="so_duty.start", target=schedule, contract=access.contract)
    return schedule


def schedule_revise(
    *, actor: Any, access: ContractAccess, schedule: DutySchedule, reason: str
) -> DutySchedule:
    """A change after approval: a new draft version holding the approved shifts; the approved one
    stays in force until the new one is approved. The ward supervisors are told (no names)."""
    access.require(EDIT_DUTY)
    my_number_refuse(actor=actor, contract=access.contract, fields={"change_reason": reason})
    if not reason.strip():
        raise ValidationError({"change_reason": ["変更の理由を入力してください。"]})
    with transaction.atomic():
        schedule = DutySchedule.objects.select_for_update().get(
            pk=schedule.pk, contract=access.contract
        )
        if schedule.state != State.APPROVED:
            raise ValidationError("承認済みの版だけを変更できます。")
        newest = DutySchedule.objects.filter(
            contract=access.contract, year=schedule.year, month=schedule.month
        ).aggregate(v=Max("version"))["v"]
        if newest != schedule.version:
            raise ValidationError("この月にはもう新しい版があります。")
        new = DutySchedule.objects.create(
            contract=access.contract,
            year=schedule.year,
            month=schedule.month,
            version=schedule.version + 1,
            change_reason=reason.strip(),
        )
        DutyShift.objects.bulk_create(
            DutyShift(schedule=new, entry_id=s.entry_id, starts_at=s.starts_at, ends_at=s.ends_at)
            for s in schedule.shifts.all()
        )
        audit_record(
            actor=actor,
            action="so_duty.revise",
            target=new,
            contract=access.contract,
            changes={"version": new.version},
        )
        _tell(access, Role.WARD_SUPERVISOR, DUTY_CHANGED, new)
    return new


def _editable(access: ContractAccess, schedule: DutySchedule) -> DutySchedule:
    schedule = DutySchedule.objects.select_for_update().get(
        pk=schedule.pk, contract=access.contract
    )
    if schedule.state not in EDITABLE:
        raise ValidationError(
            "この版は提出済み・承認済みのため変更できません。変更は新しい版で行ってください。"
        )
    return schedule


def shift_add(
    *,
    actor: Any,
    access: ContractAccess,
    schedule: DutySchedule,
    entry_id: Any,
    starts_at: datetime,
    ends_at: datetime,
) -> DutyShift:
    """One person on post from ``starts_at`` to ``ends_at``. Only a person with an active roster
    entry on the contract on that day can be put on a shift (SO-10)."""
    access.require(EDIT_DUTY)
    problems: dict[str, list[str]] = {}
    if ends_at <= starts_at:
        problems["ends_at"] = ["終了は開始より後の時刻にしてください。"]
    day = timezone.localtime(starts_at).date()
    if (day.year, day.month) != (schedule.year, schedule.month):
        problems["day"] = [f"{schedule.year}年{schedule.month}月の日を選んでください。"]
    entry = selectors.entries_on_post(contract=access.contract, on=day).filter(pk=entry_id).first()
    if entry is None:
        problems["entry"] = ["この日に従事者名簿で承認されている人だけを勤務に入れられます。"]
    if problems or entry is None:
        raise ValidationError(problems)
    with transaction.atomic():
        schedule = _editable(access, schedule)
        shift = DutyShift.objects.create(
            schedule=schedule, entry=entry, starts_at=starts_at, ends_at=ends_at
        )
        audit_record(
            actor=actor, action="so_duty.shift_add", target=schedule, contract=access.contract
        )
    return shift


def shift_remove(
    *, actor: Any, access: ContractAccess, schedule: DutySchedule, shift_id: Any
) -> None:
    access.require(EDIT_DUTY)
    with transaction.atomic():
        schedule = _editable(access, schedule)
        deleted, _ = DutyShift.objects.filter(schedule=schedule, pk=shift_id).delete()
        if not deleted:
            raise ValidationError("その勤務は見つかりません。")
        audit_record(
            actor=actor, action="so_duty.shift_remove", target=schedule, contract=access.contract
        )


def _obligation_item(access: ContractAccess, schedule: DutySchedule) -> ObligationItem | None:
    first, _ = selectors.deadlines.month_bounds(schedule.year, schedule.month)
    return ObligationItem.objects.filter(
        obligation__contract=access.contract,
        obligation__name=OBLIGATION_NAME,
        period_start__lte=first,
        period_end__gte=first,
    ).first()


def schedule_submit(*, actor: Any, access: ContractAccess, schedule: DutySchedule) -> DutySchedule:
    """Submit to the ward supervisor. Refused while an open hour of a business day has no post
    with police or similar experience (SO-9: a gap is a violation). The month's obligation item
    (勤務予定表, SO-10) is marked submitted by the first submission."""
    access.require(EDIT_DUTY)
    with transaction.atomic():
        schedule = _editable(access, schedule)
        check = selectors.schedule_check(schedule)
        if not check.ok:
            raise ValidationError(
                f"開所時間に警察等の実務経験のある従事者がいない時間が{len(check.gaps)}件あります。"
                "すべて埋めてから提出してください。"
            )
        schedule.state = State.SUBMITTED
        schedule.submitted_at = timezone.now()
        schedule.submitted_by = actor
        schedule.save(update_fields=["state", "submitted_at", "submitted_by"])
        audit_record(
            actor=actor,
            action="so_duty.submit",
            target=schedule,
            contract=access.contract,
            changes={"version": schedule.version, "labour_problems": len(check.labour)},
        )
        item = _obligation_item(access, schedule)
        if item is not None and item.submitted_at is None:
            obligation_item_submit(actor=actor, access=access, item=item)
        _tell(access, Role.WARD_SUPERVISOR, DUTY_SUBMITTED, schedule)
    return schedule


def schedule_decide(
    *, actor: Any, access: ContractAccess, schedule: DutySchedule, approve: bool, note: str = ""
) -> DutySchedule:
    """The ward supervisor approves the submitted version (an older approved one is superseded)
    or returns it with a note; the manager is told."""
    access.require(DECIDE_DUTY)
    my_number_refuse(actor=actor, contract=access.contract, fields={"note": note})
    if not approve and not note.strip():
        raise ValidationError({"note": ["差し戻す理由を入力してください。"]})
    with transaction.atomic():
        schedule = DutySchedule.objects.select_for_update().get(
            pk=schedule.pk, contract=access.contract
        )
        if schedule.state != State.SUBMITTED:
            raise ValidationError("提出された版だけを承認・差し戻しできます。")
        if approve:
            DutySchedule.objects.filter(
                contract=access.contract,
                year=schedule.year,
                month=schedule.month,
                state=State.APPROVED,
            ).update(state=State.SUPERSEDED)
        schedule.state = State.APPROVED if approve else State.RETURNED
        schedule.decided_at = timezone.now()
        schedule.decided_by = actor
        schedule.decision_note = "" if approve else note.strip()
        schedule.save(update_fields=["state", "decided_at", "decided_by", "decision_note"])
        audit_record(
            actor=actor,
            action="so_duty.approve" if approve else "so_duty.return",
            target=schedule,
            contract=access.contract,
            changes={"version": schedule.version},
        )
        _tell(access, Role.MANAGER, DUTY_DECIDED, schedule)
    return schedule
