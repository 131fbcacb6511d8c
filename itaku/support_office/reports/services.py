"""Writes of the reports: the manager submits the day's and the month's report (which meets the
obligation item, SO-13, SO-14), the ward acknowledges it, the manager files an ad-hoc report
(SO-15), the ward supervisor confirms the month's performance (SO-16).

Each service checks the access rule, runs in one transaction and writes its audit record there;
the audit record holds dates, states and counts, never the remarks or the report's text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.contributions import ACKNOWLEDGE_OBLIGATION, SUBMIT_OBLIGATION
from itaku.core.services.obligations import obligation_item_acknowledge, obligation_item_submit
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_add
from itaku.support_office.reports import selectors
from itaku.support_office.reports.actions import CONFIRM_SO_PERFORMANCE, RECORD_SO_ADHOC_REPORT
from itaku.support_office.reports.models import (
    AdHocReport,
    DailyReport,
    MonthlyReport,
    PerformanceConfirmation,
    ReportState,
)

NO_ITEM = "この日の提出物(日報)が予定されていません。開庁日の日報だけを提出できます。"
NO_MONTH_ITEM = "この月の提出物(月報)が予定されていません。"
NOT_SUBMITTED = "まだ提出されていません。"
ALREADY_SUBMITTED = "この報告は提出済みです。"
ALREADY_ACKNOWLEDGED = "この報告は確認済みです。"
NO_MONTHLY_REPORT = (
    "この月の月報がまだ提出されていません。月報が提出されてから履行を確認してください。"
)
ALREADY_CONFIRMED = "この月の履行は確認済みです。"


def _submit(
    *,
    actor: Any,
    access: ContractAccess,
    model: type[DailyReport] | type[MonthlyReport],
    keys: dict[str, Any],
    item: Any,
    data: dict[str, Any],
    remarks: str,
    event: str,
) -> Any:
    now = timezone.now()
    with transaction.atomic():
        report, _ = model.objects.select_for_update().get_or_create(
            contract=access.contract, **keys
        )
        if report.state != ReportState.DRAFT:
            raise ValidationError(ALREADY_SUBMITTED)
        submitted = obligation_item_submit(actor=actor, access=access, item=item)
        report.state = ReportState.SUBMITTED
        report.data = data
        report.remarks = remarks
        report.obligation_item = submitted
        report.submitted_at = now
        report.submitted_by = actor
        report.save()
        audit_record(
            actor=actor,
            action=event,
            target=report,
            contract=access.contract,
            changes={
                **{k: str(v) for k, v in keys.items()},
                "due_date": item.due_date.isoformat(),
                "late": timezone.localdate(now) > item.due_date,
                "remarks": bool(remarks),
            },
        )
    return report


def daily_report_submit(
    *, actor: Any, access: ContractAccess, day: date, remarks: str = ""
) -> DailyReport:
    """SO-13: the manager reviewed the day's generated report and submits it, with remarks; the
    figures are frozen as submitted and the day's obligation item (日報) is met."""
    access.require(SUBMIT_OBLIGATION)
    my_number_refuse(actor=actor, fields={"remarks": remarks}, contract=access.contract)
    item = selectors.obligation_item_for(access=access, name=selectors.DAILY, day=day)
    if item is None or item.period_start != day:
        raise ValidationError(NO_ITEM)
    data = selectors.daily_report_data(access=access, day=day)
    return _submit(
        actor=actor,
        access=access,
        model=DailyReport,
        keys={"day": day},
        item=item,
        data=data,
        remarks=remarks,
        event="so_daily_report.submit",
    )


def monthly_report_submit(
    *, actor: Any, access: ContractAccess, year: int, month: int, remarks: str = ""
) -> MonthlyReport:
    """SO-14: the manager submits the month's report; its figures are frozen, the month's
    obligation item (月報) is met."""
    access.require(SUBMIT_OBLIGATION)
    my_number_refuse(actor=actor, fields={"remarks": remarks}, contract=access.contract)
    item = selectors.obligation_item_for(
        access=access, name=selectors.MONTHLY, day=date(year, month, 1)
    )
    if item is None:
        raise ValidationError(NO_MONTH_ITEM)
    data = selectors.monthly_report_data(access=access, year=year, month=month)
    return _submit(
        actor=actor,
        access=access,
        model=MonthlyReport,
        keys={"year": year, "month": month},
        item=item,
        data=data,
        remarks=remarks,
        event="so_monthly_report.submit",
    )


