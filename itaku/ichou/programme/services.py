"""Writes of the annual programme (IC-3 … IC-8, IC-23) and its staffing plan (IC-17, IC-18):
start a year, add, change and remove activities while the version is a draft or returned, submit
(refused while ``domain.programme_problems`` finds anything), the ward supervisor approves or
returns, and a change after approval is a new version (a copy), approved before the day of any
activity it changes. On approval each activity's notice and schedule fall due (IC-23). Each write
records its audit event in its transaction; audit and notices hold counts and states, never
names."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import DueRule, Role
from itaku.core.models import Obligation
from itaku.core.selectors import contract_role_holders
from itaku.core.services import notification_send
from itaku.core.services.obligations import obligation_item_add_for_event
from itaku.ichou.programme import selectors
from itaku.ichou.programme.decl import (
    DECIDE_PROGRAMME,
    EDIT_PROGRAMME,
    PROGRAMME_CHANGED,
    PROGRAMME_DECIDED,
    PROGRAMME_SUBMITTED,
)
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment
from itaku.privacy.services import my_number_refuse

State = Programme.State
EDITABLE = (State.DRAFT, State.RETURNED)
# IC-23: the deliverables each activity's day brings (declared in itaku/ichou/contributions.py).
EVENT_OBLIGATIONS = ("当日のスケジュール・班編成", "参加者への通知文(区への提出)")
# The fields of an activity that the plan is made of (a change of one is a change of the plan).
PLAN_FIELDS = (
    "kind",
    "date",
    "end_date",
    "start",
    "end",
    "group",
    "place",
    "lecturer",
    "content",
    "expected_participants",
)
TEXT_FIELDS = ("place", "lecturer", "content")


def _link(programme: Programme) -> str:
    return reverse("ichou:programme", args=[programme.contract_id, programme.fiscal_year])


def _tell(access: ContractAccess, role: Role, kind: Any, programme: Programme) -> None:
    recipients = contract_role_holders(contract=access.contract, role=role, on=access.on)
    notification_send(
        recipients=recipients, kind=kind, link=_link(programme), contract=access.contract
    )


def programme_start(*, actor: Any, access: ContractAccess, fiscal_year: int) -> Programme:
    """The year's first version, empty, as a draft (IC-8)."""
    access.require(EDIT_PROGRAMME)
    with transaction.atomic():
        if Programme.objects.filter(contract=access.contract, fiscal_year=fiscal_year).exists():
            raise ValidationError("この年度の年間プログラムはもうあります。")
        programme = Programme.objects.create(contract=access.contract, fiscal_year=fiscal_year)
        audit_record(
            actor=actor, action="ic_programme.start", target=programme, contract=access.contract
        )
    return programme


def _editable(access: ContractAccess, programme: Programme) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk, contract=access.contract)
    if programme.state not in EDITABLE:
        raise ValidationError(
            "この版は提出済み・承認済みのため変更できません。変更は新しい版で行ってください。"
        )
    return programme


def _clean(values: dict[str, Any], fiscal_year: int) -> dict[str, Any]:
    """The values of an activity, checked for what no page may store: a kind the domain does not
    know, a day outside the fiscal year, a negative number."""
    problems: dict[str, list[str]] = {}
    kind = values.get("kind")
    if kind not in dict(Activity.KINDS):
        problems["kind"] = ["活動の種類を選んでください。"]
    if values.get("group") not in Activity.Group.values:
        problems["group"] = ["グループを選んでください。"]
    day = values.get("date")
    first, last = date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)
    if not isinstance(day, date) or not first <= day <= last:
        problems["date"] = [
            f"{fiscal_year}年度({first:%Y年%m月%d日}〜{last:%Y年%m月%d日})の日を選んでください。"
        ]
    end_date = values.get("end_date")
    if end_date is not None and isinstance(day, date) and end_date < day:
        problems["end_date"] = ["終了日は実施日より後にしてください。"]
    for name in ("start", "end"):
        if not isinstance(values.get(name), time):
            problems[name] = ["時刻を入力してください。"]
    if int(values.get("expected_participants") or 0) < 0:
        problems["expected_participants"] = ["0以上の人数を入力してください。"]
    if problems:
        raise ValidationError(problems)
    clean = {name: values.get(name) for name in PLAN_FIELDS}
    for name in TEXT_FIELDS:
        clean[name] = (clean[name] or "").strip()
    clean["expected_participants"] = int(clean["expected_participants"] or 0)
    return clean


