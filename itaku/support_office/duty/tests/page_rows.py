"""The duty part's pages for the every-page browser test
(``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _june(world: Any) -> dict[str, Any]:
    return {"contract_id": world.contract.pk, "year": 2026, "month": 6}


ROWS = [
    PageRow("support_office:duty-month", "manager", "勤務予定表を作り始める", "button", _june),
]

EXEMPT = {
    "support_office:duty-index": "a redirect to this month's duty schedule (duty-month)",
}
