"""Writes of the activity day (IC-10 … IC-15, IC-31, IC-32, IC-34). Each write checks its action,
runs in one transaction with its audit record (counts and states, never names or health words)
and refuses a My Number in any free text.

Check-in and dismissal are taps on a phone at the door: each POST carries a client token, and a
second call with the same token answers the record the first made (as the support office's
one-tap emergency request does), so a repeated tap on a slow connection records once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess, active_entry_q
from itaku.core.domain import WARD_ROLES, Role
from itaku.core.models import RosterEntry
from itaku.core.selectors import contract_role_holders
from itaku.core.services import notification_send
from itaku.ichou import domain
from itaku.ichou.day import selectors
from itaku.ichou.day.decl import (
    ACCIDENT_REPORTED,
    ACKNOWLEDGE_ACCIDENT,
    CLOSE_DAY,
    OVERRIDE_STAY_HOME,
    REPORT_ACCIDENT,
    RUN_DAY,
    STAFFING_SHORT,
)
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.programme.models import Activity, Programme
from itaku.privacy.services import my_number_refuse

Result = CheckIn.Result


def _day(access: ContractAccess, activity: Activity) -> ActivityDay:
    """The activity's day, locked; made on its first record. Refused once closed."""
    if activity.programme.contract_id != access.contract.pk:
        raise ValidationError("その活動は見つかりません。")
    if activity.programme.state != Programme.State.APPROVED:
        # A draft's or a superseded version's activity is not the one run on the day.
        raise ValidationError("承認済みの年間プログラムの活動だけを記録できます。")
    day, _ = ActivityDay.objects.get_or_create(activity=activity, contract=access.contract)
    day = ActivityDay.objects.select_for_update().get(pk=day.pk)
    return day


def _open_day(access: ContractAccess, activity: Activity) -> ActivityDay:
    day = _day(access, activity)
    if day.closed_at is not None:
        raise ValidationError("この活動日はもう終了しています。")
    return day


@dataclass(frozen=True)
class Marked:
    """What a tap recorded: the record, whether this call made it (False for a repeated token)."""

    record: Any
    created: bool


