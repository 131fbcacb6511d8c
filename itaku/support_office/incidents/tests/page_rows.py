"""The incidents part's pages for the every-page browser test
(``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _incident(world: Any) -> dict[str, Any]:
    from itaku.support_office.incidents.tests.factories import incident

    return {"contract_id": world.contract.pk, "incident_id": incident(world).pk}


def _consultation(world: Any) -> dict[str, Any]:
    from itaku.support_office.incidents.tests.factories import consultation

    return {"contract_id": world.contract.pk, "consultation_id": consultation(world).pk}


def _incidents(world: Any) -> dict[str, Any]:
    return {"contract_id": _incident(world)["contract_id"]}


def _consultations(world: Any) -> dict[str, Any]:
    return {"contract_id": _consultation(world)["contract_id"]}


ROWS = [
    PageRow("support_office:incident-list", "manager", "事案を記録する", kwargs=_incidents),
    PageRow("support_office:incident-record", "worker", "記録する", "button"),
    PageRow("support_office:incident-detail", "manager", "証拠を登録する", "button", _incident),
    PageRow("support_office:incident-change", "manager", "の修正を保存する", "button", _incident),
    PageRow("support_office:consultation-list", "manager", "相談を記録する", kwargs=_consultations),
    PageRow("support_office:consultation-record", "manager", "記録する", "button"),
    PageRow(
        "support_office:consultation-detail",
        "manager",
        "この相談を事案として記録する",
        kwargs=_consultation,
    ),
]

EXEMPT = {
    "support_office:incident-evidence-add": "POST-only; its form is on the incident's page",
    "support_office:incident-follow-up-add": "POST-only; its form is on the incident's page",
    "support_office:follow-up-done": "POST-only; the button is on the incident's page",
    "support_office:consultation-follow-up-add": "POST-only; the form is on the consultation",
}
