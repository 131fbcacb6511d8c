"""The demo holds the past daily and monthly reports of the support office contract, submitted
and acknowledged as core's demo marked their items, so the monthly charts show a trend."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from itaku.core.models import Contract
from itaku.support_office.reports.models import DailyReport, MonthlyReport, ReportState

pytestmark = pytest.mark.django_db


def test_the_demo_makes_the_past_reports_with_their_states(time_machine):
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    contract = Contract.objects.get(service_kind="support_office")
    dailies = DailyReport.objects.filter(contract=contract)
    assert dailies.count() > 40
    assert {r.state for r in dailies} == {ReportState.SUBMITTED, ReportState.ACKNOWLEDGED}
    assert all(r.obligation_item.submitted_at == r.submitted_at for r in dailies)
    months = MonthlyReport.objects.filter(contract=contract).order_by("year", "month")
    assert [(m.year, m.month) for m in months] == [(2026, 4), (2026, 5)]
    assert len(months.last().data["trend"]) == 6