def _temperature(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        reading = Decimal(str(value)).quantize(Decimal("0.1"))
    except ArithmeticError:
        raise ValidationError(
            {"temperature": ["体温は 36.5 のように数字で入力してください。"]}
        ) from None
    if not Decimal("30.0") <= reading <= Decimal("45.0"):
        raise ValidationError({"temperature": ["体温は30.0〜45.0の間で入力してください。"]})
    return reading


def _notify_short(access: ContractAccess, activity: Activity) -> None:
    recipients = contract_role_holders(contract=access.contract, role=Role.MANAGER, on=access.on)
    notification_send(
        recipients=recipients,
        kind=STAFFING_SHORT,
        link=reverse("ichou:day-door", args=[access.contract.pk, activity.pk]),
        contract=access.contract,
    )


def checkin_record(
    *,
    actor: Any,
    access: ContractAccess,
    activity: Activity,
    participant_id: Any = None,
    entry_id: Any = None,
    temperature: Any = None,
    strong_symptom: bool = False,
    mild_symptom: bool = False,
    continuing: bool = False,
    questionnaire: bool = False,
    higher_risk: bool = False,
    override_reason: str = "",
    client_token: str = "",
    now: datetime | None = None,
) -> Marked:
    """The health check of one expected participant (``participant_id``) or one staff member
    (``entry_id``) at the door (IC-11, IC-32). ``domain.must_stay_home`` decides: when it says
    stay home the person is recorded as asked to stay home, unless a nurse overrides with a
    reason (anyone else giving a reason is refused). A participant's higher risk is whether
    their 基礎疾患等 is filled in; a staff member's is the flag entered here."""
    access.require(RUN_DAY)
    override_reason = (override_reason or "").strip()
    my_number_refuse(
        actor=actor, contract=access.contract, fields={"override_reason": override_reason}
    )
    if override_reason and not access.can(OVERRIDE_STAY_HOME):
        raise PermissionDenied
    if (participant_id is None) == (entry_id is None):
        raise ValidationError("参加者か従事者のどちらかを選んでください。")
    reading = _temperature(temperature)
    now = now or timezone.now()
    client_token = (client_token or "")[:64]
    participant = entry = None
    if participant_id is not None:
        participant = next(
            (
                p
                for p in selectors.expected_participants(activity)
                if str(p.pk) == str(participant_id)
            ),
            None,
        )
        if participant is None:
            raise ValidationError("この活動に登録されている参加者ではありません。")
        higher_risk = bool(participant.higher_risk.strip())
    else:
        entry = (
            RosterEntry.objects.filter(contract=access.contract, pk=entry_id)
            # Only someone the roster lets work on the day (approved, pledged, not ended): an
            # ended or unapproved entry is not staff and counts for nothing (IC-17).
            .filter(active_entry_q(activity.date))
            .exclude(role__in=[r.value for r in WARD_ROLES])
            .select_related("person")
            .first()
        )
        if entry is None:
            raise ValidationError("この日に従事できる人として従事者名簿に載っていません。")
    stay_home = domain.must_stay_home(
        temperature=float(reading) if reading is not None else None,
        strong_symptom=strong_symptom,
        mild_symptom=mild_symptom,
        higher_risk=higher_risk,
        continuing=continuing,
    )
    if stay_home:
        result = Result.OVERRIDDEN if override_reason else Result.STAY_HOME
    else:
        result = Result.CHECKED_IN
        override_reason = ""
    try:
        with transaction.atomic():
            day = _open_day(access, activity)
            if client_token:
                found = day.checkins.filter(client_token=client_token).first()
                if found is not None:
                    return Marked(found, False)
            before = selectors.staffing_state(activity, selectors.checkins_of(day))
            who = {"participant": participant} if participant else {"entry": entry}
            existing = day.checkins.filter(**who).first()
            if existing is not None and existing.result != Result.STAY_HOME:
                raise ValidationError("この人はもう受付済みです。")
            if existing is not None:
                # §25(4): any reading at the door is a reason, so a second, lower reading does
                # not undo the first; only a nurse's decision with its reason does.
                raise ValidationError(
                    "この人には欠席をお願いしています。測り直しても受付はできません。"
                    "受付するには、看護師が理由を入れて受付してください。"
                )
            checkin = CheckIn.objects.create(
                contract=access.contract,
                day=day,
                temperature=reading,
                strong_symptom=strong_symptom,
                mild_symptom=mild_symptom,
                continuing=continuing,
                higher_risk=higher_risk,
                questionnaire=questionnaire,
                result=result,
                override_reason=override_reason,
                overridden_by=actor if result == Result.OVERRIDDEN else None,
                client_token=client_token,
                at=now,
                by=actor,
                **who,
            )
            audit_record(
                actor=actor,
                action="ic_checkin.override"
                if result == Result.OVERRIDDEN
                else "ic_checkin.record",
                target=checkin,
                contract=access.contract,
                changes={"result": result, "staff": entry is not None},
            )
            after = selectors.staffing_state(activity, selectors.checkins_of(day))
            if after.short and not before.short:
                _notify_short(access, activity)
    except IntegrityError:
        # Two taps with one token raced: the first one's record is the answer.
        found = CheckIn.objects.filter(day__activity=activity, client_token=client_token).first()
        if found is None:
            raise
        return Marked(found, False)
    return Marked(checkin, True)


def checkin_override(
    *, actor: Any, access: ContractAccess, checkin: CheckIn, reason: str
) -> CheckIn:
    """IC-32: a nurse lets in someone asked to stay home, with the reason (audited)."""
    access.require(OVERRIDE_STAY_HOME)
    reason = (reason or "").strip()
    my_number_refuse(actor=actor, contract=access.contract, fields={"override_reason": reason})
    if not reason:
        raise ValidationError({"override_reason": ["看護師の判断の理由を入力してください。"]})
    with transaction.atomic():
        day = _open_day(access, checkin.day.activity)
        checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk, day=day)
        if checkin.result != Result.STAY_HOME:
            raise ValidationError("欠席をお願いした人だけを看護師の判断で受付できます。")
        before = selectors.staffing_state(day.activity, selectors.checkins_of(day))
        checkin.result = Result.OVERRIDDEN
        checkin.override_reason = reason
        checkin.overridden_by = actor
        checkin.save(update_fields=["result", "override_reason", "overridden_by"])
        audit_record(
            actor=actor,
            action="ic_checkin.override",
            target=checkin,
            contract=access.contract,
            changes={"result": checkin.result},
        )
        after = selectors.staffing_state(day.activity, selectors.checkins_of(day))
        if after.short and not before.short:
            _notify_short(access, day.activity)
    return checkin


