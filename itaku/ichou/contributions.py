"""What いちょう学級 adds to the platform (``itaku.core.registry``): the deliverables of its
specification (002_d0db182c2c0d7513.txt §13, §14) and its part of the demo data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from itaku.core.domain import DueRule
from itaku.core.registry import ObligationDecl, ServiceKind

KIND = "ichou"

SERVICE_KINDS = [ServiceKind(KIND, "いちょう学級事業運営業務")]

OBLIGATIONS = [
    ObligationDecl(KIND, "月ごとの実施報告", "IC-24", DueRule.TENTH_OF_NEXT_MONTH.value),
    # IC-23: notices reach the ward a week before they are sent, schedules before the activity.
    ObligationDecl(
        KIND, "参加者への通知文(区への提出)", "IC-23", DueRule.DAYS_BEFORE_EVENT.value, 7
    ),
    ObligationDecl(KIND, "当日のスケジュール・班編成", "IC-23", DueRule.DAYS_BEFORE_EVENT.value, 7),
]


def activity_days(fy: int) -> list[date]:
    """The second Saturday of most months of the fiscal year: a plausible programme (IC-4)."""
    days = []
    for year, month in [
        (fy, 5),
        (fy, 6),
        (fy, 7),
        (fy, 9),
        (fy, 10),
        (fy, 11),
        (fy, 12),
        (fy + 1, 1),
        (fy + 1, 2),
        (fy + 1, 3),
    ]:
        first = date(year, month, 1)
        first_saturday = first + timedelta(days=(5 - first.weekday()) % 7)
        days.append(first_saturday + timedelta(days=7))
    return days


def _demo_step(world: Any) -> None:
    """Each activity's notice and schedule fall due a week before it (IC-23)."""
    from itaku.core import services

    contract = world.contracts[KIND]
    for obligation in contract.obligations.filter(rule=DueRule.DAYS_BEFORE_EVENT.value):
        for event_day in activity_days(world.fiscal_year):
            services.obligation_item_add_for_event(
                actor=world.admin, obligation=obligation, event_day=event_day
            )


DEMO_STEPS = [_demo_step]
