"""The reports' pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _index(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _month(world: Any) -> dict[str, Any]:
    from itaku.ichou.reports.tests.helpers import recorded_day

    activity, _ = recorded_day(world, participants=3)
    return {
        "contract_id": world.contract.pk,
        "year": activity.date.year,
        "month": activity.date.month,
    }


ROWS = [
    PageRow("ichou:report-index", "supervisor", "の実施報告", "link", _index),
    PageRow("ichou:report-month", "manager", "Excelを作成する", "button", _month),
]

EXEMPT = {
    "ichou:report-export": "POST only: the month page's buttons start the job (jobs:detail)",
    "ichou:report-submit": "POST only: the month page's submit button",
    "ichou:report-acknowledge": "POST only: the month page's acknowledge button (the ward's)",
}
