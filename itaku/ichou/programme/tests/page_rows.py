"""The programme's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _year(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import FY, make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk, "fiscal_year": FY}


def _submitted(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import FY, submitted

    submitted(world)
    return {"contract_id": world.contract.pk, "fiscal_year": FY}


def _draft(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import FY, draft

    draft(world)
    return {"contract_id": world.contract.pk, "fiscal_year": FY}


def _activity(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import draft

    activity = draft(world).activities.get(date="2026-07-11", group="1")
    return {"contract_id": world.contract.pk, "activity_id": activity.pk}


ROWS = [
    PageRow("ichou:programme", "manager", "年間プログラムを作り始める", "button", _year),
    PageRow("ichou:programme", "supervisor", "承認する", "button", _submitted),
    PageRow("ichou:activity-add", "manager", "追加する", "button", _draft),
    PageRow("ichou:activity", "manager", "割り当てる", "button", _activity),
    PageRow("ichou:activity-edit", "manager", "変更する", "button", _activity),
]

EXEMPT = {
    "ichou:programme-index": "a redirect to this fiscal year's programme (ichou:programme)",
}
