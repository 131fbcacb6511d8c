"""The JSON API, ``/api/v1``: the same selectors, services and access rule as the pages.

Authentication is a personal token sent as ``Authorization: Bearer <token>``; only its SHA-256
digest is stored. Objects the caller may not see answer 404. Every list comes in pages
(``?limit=&cursor=``, ``itaku.api_common``); every error is declared in the schema with its body.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.security import HttpBearer

from itaku.api_common import (
    ApiDate,
    PageQuery,
    error_responses,
    install_error_handlers,
    keyset_page,
    page_schema,
)
from itaku.audit.services import audit_reads
from itaku.core import registry, selectors
from itaku.core.models import ApiToken
from itaku.core.services import token_digest


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
install_error_handlers(api)


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


ContractPage = page_schema("ContractPage", ContractOut)
RosterEntryPage = page_schema("RosterEntryPage", RosterEntryOut)
ObligationItemPage = page_schema("ObligationItemPage", ObligationItemOut)


@api.get(
    "/contracts",
    response={200: ContractPage, **error_responses(not_found=False)},
    tags=["契約"],
)
def contract_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The contracts the caller may see today, newest period first."""
    found = keyset_page(
        selectors.contract_query(user=request.user), key=selectors.CONTRACT_ORDER, page=page
    )
    accesses = selectors.contract_list(user=request.user, contracts=found.rows)
    return {"items": [_contract_out(a) for a in accesses], "next_cursor": found.next_cursor}


@api.get(
    "/contracts/{contract_id}", response={200: ContractOut, **error_responses()}, tags=["契約"]
)
def contract_get(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    return _contract_out(selectors.contract_get(user=request.user, contract_id=contract_id))


@api.get(
    "/contracts/{contract_id}/roster",
    response={200: RosterEntryPage, **error_responses()},
    tags=["従事者名簿"],
)
def roster_entry_list(
    request: HttpRequest, contract_id: int, page: Query[PageQuery]
) -> dict[str, Any]:
    """The roster, current entries first; each entry shown is a read in the audit log (PI-9)."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    found = keyset_page(
        selectors.roster_entry_list(access=access), key=selectors.ROSTER_ORDER, page=page
    )
    audit_reads(actor=request.user, contract=access.contract, records=found.rows)
    items = [
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
        for e in found.rows
    ]
    return {"items": items, "next_cursor": found.next_cursor}


@api.get(
    "/contracts/{contract_id}/obligations",
    response={200: ObligationItemPage, **error_responses()},
    tags=["提出期限"],
)
def obligation_item_list(
    request: HttpRequest,
    contract_id: int,
    page: Query[PageQuery],
    start: ApiDate | None = None,
    end: ApiDate | None = None,
) -> dict[str, Any]:
    """Obligation items by due date, with their state today and the clause they come from."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    found = keyset_page(
        selectors.obligation_item_query(access=access, start=start, end=end),
        key=selectors.OBLIGATION_ITEM_ORDER,
        page=page,
    )
    rows = [selectors.obligation_row(access=access, item=item) for item in found.rows]
    items = [
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
        for row in rows
    ]
    return {"items": items, "next_cursor": found.next_cursor}


@api.get(
    "/calendar/business-day",
    response={200: BusinessDayOut, **error_responses(not_found=False)},
    tags=["開庁日"],
)
def calendar_business_day(request: HttpRequest, date: ApiDate) -> dict[str, Any]:
    """Whether the ward office is open on a date (national holidays, 29 Dec – 3 Jan, closures)."""
    return {"date": date, "is_business_day": selectors.business_calendar().is_business_day(date)}


@api.get(
    "/calendar/next-business-day",
    response={200: NextBusinessDayOut, **error_responses(not_found=False)},
    tags=["開庁日"],
)
def calendar_next_business_day(request: HttpRequest, date: ApiDate) -> dict[str, Any]:
    """The first business day after a date (翌開庁日, SO-13)."""
    following = selectors.business_calendar().next_business_day(date)
    return {"date": date, "next_business_day": following}


# Each app's own endpoints: the routers it declares in ``contributions.API_ROUTERS`` as
# ``(prefix, router)``, under the same token, error bodies and access rule.
for _prefix, _router in registry.declared("API_ROUTERS"):
    api.add_router(_prefix, _router)
