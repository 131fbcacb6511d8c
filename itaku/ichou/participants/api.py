"""``/api/v1/ichou/contracts/{id}/participants``: the participants of a contract with their
registration of one fiscal year, a page at a time (keyset pagination), through the same selectors
and access rule as the pages. Names only, never the health, support or contact fields (IC-30);
each page shown is a read in the audit log (PI-9). What the caller may not see is a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from itaku.api_common import PageQuery, error_responses, keyset_page, page_schema
from itaku.audit.services import audit_reads
from itaku.core import calendar
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.ichou.participants import selectors

router = Router(tags=["いちょう学級"])


class RegistrationOut(Schema):
    fiscal_year: int
    group: str
    state: str
    renewed: bool


class ParticipantOut(Schema):
    id: int
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    birth_date: date
    goes_home: str
    photo_consent: bool
    registration: RegistrationOut | None


ParticipantPage = page_schema("IchouParticipantPage", ParticipantOut)


class YearQuery(Schema):
    fiscal_year: int | None = Field(
        None, ge=2000, le=2100, description="年度(省略すると今日の年度)。その年度の登録を添えます。"
    )
    registered: bool = Field(
        False, description="true のとき、その年度に登録のある参加者だけを返します。"
    )


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != "ichou":
        raise Http404
    return access


@router.get(
    "/contracts/{contract_id}/participants",
    response={200: ParticipantPage, **error_responses()},
)
def participant_list(
    request: HttpRequest, contract_id: int, page: Query[PageQuery], year: Query[YearQuery]
) -> dict[str, Any]:
    """The contract's participants in the order they were registered, each with the
    registration of ``fiscal_year``. The order is by id: the names are sealed, so the database
    cannot sort by reading (the pages sort each year's list in memory)."""
    access = _access(request, contract_id)
    fiscal_year = year.fiscal_year or calendar.fiscal_year(timezone.localdate())
    found = keyset_page(
        selectors.participant_query(
            access=access, fiscal_year=fiscal_year, registered_only=year.registered
        ),
        key=["pk"],
        page=page,
    )
    audit_reads(actor=request.user, contract=access.contract, records=found.rows)
    items = []
    for p in found.rows:
        reg = p.year_registrations[0] if p.year_registrations else None
        items.append(
            {
                "id": p.pk,
                "family_name": p.family_name,
                "given_name": p.given_name,
                "family_name_kana": p.family_name_kana,
                "given_name_kana": p.given_name_kana,
                "birth_date": p.birth_date,
                "goes_home": p.goes_home,
                "photo_consent": p.photo_consent,
                "registration": (
                    {
                        "fiscal_year": reg.fiscal_year,
                        "group": reg.group,
                        "state": reg.state,
                        "renewed": reg.renewed,
                    }
                    if reg
                    else None
                ),
            }
        )
    return {"items": items, "next_cursor": found.next_cursor}
