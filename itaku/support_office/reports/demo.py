"""The reports' part of the demo: the past months' daily and monthly reports of the support
office contract, generated from whatever records the other parts' demo steps made, with the
state of the obligation items core's demo marked (submitted on their due day, acknowledged), so
the monthly charts show a trend. Written directly, as core's demo back-dates its items: the
services stamp the present time."""

from __future__ import annotations

from typing import Any

from itaku.core.models import ObligationItem
from itaku.support_office import KIND
from itaku.support_office.reports import selectors
from itaku.support_office.reports.models import DailyReport, MonthlyReport, ReportState


def _state(item: ObligationItem) -> str:
    if item.acknowledged_at is not None:
        return ReportState.ACKNOWLEDGED
    if item.submitted_at is not None:
        return ReportState.SUBMITTED
    return ReportState.DRAFT


def demo_step(world: Any) -> None:
    contract = world.contracts.get(KIND)
    if contract is None:
        return
    # Core back-dates the obligation items after every app's step; it is deterministic (due day
    # 10:00, acknowledged three hours later), so it is run here first to read the same states,
    # and core's own run at the end writes the same values again.
    from itaku.core.demo import _mark_history
    from itaku.core.models import User

    _mark_history(
        today=world.today,
        contract=contract,
        supervisors={
            world.contracts[kind]: User.objects.get(username=username)
            for kind, username in world.supervisors.items()
        },
    )
    items = ObligationItem.objects.filter(
        obligation__contract=contract,
        obligation__name__in=[selectors.DAILY, selectors.MONTHLY],
        submitted_at__isnull=False,
    ).select_related("obligation")
    for item in items:
        state = _state(item)
        common = {
            "state": state,
            "obligation_item": item,
            "submitted_at": item.submitted_at,
            "submitted_by": item.submitted_by,
            "acknowledged_at": item.acknowledged_at,
            "acknowledged_by": item.acknowledged_by,
        }
        if item.obligation.name == selectors.DAILY:
            data = selectors.daily_figures(contract=contract, day=item.period_start)
            DailyReport.objects.update_or_create(
                contract=contract, day=item.period_start, defaults={**common, "data": data}
            )
        else:
            year, month = item.period_start.year, item.period_start.month
            data = selectors.monthly_figures(contract=contract, year=year, month=month)
            MonthlyReport.objects.update_or_create(
                contract=contract, year=year, month=month, defaults={**common, "data": data}
            )