def dismissal_record(
    *,
    actor: Any,
    access: ContractAccess,
    activity: Activity,
    participant_id: Any,
    how: str,
    handed_to_name: str = "",
    handed_to_relation: str = "",
    staff_id: Any = None,
    at: datetime | None = None,
    client_token: str = "",
) -> Marked:
    """IC-12: a checked-in participant went home alone (at a time) or was handed over in person
    to someone (name and relation) by a staff member."""
    access.require(RUN_DAY)
    handed_to_name = (handed_to_name or "").strip()
    handed_to_relation = (handed_to_relation or "").strip()
    my_number_refuse(
        actor=actor,
        contract=access.contract,
        fields={"handed_to_name": handed_to_name, "handed_to_relation": handed_to_relation},
    )
    problems: dict[str, list[str]] = {}
    if how not in Dismissal.How.values:
        problems["how"] = ["帰り方を選んでください。"]
    staff = None
    if how == Dismissal.How.HANDED_OVER:
        if not handed_to_name:
            problems["handed_to_name"] = ["引き渡した相手の名前を入力してください。"]
        if not handed_to_relation:
            problems["handed_to_relation"] = ["相手の続柄を入力してください。"]
        staff = RosterEntry.objects.filter(contract=access.contract, pk=staff_id).first()
        if staff is None:
            problems["staff"] = ["付き添って引き渡した従事者を選んでください。"]
    else:
        handed_to_name = handed_to_relation = ""
    if problems:
        raise ValidationError(problems)
    client_token = (client_token or "")[:64]
    with transaction.atomic():
        day = _open_day(access, activity)
        if client_token:
            found = day.dismissals.filter(client_token=client_token).first()
            if found is not None:
                return Marked(found, False)
        checkin = (
            day.checkins.filter(participant_id=participant_id).select_related("participant").first()
        )
        if checkin is None or checkin.participant is None or not checkin.present:
            raise ValidationError("受付していない参加者は解散を記録できません。")
        if day.dismissals.filter(participant_id=participant_id).exists():
            raise ValidationError("この参加者の解散はもう記録されています。")
        dismissal = Dismissal.objects.create(
            contract=access.contract,
            day=day,
            participant=checkin.participant,
            how=how,
            at=at or timezone.now(),
            handed_to_name=handed_to_name,
            handed_to_relation=handed_to_relation,
            staff=staff,
            client_token=client_token,
            by=actor,
        )
        audit_record(
            actor=actor,
            action="ic_dismissal.record",
            target=dismissal,
            contract=access.contract,
            changes={"how": how},
        )
    return Marked(dismissal, True)


def day_prepare(
    *, actor: Any, access: ContractAccess, activity: Activity, checked: dict[str, bool]
) -> ActivityDay:
    """IC-10, IC-34: the preparation checklist and the infection-control items, ticked."""
    access.require(RUN_DAY)
    names = ActivityDay.PREPARATION + ActivityDay.INFECTION
    with transaction.atomic():
        day = _open_day(access, activity)
        for name in names:
            setattr(day, name, bool(checked.get(name)))
        day.save(update_fields=list(names))
        audit_record(
            actor=actor,
            action="ic_day.prepare",
            target=day,
            contract=access.contract,
            changes={"done": sum(1 for n in names if getattr(day, n)), "of": len(names)},
        )
    return day


def day_log_write(
    *, actor: Any, access: ContractAccess, activity: Activity, values: dict[str, Any]
) -> ActivityDay:
    """IC-13, IC-14: the work log (業務日誌), one form: texts sealed, the after-checks ticked."""
    access.require(CLOSE_DAY)
    texts = {n: (values.get(n) or "").strip() for n in ActivityDay.LOG_TEXTS}
    my_number_refuse(actor=actor, contract=access.contract, fields=texts)
    if not texts["log_events"]:
        raise ValidationError({"log_events": ["本日の出来事を入力してください。"]})
    with transaction.atomic():
        day = _open_day(access, activity)
        for name, text in texts.items():
            setattr(day, name, text)
        for name in ActivityDay.AFTER:
            setattr(day, name, bool(values.get(name)))
        day.log_written_at = timezone.now()
        day.log_written_by = actor
        day.save()
        audit_record(
            actor=actor,
            action="ic_day.log",
            target=day,
            contract=access.contract,
            changes={"after_done": [n for n in ActivityDay.AFTER if getattr(day, n)]},
        )
    return day


