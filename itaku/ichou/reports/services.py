"""Writes of the reports: the responsible person submits the month's implementation report to
the ward, which freezes its figures and meets the month's obligation item (月ごとの実施報告,
IC-24, 仕様書 14(3)). The audit record is written in the same transaction and holds the month,
the due date and whether it was late, never a figure about a person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.contributions import ACKNOWLEDGE_OBLIGATION, SUBMIT_OBLIGATION
from itaku.core.services.obligations import obligation_item_acknowledge, obligation_item_submit
from itaku.ichou.reports import selectors
from itaku.ichou.reports.actions import VIEW_IC_REPORTS
from itaku.ichou.reports.models import MonthlyImplementationReport

NO_ITEM = "この月の提出物(月ごとの実施報告)が予定されていません。"
ALREADY_SUBMITTED = "この月の実施報告は提出済みです。"


def monthly_report_submit(
    *, actor: Any, access: ContractAccess, year: int, month: int
) -> MonthlyImplementationReport:
    """IC-24: the month's report goes to the ward: its figures are frozen as submitted and the
    month's obligation item is met (late when after the 10th of the next month)."""
    access.require(SUBMIT_OBLIGATION)
    access.require(VIEW_IC_REPORTS)
    item = selectors.obligation_item_for(access=access, year=year, month=month)
    if item is None:
        raise ValidationError(NO_ITEM)
    data = selectors.month_data(access=access, year=year, month=month)
    now = timezone.now()
    with transaction.atomic():
        if (
            MonthlyImplementationReport.objects.select_for_update()
            .filter(contract=access.contract, year=year, month=month)
            .exists()
        ):
            raise ValidationError(ALREADY_SUBMITTED)
        submitted = obligation_item_submit(actor=actor, access=access, item=item)
        report = MonthlyImplementationReport.objects.create(
            contract=access.contract,
            year=year,
            month=month,
            data=data,
            obligation_item=submitted,
            submitted_at=now,
            submitted_by=actor,
        )
        audit_record(
            actor=actor,
            action="ic_monthly_report.submit",
            target=report,
            contract=access.contract,
            changes={
                "year": year,
                "month": month,
                "due_date": item.due_date.isoformat(),
                "late": timezone.localdate(now) > item.due_date,
                "activities": data["totals"]["activities"],
            },
        )
    return report


def monthly_report_acknowledge(
    *, actor: Any, access: ContractAccess, year: int, month: int
) -> MonthlyImplementationReport:
    """IC-24: the ward supervisor confirms receipt of the month's submitted report, on the
    report's page (the obligation's page, so the contract page's generic button leads here):
    the month's obligation item is acknowledged (audited by core's service)."""
    access.require(ACKNOWLEDGE_OBLIGATION)
    access.require(VIEW_IC_REPORTS)
    report = (
        MonthlyImplementationReport.objects.filter(contract=access.contract, year=year, month=month)
        .select_related("obligation_item")
        .first()
    )
    if report is None or report.obligation_item is None:
        raise ValidationError("この月の実施報告はまだ提出されていません。")
    obligation_item_acknowledge(actor=actor, access=access, item=report.obligation_item)
    return report
