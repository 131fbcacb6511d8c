"""The leaks app's pages for the every-page browser test (web/tests/test_browser_every_page.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itaku.web.tests.page_rows import TOKYO, PageRow


def _incident(world: Any) -> dict[str, Any]:
    from itaku.leaks import services

    incident = services.leak_record(
        actor=world.manager,
        access=world.access(world.manager),
        discovered_at=datetime(2026, 6, 15, 8, 0, tzinfo=TOKYO),
        suspected=True,
        wrongdoing=False,
        what_happened="相談記録の紙を一枚、窓口で見失った",
        affected={"customers": 1},
    )
    return {"contract_id": world.contract.pk, "incident_id": incident.pk}


def _listed(world: Any) -> dict[str, Any]:
    return {"contract_id": _incident(world)["contract_id"]}


ROWS = [
    PageRow("leaks:incident-list", "manager", "漏えい等を報告する", kwargs=_listed),
    PageRow("leaks:incident-record", "worker", "報告する", "button"),
    PageRow("leaks:incident-detail", "supervisor", "を記録する", "button", _incident),
]
