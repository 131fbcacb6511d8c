"""Pages of the reports: the list of daily and monthly reports, a day's report (review, submit,
acknowledge, download), a month's report (charts, submit, acknowledge, Excel and PDF made in the
background, the performance confirmation), ad-hoc reports. Thin: selectors read, services
write (SO-13 … SO-16)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from itaku.audit.services import audit_reads
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.core.contributions import ACKNOWLEDGE_OBLIGATION, SUBMIT_OBLIGATION
from itaku.core.deadlines import month_bounds
from itaku.jobs.services import job_latest, job_start
from itaku.support_office import KIND
from itaku.support_office.reports import documents, selectors, services
from itaku.support_office.reports.actions import (
    CONFIRM_SO_PERFORMANCE,
    RECORD_SO_ADHOC_REPORT,
    VIEW_SO_REPORTS,
)
from itaku.support_office.reports.forms import (
    AdHocReportForm,
    PerformanceConfirmForm,
    ReportSubmitForm,
)
from itaku.support_office.reports.models import ReportState
from itaku.web.views import apply_errors, post_only_or_back

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"xlsx": XLSX, "pdf": "application/pdf"}


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != KIND:
        raise Http404
    access.require(VIEW_SO_REPORTS)
    return access


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def _month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404


@login_required
def report_index(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    rows = selectors.report_rows(access=access)
    return render(
        request,
        "support_office/reports/index.html",
        {
            "contract": access.contract,
            "daily": rows["daily"],
            "monthly": rows["monthly"],
            "can_record_adhoc": access.can(RECORD_SO_ADHOC_REPORT),
        },
    )


# ---- the day ----------------------------------------------------------------------------------


def _daily_page(
    request: HttpRequest,
    access: ContractAccess,
    day: date,
    *,
    form: ReportSubmitForm | None = None,
    status: int = 200,
) -> HttpResponse:
    report, data = selectors.daily_shown(access=access, day=day)
    item = selectors.obligation_item_for(access=access, name=selectors.DAILY, day=day)
    state = report.state if report else ReportState.DRAFT
    can_submit = (
        access.can(SUBMIT_OBLIGATION)
        and state == ReportState.DRAFT
        and item is not None
        and item.period_start == day
    )
    return render(
        request,
        "support_office/reports/daily.html",
        {
            "contract": access.contract,
            "day": day,
            "data": data,
            "report": report,
            "item": item,
            "state": state,
            "form": form or (ReportSubmitForm() if can_submit else None),
            "can_submit": can_submit,
            "can_acknowledge": access.can(ACKNOWLEDGE_OBLIGATION)
            and state == ReportState.SUBMITTED,
            "jobs": {
                fmt: job
                for fmt in FORMATS
                if (job := job_latest(access=access, kind=f"so_reports.daily_{fmt}")) is not None
                and job.params.get("day") == day.isoformat()
            },
        },
        status=status,
    )


@login_required
def daily_report(request: HttpRequest, contract_id: int, day: str) -> HttpResponse:
    access = _access(request, contract_id)
    return _daily_page(request, access, _day(day))


@post_only_or_back("support_office:daily-report", keep=("day",))
@login_required
def daily_report_submit(request: HttpRequest, contract_id: int, day: str) -> HttpResponse:
    access = _access(request, contract_id)
    the_day = _day(day)
    form = ReportSubmitForm(request.POST)
    if form.is_valid():
        try:
            services.daily_report_submit(
                actor=request.user, access=access, day=the_day, remarks=form.cleaned_data["remarks"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "日報を区へ提出しました。")
            return redirect("support_office:daily-report", contract_id=contract_id, day=day)
    return _daily_page(request, access, the_day, form=form, status=400)


@post_only_or_back("support_office:daily-report", keep=("day",))
@login_required
def daily_report_acknowledge(request: HttpRequest, contract_id: int, day: str) -> HttpResponse:
    access = _access(request, contract_id)
    try:
        services.daily_report_acknowledge(actor=request.user, access=access, day=_day(day))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "日報の受領を確認しました。")
    return redirect("support_office:daily-report", contract_id=contract_id, day=day)


@post_only_or_back("support_office:daily-report", keep=("day",))
@login_required
def daily_report_export(request: HttpRequest, contract_id: int, day: str, fmt: str) -> HttpResponse:
    """SO-15: the day's Excel or PDF, made in the background like the month's; its page shows
    the progress and then the download (the jobs' download, audited)."""
    access = _access(request, contract_id)
    if fmt not in FORMATS:
        raise Http404
    the_day = _day(day)
    selectors.in_period(access, the_day, the_day)
    job = job_start(
        actor=request.user,
        access=access,
        kind=f"so_reports.daily_{fmt}",
        params={"day": the_day.isoformat()},
    )
    return redirect("jobs:detail", contract_id=contract_id, job_id=job.pk)


# ---- the month --------------------------------------------------------------------------------


def _monthly_page(
    request: HttpRequest,
    access: ContractAccess,
    year: int,
    month: int,
    *,
    form: ReportSubmitForm | None = None,
    confirm_form: PerformanceConfirmForm | None = None,
    status: int = 200,
) -> HttpResponse:
    report, data = selectors.monthly_shown(access=access, year=year, month=month)
    item = selectors.obligation_item_for(
        access=access, name=selectors.MONTHLY, day=date(year, month, 1)
    )
    state = report.state if report else ReportState.DRAFT
    can_submit = access.can(SUBMIT_OBLIGATION) and state == ReportState.DRAFT and item is not None
    confirmation = getattr(report, "confirmation", None) if report else None
    can_confirm = (
        access.can(CONFIRM_SO_PERFORMANCE) and state != ReportState.DRAFT and confirmation is None
    )
    charts = {k: mark_safe(v) for k, v in documents.monthly_charts(data).items()}  # noqa: S308 - drawn here, labels escaped
    jobs = {fmt: job_latest(access=access, kind=f"so_reports.monthly_{fmt}") for fmt in FORMATS}
    return render(
        request,
        "support_office/reports/monthly.html",
        {
            "contract": access.contract,
            "year": year,
            "month": month,
            "data": data,
            "charts": charts,
            "report": report,
            "item": item,
            "state": state,
            "confirmation": confirmation,
            "form": form or (ReportSubmitForm() if can_submit else None),
            "can_submit": can_submit,
            "can_acknowledge": access.can(ACKNOWLEDGE_OBLIGATION)
            and state == ReportState.SUBMITTED,
            "confirm_form": confirm_form or (PerformanceConfirmForm() if can_confirm else None),
            "jobs": {
                k: v
                for k, v in jobs.items()
                if v is not None and v.params.get("year") == year and v.params.get("month") == month
            },
        },
        status=status,
    )


@login_required
def monthly_report(request: HttpRequest, contract_id: int, year: int, month: int) -> HttpResponse:
    access = _access(request, contract_id)
    _month(year, month)
    return _monthly_page(request, access, year, month)


@post_only_or_back("support_office:monthly-report", keep=("year", "month"))
@login_required
def monthly_report_submit(
    request: HttpRequest, contract_id: int, year: int, month: int
) -> HttpResponse:
    access = _access(request, contract_id)
    _month(year, month)
    form = ReportSubmitForm(request.POST)
    if form.is_valid():
        try:
            services.monthly_report_submit(
                actor=request.user,
                access=access,
                year=year,
                month=month,
                remarks=form.cleaned_data["remarks"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "月報を区へ提出しました。")
            return redirect(
                "support_office:monthly-report", contract_id=contract_id, year=year, month=month
            )
    return _monthly_page(request, access, year, month, form=form, status=400)


@post_only_or_back("support_office:monthly-report", keep=("year", "month"))
@login_required
def monthly_report_acknowledge(
    request: HttpRequest, contract_id: int, year: int, month: int
) -> HttpResponse:
    access = _access(request, contract_id)
    _month(year, month)
    try:
        services.monthly_report_acknowledge(
            actor=request.user, access=access, year=year, month=month
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "月報の受領を確認しました。")
    return redirect(
        "support_office:monthly-report", contract_id=contract_id, year=year, month=month
    )


@post_only_or_back("support_office:monthly-report", keep=("year", "month"))
@login_required
def performance_confirm(
    request: HttpRequest, contract_id: int, year: int, month: int
) -> HttpResponse:
    access = _access(request, contract_id)
    _month(year, month)
    access.require(CONFIRM_SO_PERFORMANCE)
    form = PerformanceConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.performance_confirm(
                actor=request.user, access=access, year=year, month=month, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "この月の履行を確認しました。")
            return redirect(
                "support_office:monthly-report", contract_id=contract_id, year=year, month=month
            )
    return _monthly_page(request, access, year, month, confirm_form=form, status=400)


@post_only_or_back("support_office:monthly-report", keep=("year", "month"))
@login_required
def monthly_report_export(
    request: HttpRequest, contract_id: int, year: int, month: int, fmt: str
) -> HttpResponse:
    """SO-15: the month's Excel or PDF is made in the background; its page shows the progress
    and then the download."""
    access = _access(request, contract_id)
    _month(year, month)
    if fmt not in FORMATS:
        raise Http404
    selectors.in_period(access, *month_bounds(year, month))
    job = job_start(
        actor=request.user,
        access=access,
        kind=f"so_reports.monthly_{fmt}",
        params={"year": year, "month": month},
    )
    return redirect("jobs:detail", contract_id=contract_id, job_id=job.pk)


# ---- ad-hoc reports ---------------------------------------------------------------------------


def _adhoc_list(
    request: HttpRequest, access: ContractAccess, form: AdHocReportForm | None, status: int = 200
) -> HttpResponse:
    can_record = access.can(RECORD_SO_ADHOC_REPORT)
    return render(
        request,
        "support_office/reports/adhoc_list.html",
        {
            "contract": access.contract,
            "reports": list(selectors.adhoc_reports(access=access)),
            "form": form or (AdHocReportForm() if can_record else None),
        },
        status=status,
    )


@login_required
def adhoc_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    return _adhoc_list(request, access, None)


@post_only_or_back("support_office:adhoc-list")
@login_required
def adhoc_record(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    access.require(RECORD_SO_ADHOC_REPORT)
    form = AdHocReportForm(request.POST, request.FILES)
    if form.is_valid():
        upload: Any = form.cleaned_data["file"]
        try:
            report = services.adhoc_report_record(
                actor=request.user,
                access=access,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                asked_by_ward=form.cleaned_data["asked_by_ward"],
                file_name=upload.name if upload else "",
                file_data=upload.read() if upload else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "随時報告を区へ提出しました。")
            return redirect(
                "support_office:adhoc-detail", contract_id=contract_id, report_id=report.pk
            )
    return _adhoc_list(request, access, form, status=400)


@login_required
def adhoc_detail(request: HttpRequest, contract_id: int, report_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    report = selectors.adhoc_report_get(access=access, report_id=report_id)
    audit_reads(actor=request.user, contract=access.contract, records=[report])
    return render(
        request,
        "support_office/reports/adhoc_detail.html",
        {"contract": access.contract, "report": report},
    )
