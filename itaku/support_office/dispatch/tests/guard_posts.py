"""The dispatch's forms for the My Number walk (``itaku/privacy/tests/test_guard.py``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaku.support_office.dispatch.forms import DetailsForm, MoveForm, RequestForm
from itaku.support_office.dispatch.models import Place, SupportRequest


def _request_new(world: Any, field: str, text: str) -> Any:
    data = {"kind": "consultation", "risk": "unknown", "details": "相談したい", field: text}
    url = reverse("support_office:request-new", args=[world.contract.pk])
    return world.requester, url, data, SupportRequest.objects.count


def _filed(world: Any) -> SupportRequest:
    from itaku.support_office.dispatch import services

    return services.request_file(
        actor=world.requester, access=world.access(world.requester), kind="emergency"
    ).request


def _details(world: Any, field: str, text: str) -> Any:
    r = _filed(world)
    url = reverse("support_office:request-details", args=[world.contract.pk, r.pk])

    def saved() -> int:
        r.refresh_from_db()
        return int(text in getattr(r, field, ""))

    return world.requester, url, {"risk": "unknown", field: text}, saved


def _move(world: Any, field: str, text: str) -> Any:
    r = _filed(world)
    url = reverse("support_office:request-move", args=[world.contract.pk, r.pk, "accepted"])
    return (
        world.worker,
        url,
        {field: text},
        SupportRequest.objects.filter(state="accepted").count,
    )


STORED: dict[tuple[type[Any], str], Any] = {
    **{
        (RequestForm, name): _request_new
        for name in (
            "address",
            "companions",
            "visitor_notes",
            "risk_notes",
            "details",
            "override_reason",
        )
    },
    **{(DetailsForm, name): _details for name in ("visitor_notes", "risk_notes", "details")},
    (MoveForm, "outcome"): _move,
}

NEVER_STORED = {
    (RequestForm, "client_token"): "a random token of the page; a My Number there is no text",
}

_ = Place
