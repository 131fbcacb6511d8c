"""What the reports part of いちょう学級 declares to the platform (IC-24, 仕様書 14): the monthly
implementation report (its page, the Excel and PDF made in the background, its submission) and
the rosters of participants and staff as export kinds; gathered by
``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.contributions import VIEW_ROSTER
from itaku.core.registry import AuditEventKind, ContractPage
from itaku.ichou.participants.decl import VIEW_PARTICIPANTS
from itaku.ichou.reports import rosters
from itaku.ichou.reports.actions import KIND, VIEW_IC_REPORTS
from itaku.jobs.kinds import JobKind
from itaku.privacy.exports import ExportKind

ACTIONS = [VIEW_IC_REPORTS]

AUDIT_EVENTS = [AuditEventKind("ic_monthly_report.submit", "月ごとの実施報告の提出")]

CONTRACT_PAGES = [
    ContractPage("ic_reports", "月ごとの実施報告", "ichou:report-index", VIEW_IC_REPORTS.key, KIND)
]

# IC-24: the month's report as Excel and as PDF, made in the background and handed out by the
# jobs' download (decision 0006: counts only, no approval step).
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JOB_KINDS = [
    JobKind(
        key="ic_reports.monthly_xlsx",
        label="実施報告(Excel)の作成",
        action=VIEW_IC_REPORTS,
        produce="itaku.ichou.reports.documents.produce_monthly_xlsx",
        service_kind=KIND,
        content_type=XLSX,
        back="ichou:report-index",
        back_label="実施報告へ戻る",
    ),
    JobKind(
        key="ic_reports.monthly_pdf",
        label="実施報告(PDF)の作成",
        action=VIEW_IC_REPORTS,
        produce="itaku.ichou.reports.documents.produce_monthly_pdf",
        service_kind=KIND,
        content_type="application/pdf",
        back="ichou:report-index",
        back_label="実施報告へ戻る",
    ),
]

# IC-24 仕様書 14(1): the rosters hold names: they leave through an approved export (PI-5).
EXPORT_KINDS = [
    ExportKind(
        key="ic_participants_roster",
        label="いちょう学級 受講者名簿",
        needs=VIEW_PARTICIPANTS,
        table=rosters.participants_table,
    ),
    ExportKind(
        key="ic_staff_roster",
        label="いちょう学級 従事者名簿",
        needs=VIEW_ROSTER,
        table=rosters.staff_table,
    ),
]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.reports.models import MonthlyImplementationReport
    from itaku.privacy.packages import model_rows

    return model_rows(MonthlyImplementationReport, path="ichou/monthly_reports.csv")(
        contract, watermark
    )


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_reports",
            label="月ごとの実施報告",
            files=_package_files,
            covers=("ichou.monthlyimplementationreport",),
            service_kind=KIND,
        )
    ]


# PI-8: the submitted reports go back to the ward with the contract's other records.
PACKAGE_SECTIONS = _package_sections()


def _demo(world: Any) -> None:
    from itaku.ichou.reports.demo import reports_demo_step

    reports_demo_step(world)


DEMO_STEPS = [_demo]