def _acknowledge(*, actor: Any, access: ContractAccess, report: Any, event: str) -> Any:
    access.require(ACKNOWLEDGE_OBLIGATION)
    with transaction.atomic():
        report = type(report).objects.select_for_update().get(pk=report.pk)
        if report.state == ReportState.DRAFT or report.obligation_item is None:
            raise ValidationError(NOT_SUBMITTED)
        if report.state == ReportState.ACKNOWLEDGED:
            raise ValidationError(ALREADY_ACKNOWLEDGED)
        item = report.obligation_item
        if item.acknowledged_at is None:
            obligation_item_acknowledge(actor=actor, access=access, item=item)
        report.state = ReportState.ACKNOWLEDGED
        report.acknowledged_at = timezone.now()
        report.acknowledged_by = actor
        report.save(update_fields=["state", "acknowledged_at", "acknowledged_by"])
        audit_record(actor=actor, action=event, target=report, contract=access.contract)
    return report


def daily_report_acknowledge(*, actor: Any, access: ContractAccess, day: date) -> DailyReport:
    """SO-13: the ward supervisor acknowledges the submitted daily report."""
    report = selectors.daily_report_get(access=access, day=day)
    if report is None:
        raise ValidationError(NOT_SUBMITTED)
    return _acknowledge(
        actor=actor, access=access, report=report, event="so_daily_report.acknowledge"
    )


def monthly_report_acknowledge(
    *, actor: Any, access: ContractAccess, year: int, month: int
) -> MonthlyReport:
    """SO-14: the ward supervisor acknowledges the submitted monthly report."""
    report = selectors.monthly_report_get(access=access, year=year, month=month)
    if report is None:
        raise ValidationError(NOT_SUBMITTED)
    return _acknowledge(
        actor=actor, access=access, report=report, event="so_monthly_report.acknowledge"
    )


def performance_confirm(
    *, actor: Any, access: ContractAccess, year: int, month: int, amount: int, note: str = ""
) -> PerformanceConfirmation:
    """SO-16: the ward supervisor confirms the month's performance with the amount of the
    month's invoice; refused until the month's report has been submitted."""
    access.require(CONFIRM_SO_PERFORMANCE)
    my_number_refuse(actor=actor, fields={"note": note}, contract=access.contract)
    if amount < 0:
        raise ValidationError({"amount": ["0円以上の金額を入力してください。"]})
    with transaction.atomic():
        report = (
            MonthlyReport.objects.select_for_update()
            .filter(contract=access.contract, year=year, month=month)
            .exclude(state=ReportState.DRAFT)
            .first()
        )
        if report is None:
            raise ValidationError(NO_MONTHLY_REPORT)
        if PerformanceConfirmation.objects.filter(monthly_report=report).exists():
            raise ValidationError(ALREADY_CONFIRMED)
        confirmation = PerformanceConfirmation.objects.create(
            contract=access.contract,
            year=year,
            month=month,
            monthly_report=report,
            amount=amount,
            note=note,
            confirmed_by=actor,
            confirmed_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="so_performance.confirm",
            target=confirmation,
            contract=access.contract,
            changes={"year": year, "month": month, "amount": amount},
        )
    return confirmation


def adhoc_report_record(
    *,
    actor: Any,
    access: ContractAccess,
    title: str,
    body: str,
    asked_by_ward: bool = False,
    file_name: str = "",
    file_data: bytes | None = None,
) -> AdHocReport:
    """SO-15: a written report outside the daily and monthly ones, or one the ward asked for,
    with an optional file kept sealed as an attachment (``privacy.services.attachment_add``)."""
    access.require(RECORD_SO_ADHOC_REPORT)
    my_number_refuse(
        actor=actor,
        fields={"title": title, "body": body, "file": file_name},
        contract=access.contract,
    )
    problems: dict[str, list[str]] = {}
    if not title.strip():
        problems["title"] = ["件名を入力してください。"]
    if not body.strip():
        problems["body"] = ["報告の内容を入力してください。"]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        attachment = (
            attachment_add(actor=actor, access=access, name=file_name, data=file_data)
            if file_data is not None
            else None
        )
        report = AdHocReport.objects.create(
            contract=access.contract,
            title=title,
            body=body,
            asked_by_ward=asked_by_ward,
            attachment=attachment,
            reported_by=actor,
            reported_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="so_adhoc_report.record",
            target=report,
            contract=access.contract,
            changes={"asked_by_ward": asked_by_ward, "attachment": attachment is not None},
        )
    return report
