"""``/api/v1/ichou/contracts/{id}/``: the activity days of a contract, the check-in and dismissal
marks (idempotent by ``client_token``) and the live staffing state, through the same selectors,
services and access rule as the pages. What the caller may not see is a 404."""

from __future__ import annotations

from datetime import date, time
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from itaku.api_common import error_responses, invalid
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.ichou.day import selectors, services

router = Router(tags=["いちょう学級"])


class ActivityOut(Schema):
    id: int
    kind: str
    date: date
    start: time
    end: time
    group: str
    closed: bool


class StaffingOut(Schema):
    participants_present: int
    staff_required: int
    nurses_required: int
    staff_present: int
    nurses_present: int
    staff_missing: int
    nurses_missing: int


class CheckInIn(Schema):
    client_token: str = ""
    participant_id: int | None = None
    entry_id: int | None = None
    temperature: float | None = None
    strong_symptom: bool = False
    mild_symptom: bool = False
    continuing: bool = False
    questionnaire: bool = False
    higher_risk: bool = False
    override_reason: str = ""


class CheckInOut(Schema):
    id: int
    participant_id: int | None
    entry_id: int | None
    result: str


class DismissalIn(Schema):
    client_token: str = ""
    participant_id: int
    how: Literal["alone", "handed_over"]
    handed_to_name: str = ""
    handed_to_relation: str = ""
    staff_id: int | None = None


class DismissalOut(Schema):
    id: int
    participant_id: int
    how: str


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != "ichou":
        raise Http404
    return access


def _refused(error: DjangoValidationError) -> Exception:
    if hasattr(error, "error_dict"):
        first, msgs = next(iter(error.message_dict.items()))
        return invalid(loc=["body", first], msg=msgs[0], kind="value_error")
    return invalid(loc=["body"], msg=error.messages[0], kind="value_error")


@router.get(
    "/contracts/{contract_id}/activities", response={200: list[ActivityOut], **error_responses()}
)
def activity_list(request: HttpRequest, contract_id: int) -> list[dict[str, Any]]:
    """The activities of the approved programme, newest first."""
    access = _access(request, contract_id)
    return [
        {
            "id": a.pk,
            "kind": a.kind,
            "date": a.date,
            "start": a.start,
            "end": a.end,
            "group": a.group,
            "closed": bool(getattr(getattr(a, "day", None), "closed_at", None)),
        }
        for a in selectors.activities_of_day_list(access=access)
    ]


@router.get(
    "/contracts/{contract_id}/activities/{activity_id}/staffing",
    response={200: StaffingOut, **error_responses()},
)
def staffing_get(request: HttpRequest, contract_id: int, activity_id: int) -> dict[str, Any]:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    return selectors.staffing_get(access=access, activity=activity).as_dict()


@router.post(
    "/contracts/{contract_id}/activities/{activity_id}/checkins",
    response={201: CheckInOut, 200: CheckInOut, **error_responses()},
)
def checkin_create(
    request: HttpRequest, contract_id: int, activity_id: int, body: CheckInIn
) -> Any:
    """A check-in; the same ``client_token`` twice answers the first (200)."""
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    try:
        marked = services.checkin_record(
            actor=request.user, access=access, activity=activity, **body.dict()
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    except PermissionDenied:
        raise Http404 from None
    return Status(201 if marked.created else 200, marked.record)


@router.post(
    "/contracts/{contract_id}/activities/{activity_id}/dismissals",
    response={201: DismissalOut, 200: DismissalOut, **error_responses()},
)
def dismissal_create(
    request: HttpRequest, contract_id: int, activity_id: int, body: DismissalIn
) -> Any:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    try:
        marked = services.dismissal_record(
            actor=request.user, access=access, activity=activity, **body.dict()
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    except PermissionDenied:
        raise Http404 from None
    return Status(201 if marked.created else 200, marked.record)
