"""Reads of the activity day through the access rule (an outsider or another contract's id is a
404): the expected participants of an activity, the door screen's rows in a fixed number of
queries, the live staffing state (IC-17, IC-18 on the day), and the day's health notes for the
responsible person and the nurses only, each read audited (IC-15, IC-30)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.core.domain import Role
from itaku.ichou import domain
from itaku.ichou.day.decl import READ_HEALTH, VIEW_ACCIDENTS, VIEW_DAY
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment
from itaku.web.lookup import get_or_404


def activities_of_day_list(*, access: ContractAccess) -> QuerySet[Activity]:
    """The activities of the approved programme versions (the one in force of each year)."""
    access.require(VIEW_DAY)
    return (
        Activity.objects.filter(
            programme__contract=access.contract, programme__state=Programme.State.APPROVED
        )
        .select_related("programme", "day")
        .order_by("-date", "start", "group", "pk")
    )


def activity_get(*, access: ContractAccess, activity_id: Any) -> Activity:
    access.require(VIEW_DAY)
    return get_or_404(
        Activity.objects.filter(programme__contract=access.contract).select_related("programme"),
        pk=activity_id,
    )


def accidents_of(*, access: ContractAccess) -> list[AccidentReport]:
    """The contract's accident reports, newest first; one query."""
    access.require(VIEW_ACCIDENTS)
    return list(
        AccidentReport.objects.filter(contract=access.contract)
        .select_related("day__activity")
        .order_by("-happened_at", "-pk")
    )


def accident_get(*, access: ContractAccess, report_id: Any) -> AccidentReport:
    access.require(VIEW_ACCIDENTS)
    return get_or_404(
        AccidentReport.objects.filter(contract=access.contract).select_related("day__activity"),
        pk=report_id,
    )


def day_of(activity: Activity) -> ActivityDay | None:
    return ActivityDay.objects.filter(activity=activity).first()


def expected_participants(activity: Activity) -> list[Participant]:
    """The REGISTERED participants of the activity's fiscal year and group (both groups when
    joint), in one query."""
    fiscal_year = calendar.fiscal_year(activity.date)
    registrations = Registration.objects.filter(
        contract_id=activity.programme.contract_id,
        fiscal_year=fiscal_year,
        state=Registration.State.REGISTERED,
    )
    if activity.group != Activity.Group.JOINT:
        registrations = registrations.filter(group=activity.group)
    return [r.participant for r in registrations.select_related("participant").order_by("pk")]


@dataclass(frozen=True)
class StaffingState:
    """Staff required for the participants present against the staff present (IC-17, IC-18)."""

    participants_present: int
    required: domain.Staffing
    staff_present: int
    nurses_present: int
    shortfall: domain.Shortfall

    @property
    def short(self) -> bool:
        return self.shortfall != (0, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "participants_present": self.participants_present,
            "staff_required": self.required.staff,
            "nurses_required": self.required.nurses,
            "staff_present": self.staff_present,
            "nurses_present": self.nurses_present,
            "staff_missing": self.shortfall.staff,
            "nurses_missing": self.shortfall.nurses,
        }


def staffing_state(activity: Activity, checkins: list[CheckIn]) -> StaffingState:
    present = [c for c in checkins if c.present]
    participants = sum(1 for c in present if c.participant_id is not None)
    counted = [
        c.entry
        for c in present
        if c.entry is not None
        and domain.counts_as_staff(c.entry.role, c.entry.person.birth_date, activity.date)
    ]
    nurses = sum(1 for e in counted if e.role == Role.NURSE)
    return StaffingState(
        participants_present=participants,
        required=domain.staffing_required(activity.kind, participants),
        staff_present=len(counted),
        nurses_present=nurses,
        shortfall=domain.staffing_shortfall(
            activity.kind,
            participants=participants,
            staff_present=len(counted),
            nurses_present=nurses,
        ),
    )


def checkins_of(day: ActivityDay | None) -> list[CheckIn]:
    if day is None:
        return []
    return list(day.checkins.select_related("entry__person"))


def staffing_get(*, access: ContractAccess, activity: Activity) -> StaffingState:
    access.require(VIEW_DAY)
    return staffing_state(activity, checkins_of(day_of(activity)))


