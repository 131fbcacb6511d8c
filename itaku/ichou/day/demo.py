"""The demo's activity days (after the programme's step), run through the services.

- The latest past regular activity in full detail: staff and participants checked in (one asked
  to stay home), dismissals (one handed over), the checklist, the work log, and the day closed.
- Every other past activity of the year the same way, so the monthly reports, the quarters and
  the staff page have a year behind them: most of the group comes (a seeded draw); the team is
  planned for the participants expected (the ratio plus one, nurses first, IC-17, IC-18),
  mostly the same people all year (IC-20), and all of it checks in; those
  collected are handed over to their guardian; the bus hike has a small accident report,
  which the ward supervisor has read.
  The services stamp the present time, so the day's log, closing and report times are then set
  back to the activity's day, as the core demo does for the obligations.

When no participant exists yet (the participants' step did not run) a few generated ones are
made."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from itaku.core import calendar
from itaku.core.access import contract_access
from itaku.core.models import RosterEntry, User
from itaku.ichou import domain
from itaku.ichou.day import services
from itaku.ichou.day.models import AccidentReport, ActivityDay
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity, Programme

TOKYO = ZoneInfo("Asia/Tokyo")
_NAMES = [
    ("青木", "あおき"),
    ("石田", "いしだ"),
    ("上野", "うえの"),
    ("遠藤", "えんどう"),
    ("小川", "おがわ"),
    ("加藤", "かとう"),
]


def _participants(contract: Any, fiscal_year: int, group: str) -> None:
    if Registration.objects.filter(
        contract=contract, fiscal_year=fiscal_year, group=group, state=Registration.State.REGISTERED
    ).exists():
        return
    for i, (family, kana) in enumerate(_NAMES):
        p = Participant.objects.create(
            contract=contract,
            family_name=family,
            given_name="花子" if i % 2 else "太郎",
            family_name_kana=kana,
            given_name_kana="はなこ" if i % 2 else "たろう",
            birth_date=date(1995 + i, 5, 1) if group == "1" else date(1970 + i, 5, 1),
            emergency_contacts="(デモ)090-0000-000" + str(i),
            allergies="卵" if i == 0 else "",
            higher_risk="ぜんそく" if i == 1 else "",
        )
        Registration.objects.create(
            contract=contract,
            participant=p,
            fiscal_year=fiscal_year,
            group=group,
            state=Registration.State.REGISTERED,
        )


def day_demo_step(world: Any) -> None:
    from itaku.ichou.day import selectors

    contract = world.contracts["ichou"]
    on = world.working_day
    activity = (
        Activity.objects.filter(
            programme__contract=contract,
            programme__state=Programme.State.APPROVED,
            date__lt=on,
            kind="regular",
        )
        .order_by("-date")
        .first()
    )
    if activity is None or ActivityDay.objects.filter(activity=activity).exists():
        return
    _participants(contract, calendar.fiscal_year(activity.date), activity.group)
    year_demo(world, exclude=activity)
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, contract.pk, on=on)
    # The team planned for the participants expected (IC-17), the demo's nurse among them.
    entries = _planned(access, manager, activity, turn=0)
    nurse = next((e for e in entries if e.role == "nurse" and e.person.user_id), None)
    at = datetime.combine(activity.date, activity.start, tzinfo=TOKYO)
    _open(manager, access, activity, entries, at=at, temperature=lambda: 36.4)
    people = selectors.expected_participants(activity)
    for i, p in enumerate(people):
        services.checkin_record(
            actor=manager,
            access=access,
            activity=activity,
            participant_id=p.pk,
            temperature=37.8 if i == 0 else 36.5,
            questionnaire=True,
            now=at,
        )
    end = datetime.combine(activity.date, activity.end or time(16, 0), tzinfo=TOKYO)
    for i, p in enumerate(people[1:]):
        handed = i == 0 and nurse is not None
        services.dismissal_record(
            actor=manager,
            access=access,
            activity=activity,
            participant_id=p.pk,
            how="handed_over" if handed else "alone",
            handed_to_name="(デモ)保護者" if handed else "",
            handed_to_relation="母" if handed else "",
            staff_id=nurse.pk if handed and nurse else None,
            at=end,
        )
    services.day_log_write(
        actor=manager,
        access=access,
        activity=activity,
        values={
            "log_preparation": "鍵を借用し、会場を点検しました。",
            "log_events": "予定どおり活動しました。1人は発熱のため欠席をお願いしました。",
            "log_participants": "全員元気に参加しました。",
            "cleaned": True,
            "locked": True,
            "keys_returned": True,
        },
    )
    _set_back(services.day_close(actor=manager, access=access, activity=activity), end)


def _open(
    manager: User,
    access: Any,
    activity: Activity,
    team: list[RosterEntry],
    *,
    at: datetime,
    temperature: Callable[[], float],
) -> None:
    """The day opened: the checklist ticked, then the team checked in at the door, first."""
    services.day_prepare(
        actor=manager,
        access=access,
        activity=activity,
        checked={n: True for n in ActivityDay.PREPARATION + ActivityDay.INFECTION},
    )
    for entry in team:
        services.checkin_record(
            actor=manager,
            access=access,
            activity=activity,
            entry_id=entry.pk,
            temperature=temperature(),
            questionnaire=True,
            now=at,
        )


def _set_back(day: ActivityDay, end: datetime) -> None:
    """The services stamped the present time; the demo's day happened on the activity's date."""
    ActivityDay.objects.filter(pk=day.pk).update(
        log_written_at=end + timedelta(minutes=30), closed_at=end + timedelta(minutes=45)
    )
    for report in AccidentReport.objects.filter(day=day):
        AccidentReport.objects.filter(pk=report.pk).update(
            reported_at=report.happened_at + timedelta(minutes=30),
            acknowledged_at=(
                report.happened_at + timedelta(days=2) if report.acknowledged_at else None
            ),
        )


def _team(entries: list[RosterEntry], need: domain.Staffing, turn: int) -> list[RosterEntry]:
    """The staff of one day: the responsible person, the nurses the kind needs (IC-18), then the
    others (the other nurses last) until the ratio is met plus one; mostly the same people all
    year (IC-20): the order only turns by one place from one activity to the next."""
    managers = [e for e in entries if e.role == "manager"]
    nurses = [e for e in entries if e.role == "nurse"]
    others = [e for e in entries if e.role in ("worker", "volunteer")]
    shift = turn % 3 if others else 0
    # The responsible person is there on top of the ratio (counts_as_staff is False for them).
    team = nurses[: need.nurses]
    for entry in others[shift:] + others[:shift] + nurses[need.nurses :]:
        if len(team) > need.staff:
            break
        team.append(entry)
    return managers[:1] + team


def _planned(access: Any, manager: User, activity: Activity, turn: int) -> list[RosterEntry]:
    """The day's team (``_team``), put on the activity through the planning service: planned
    for the participants expected (IC-17), so enough for those who come."""
    from itaku.ichou.programme import selectors as programme_selectors
    from itaku.ichou.programme import services as programme_services

    need = domain.staffing_required(activity.kind, activity.expected_participants)
    entries = [
        e
        for e in programme_selectors.entries_for(contract=access.contract, on=activity.date)
        .select_related("person__user")
        .order_by("pk")
        if e.role == "manager" or domain.counts_as_staff(e.role, e.person.birth_date, activity.date)
    ]
    team = _team(entries, need, turn)
    planned = set(activity.assignments.values_list("entry_id", flat=True))
    for entry in team:
        if entry.pk not in planned:
            programme_services.staff_assign(
                actor=manager, access=access, activity=activity, entry_id=entry.pk
            )
    return team


def year_demo(world: Any, *, exclude: Activity | None = None) -> int:
    """Every past activity of the approved programme, except ``exclude``, run as a day; returns
    how many days were made."""
    from itaku.ichou.day import selectors

    contract = world.contracts["ichou"]
    on = world.working_day
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, contract.pk, on=on)
    rng = random.Random(world.fiscal_year + 11)  # noqa: S311 - demo attendance, not security
    activities = (
        Activity.objects.filter(
            programme__contract=contract, programme__state=Programme.State.APPROVED, date__lt=on
        )
        .exclude(pk__in=[exclude.pk] if exclude is not None else [])
        .exclude(pk__in=ActivityDay.objects.values("activity_id"))
        .order_by("date", "start")
    )
    made = 0
    for turn, activity in enumerate(activities):
        people = selectors.expected_participants(activity)
        if not people:
            continue
        coming = [p for p in people if rng.random() < 0.82]
        fever = coming.pop() if turn % 4 == 1 and len(coming) > 2 else None
        team = _planned(access, manager, activity, turn)
        at = datetime.combine(activity.date, activity.start, tzinfo=TOKYO)
        _open(
            manager,
            access,
            activity,
            team,
            at=at - timedelta(minutes=30),
            temperature=lambda: round(36.0 + rng.random() * 0.8, 1),
        )
        for i, p in enumerate(coming):
            services.checkin_record(
                actor=manager,
                access=access,
                activity=activity,
                participant_id=p.pk,
                temperature=round(36.0 + rng.random() * 0.9, 1),
                questionnaire=True,
                now=at + timedelta(minutes=i % 15),
            )
        if fever is not None:
            # §25(4): 37.5 °C or more at the door, asked to stay home (IC-32).
            services.checkin_record(
                actor=manager,
                access=access,
                activity=activity,
                participant_id=fever.pk,
                temperature=37.6,
                questionnaire=True,
                now=at,
            )
        end_day = activity.end_date or activity.date
        end = datetime.combine(end_day, activity.end or time(16, 0), tzinfo=TOKYO)
        escort = next((e for e in team if e.role != "manager"), team[0])
        if activity.kind == "bus_hike" and coming:
            report = services.accident_report(
                actor=manager,
                access=access,
                activity=activity,
                values={
                    "kind": AccidentReport.Kind.INJURY,
                    "what": "散策中に転んで膝をすりむきました。",
                    "first_aid": "看護師が洗浄し、絆創膏を貼りました。",
                    "hospital": "",
                    "happened_at": at + timedelta(hours=3),
                    "guardian_contacted_at": at + timedelta(hours=3, minutes=20),
                },
            )
            # The ward read it (IC-31): it no longer waits on the supervisor's home page.
            supervisor = User.objects.get(username=world.supervisors["ichou"])
            services.accident_acknowledge(
                actor=supervisor,
                access=contract_access(supervisor, contract.pk, on=on),
                report=report,
            )
        for p in coming:
            collected = p.goes_home == "collected"
            services.dismissal_record(
                actor=manager,
                access=access,
                activity=activity,
                participant_id=p.pk,
                how="handed_over" if collected else "alone",
                handed_to_name=(p.collected_by or p.guardian_name or "保護者") if collected else "",
                handed_to_relation=(p.guardian_relation or "保護者") if collected else "",
                staff_id=escort.pk if collected else None,
                at=end,
            )
        services.day_log_write(
            actor=manager,
            access=access,
            activity=activity,
            values={
                "log_preparation": "鍵を借用し、会場と用具を点検しました。",
                "log_notices": "通知文は区の確認を受けて送付済みです。",
                "log_meeting": "開始前に役割と注意の必要な参加者を確認しました。",
                "log_staffing": f"責任者と従事者{len(team) - 1}人で実施しました。",
                "log_participants": f"{len(coming)}人が参加しました。",
                "log_events": "予定どおり活動しました。",
                "cleaned": True,
                "locked": True,
                "keys_returned": True,
            },
        )
        _set_back(services.day_close(actor=manager, access=access, activity=activity), end)
        made += 1
    return made
