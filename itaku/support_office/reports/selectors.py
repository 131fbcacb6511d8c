"""Reads for the daily and monthly reports, always through the access rule: VIEW_SO_REPORTS on
the contract; anyone who may not see the contract gets a 404 (SO-13, SO-14).

The figures are read straight from the other parts' models (requests, incidents, trainings,
the closing check) filtered by the access's contract, with a fixed number of queries whatever
the number of requests. A day's lines carry kind, place, times and state only: no visitor
details, no narrative (the ward's form needs no more)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from itaku.core.access import ContractAccess
from itaku.core.calendar import format_wareki, format_wareki_month
from itaku.core.deadlines import month_bounds
from itaku.core.models import ObligationItem
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.support_office.incidents.models import Behaviour, Incident
from itaku.support_office.office.models import DailyClosing, TrainingSession
from itaku.support_office.reports import figures
from itaku.support_office.reports.actions import VIEW_SO_REPORTS
from itaku.support_office.reports.models import DailyReport, MonthlyReport
from itaku.web.lookup import get_or_404

DAILY = "日報"
MONTHLY = "月報"
TREND_MONTHS = 6
CLOSING_CHECKS = (
    ("documents_locked", "個人情報の資料をキャビネットに保管した"),
    ("cabinet_locked", "キャビネットの施錠を確認した"),
    ("keys_returned", "鍵を返却した"),
    ("papers_shredded", "不要な書類をシュレッダーした"),
)
NOT_RECORDED = "未記録"


def _local(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _hm(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%H:%M") if value else ""


def _place_label(site: str | None, name: str | None) -> str:
    if not site:
        return "(場所の指定なし)"
    return f"{Place.Site(site).label} {name}"


# ---- the day ----------------------------------------------------------------------------------


def _line(r: SupportRequest) -> dict[str, Any]:
    return {
        "number": r.number,
        "kind": r.get_kind_display(),
        "place": _place_label(r.place.site if r.place else None, r.place.name if r.place else None),
        "requested_at": _hm(r.requested_at),
        "requested_on": timezone.localdate(r.requested_at).isoformat(),
        "arrived_at": _hm(r.arrived_at),
        "completed_at": _hm(r.completed_at),
        "state": r.get_state_display(),
        "after_hours_minutes": r.after_hours_minutes,
    }


def daily_report_data(*, access: ContractAccess, day: date) -> dict[str, Any]:
    """SO-13: the day's report as generated from the day's records, JSON-ready (it is frozen
    into ``DailyReport.data`` on submission). Two queries."""
    access.require(VIEW_SO_REPORTS)
    return daily_figures(contract=access.contract, day=day)


def daily_figures(*, contract: Any, day: date) -> dict[str, Any]:
    """``daily_report_data`` for a contract already allowed (the demo, the benchmark)."""
    start, end = _local(day), _local(day + timedelta(days=1))
    rows = (
        SupportRequest.objects.filter(contract=contract)
        .filter(
            Q(requested_at__gte=start, requested_at__lt=end)
            | Q(completed_at__gte=start, completed_at__lt=end)
            | (
                Q(requested_at__lt=end)
                & ~Q(state=SupportRequest.State.CANCELLED)
                & (Q(completed_at__isnull=True) | Q(completed_at__gte=end))
            )
        )
        .select_related("place")
        .only(
            "number",
            "kind",
            "state",
            "requested_at",
            "arrived_at",
            "completed_at",
            "after_hours_minutes",
            "accepted_at",
            "accepted_on_post",
            "place__site",
            "place__name",
        )
        .order_by("requested_at", "number")
    )
    sections: dict[str, list[dict[str, Any]]] = {"received": [], "completed": [], "continuing": []}
    after_count = after_minutes = off_post = 0
    for r in rows:
        found = figures.day_section(
            requested_at=r.requested_at,
            completed_at=r.completed_at,
            cancelled=r.state == SupportRequest.State.CANCELLED,
            day_start=start,
            day_end=end,
        )
        line = _line(r)
        for name in sorted(found):
            sections[name].append(line)
        if "received" in found and r.after_hours_minutes:
            after_count += 1
            after_minutes += r.after_hours_minutes
        # SO-9: accepted that day by someone not on a shift of the approved duty schedule.
        accepted = r.accepted_at is not None and start <= r.accepted_at < end
        if accepted and r.accepted_on_post is False:
            off_post += 1
    closing = (
        DailyClosing.objects.filter(contract=contract, day=day)
        .only(*(name for name, _ in CLOSING_CHECKS), "recorded_at")
        .first()
    )
    return {
        "day": day.isoformat(),
        "day_label": format_wareki(day),
        "received": sections["received"],
        "completed": sections["completed"],
        "continuing": sections["continuing"],
        "counts": {name: len(lines) for name, lines in sections.items()},
        "after_hours": {"count": after_count, "minutes": after_minutes},
        "off_post": off_post,
        "closing": (
            {
                "recorded": True,
                "checks": [
                    {"label": label, "done": bool(getattr(closing, name))}
                    for name, label in CLOSING_CHECKS
                ],
                "recorded_at": _hm(closing.recorded_at),
            }
            if closing
            else {"recorded": False, "label": NOT_RECORDED, "checks": []}
        ),
    }


# ---- the month --------------------------------------------------------------------------------


def monthly_report_data(*, access: ContractAccess, year: int, month: int) -> dict[str, Any]:
    """SO-14: the month's figures, JSON-ready: counts by kind, department, place, behaviour and
    decision; response (request → accepted) and arrival (request → arrived) times, median and
    longest; trainings held; after-hours work; the trend over the months before. Four queries,
    whatever the number of requests."""
    access.require(VIEW_SO_REPORTS)
    return monthly_figures(contract=access.contract, year=year, month=month)


def monthly_figures(*, contract: Any, year: int, month: int) -> dict[str, Any]:
    """``monthly_report_data`` for a contract already allowed (the demo, the benchmark)."""
    first, last = month_bounds(year, month)
    months = figures.previous_months(year, month, TREND_MONTHS)
    window_start = _local(date(*months[0], 1))
    start, end = _local(first), _local(last + timedelta(days=1))
    requests = list(
        SupportRequest.objects.filter(
            contract=contract, requested_at__gte=window_start, requested_at__lt=end
        )
        .exclude(state=SupportRequest.State.CANCELLED)
        .values_list(
            "requested_at",
            "after_hours_minutes",
            "kind",
            "department__name",
            "place__site",
            "place__name",
            "accepted_at",
            "arrived_at",
        )
    )
    this_month = [r for r in requests if start <= r[0] < end]
    incidents = list(
        Incident.objects.filter(
            contract=contract, started_at__gte=start, started_at__lt=end
        ).values_list("behaviours", "decision")
    )
    trainings = list(
        TrainingSession.objects.filter(contract=contract, held_on__gte=first, held_on__lte=last)
        .order_by("held_on", "pk")
        .values_list("held_on", "theme", "attendee_count")
    )
    kinds = dict(SupportRequest.Kind.choices)
    behaviour_keys = [key for behaviours, _ in incidents for key in (behaviours or [])]
    response = figures.spread(figures.minutes_between(r[0], r[6]) for r in this_month)
    arrival = figures.spread(figures.minutes_between(r[0], r[7]) for r in this_month)
    trend = figures.trend(
        months, ((timezone.localtime(r[0]), r[1]) for r in requests if r[0] >= window_start)
    )
    for row in trend:
        row["label"] = f"{row['month']}月"
    return {
        "year": year,
        "month": month,
        "month_label": format_wareki_month(year, month),
        "total": len(this_month),
        "by_kind": figures.counted((r[2] for r in this_month), kinds),
        "by_department": figures.counted(r[3] for r in this_month),
        "by_place": figures.counted(_place_label(r[4], r[5]) for r in this_month),
        "incident_count": len(incidents),
        "by_behaviour": figures.counted(behaviour_keys, dict(Behaviour.choices)),
        "by_decision": figures.counted(
            (decision for _, decision in incidents), dict(Incident.Decision.choices)
        ),
        "response": response.as_data(),
        "arrival": arrival.as_data(),
        "times": {
            "response_median": figures.minutes_label(response.median),
            "response_longest": figures.minutes_label(response.longest),
            "arrival_median": figures.minutes_label(arrival.median),
            "arrival_longest": figures.minutes_label(arrival.longest),
        },
        "trainings": [
            {"held_on": d.isoformat(), "held_on_label": format_wareki(d), "theme": t, "count": c}
            for d, t, c in trainings
        ],
        "after_hours": {
            "count": sum(1 for r in this_month if r[1]),
            "minutes": sum(r[1] for r in this_month),
        },
        "trend": trend,
    }


# ---- the reports themselves -------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """An obligation item of the daily or monthly report and the report made for it, if any."""

    item: ObligationItem
    report: DailyReport | MonthlyReport | None

    @property
    def state_label(self) -> str:
        if self.report is not None and self.report.state != "draft":
            return self.report.get_state_display()
        return "未提出"

    @property
    def late(self) -> bool:
        submitted = self.item.submitted_at
        if submitted is None:
            return timezone.localdate() > self.item.due_date
        return timezone.localdate(submitted) > self.item.due_date


def _items(access: ContractAccess, name: str, through: date, limit: int) -> list[ObligationItem]:
    return list(
        ObligationItem.objects.filter(
            obligation__contract=access.contract, obligation__name=name, period_end__lte=through
        ).order_by("-period_start")[:limit]
    )


def report_rows(*, access: ContractAccess, limit: int = 31) -> dict[str, list[ReportRow]]:
    """The latest daily and monthly report items up to the access day, with their reports:
    four queries."""
    access.require(VIEW_SO_REPORTS)
    daily = _items(access, DAILY, access.on, limit)
    monthly = _items(access, MONTHLY, access.on, 12)
    dailies = {
        r.day: r
        for r in DailyReport.objects.filter(
            contract=access.contract, day__in=[i.period_start for i in daily]
        ).defer("data", "remarks")
    }
    monthlies = {
        (r.year, r.month): r
        for r in MonthlyReport.objects.filter(contract=access.contract).defer("data", "remarks")
    }
    return {
        "daily": [ReportRow(i, dailies.get(i.period_start)) for i in daily],
        "monthly": [
            ReportRow(i, monthlies.get((i.period_start.year, i.period_start.month)))
            for i in monthly
        ],
    }


def obligation_item_for(*, access: ContractAccess, name: str, day: date) -> ObligationItem | None:
    """The contract's item of the daily (or monthly) report covering ``day``."""
    return (
        ObligationItem.objects.filter(
            obligation__contract=access.contract,
            obligation__name=name,
            period_start__lte=day,
            period_end__gte=day,
        )
        .select_related("obligation")
        .first()
    )


