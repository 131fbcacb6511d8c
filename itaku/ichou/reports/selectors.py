"""Reads of the monthly implementation report through the access rule (IC-24): the month's
activities of the approved programme, counted in a fixed number of queries whatever the number
of activities or people, and handed to ``figures.month_figures``. No sealed field is read."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count
from django.http import Http404

from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.core.deadlines import month_bounds
from itaku.core.domain import Role
from itaku.core.models import ObligationItem
from itaku.ichou.day.models import AccidentReport, CheckIn
from itaku.ichou.participants.models import Registration
from itaku.ichou.programme.models import Activity, Programme
from itaku.ichou.reports.actions import VIEW_IC_REPORTS
from itaku.ichou.reports.figures import ActivityCounts, month_figures
from itaku.ichou.reports.models import MonthlyImplementationReport

MONTHLY = "月ごとの実施報告"


def in_period(access: ContractAccess, year: int, month: int) -> tuple[date, date]:
    """A report exists only for a month of the contract's period: any other is a 404."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first, last = month_bounds(year, month)
    if last < access.contract.period_start or first > access.contract.period_end:
        raise Http404
    return first, last


def month_counts(*, access: ContractAccess, year: int, month: int) -> list[ActivityCounts]:
    """IC-24: the counts of each activity of the month (5 queries)."""
    access.require(VIEW_IC_REPORTS)
    first, last = in_period(access, year, month)
    activities = list(
        Activity.objects.filter(
            programme__contract=access.contract,
            programme__state=Programme.State.APPROVED,
            date__gte=first,
            date__lte=last,
        )
        .select_related("day")
        .order_by("date", "start", "group", "pk")
    )
    years = {calendar.fiscal_year(a.date) for a in activities}
    registered: dict[tuple[int, str], int] = {
        (r["fiscal_year"], r["group"]): r["n"]
        for r in Registration.objects.filter(
            contract=access.contract,
            fiscal_year__in=years,
            state=Registration.State.REGISTERED,
        )
        .values("fiscal_year", "group")
        .annotate(n=Count("pk"))
    }
    group_of: dict[tuple[int, int], str] = {
        (r["participant_id"], r["fiscal_year"]): r["group"]
        for r in Registration.objects.filter(
            contract=access.contract, fiscal_year__in=years
        ).values("participant_id", "fiscal_year", "group")
    }
    day_ids = [a.day.pk for a in activities if hasattr(a, "day")]
    checkins = (
        CheckIn.objects.filter(day_id__in=day_ids)
        .exclude(result=CheckIn.Result.STAY_HOME)
        .values("day__activity_id", "participant_id", "entry__role")
    )
    present: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    staff: dict[int, list[str]] = defaultdict(list)
    dates = {a.pk: a.date for a in activities}
    for c in checkins:
        activity_id = c["day__activity_id"]
        on = dates[activity_id]
        if c["participant_id"] is not None:
            group = group_of.get((c["participant_id"], calendar.fiscal_year(on)))
            if group is not None:
                present[activity_id][group] += 1
        else:
            # Everyone of the contractor who came, the responsible person included (the
            # staffing ratio's own count is the day's page, IC-17).
            staff[activity_id].append(c["entry__role"])
    accidents = {
        r["day__activity_id"]: r["n"]
        for r in AccidentReport.objects.filter(day_id__in=day_ids)
        .values("day__activity_id")
        .annotate(n=Count("pk"))
    }
    result = []
    for a in activities:
        fy = calendar.fiscal_year(a.date)
        day = getattr(a, "day", None)
        roles = staff.get(a.pk, [])
        result.append(
            ActivityCounts(
                date=a.date,
                kind=a.kind,
                group=a.group,
                place=a.place,
                cancelled=a.cancelled_for_weather,
                expected={g: registered.get((fy, g), 0) for g in ("1", "2")},
                present=dict(present.get(a.pk, {})),
                staff=len(roles),
                nurses=sum(1 for r in roles if r == Role.NURSE),
                volunteers=sum(1 for r in roles if r == Role.VOLUNTEER),
                accidents=accidents.get(a.pk, 0),
                closed=day is not None and day.closed_at is not None,
            )
        )
    return result


def month_data(*, access: ContractAccess, year: int, month: int) -> dict[str, Any]:
    """IC-24: the month's figures as generated now."""
    return month_figures(year, month, month_counts(access=access, year=year, month=month))


def report_get(
    *, access: ContractAccess, year: int, month: int
) -> MonthlyImplementationReport | None:
    access.require(VIEW_IC_REPORTS)
    return MonthlyImplementationReport.objects.filter(
        contract=access.contract, year=year, month=month
    ).first()


def month_shown(
    *, access: ContractAccess, year: int, month: int
) -> tuple[MonthlyImplementationReport | None, dict[str, Any]]:
    """The report of the month and what it says: the frozen figures once submitted, else
    generated now. A month outside the contract's period is a 404."""
    in_period(access, year, month)
    report = report_get(access=access, year=year, month=month)
    if report is not None and report.data:
        return report, report.data
    return report, month_data(access=access, year=year, month=month)


def obligation_item_for(*, access: ContractAccess, year: int, month: int) -> ObligationItem | None:
    """The contract's item of the monthly report (月ごとの実施報告) covering the month."""
    return (
        ObligationItem.objects.filter(
            obligation__contract=access.contract,
            obligation__name=MONTHLY,
            period_start__lte=date(year, month, 1),
            period_end__gte=date(year, month, 1),
        )
        .select_related("obligation")
        .first()
    )


def months_of(access: ContractAccess) -> list[tuple[int, int]]:
    """The months of the contract's period, newest first (the index page's links)."""
    access.require(VIEW_IC_REPORTS)
    start, end = access.contract.period_start, access.contract.period_end
    months = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months[::-1]