def activity_add(
    *, actor: Any, access: ContractAccess, programme: Programme, values: dict[str, Any]
) -> Activity:
    """One activity in a draft (or returned) version; its problems are shown on the programme
    page, they do not stop it being saved (IC-3 … IC-7)."""
    access.require(EDIT_PROGRAMME)
    my_number_refuse(
        actor=actor,
        contract=access.contract,
        fields={n: values.get(n) or "" for n in TEXT_FIELDS},
    )
    clean = _clean(values, programme.fiscal_year)
    with transaction.atomic():
        programme = _editable(access, programme)
        activity = Activity.objects.create(programme=programme, **clean)
        audit_record(
            actor=actor,
            action="ic_activity.add",
            target=activity,
            contract=access.contract,
            changes={"kind": activity.kind, "date": activity.date.isoformat()},
        )
    return activity


def activity_change(
    *, actor: Any, access: ContractAccess, activity: Activity, values: dict[str, Any]
) -> Activity:
    access.require(EDIT_PROGRAMME)
    my_number_refuse(
        actor=actor,
        contract=access.contract,
        fields={n: values.get(n) or "" for n in TEXT_FIELDS},
    )
    clean = _clean(values, activity.programme.fiscal_year)
    with transaction.atomic():
        _editable(access, activity.programme)
        activity = Activity.objects.select_for_update().get(
            pk=activity.pk, programme__contract=access.contract
        )
        changed = [n for n in PLAN_FIELDS if getattr(activity, n) != clean[n]]
        for name, value in clean.items():
            setattr(activity, name, value)
        activity.save(update_fields=list(PLAN_FIELDS))
        audit_record(
            actor=actor,
            action="ic_activity.change",
            target=activity,
            contract=access.contract,
            changes={"fields": changed},
        )
    return activity


def activity_remove(*, actor: Any, access: ContractAccess, activity: Activity) -> None:
    access.require(EDIT_PROGRAMME)
    with transaction.atomic():
        programme = _editable(access, activity.programme)
        deleted, _ = Activity.objects.filter(programme=programme, pk=activity.pk).delete()
        if not deleted:
            raise ValidationError("その活動は見つかりません。")
        audit_record(
            actor=actor, action="ic_activity.remove", target=programme, contract=access.contract
        )


def programme_submit(*, actor: Any, access: ContractAccess, programme: Programme) -> Programme:
    """Submit to the ward supervisor (IC-8); refused while the programme breaks a rule of
    仕様書 6 (IC-3 … IC-7)."""
    access.require(EDIT_PROGRAMME)
    with transaction.atomic():
        programme = _editable(access, programme)
        problems = selectors.programme_problems(list(programme.activities.all()))
        if problems:
            raise ValidationError(
                f"年間プログラムに仕様書に合わない点が{len(problems)}件あります。"
                "すべて直してから提出してください。"
            )
        programme.state = State.SUBMITTED
        programme.submitted_at = timezone.now()
        programme.submitted_by = actor
        programme.save(update_fields=["state", "submitted_at", "submitted_by"])
        audit_record(
            actor=actor,
            action="ic_programme.submit",
            target=programme,
            contract=access.contract,
            changes={"version": programme.version},
        )
        _tell(access, Role.WARD_SUPERVISOR, PROGRAMME_SUBMITTED, programme)
    return programme


def _plan(activity: Activity) -> tuple[Any, ...]:
    return tuple(getattr(activity, n) for n in PLAN_FIELDS)


# The records of the other parts that hang on one activity: they follow it to its copy in a new
# approved version, like its day records (``day.services.day_records_carry``).
CARRIED_WITH_ACTIVITY = (
    "ichou.CostSheet",
    "ichou.LodgingChoice",
    "ichou.BusHikeLedgerEntry",
    "ichou.Notice",
    "ichou.Survey",
    "ichou.CharteredVehicle",
    "ichou.ParticipationPlan",
)


