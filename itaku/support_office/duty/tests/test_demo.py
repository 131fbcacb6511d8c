"""The demo's duty schedules (SO-9, SO-10): this month's approved and fully covered, next month's
a draft whose check names the one gap left in it."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.support_office.duty import selectors
from itaku.support_office.duty.models import DutySchedule

pytestmark = pytest.mark.django_db


def test_so9_the_demo_has_an_approved_month_and_a_draft_with_one_gap(time_machine):
    time_machine.move_to("2026-06-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 6, 15))
    june = DutySchedule.objects.get(year=2026, month=6)
    july = DutySchedule.objects.get(year=2026, month=7)
    assert (june.state, july.state) == ("approved", "draft")
    assert june.shifts.count() > 40 and july.shifts.count() > 40
    assert selectors.schedule_check(june).gaps == []
    assert len(selectors.schedule_check(july).gaps) == 1
