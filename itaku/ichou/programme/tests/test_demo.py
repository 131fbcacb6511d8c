"""The demo's programme: this fiscal year's, approved, passing every rule of 仕様書 6, with each
activity day's schedule and notice due (IC-4 … IC-8, IC-23)."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.core.models import ObligationItem
from itaku.ichou.programme import selectors
from itaku.ichou.programme.models import Programme

pytestmark = pytest.mark.django_db


def test_ic8_the_demo_has_this_year_s_approved_programme_passing_the_rules(time_machine):
    time_machine.move_to("2026-06-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 6, 15))
    programme = Programme.objects.get(fiscal_year=2026)
    assert (programme.state, programme.contract.service_kind) == ("approved", "ichou")
    activities = list(programme.activities.all())
    assert len(activities) == 22
    assert selectors.programme_problems(activities) == []
    days = {a.date for a in activities}
    schedules = ObligationItem.objects.filter(obligation__name="当日のスケジュール・班編成")
    assert {i.period_start for i in schedules} == days
    staffed = [a for a in activities if a.assignments.exists()]

    def staffing(a):
        return selectors.staffing(a, list(a.assignments.select_related("entry__person")))

    # The days already run were planned with their team (the day's step); the next one still
    # has two places open, which its planning page shows (IC-17).
    upcoming = [a for a in staffed if a.date >= date(2026, 6, 15)]
    assert len(upcoming) == 1 and not staffing(upcoming[0]).ok
    past = [a for a in activities if a.date < date(2026, 6, 15)]
    assert past and all(staffing(a).ok for a in past)
