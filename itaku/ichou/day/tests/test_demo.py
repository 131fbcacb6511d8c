"""The demo's activity days: the latest past regular activity run in detail (one participant
asked to stay home, one handed over, the work log written and the day closed), and every other
past activity of the year run through the same services, so the reports have a year behind
them."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from itaku.core.demo import demo_data_create
from itaku.ichou.day import selectors
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.programme.models import Activity, Programme

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 16)


def test_the_demo_year_of_activity_days(time_machine):
    """One demo build (it takes seconds) for the three checks below."""
    time_machine.move_to("2026-11-16 10:00 +09:00", tick=False)
    demo_data_create(today=TODAY)
    _the_latest_regular_day_is_run_in_detail()
    _every_past_activity_of_the_year_has_a_closed_day_with_its_staff()
    _mostly_the_same_staff_all_year()


def _the_latest_regular_day_is_run_in_detail():
    latest = (
        Activity.objects.filter(
            programme__state=Programme.State.APPROVED, kind="regular", date__lt=TODAY
        )
        .order_by("-date")
        .first()
    )
    day = ActivityDay.objects.get(activity=latest)
    assert day.closed_at is not None and day.log_written_at is not None
    results = set(day.checkins.filter(participant__isnull=False).values_list("result", flat=True))
    assert results == {"checked_in", "stay_home"}
    assert day.checkins.filter(entry__isnull=False).exists()
    assert day.dismissals.filter(how="handed_over").count() == 1


def _every_past_activity_of_the_year_has_a_closed_day_with_its_staff():
    past = Activity.objects.filter(programme__state=Programme.State.APPROVED, date__lt=TODAY)
    days = {d.activity_id: d for d in ActivityDay.objects.select_related("activity")}
    assert set(days) == set(past.values_list("pk", flat=True))
    assert not Activity.objects.filter(date__gte=TODAY, day__isnull=False).exists()
    for day in days.values():
        assert day.closed_at is not None
        # Set back to the day it happened, not the moment the demo ran.
        assert day.closed_at.date() >= day.activity.date
        assert (day.closed_at.date() - day.activity.date).days <= 1
        state = selectors.staffing_state(day.activity, selectors.checkins_of(day))
        # IC-17, IC-18: each day ran with the staff and nurses its participants needed.
        assert state.participants_present > 0
        assert not state.short, (day.activity.kind, state)
        present = {c.participant_id for c in day.checkins.all() if c.participant_id and c.present}
        assert set(day.dismissals.values_list("participant_id", flat=True)) == present
    # The bus hike had a small accident reported; someone with a fever stayed home now and then.
    [accident] = AccidentReport.objects.filter(day__activity__kind="bus_hike")
    # The ward read it two days later (IC-31), so it waits on nobody's home page.
    assert accident.acknowledged_at.date() == accident.day.activity.date + timedelta(days=2)
    assert CheckIn.objects.filter(result="stay_home").count() >= 2
    assert Dismissal.objects.filter(how="handed_over").count() > len(days)


def _mostly_the_same_staff_all_year():
    """IC-20: from one activity of a group to its next, at least two thirds of the smaller
    team are the same people."""
    teams: dict[str, list[set[int]]] = {}
    for day in ActivityDay.objects.select_related("activity").order_by("activity__date"):
        staff = set(
            day.checkins.filter(entry__isnull=False, result="checked_in").values_list(
                "entry_id", flat=True
            )
        )
        teams.setdefault(day.activity.group, []).append(staff)
    assert len(teams["1"]) >= 5
    for runs in teams.values():
        for a, b in pairwise(runs):
            assert len(a & b) * 3 >= min(len(a), len(b)) * 2, (a, b)
