"""The reports part's pages for the every-page browser test
(``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.web.tests.page_rows import PageRow


def _scheduled(world: Any) -> dict[str, Any]:
    from itaku.support_office.reports.tests.factories import schedule

    schedule(world)
    return {"contract_id": world.contract.pk}


def _day(world: Any) -> dict[str, Any]:
    from itaku.support_office.reports.tests.factories import closing

    _scheduled(world)
    closing(world, day=date(2026, 6, 12))
    return {"contract_id": world.contract.pk, "day": "2026-06-12"}


def _month(world: Any) -> dict[str, Any]:
    _scheduled(world)
    return {"contract_id": world.contract.pk, "year": 2026, "month": 5}


def _adhoc(world: Any) -> dict[str, Any]:
    from itaku.support_office.reports import services

    report = services.adhoc_report_record(
        actor=world.manager,
        access=world.access(world.manager),
        title="窓口での事案の報告",
        body="6月12日の事案について報告します。",
    )
    return {"contract_id": world.contract.pk, "report_id": report.pk}


def _adhocs(world: Any) -> dict[str, Any]:
    return {"contract_id": _adhoc(world)["contract_id"]}


ROWS = [
    PageRow("support_office:reports", "manager", "随時報告", kwargs=_scheduled),
    PageRow("support_office:daily-report", "manager", "確認して区へ提出する", "button", _day),
    PageRow("support_office:monthly-report", "manager", "Excelを作成する", "button", _month),
    PageRow("support_office:adhoc-list", "manager", "区へ提出する", "button", _adhocs),
    PageRow("support_office:adhoc-detail", "supervisor", "随時報告の一覧へ", kwargs=_adhoc),
]

EXEMPT = {
    "support_office:daily-submit": "POST-only; the button is on the daily report's page",
    "support_office:daily-acknowledge": "POST-only; the button is on the daily report's page",
    "support_office:daily-export": "POST-only; it starts the job that makes the file",
    "support_office:monthly-submit": "POST-only; the button is on the monthly report's page",
    "support_office:monthly-acknowledge": "POST-only; the button is on the monthly report's page",
    "support_office:performance-confirm": "POST-only; the button is on the monthly report's page",
    "support_office:monthly-export": "POST-only; it starts the job that makes the file",
    "support_office:adhoc-record": "POST-only; its form is on the ad hoc report list",
}
