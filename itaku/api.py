"""The JSON API, ``/api/v1``: the same selectors, services and access rule as the pages.

Authentication is a personal token sent as ``Authorization: Bearer <token>``; only its SHA-256
digest is stored. Objects the caller may not see answer 404.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import BeforeValidator

from itaku.audit.services import audit_reads
from itaku.core import selectors
from itaku.core.models import ApiToken
from itaku.core.services import token_digest


def _iso_date(value: Any) -> Any:
    """Refuse what pydantic would otherwise read as a date (a Unix timestamp, a datetime)."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("日付は YYYY-MM-DD の形で指定してください。")
    return value


# A query date is written YYYY-MM-DD, as the schema's `format: date` says.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            api_token = ApiToken.objects.select_related("user").get(
                digest=token_digest(token), revoked_at__isnull=True
            )
        except ApiToken.DoesNotExist:
            return None
        if not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="委託業務運営システム API",
    version="1",
    description="契約・従事者名簿・提出期限・開庁日の API。個人の API トークンで認証します。",
    auth=TokenAuth(),
    urls_namespace="api-v1",
)


class OrganisationOut(Schema):
    id: int
    name: str


class ContractOut(Schema):
    id: int
    title: str
    number: str
    period_start: date
    period_end: date
    service_kind: str
    payment_cycle: str
    state: str
    department: OrganisationOut
    contractor: OrganisationOut
    my_roles: list[str]


class RosterEntryOut(Schema):
    id: int
    family_name: str
    given_name: str
    role: str
    qualifications: list[str]
    valid_from: date
    valid_to: date | None
    pledge_date: date | None
    approved_version: int | None
    ended: bool


class ObligationItemOut(Schema):
    id: int
    name: str
    clause_id: str
    period_start: date
    period_end: date
    due_date: date
    state: str
    submitted_late: bool


class BusinessDayOut(Schema):
    date: dt.date
    is_business_day: bool


class NextBusinessDayOut(Schema):
    date: dt.date
    next_business_day: dt.date


def _contract_out(access: Any) -> dict[str, Any]:
    c = access.contract
    return {
        "id": c.pk,
        "title": c.title,
        "number": c.number,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "service_kind": c.service_kind,
        "payment_cycle": c.payment_cycle,
        "state": c.state,
        "department": c.department,
        "contractor": c.contractor,
        "my_roles": sorted(r.value for r in access.roles),
    }


@api.get("/contracts", response=list[ContractOut], tags=["契約"])
def contract_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The contracts the caller may see today."""
    return [_contract_out(access) for access in selectors.contract_list(user=request.user)]


@api.get("/contracts/{contract_id}", response=ContractOut, tags=["契約"])
def contract_get(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    return _contract_out(selectors.contract_get(user=request.user, contract_id=contract_id))


@api.get("/contracts/{contract_id}/roster", response=list[RosterEntryOut], tags=["従事者名簿"])
def roster_entry_list(request: HttpRequest, contract_id: int) -> list[dict[str, Any]]:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    entries = list(selectors.roster_entry_list(access=access))
    audit_reads(actor=request.user, contract=access.contract, records=entries)
    return [
        {
            "id": e.pk,
            "family_name": e.person.family_name,
            "given_name": e.person.given_name,
            "role": e.role,
            "qualifications": e.qualifications,
            "valid_from": e.valid_from,
            "valid_to": e.valid_to,
            "pledge_date": e.pledge_date,
            "approved_version": e.approved_version.number if e.approved_version else None,
            "ended": e.ended_at is not None,
        }
        for e in entries
    ]


@api.get(
    "/contracts/{contract_id}/obligations", response=list[ObligationItemOut], tags=["提出期限"]
)
def obligation_item_list(
    request: HttpRequest,
    contract_id: int,
    start: IsoDate | None = None,
    end: IsoDate | None = None,
) -> list[dict[str, Any]]:
    """Obligation items by due date, with their state today and the clause they come from."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    return [
        {
            "id": row.item.pk,
            "name": row.item.obligation.name,
            "clause_id": row.clause_id,
            "period_start": row.item.period_start,
            "period_end": row.item.period_end,
            "due_date": row.item.due_date,
            "state": row.state.value,
            "submitted_late": row.submitted_late,
        }
        for row in selectors.obligation_item_list(access=access, start=start, end=end)
    ]


# The national holiday law dates from 1948; far-future years have no announced holidays.
CALENDAR_RANGE = (date(1948, 7, 20), date(2099, 12, 31))


def _calendar_day(day: date) -> date:
    if not CALENDAR_RANGE[0] <= day <= CALENDAR_RANGE[1]:
        raise HttpError(422, "日付は1948年7月20日から2099年12月31日までで指定してください。")
    return day


@api.get("/calendar/business-day", response=BusinessDayOut, tags=["開庁日"])
def calendar_business_day(request: HttpRequest, date: IsoDate) -> dict[str, Any]:
    """Whether the ward office is open on a date (national holidays, 29 Dec – 3 Jan, closures)."""
    day = _calendar_day(date)
    return {"date": day, "is_business_day": selectors.business_calendar().is_business_day(day)}


@api.get("/calendar/next-business-day", response=NextBusinessDayOut, tags=["開庁日"])
def calendar_next_business_day(request: HttpRequest, date: IsoDate) -> dict[str, Any]:
    """The first business day after a date (翌開庁日, SO-13)."""
    day = _calendar_day(date)
    return {"date": day, "next_business_day": selectors.business_calendar().next_business_day(day)}
