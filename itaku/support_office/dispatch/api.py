"""``/api/v1/support-office/``: the requests of a contract, through the same selectors, services
and access rule as the pages (SO-2, SO-5). A request the caller may not see is a 404."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from itaku.api_common import ApiDate, PageQuery, error_responses, invalid, keyset_page, page_schema
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.support_office.dispatch import selectors, services
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.web.lookup import get_or_404

router = Router(tags=["安心対応サポート室"])

KindIn = Literal["emergency", "sit_in", "field_visit", "consultation", "technical_advice"]
StateIn = Literal[
    "received", "accepted", "departed", "arrived", "completed", "continuing", "cancelled"
]
MoveTo = Literal["accepted", "departed", "arrived", "completed", "continuing", "cancelled"]


class RequestOut(Schema):
    """A request without its sealed texts (the page shows them, audited)."""

    id: int
    number: int
    kind: str
    state: str
    department_id: int
    place_id: int | None
    requested_at: datetime
    scheduled_at: datetime | None
    accepted_at: datetime | None
    accepted_by_id: int | None
    departed_at: datetime | None
    arrived_at: datetime | None
    completed_at: datetime | None
    continuing_at: datetime | None
    arrival_minutes: int | None
    after_hours_minutes: int
    outside_period_override: bool


class RequestIn(Schema):
    kind: KindIn
    client_token: str = ""
    place_id: int | None = None
    scheduled_at: datetime | None = None
    scheduled_until: datetime | None = None
    risk: Literal["unknown", "low", "medium", "high"] = "unknown"
    address: str = ""
    companions: str = ""
    visitor_notes: str = ""
    risk_notes: str = ""
    details: str = ""
    override_reason: str = ""


class MoveIn(Schema):
    to: MoveTo
    outcome: str = ""


RequestPage = page_schema("SupportRequestPage", RequestOut)


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != "support_office":
        raise Http404
    return access


def _refused(error: DjangoValidationError) -> Exception:
    if hasattr(error, "error_dict"):
        first, messages = next(iter(error.message_dict.items()))
        return invalid(loc=["body", first], msg=messages[0], kind="value_error")
    return invalid(loc=["body"], msg=error.messages[0], kind="value_error")


@router.get("/contracts/{contract_id}/requests", response={200: RequestPage, **error_responses()})
def request_list(
    request: HttpRequest,
    contract_id: int,
    page: Query[PageQuery],
    state: StateIn | None = None,
    kind: KindIn | None = None,
    month: ApiDate | None = None,
) -> dict[str, Any]:
    """Requests newest first; ``month`` is any day of the month wanted."""
    access = _access(request, contract_id)
    requests = selectors.request_filter(
        selectors.request_query(access=access), state=state, kind=kind, month=month
    )
    found = keyset_page(requests, key=selectors.REQUEST_ORDER, page=page)
    return {"items": found.rows, "next_cursor": found.next_cursor}


@router.post(
    "/contracts/{contract_id}/requests",
    response={201: RequestOut, 200: RequestOut, **error_responses()},
)
def request_create(request: HttpRequest, contract_id: int, body: RequestIn) -> Any:
    """File a request; the same ``client_token`` twice answers the first request (200)."""
    access = _access(request, contract_id)
    data = body.dict()
    place_id = data.pop("place_id")
    place = (
        get_or_404(Place.objects, pk=place_id, contract=access.contract)
        if place_id is not None
        else None
    )
    try:
        filed = services.request_file(actor=request.user, access=access, place=place, **data)
    except DjangoValidationError as error:
        raise _refused(error) from None
    except PermissionDenied:
        # The API declares no 403: an action the caller may not take here is not found.
        raise Http404 from None
    return Status(201 if filed.created else 200, filed.request)


@router.post(
    "/contracts/{contract_id}/requests/{request_id}/move",
    response={200: RequestOut, **error_responses()},
)
def request_move(
    request: HttpRequest, contract_id: int, request_id: int, body: MoveIn
) -> SupportRequest:
    """Move a request one step (SO-2); only a person on the approved roster today may."""
    access = _access(request, contract_id)
    found = selectors.request_get(access=access, request_id=request_id)
    try:
        return services.request_move(
            actor=request.user, access=access, request_id=found.pk, to=body.to, outcome=body.outcome
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    except PermissionDenied:
        raise Http404 from None
