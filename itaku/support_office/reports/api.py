"""The reports' endpoints under ``/api/v1/support-office/`` (SO-13, SO-14): the data of a day's
and of a month's report, as the page shows it (frozen once submitted), through the same access
rule; a contract the caller may not see is a 404. The dispatch part has its own router under the
same prefix; this one is tagged 「日報・月報」."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from itaku.api_common import ApiDate, error_responses
from itaku.core import selectors as core_selectors
from itaku.support_office import KIND
from itaku.support_office.reports import selectors

router = Router(tags=["日報・月報"])


def _access(request: HttpRequest, contract_id: int) -> Any:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != KIND:
        raise Http404
    return access


def _state(report: Any) -> str:
    return report.state if report is not None else "draft"


@router.get(
    "/contracts/{contract_id}/reports/daily/{day}",
    response={200: dict[str, Any], **error_responses()},
)
def daily_report(request: HttpRequest, contract_id: int, day: ApiDate) -> dict[str, Any]:
    """The day's report (日報): received, completed, continuing, after-hours work, the closing
    check; ``state`` is draft, submitted or acknowledged."""
    access = _access(request, contract_id)
    report, data = selectors.daily_shown(access=access, day=day)
    return {"state": _state(report), **data}


@router.get(
    "/contracts/{contract_id}/reports/monthly/{year}/{month}",
    response={200: dict[str, Any], **error_responses()},
)
def monthly_report(request: HttpRequest, contract_id: int, year: int, month: int) -> dict[str, Any]:
    """The month's report (月報): counts, times, trainings, after-hours work, the trend."""
    access = _access(request, contract_id)
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    report, data = selectors.monthly_shown(access=access, year=year, month=month)
    return {"state": _state(report), **data}
