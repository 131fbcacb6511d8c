"""The world of the activity-day tests: the programme tests' approved programme, a regular
activity of group 1, and registered participants made directly (the participants part has its
own services)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.models import RosterEntry
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity
from itaku.ichou.programme.tests.helpers import FY, approved

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"


def participant(world: Any, i: int, *, group: str = "1", higher_risk: str = "") -> Participant:
    p = Participant.objects.create(
        contract=world.contract,
        family_name=f"参加{i}",
        given_name="花子",
        family_name_kana=KANA[i % len(KANA)] + "やま",
        given_name_kana="はなこ",
        birth_date=date(1995, 5, 1),
        emergency_contacts=f"090-1111-{i:04d}",
        allergies="そば" if i == 0 else "",
        medical_notes="てんかん発作の既往" if i == 0 else "",
        higher_risk=higher_risk,
    )
    Registration.objects.create(
        contract=world.contract,
        participant=p,
        fiscal_year=FY,
        group=group,
        state=Registration.State.REGISTERED,
    )
    return p


def activity_day(world: Any, participants: int = 3) -> tuple[Activity, list[Participant]]:
    programme = approved(world)
    activity = programme.activities.filter(kind="regular", group="1").order_by("date").first()
    assert activity is not None
    people = [participant(world, i) for i in range(participants)]
    return activity, people


def entry_of(world: Any, user: Any) -> RosterEntry:
    return RosterEntry.objects.filter(contract=world.contract, person__user=user).latest("pk")
