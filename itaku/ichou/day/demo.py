"""The demo's activity day (after the programme's step): a past regular activity of the demo
programme run through the services: staff and participants checked in (one asked to stay
home), dismissals (one handed over), the checklist, the work log, and the day closed. When no
participant exists yet (the participants' step did not run) a few generated ones are made."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from itaku.core import calendar
from itaku.core.access import contract_access
from itaku.core.models import RosterEntry, User
from itaku.ichou.day import services
from itaku.ichou.day.models import ActivityDay
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity, Programme

TOKYO = ZoneInfo("Asia/Tokyo")
STAFF_ON_THE_DAY = 10
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
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, contract.pk, on=on)
    # The responsible person and enough of the pool for the group (IC-17: about one staff member
    # per two participants), the demo's nurse first.
    entries = list(
        RosterEntry.objects.filter(
            contract=contract, role__in=["manager", "worker", "nurse", "volunteer"]
        )
        .select_related("person__user")
        .order_by("pk")
    )[:STAFF_ON_THE_DAY]
    nurse = next((e for e in entries if e.role == "nurse" and e.person.user_id), None)
    at = datetime.combine(activity.date, activity.start, tzinfo=TOKYO)
    services.day_prepare(
        actor=manager,
        access=access,
        activity=activity,
        checked={n: True for n in ActivityDay.PREPARATION + ActivityDay.INFECTION},
    )
    for entry in entries:
        services.checkin_record(
            actor=manager,
            access=access,
            activity=activity,
            entry_id=entry.pk,
            temperature=36.4,
            questionnaire=True,
            now=at,
        )
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
    services.day_close(actor=manager, access=access, activity=activity)
