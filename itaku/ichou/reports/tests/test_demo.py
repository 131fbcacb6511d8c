"""The demo's monthly implementation reports (IC-24): every month whose report was due before
the demo's day is submitted with the figures of the days the demo ran, on its due date; the
month not yet due waits for the manager."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.core.models import ObligationItem
from itaku.ichou.reports.models import MonthlyImplementationReport

pytestmark = pytest.mark.django_db


def test_the_demo_submits_the_past_months_reports_with_a_years_figures(time_machine):
    time_machine.move_to("2026-12-04 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 12, 4))
    reports = {(r.year, r.month): r for r in MonthlyImplementationReport.objects.all()}
    # April … October were due by 10 November at the latest; November's is due on 10 December.
    assert set(reports) == {(2026, m) for m in range(4, 11)}
    for report in reports.values():
        item = report.obligation_item
        assert report.submitted_at.date() == item.due_date
        assert item.submitted_at is not None
    assert reports[(2026, 4)].data["totals"]["activities"] == 0
    may = reports[(2026, 5)].data["totals"]
    # May: the two opening ceremonies and the joint outing, most of the class present.
    assert may["activities"] == 3
    assert may["held"] == 3 and may["present"] >= 30 and may["staff"] >= may["present"] // 2
    assert 60 <= may["attendance_rate"] < 100
    october = reports[(2026, 10)].data["totals"]
    assert october["accidents"] == 1  # the bus hike's
    november = ObligationItem.objects.get(
        obligation__name="月ごとの実施報告", period_start=date(2026, 11, 1)
    )
    assert november.submitted_at is None
