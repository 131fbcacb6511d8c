"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
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