def activity_records_carry(*, actor: Any, old: Programme, new: Programme) -> dict[str, int]:
    """When ``new`` replaces ``old``, each record of ``CARRIED_WITH_ACTIVITY`` on an activity of
    ``old`` moves onto the same activity's copy in ``new`` (same plan), so the year's pages,
    which read the version in force, still find its cost sheet, lodging, ledger, notices,
    surveys and buses. A record of an activity the new version changed stays where it was
    (it was made for that plan); a one-to-one record is not moved onto a copy that has one.
    Runs in the approval's transaction; one audit record with the counts moved."""
    from django.apps import apps

    copies = {_plan(a): a for a in new.activities.all()}
    moved: dict[str, int] = {}
    for label in CARRIED_WITH_ACTIVITY:
        model = apps.get_model(label)
        one_to_one = model._meta.get_field("activity").one_to_one
        for row in model.objects.filter(activity__programme=old).select_related("activity"):
            copy = copies.get(_plan(row.activity))
            if copy is None or (one_to_one and model.objects.filter(activity=copy).exists()):
                continue
            # ``update``: a ledger line refuses ``save`` (its amounts never change); only the
            # activity it belongs to is moved, to that activity's own copy.
            model.objects.filter(pk=row.pk).update(activity=copy)
            moved[model._meta.model_name] = moved.get(model._meta.model_name, 0) + 1
    if moved:
        audit_record(
            actor=actor,
            action="ic_programme.carry",
            target=new,
            contract=new.contract,
            changes=moved,
        )
    return moved


def changed_days(programme: Programme, previous: Programme | None) -> set[date]:
    """The days of the activities a new version adds, changes or removes against the version in
    force (an activity that moves changes both its days)."""
    if previous is None:
        return set()
    old = {_plan(a) for a in previous.activities.all()}
    new = {_plan(a) for a in programme.activities.all()}
    return {plan[1] for plan in old ^ new}


def _event_items(actor: Any, access: ContractAccess, programme: Programme) -> int:
    """IC-23: each activity's schedule and team formation, and its notice to participants, fall
    due a week before its day (one item per obligation and day; a day already there is kept)."""
    obligations = list(
        Obligation.objects.filter(
            contract=access.contract,
            name__in=EVENT_OBLIGATIONS,
            rule=DueRule.DAYS_BEFORE_EVENT.value,
        )
    )
    days = sorted({a.date for a in programme.activities.all() if not a.cancelled_for_weather})
    for obligation in obligations:
        for day in days:
            obligation_item_add_for_event(actor=actor, obligation=obligation, event_day=day)
    return len(obligations) * len(days)


def _carry_cancellations(old: Programme, new: Programme) -> None:
    """A weather cancellation recorded on the version in force after the new one was copied
    from it stays on the same activity of the new version (the record is not lost)."""
    cancelled = {_plan(a): a for a in old.activities.filter(cancelled_for_weather=True)}
    for activity in new.activities.filter(cancelled_for_weather=False):
        was = cancelled.get(_plan(activity))
        if was is not None:
            activity.cancelled_for_weather = True
            activity.cancellation_agreed_on = was.cancellation_agreed_on
            activity.cancellation_notice_sent_on = was.cancellation_notice_sent_on
            activity.cancellation_agreement_id = was.cancellation_agreement_id
            activity.save(
                update_fields=[
                    "cancelled_for_weather",
                    "cancellation_agreed_on",
                    "cancellation_notice_sent_on",
                    "cancellation_agreement",
                ]
            )


