"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from typing import Any

from itaku.core.registry import AuditEventKind, ContractPage
from itaku.jobs.kinds import JobKind
from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.reports.actions import (
    CONFIRM_SO_PERFORMANCE,
    RECORD_SO_ADHOC_REPORT,
    VIEW_SO_REPORTS,
)
from itaku.support_office.reports.models import (
    AdHocReport,
    DailyReport,
    MonthlyReport,
    PerformanceConfirmation,
)

PACKAGE_SECTIONS = [
    PackageSection(
        key="so_reports",
        label="日報・月報・随時報告・履行確認",
        files=lambda contract, watermark: [
            *model_rows(DailyReport, path="support_office/daily_reports.csv")(contract, watermark),
            *model_rows(MonthlyReport, path="support_office/monthly_reports.csv")(
                contract, watermark
            ),
            *model_rows(AdHocReport, path="support_office/adhoc_reports.csv")(contract, watermark),
            *model_rows(PerformanceConfirmation, path="support_office/confirmations.csv")(
                contract, watermark
            ),
        ],
        covers=(
            "support_office.dailyreport",
            "support_office.monthlyreport",
            "support_office.adhocreport",
            "support_office.performanceconfirmation",
        ),
        service_kind=KIND,
    )
]

ACTIONS = [VIEW_SO_REPORTS, RECORD_SO_ADHOC_REPORT, CONFIRM_SO_PERFORMANCE]

AUDIT_EVENTS = [
    AuditEventKind("so_daily_report.submit", "日報の提出"),
    AuditEventKind("so_daily_report.acknowledge", "日報の受領の確認"),
    AuditEventKind("so_monthly_report.submit", "月報の提出"),
    AuditEventKind("so_monthly_report.acknowledge", "月報の受領の確認"),
    AuditEventKind("so_adhoc_report.record", "随時報告の提出"),
    AuditEventKind("ad_hoc_report.read", "随時報告の閲覧"),
    AuditEventKind("so_performance.confirm", "月の履行確認"),
]

# SO-13 … SO-15: the day's and the month's report as Excel and as PDF, made in the background
# (0005) and handed out by the jobs' download, the one way a made file leaves (docs/security.md).
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JOB_KINDS = [
    JobKind(
        key="so_reports.daily_xlsx",
        label="日報(Excel)の作成",
        action=VIEW_SO_REPORTS,
        produce="itaku.support_office.reports.documents.produce_daily_xlsx",
        service_kind=KIND,
        content_type=XLSX,
        back="support_office:reports",
        back_label="日報・月報へ戻る",
    ),
    JobKind(
        key="so_reports.daily_pdf",
        label="日報(PDF)の作成",
        action=VIEW_SO_REPORTS,
        produce="itaku.support_office.reports.documents.produce_daily_pdf",
        service_kind=KIND,
        content_type="application/pdf",
        back="support_office:reports",
        back_label="日報・月報へ戻る",
    ),
    JobKind(
        key="so_reports.monthly_xlsx",
        label="月報(Excel)の作成",
        action=VIEW_SO_REPORTS,
        produce="itaku.support_office.reports.documents.produce_monthly_xlsx",
        service_kind=KIND,
        content_type=XLSX,
        back="support_office:reports",
        back_label="日報・月報へ戻る",
    ),
    JobKind(
        key="so_reports.monthly_pdf",
        label="月報(PDF)の作成",
        action=VIEW_SO_REPORTS,
        produce="itaku.support_office.reports.documents.produce_monthly_pdf",
        service_kind=KIND,
        content_type="application/pdf",
        back="support_office:reports",
        back_label="日報・月報へ戻る",
    ),
]

CONTRACT_PAGES = [
    ContractPage(
        key="so_reports",
        label="日報・月報・随時報告",
        url_name="support_office:reports",
        action=VIEW_SO_REPORTS.key,
        service_kind=KIND,
    )
]


def _api_router() -> Any:
    from itaku.support_office.reports.api import router

    return router


API_ROUTERS = [("/support-office", _api_router())]


def _demo_step(world: Any) -> None:
    from itaku.support_office.reports.demo import demo_step

    demo_step(world)


DEMO_STEPS = [_demo_step]
