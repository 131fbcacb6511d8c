"""The demo's activity day: a past regular activity run through the services, one participant
asked to stay home, one handed over, the work log written and the day closed."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.ichou.day.models import ActivityDay, CheckIn, Dismissal

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_activity_day_fully_run(time_machine):
    time_machine.move_to("2026-11-16 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 11, 16))
    day = ActivityDay.objects.get()
    assert day.closed_at is not None and day.log_written_at is not None
    assert day.activity.date < date(2026, 11, 16)
    results = set(
        CheckIn.objects.filter(participant__isnull=False).values_list("result", flat=True)
    )
    assert results == {"checked_in", "stay_home"}
    assert CheckIn.objects.filter(entry__isnull=False).exists()
    assert Dismissal.objects.filter(how="handed_over").count() == 1