def _unplanned(activity: Activity, participants: list[Participant]) -> set[int]:
    """The participants (ids) whose returned 参加予定表 of the year does not have this activity
    (IC-9); one query. Someone whose sheet was not recorded is not marked: nothing is known."""
    from itaku.ichou.participants.models import ParticipationPlan

    plans = ParticipationPlan.objects.filter(
        registration__contract_id=activity.programme.contract_id,
        registration__fiscal_year=calendar.fiscal_year(activity.date),
        registration__participant_id__in=[p.pk for p in participants],
    ).values_list("registration__participant_id", "activity_id")
    returned: set[int] = set()
    coming: set[int] = set()
    for participant_id, activity_id in plans:
        returned.add(participant_id)
        if activity_id == activity.pk:
            coming.add(participant_id)
    return returned - coming


@dataclass
class DoorRow:
    participant: Participant
    checkin: CheckIn | None
    dismissal: Dismissal | None
    # IC-9: returned a 参加予定表 for the year without this activity on it.
    unplanned: bool = False

    @property
    def state(self) -> str:
        if self.dismissal is not None:
            return "dismissed"
        if self.checkin is None:
            return "waiting"
        return self.checkin.result

    @property
    def kana(self) -> str:
        return self.participant.full_name_kana


@dataclass
class StaffRow:
    entry: Any
    checkin: CheckIn | None


@dataclass
class Door:
    activity: Activity
    day: ActivityDay | None
    rows: list[DoorRow]
    staff: list[StaffRow]
    staffing: StaffingState

    @property
    def not_dismissed(self) -> int:
        return sum(1 for r in self.rows if r.checkin and r.checkin.present and r.dismissal is None)


def door_get(*, access: ContractAccess, activity: Activity) -> Door:
    """The door screen: a row per expected participant with their check-in and dismissal, a row
    per assigned (or checked-in) staff member, and the staffing state; a fixed number of
    queries however many participants."""
    access.require(VIEW_DAY)
    day = day_of(activity)
    checkins = checkins_of(day)
    dismissals = list(day.dismissals.all()) if day else []
    by_participant = {c.participant_id: c for c in checkins if c.participant_id}
    by_entry = {c.entry_id: c for c in checkins if c.entry_id}
    gone = {d.participant_id: d for d in dismissals}
    participants = expected_participants(activity)
    unplanned = _unplanned(activity, participants)
    rows = [
        DoorRow(p, by_participant.get(p.pk), gone.get(p.pk), p.pk in unplanned)
        for p in participants
    ]
    rows.sort(key=lambda r: r.kana)
    entries = [
        a.entry
        for a in StaffAssignment.objects.filter(activity=activity).select_related("entry__person")
    ]
    known = {e.pk for e in entries}
    entries += [c.entry for c in checkins if c.entry is not None and c.entry_id not in known]
    staff = [StaffRow(e, by_entry.get(e.pk)) for e in entries]
    return Door(activity, day, rows, staff, staffing_state(activity, checkins))


@dataclass(frozen=True)
class HealthNote:
    participant: Participant
    emergency_contacts: str
    guardian_phone: str
    allergies: str
    medical_notes: str
    support_needs: str


def day_health_list(*, actor: Any, access: ContractAccess, activity: Activity) -> list[HealthNote]:
    """IC-15, IC-30: emergency contacts, allergies and medical notes of the participants checked
    in today, for the responsible person and the nurses (404 for anyone else); the read is
    audited (counts, no names)."""
    access.require(READ_HEALTH)
    day = day_of(activity)
    present = [
        c.participant
        for c in (day.checkins.select_related("participant") if day else [])
        if c.participant is not None and c.present
    ]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="ic_day.health_read",
            target=activity,
            contract=access.contract,
            changes={"participants": len(present)},
        )
    return [
        HealthNote(
            p, p.emergency_contacts, p.guardian_phone, p.allergies, p.medical_notes, p.support_needs
        )
        for p in present
    ]


