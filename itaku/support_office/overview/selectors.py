"""The support office's progress for the ward, contract by contract (SO-18), read through the
access rule: only contracts whose access holds ``VIEW_PROGRESS``, in a fixed number of queries
however many contracts and records (one per kind of record, none when no access allows it)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString

from itaku.core.access import ContractAccess
from itaku.core.deadlines import month_bounds
from itaku.core.selectors import business_calendar
from itaku.support_office import domain
from itaku.support_office.dispatch.models import SupportRequest
from itaku.support_office.duty.models import DutySchedule
from itaku.support_office.incidents.models import Consultation, Incident
from itaku.support_office.office.models import TrainingSession
from itaku.support_office.overview.decl import VIEW_PROGRESS
from itaku.support_office.reports.models import DailyReport, ReportState
from itaku.web.markup import esc as _esc

TRAINING_LABELS = {
    domain.TrainingState.HELD: "実施済み",
    domain.TrainingState.DUE: "未実施",
    domain.TrainingState.WARNING: "未実施(20日を過ぎました)",
    domain.TrainingState.BREACH: "未実施(期限超過)",
}


@dataclass(frozen=True)
class ProgressRow:
    """One contract's standing today: what is open now, what came in today and this month,
    the last business day's daily report, this month's training and next month's schedule."""

    contract: Any
    open_now: int
    open_emergencies: int
    received_today: int
    completed_today: int
    month_requests: int
    month_incidents: int
    month_consultations: int
    training: domain.TrainingState
    report_day: date
    report_state: str  # a ReportState value, or "" when the report has not been made
    schedule_month: tuple[int, int]
    schedule_state: str  # a DutySchedule.State value of the latest version, or "" if none

    @property
    def training_label(self) -> str:
        return TRAINING_LABELS[self.training]

    @property
    def report_label(self) -> str:
        return ReportState(self.report_state).label if self.report_state else "未作成"

    @property
    def schedule_label(self) -> str:
        return DutySchedule.State(self.schedule_state).label if self.schedule_state else "未作成"

    def html(self, *, contract_url: str, report_day_label: str) -> SafeString:
        """The row as the panel shows it. Written here rather than in the template: an auditor
        follows every contract of the ward, and the template engine spent about 1 ms a row on
        its lookups and number formats. Every text is escaped with the ``itaku.web.markup.esc``
        (quotes included), as ``format_html`` would, at a fraction of its cost;
        the numbers are ints."""
        emergencies = (
            f' <span class="badge badge--overdue">うち緊急 {int(self.open_emergencies)}件</span>'
            if self.open_emergencies
            else ""
        )
        return SafeString(
            f'<tr><td data-label="契約"><a href="{_esc(contract_url)}">'
            f"{_esc(self.contract.title)}</a></td>"
            f'<td data-label="対応中">{int(self.open_now)}件{emergencies}</td>'
            f'<td data-label="今日">受付 {int(self.received_today)}件・'
            f"完了 {int(self.completed_today)}件</td>"
            f'<td data-label="今月">依頼 {int(self.month_requests)}件・'
            f"事案 {int(self.month_incidents)}件・相談 {int(self.month_consultations)}件</td>"
            f'<td data-label="日報" data-clause="SO-13">{_esc(report_day_label)}分: '
            f"{_esc(self.report_label)}</td>"
            f'<td data-label="研修" data-clause="SO-8">{_esc(self.training_label)}</td>'
            f'<td data-label="勤務予定表" data-clause="SO-10">{int(self.schedule_month[1])}月分: '
            f"{_esc(self.schedule_label)}</td></tr>"
        )

    @property
    def needs_attention(self) -> bool:
        return (
            self.open_emergencies > 0
            or self.training in (domain.TrainingState.WARNING, domain.TrainingState.BREACH)
            or self.report_state not in (ReportState.SUBMITTED, ReportState.ACKNOWLEDGED)
        )


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def progress_rows(*, today: date, accesses: Sequence[ContractAccess]) -> list[ProgressRow]:
    """SO-18: each support-office contract the user may follow, with its figures of today."""
    allowed = [a for a in accesses if a.can(VIEW_PROGRESS)]  # an action of the office only
    if not allowed:
        return []
    ids = [a.contract.pk for a in allowed]
    tz = timezone.get_current_timezone()
    day_start = datetime.combine(today, time.min, tzinfo=tz)
    first, last = month_bounds(today.year, today.month)
    month_start = datetime.combine(first, time.min, tzinfo=tz)
    month_end = datetime.combine(last, time.max, tzinfo=tz)
    calendar = business_calendar()
    report_day = calendar.previous_business_day(today)
    next_year, next_month = _next_month(today.year, today.month)

    open_states = list(SupportRequest.OPEN_STATES)
    emergency = SupportRequest.Kind.EMERGENCY
    requests = {
        row["contract_id"]: row
        for row in SupportRequest.objects.filter(contract_id__in=ids)
        .values("contract_id")
        .annotate(
            open_now=Count("pk", filter=Q(state__in=open_states)),
            open_emergencies=Count("pk", filter=Q(state__in=open_states, kind=emergency)),
            received_today=Count("pk", filter=Q(requested_at__gte=day_start)),
            completed_today=Count("pk", filter=Q(completed_at__gte=day_start)),
            month_requests=Count(
                "pk", filter=Q(requested_at__gte=month_start, requested_at__lte=month_end)
            ),
        )
    }
    incidents = Counter(
        Incident.objects.filter(
            contract_id__in=ids, started_at__gte=month_start, started_at__lte=month_end
        ).values_list("contract_id", flat=True)
    )
    consultations = Counter(
        Consultation.objects.filter(
            contract_id__in=ids, consulted_at__gte=month_start, consulted_at__lte=month_end
        ).values_list("contract_id", flat=True)
    )
    held: dict[int, list[date]] = defaultdict(list)
    for contract_id, held_on in TrainingSession.objects.filter(
        contract_id__in=ids, held_on__gte=first, held_on__lte=last
    ).values_list("contract_id", "held_on"):
        held[contract_id].append(held_on)
    reports = dict(
        DailyReport.objects.filter(contract_id__in=ids, day=report_day).values_list(
            "contract_id", "state"
        )
    )
    schedules: dict[int, str] = {}
    for contract_id, state in (
        DutySchedule.objects.filter(contract_id__in=ids, year=next_year, month=next_month)
        .order_by("contract_id", "version")
        .values_list("contract_id", "state")
    ):
        schedules[contract_id] = state  # the latest version wins

    rows = []
    for access in allowed:
        pk = access.contract.pk
        counts = requests.get(pk, {})
        rows.append(
            ProgressRow(
                contract=access.contract,
                open_now=counts.get("open_now", 0),
                open_emergencies=counts.get("open_emergencies", 0),
                received_today=counts.get("received_today", 0),
                completed_today=counts.get("completed_today", 0),
                month_requests=counts.get("month_requests", 0),
                month_incidents=incidents[pk],
                month_consultations=consultations[pk],
                training=domain.training_state(
                    today.year, today.month, held_on=held[pk], today=today, calendar=calendar
                ),
                report_day=report_day,
                report_state=reports.get(pk, ""),
                schedule_month=(next_year, next_month),
                schedule_state=schedules.get(pk, ""),
            )
        )
    return rows


def progress_table_rows(rows: Sequence[ProgressRow]) -> SafeString:
    """The panel's table rows, each written by ``ProgressRow.html`` (the 和暦 of the report day
    worked out once: every row has the same)."""
    from itaku.core.templatetags.itaku import wareki
    from itaku.web.views import contract_url_maker

    contract_url = contract_url_maker("core:contract-detail")
    labels: dict[date, str] = {}
    parts = []
    for row in rows:
        if row.report_day not in labels:
            labels[row.report_day] = wareki(row.report_day)
        parts.append(
            row.html(
                contract_url=contract_url(row.contract.pk), report_day_label=labels[row.report_day]
            )
        )
    return SafeString("".join(parts))