def programme_decide(
    *, actor: Any, access: ContractAccess, programme: Programme, approve: bool, note: str = ""
) -> Programme:
    """The ward supervisor approves the submitted version (the one in force before is superseded)
    or returns it with a note; the manager is told. A new version that changes an activity is
    approved only before that activity's day, and before the old day of one it moves (IC-3,
    IC-8: 「変更は事前に協議」)."""
    access.require(DECIDE_PROGRAMME)
    my_number_refuse(actor=actor, contract=access.contract, fields={"note": note})
    if not approve and not note.strip():
        raise ValidationError({"note": ["差し戻す理由を入力してください。"]})
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(
            pk=programme.pk, contract=access.contract
        )
        if programme.state != State.SUBMITTED:
            raise ValidationError("提出された版だけを承認・差し戻しできます。")
        in_force = Programme.objects.filter(
            contract=access.contract, fiscal_year=programme.fiscal_year, state=State.APPROVED
        ).first()
        if approve:
            late = sorted(d for d in changed_days(programme, in_force) if d <= access.on)
            if late:
                raise ValidationError(
                    "当日を過ぎた(または今日の)活動を変える版は承認できません("
                    + "、".join(selectors.day_label(d) for d in late)
                    + ")。変更は活動の日より前に合意します。"
                )
            if in_force is not None:
                _carry_cancellations(in_force, programme)
                # IC-11 … IC-13: what was recorded on a day follows its activity to the copy.
                from itaku.ichou.day.services import day_records_carry

                day_records_carry(actor=actor, old=in_force, new=programme)
                activity_records_carry(actor=actor, old=in_force, new=programme)
                in_force.state = State.SUPERSEDED
                in_force.save(update_fields=["state"])
        programme.state = State.APPROVED if approve else State.RETURNED
        programme.decided_at = timezone.now()
        programme.decided_by = actor
        programme.return_note = "" if approve else note.strip()
        programme.save(update_fields=["state", "decided_at", "decided_by", "return_note"])
        items = _event_items(actor, access, programme) if approve else 0
        audit_record(
            actor=actor,
            action="ic_programme.approve" if approve else "ic_programme.return",
            target=programme,
            contract=access.contract,
            changes={"version": programme.version, "event_items": items},
        )
        _tell(access, Role.MANAGER, PROGRAMME_DECIDED, programme)
    return programme


def programme_revise(
    *,
    actor: Any,
    access: ContractAccess,
    programme: Programme,
    reason: str,
    agreement: Any = None,
) -> Programme:
    """A change after approval: a new draft version holding a copy of the approved activities
    and their staff; the approved one stays in force until the new one is approved. The ward
    supervisors are told (no names). The change's 協議記録 (IC-35) may be named."""
    from itaku.ichou.agreements.services import agreement_for_step

    access.require(EDIT_PROGRAMME)
    record = agreement_for_step(access=access, agreement=agreement)
    my_number_refuse(actor=actor, contract=access.contract, fields={"change_reason": reason})
    if not reason.strip():
        raise ValidationError({"change_reason": ["変更の理由を入力してください。"]})
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(
            pk=programme.pk, contract=access.contract
        )
        if programme.state != State.APPROVED:
            raise ValidationError("承認済みの版だけを変更できます。")
        newest = Programme.objects.filter(
            contract=access.contract, fiscal_year=programme.fiscal_year
        ).aggregate(v=Max("version"))["v"]
        if newest != programme.version:
            raise ValidationError("この年度にはもう新しい版があります。")
        new = Programme.objects.create(
            contract=access.contract,
            fiscal_year=programme.fiscal_year,
            version=programme.version + 1,
            change_reason=reason.strip(),
            agreement=record,
        )
        for old in programme.activities.prefetch_related("assignments"):
            copy = Activity.objects.create(
                programme=new,
                cancelled_for_weather=old.cancelled_for_weather,
                cancellation_agreed_on=old.cancellation_agreed_on,
                cancellation_notice_sent_on=old.cancellation_notice_sent_on,
                cancellation_agreement_id=old.cancellation_agreement_id,
                **{n: getattr(old, n) for n in PLAN_FIELDS},
            )
            StaffAssignment.objects.bulk_create(
                StaffAssignment(activity=copy, entry_id=a.entry_id) for a in old.assignments.all()
            )
        audit_record(
            actor=actor,
            action="ic_programme.revise",
            target=new,
            contract=access.contract,
            changes={"version": new.version, "agreement": record.number if record else None},
        )
        _tell(access, Role.WARD_SUPERVISOR, PROGRAMME_CHANGED, new)
    return new


