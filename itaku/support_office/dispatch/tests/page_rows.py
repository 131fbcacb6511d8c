"""The dispatch part's pages for the every-page browser test
(``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itaku.web.tests.page_rows import TOKYO, PageRow


def _request(world: Any) -> dict[str, Any]:
    from itaku.support_office.dispatch.models import SupportRequest
    from itaku.support_office.reports.tests.factories import request

    made = request(
        world,
        requested_at=datetime(2026, 6, 15, 9, 30, tzinfo=TOKYO),
        state=SupportRequest.State.RECEIVED,
        accepted_after=None,
        arrived_after=None,
    )
    return {"contract_id": world.contract.pk, "request_id": made.pk}


def _listed(world: Any) -> dict[str, Any]:
    return {"contract_id": _request(world)["contract_id"]}


def _usual_place(world: Any) -> dict[str, Any]:
    from itaku.support_office.dispatch.models import Place, UsualPlace

    counter = Place.objects.create(contract=world.contract, site="shiba", name="1階 区民課 窓口")
    UsualPlace.objects.create(contract=world.contract, person=world.requester.person, place=counter)
    return {"contract_id": world.contract.pk}


ROWS = [
    PageRow("support_office:board", "worker", "依頼", kwargs=_listed),
    PageRow("support_office:request-list", "requester", "依頼する", kwargs=_listed),
    PageRow("support_office:request-new", "requester", "依頼する", "button", _usual_place),
    PageRow("support_office:request-detail", "worker", "対応を始める", "button", _request),
]

EXEMPT = {
    "support_office:board-rows": "htmx partial of the dispatch board, polled for new requests",
    "support_office:request-emergency": "POST-only; the help button sits on the home page",
    "support_office:request-details": "POST-only; its form is on the request's page",
    "support_office:request-move": "POST-only; the buttons are on the request's page",
}
