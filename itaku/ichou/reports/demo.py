"""The reports' part of the demo (after the activity days): the monthly implementation report
of every month whose due date (the 10th of the next month) has passed is submitted through the
service, with the figures of the days the demo ran; the month still to come waits for the
manager. The service stamps the present time, so the submission is set back to its due date,
as the core demo does for the obligations."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.reports import selectors, services
from itaku.ichou.reports.models import MonthlyImplementationReport

TOKYO = ZoneInfo("Asia/Tokyo")


def reports_demo_step(world: Any) -> None:
    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, contract.pk, on=world.working_day)
    for year, month in reversed(selectors.months_of(access)):
        item = selectors.obligation_item_for(access=access, year=year, month=month)
        if item is None or item.due_date >= world.today:
            continue
        report = services.monthly_report_submit(
            actor=manager, access=access, year=year, month=month
        )
        MonthlyImplementationReport.objects.filter(pk=report.pk).update(
            submitted_at=datetime.combine(item.due_date, time(9, 30), tzinfo=TOKYO)
        )