def day_close(*, actor: Any, access: ContractAccess, activity: Activity) -> ActivityDay:
    """Close the day: refused while a checked-in participant has no dismissal (IC-12), before
    the work log is written, or while the building is not locked and the keys returned (IC-13)."""
    access.require(CLOSE_DAY)
    with transaction.atomic():
        day = _open_day(access, activity)
        present = {c.participant_id for c in day.checkins.all() if c.participant_id and c.present}
        gone = set(day.dismissals.values_list("participant_id", flat=True))
        missing = present - gone
        if missing:
            raise ValidationError(
                f"まだ帰宅・引渡しを記録していない参加者が{len(missing)}人います。"
                "全員の解散を記録してから終了してください。"
            )
        if day.log_written_at is None:
            raise ValidationError("業務日誌を書いてから終了してください。")
        if not (day.locked and day.keys_returned):
            raise ValidationError("施錠と鍵の返却を確認してから終了してください。")
        day.closed_at = timezone.now()
        day.closed_by = actor
        day.save(update_fields=["closed_at", "closed_by"])
        audit_record(
            actor=actor,
            action="ic_day.close",
            target=day,
            contract=access.contract,
            changes={"participants": len(present)},
        )
    return day


def accident_report(
    *, actor: Any, access: ContractAccess, activity: Activity, values: dict[str, Any]
) -> AccidentReport:
    """IC-15, IC-31: an accident report; the ward supervisors are told at once, naming only its
    kind of thing and a link."""
    access.require(REPORT_ACCIDENT)
    texts = {n: (values.get(n) or "").strip() for n in AccidentReport.TEXTS}
    my_number_refuse(actor=actor, contract=access.contract, fields=texts)
    problems: dict[str, list[str]] = {}
    if values.get("kind") not in AccidentReport.Kind.values:
        problems["kind"] = ["種類を選んでください。"]
    if not texts["what"]:
        problems["what"] = ["何が起きたかを入力してください。"]
    if not isinstance(values.get("happened_at"), datetime):
        problems["happened_at"] = ["発生日時を入力してください。"]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        day = _day(access, activity)
        report = AccidentReport.objects.create(
            contract=access.contract,
            day=day,
            kind=values["kind"],
            happened_at=values["happened_at"],
            guardian_contacted_at=values.get("guardian_contacted_at"),
            reported_at=timezone.now(),
            reported_by=actor,
            **texts,
        )
        audit_record(
            actor=actor,
            action="ic_accident.report",
            target=report,
            contract=access.contract,
            changes={"kind": report.kind},
        )
        notification_send(
            recipients=contract_role_holders(
                contract=access.contract, role=Role.WARD_SUPERVISOR, on=access.on
            ),
            kind=ACCIDENT_REPORTED,
            link=reverse("ichou:accident", args=[access.contract.pk, report.pk]),
            contract=access.contract,
        )
    return report


def accident_acknowledge(
    *, actor: Any, access: ContractAccess, report: AccidentReport
) -> AccidentReport:
    access.require(ACKNOWLEDGE_ACCIDENT)
    with transaction.atomic():
        report = AccidentReport.objects.select_for_update().get(
            pk=report.pk, day__contract=access.contract
        )
        if report.acknowledged_at is not None:
            raise ValidationError("この事故報告書はもう確認済みです。")
        report.acknowledged_at = timezone.now()
        report.acknowledged_by = actor
        report.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_record(
            actor=actor, action="ic_accident.acknowledge", target=report, contract=access.contract
        )
    return report


def day_records_carry(*, actor: Any, old: Programme, new: Programme) -> int:
    """When ``new`` replaces ``old``, the day records of each activity move onto the same
    activity's copy in ``new`` (same plan), so the superseded version loses nothing. Runs in the
    approval's transaction; returns how many days moved. A day whose activity the new version
    changed stays on the old activity (its record is of what happened)."""
    from itaku.ichou.programme.services import _plan

    copies = {_plan(a): a for a in new.activities.all()}
    moved = 0
    for day in ActivityDay.objects.filter(activity__programme=old).select_related("activity"):
        copy = copies.get(_plan(day.activity))
        if copy is None or ActivityDay.objects.filter(activity=copy).exists():
            continue
        day.activity = copy
        day.save(update_fields=["activity"])
        moved += 1
    if moved:
        audit_record(
            actor=actor,
            action="ic_day.carry",
            target=new,
            contract=new.contract,
            changes={"days": moved},
        )
    return moved