def daily_report_get(*, access: ContractAccess, day: date) -> DailyReport | None:
    access.require(VIEW_SO_REPORTS)
    return DailyReport.objects.filter(contract=access.contract, day=day).first()


def monthly_report_get(*, access: ContractAccess, year: int, month: int) -> MonthlyReport | None:
    access.require(VIEW_SO_REPORTS)
    return (
        MonthlyReport.objects.filter(contract=access.contract, year=year, month=month)
        .select_related("confirmation")
        .first()
    )


def in_period(access: ContractAccess, first: date, last: date) -> None:
    """A report exists only for the contract's period: any other day or month is a 404."""
    contract = access.contract
    if last < contract.period_start or first > contract.period_end:
        raise Http404


def daily_shown(*, access: ContractAccess, day: date) -> tuple[DailyReport | None, dict[str, Any]]:
    """The report of the day and what it says: the frozen data once submitted, else generated.
    A day outside the contract's period is a 404."""
    in_period(access, day, day)
    report = daily_report_get(access=access, day=day)
    if report is not None and report.state != "draft" and report.data:
        return report, report.data
    return report, daily_report_data(access=access, day=day)


def monthly_shown(
    *, access: ContractAccess, year: int, month: int
) -> tuple[MonthlyReport | None, dict[str, Any]]:
    if not 1 <= month <= 12:
        raise Http404
    in_period(access, *month_bounds(year, month))
    report = monthly_report_get(access=access, year=year, month=month)
    if report is not None and report.state != "draft" and report.data:
        return report, report.data
    return report, monthly_report_data(access=access, year=year, month=month)


def adhoc_reports(*, access: ContractAccess) -> Iterable[Any]:
    from itaku.support_office.reports.models import AdHocReport

    access.require(VIEW_SO_REPORTS)
    return (
        AdHocReport.objects.filter(contract=access.contract)
        .defer("body")
        .select_related("attachment", "reported_by__person")
    )


def adhoc_report_get(*, access: ContractAccess, report_id: Any) -> Any:
    from itaku.support_office.reports.models import AdHocReport

    access.require(VIEW_SO_REPORTS)
    return get_or_404(
        AdHocReport.objects.select_related("attachment"), pk=report_id, contract=access.contract
    )
