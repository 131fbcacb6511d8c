"""Pages of the monthly implementation report (IC-24): the months of the contract, a month's
report (figures, chart, Excel and PDF made in the background, submission to the ward). Thin:
selectors read, services write. An outsider or another contract's person gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.core.calendar import format_wareki_month
from itaku.core.contributions import ACKNOWLEDGE_OBLIGATION, SUBMIT_OBLIGATION
from itaku.ichou.reports import documents, selectors, services
from itaku.ichou.reports.actions import KIND, VIEW_IC_REPORTS
from itaku.ichou.reports.models import MonthlyImplementationReport
from itaku.jobs.services import job_latest, job_start
from itaku.web.views import post_only_or_back

FORMATS = ("xlsx", "pdf")


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != KIND:
        raise Http404
    access.require(VIEW_IC_REPORTS)
    return access


@login_required
def report_index(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    submitted = {
        (r.year, r.month): r
        for r in MonthlyImplementationReport.objects.filter(contract=access.contract)
    }
    months = [
        {"year": y, "month": m, "label": format_wareki_month(y, m), "report": submitted.get((y, m))}
        for y, m in selectors.months_of(access)
    ]
    return render(
        request, "ichou/reports/index.html", {"contract": access.contract, "months": months}
    )


@login_required
def monthly_report(request: HttpRequest, contract_id: int, year: int, month: int) -> HttpResponse:
    access = _access(request, contract_id)
    report, data = selectors.month_shown(access=access, year=year, month=month)
    item = selectors.obligation_item_for(access=access, year=year, month=month)
    jobs = {fmt: job_latest(access=access, kind=f"ic_reports.monthly_{fmt}") for fmt in FORMATS}
    return render(
        request,
        "ichou/reports/monthly.html",
        {
            "contract": access.contract,
            "year": year,
            "month": month,
            "data": data,
            "report": report,
            "item": item,
            "can_submit": access.can(SUBMIT_OBLIGATION) and report is None and item is not None,
            "can_acknowledge": access.can(ACKNOWLEDGE_OBLIGATION)
            and report is not None
            and item is not None
            and item.submitted_at is not None
            and item.acknowledged_at is None,
            "chart": mark_safe(documents.attendance_svg(data)),  # noqa: S308 - drawn here, labels escaped
            "jobs": {
                k: v
                for k, v in jobs.items()
                if v is not None and v.params.get("year") == year and v.params.get("month") == month
            },
        },
    )


@post_only_or_back("ichou:report-month", keep=("year", "month"))
@login_required
def monthly_report_export(
    request: HttpRequest, contract_id: int, year: int, month: int, fmt: str
) -> HttpResponse:
    """IC-24: 「作成」 starts the job making the month's Excel or PDF; its page shows the
    progress and then the download."""
    access = _access(request, contract_id)
    if fmt not in FORMATS:
        raise Http404
    selectors.in_period(access, year, month)
    job = job_start(
        actor=request.user,
        access=access,
        kind=f"ic_reports.monthly_{fmt}",
        params={"year": year, "month": month},
    )
    return redirect("jobs:detail", contract_id=contract_id, job_id=job.pk)


@post_only_or_back("ichou:report-month", keep=("year", "month"))
@login_required
def monthly_report_submit(
    request: HttpRequest, contract_id: int, year: int, month: int
) -> HttpResponse:
    access = _access(request, contract_id)
    selectors.in_period(access, year, month)
    try:
        services.monthly_report_submit(actor=request.user, access=access, year=year, month=month)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "実施報告を区へ提出しました。")
    return redirect("ichou:report-month", contract_id=contract_id, year=year, month=month)


@post_only_or_back("ichou:report-month", keep=("year", "month"))
@login_required
def monthly_report_acknowledge(
    request: HttpRequest, contract_id: int, year: int, month: int
) -> HttpResponse:
    access = _access(request, contract_id)
    selectors.in_period(access, year, month)
    try:
        services.monthly_report_acknowledge(
            actor=request.user, access=access, year=year, month=month
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "実施報告の受領を確認しました。")
    return redirect("ichou:report-month", contract_id=contract_id, year=year, month=month)