def day_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """The manager's to-dos: an activity of today (or before) not closed; the ward supervisor's:
    an accident report to acknowledge. One query for each side."""
    from django.urls import reverse
    from django.utils import timezone

    from itaku.core.registry import TodoItem
    from itaku.ichou.day.decl import ACKNOWLEDGE_ACCIDENT, CLOSE_DAY
    from itaku.ichou.day.models import AccidentReport

    items: list[Any] = []
    closing = {a.contract.pk: a for a in accesses if a.can(CLOSE_DAY)}
    acking = {a.contract.pk: a for a in accesses if a.can(ACKNOWLEDGE_ACCIDENT)}
    if closing:
        for day in ActivityDay.objects.filter(
            contract_id__in=closing, closed_at__isnull=True, activity__date__lte=today
        ).select_related("activity"):
            items.append(
                TodoItem(
                    closing[day.contract_id].contract,
                    f"{day.activity.date:%m月%d日}の活動日の業務日誌を書いて終了する",
                    day.activity.date,
                    reverse("ichou:day-log", args=[day.contract_id, day.activity_id]),
                    "業務日誌を書く",
                )
            )
    if acking:
        for report in AccidentReport.objects.filter(
            day__contract_id__in=acking, acknowledged_at__isnull=True
        ).select_related("day"):
            items.append(
                TodoItem(
                    acking[report.day.contract_id].contract,
                    "いちょう学級の事故報告書を確認する",
                    timezone.localdate(report.reported_at),
                    reverse("ichou:accident", args=[report.day.contract_id, report.pk]),
                    "事故報告書を確認する",
                )
            )
    return items


# ---- the reception book (受付簿, IC-9 仕様書 7(2)イ) -------------------------------------------


@dataclass(frozen=True)
class ReceptionRow:
    name: str
    kana: str
    group: str
    arrived: Any  # the check-in's time, None before it
    result: str  # empty before the check-in
    temperature: Any
    questionnaire: bool | None  # None before the check-in
    home: str  # how they left and, when handed over, the relation only
    checked_by: str


def reception_book(*, access: ContractAccess, activity: Activity) -> list[ReceptionRow]:
    """A row per expected participant (``expected_participants``, the door screen's), sorted by
    kana: blank before the day, filled from the recorded check-ins and dismissals. A fixed
    number of queries however many. Only for those who run the day (anyone else: 404)."""
    from django.contrib.auth import get_user_model

    from itaku.ichou.day.decl import RUN_DAY

    if not access.can(RUN_DAY):
        raise Http404
    door = door_get(access=access, activity=activity)
    groups = dict(
        Registration.objects.filter(
            contract_id=activity.programme.contract_id,
            fiscal_year=calendar.fiscal_year(activity.date),
            participant_id__in=[r.participant.pk for r in door.rows],
        ).values_list("participant_id", "group")
    )
    labels = dict(Registration.Group.choices)
    recorders = {
        u.pk: u
        for u in get_user_model()
        .objects.filter(pk__in={r.checkin.by_id for r in door.rows if r.checkin})
        .select_related("person")
    }
    rows = []
    for r in door.rows:
        checkin, dismissal = r.checkin, r.dismissal
        home = ""
        if dismissal is not None:
            home = f"{dismissal.get_how_display()} {timezone.localtime(dismissal.at):%H:%M}"
            # The name of whom a participant was handed to is sealed and stays off paper; the
            # relation is enough for the book (the name is on the door screen's record).
            if dismissal.how == Dismissal.How.HANDED_OVER and dismissal.handed_to_relation:
                home += f"(続柄:{dismissal.handed_to_relation})"
        recorder = recorders.get(checkin.by_id) if checkin and checkin.by_id else None
        person = getattr(recorder, "person", None) if recorder else None
        rows.append(
            ReceptionRow(
                name=r.participant.full_name,
                kana=r.kana,
                group=labels.get(groups.get(r.participant.pk, ""), ""),
                arrived=timezone.localtime(checkin.at) if checkin else None,
                result=checkin.get_result_display() if checkin else "",
                temperature=checkin.temperature if checkin else None,
                questionnaire=checkin.questionnaire if checkin else None,
                home=home,
                checked_by=str(person) if person else "",
            )
        )
    return rows
