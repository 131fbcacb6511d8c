"""The world of the reports tests: the activity-day tests' approved programme and participants,
with a day recorded through the day's services (check-ins, a stay-home, staff, an accident)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from itaku.ichou.day import services as day
from itaku.ichou.day.tests.helpers import activity_day, entry_of
from itaku.ichou.programme.models import Activity


def checkin(
    world: Any,
    activity: Activity,
    *,
    participant: Any = None,
    user: Any = None,
    temperature: float = 36.5,
) -> None:
    day.checkin_record(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        participant_id=participant.pk if participant is not None else None,
        entry_id=entry_of(world, user).pk if user is not None else None,
        temperature=temperature,
        questionnaire=True,
    )


def recorded_day(world: Any, participants: int = 3) -> tuple[Activity, list[Any]]:
    """A group-1 regular activity: all but the first participant present, the first asked to
    stay home at 37.8 °C; the nurse, the volunteer and the manager present; one accident."""
    activity, people = activity_day(world, participants=participants)
    for user in (world.nurse, world.volunteer, world.manager):
        checkin(world, activity, user=user)
    for i, p in enumerate(people):
        checkin(world, activity, participant=p, temperature=37.8 if i == 0 else 36.5)
    day.accident_report(
        actor=world.nurse,
        access=world.access(world.nurse),
        activity=activity,
        values={"kind": "injury", "happened_at": timezone.now(), "what": "転んだ"},
    )
    return activity, people