def activity_cancel_for_weather(
    *,
    actor: Any,
    access: ContractAccess,
    activity: Activity,
    agreed_on: date,
    notice_sent_on: date,
    agreement: Any = None,
) -> Activity:
    """IC-23: an activity of the approved programme cancelled for weather, agreed with the ward
    beforehand (on or before the day) and the notice to the participants sent; the agreement's
    協議記録 (IC-35) may be named."""
    from itaku.ichou.agreements.services import agreement_for_step

    access.require(EDIT_PROGRAMME)
    record = agreement_for_step(access=access, agreement=agreement)
    problems: dict[str, list[str]] = {}
    if agreed_on > activity.date:
        problems["agreed_on"] = ["荒天による中止は、活動の日までに区と合意します。"]
    if agreed_on > access.on:
        problems["agreed_on"] = ["区と合意した日は今日より後にできません。"]
    if notice_sent_on < agreed_on or notice_sent_on > access.on:
        problems["notice_sent_on"] = ["通知を送った日は、合意した日から今日までの日です。"]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(
            pk=activity.pk, programme__contract=access.contract
        )
        if activity.programme.state != State.APPROVED:
            raise ValidationError("承認済みの年間プログラムの活動だけを中止にできます。")
        if activity.cancelled_for_weather:
            raise ValidationError("この活動は中止が記録済みです。")
        activity.cancelled_for_weather = True
        activity.cancellation_agreed_on = agreed_on
        activity.cancellation_notice_sent_on = notice_sent_on
        activity.cancellation_agreement = record
        activity.save(
            update_fields=[
                "cancelled_for_weather",
                "cancellation_agreed_on",
                "cancellation_notice_sent_on",
                "cancellation_agreement",
            ]
        )
        audit_record(
            actor=actor,
            action="ic_activity.weather_cancel",
            target=activity,
            contract=access.contract,
            changes={
                "agreed_on": agreed_on.isoformat(),
                "notice_sent_on": notice_sent_on.isoformat(),
                "agreement": record.number if record else None,
            },
        )
    return activity


def _staffable(access: ContractAccess, activity: Activity) -> Activity:
    activity = Activity.objects.select_for_update().get(
        pk=activity.pk, programme__contract=access.contract
    )
    if activity.programme.state == State.SUPERSEDED:
        raise ValidationError("この版は新しい版に変わっています。新しい版で割り当ててください。")
    return activity


def staff_assign(
    *, actor: Any, access: ContractAccess, activity: Activity, entry_id: Any
) -> StaffAssignment:
    """A roster entry of the contract, active on the activity's day, planned on it by hand
    (IC-17, IC-18)."""
    access.require(EDIT_PROGRAMME)
    entry = (
        selectors.entries_for(contract=access.contract, on=activity.date)
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise ValidationError(
            {"entry": ["活動の日に従事者名簿で承認されている人だけを割り当てられます。"]}
        )
    with transaction.atomic():
        activity = _staffable(access, activity)
        if StaffAssignment.objects.filter(activity=activity, entry=entry).exists():
            raise ValidationError({"entry": ["この人はもう割り当てられています。"]})
        assignment = StaffAssignment.objects.create(activity=activity, entry=entry)
        audit_record(
            actor=actor,
            action="ic_activity.staff_assign",
            target=activity,
            contract=access.contract,
            changes={"role": entry.role},
        )
    return assignment


def staff_unassign(
    *, actor: Any, access: ContractAccess, activity: Activity, assignment_id: Any
) -> None:
    access.require(EDIT_PROGRAMME)
    with transaction.atomic():
        activity = _staffable(access, activity)
        deleted, _ = StaffAssignment.objects.filter(activity=activity, pk=assignment_id).delete()
        if not deleted:
            raise ValidationError("その割当ては見つかりません。")
        audit_record(
            actor=actor,
            action="ic_activity.staff_unassign",
            target=activity,
            contract=access.contract,
        )
