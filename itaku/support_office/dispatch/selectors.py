"""Reads of requests, always through the access rule (SO-2, SO-5).

The office and the ward (VIEW_DISPATCH) see every request of the contract; a department
requester sees only the requests of their own department (their person's organisation): anything
else is a 404, as a request that does not exist. Lists never open the sealed fields.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from itaku.core.access import ContractAccess
from itaku.core.registry import TodoItem
from itaku.support_office.dispatch import rules
from itaku.support_office.dispatch.decl import FILE_REQUEST, HANDLE_REQUEST, VIEW_DISPATCH
from itaku.support_office.dispatch.models import Place, SupportRequest, UsualPlace
from itaku.web.lookup import get_or_404

SEALED = ("address", "companions", "visitor_notes", "risk_notes", "details", "outcome")
# The API pages through requests newest first (``itaku.api_common.keyset_page``).
REQUEST_ORDER = ("-requested_at", "pk")


def department_of(user: Any) -> int | None:
    """The organisation a ward user works for: the department their requests belong to."""
    person = getattr(user, "person", None)
    return person.organisation_id if person is not None else None


def request_query(*, access: ContractAccess) -> QuerySet[SupportRequest]:
    """The requests the user may see on the contract, without their sealed fields."""
    requests = SupportRequest.objects.filter(contract=access.contract).defer(*SEALED)
    if access.can(VIEW_DISPATCH):
        return requests
    if access.can(FILE_REQUEST):
        return requests.filter(department_id=department_of(access.user))
    raise Http404


def request_filter(
    requests: QuerySet[SupportRequest],
    *,
    state: str | None = None,
    kind: str | None = None,
    month: date | None = None,
) -> QuerySet[SupportRequest]:
    """Requests in a state, of a kind, filed in the month holding ``month`` (Japan time)."""
    if state:
        requests = requests.filter(state=state)
    if kind:
        requests = requests.filter(kind=kind)
    if month is not None:
        start = datetime(month.year, month.month, 1, tzinfo=timezone.get_current_timezone())
        end = (
            start.replace(year=start.year + 1, month=1)
            if start.month == 12
            else start.replace(month=start.month + 1)
        )
        requests = requests.filter(requested_at__gte=start, requested_at__lt=end)
    return requests


def request_list(*, access: ContractAccess, **filters: Any) -> list[SupportRequest]:
    requests = request_filter(request_query(access=access), **filters)
    return list(requests.select_related("place", "department").order_by(*REQUEST_ORDER)[:500])


def request_get(*, access: ContractAccess, request_id: Any) -> SupportRequest:
    """One request the user may see, sealed fields included; the view records the read."""
    visible = request_query(access=access)
    return get_or_404(
        SupportRequest.objects.select_related(
            "place", "department", "requested_by__person", "accepted_by__person"
        ),
        pk=request_id,
        pk__in=visible.values("pk"),
    )


@dataclass(frozen=True)
class BoardRow:
    """One open request as the board shows it: plain values, read in one query, with the
    addresses of its page and of its first step worked out once for the whole board."""

    pk: int
    number: int
    kind: str
    state: str
    place: str
    department: str
    responder: str
    requested_at: datetime
    age_minutes: int
    detail_url: str
    accept_url: str

    @property
    def is_emergency(self) -> bool:
        return self.kind == SupportRequest.Kind.EMERGENCY

    @property
    def kind_label(self) -> str:
        return SupportRequest.Kind(self.kind).label

    @property
    def state_label(self) -> str:
        return SupportRequest.State(self.state).label

    def html(self, *, can_handle: bool, csrf_token: str) -> SafeString:
        """The row as the board shows it. Written here rather than in a template: the board
        is fetched every few seconds by every open screen, and the template engine spent
        about 1 ms a row (16 lookups each) on 200 rows; ``format_html`` escapes every value."""
        kind = (
            format_html('<span class="badge badge--late">{}</span>', self.kind_label)
            if self.is_emergency
            else self.kind_label
        )
        state = f"{self.state_label}({self.responder})" if self.responder else self.state_label
        if not can_handle:
            action = ""
        elif self.state == SupportRequest.State.RECEIVED:
            action = format_html(
                '<form class="so-inline-form" method="post" action="{}">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="back" value="board">'
                '<button class="button button--primary button--small" type="submit">'
                '対応を始める<span class="visually-hidden">({}号)</span></button></form>',
                self.accept_url,
                csrf_token,
                self.number,
            )
        else:
            action = format_html(
                '<a href="{}">次の操作<span class="visually-hidden">({}号)</span></a>',
                self.detail_url,
                self.number,
            )
        return format_html(
            '<tr class="{}" data-request="{}">'
            '<td data-label="受付番号"><a href="{}">{}号</a></td>'
            '<td data-label="種別">{}</td>'
            '<td data-label="場所">{}</td>'
            '<td data-label="所管課">{}</td>'
            '<td data-label="依頼から">{}分</td>'
            '<td data-label="状態">{}</td>'
            '<td data-label="操作">{}</td></tr>',
            "so-row--emergency" if self.is_emergency else "",
            self.pk,
            self.detail_url,
            self.number,
            kind,
            self.place or "(未登録)",
            self.department,
            self.age_minutes,
            state,
            action,
        )


_ANY_ID = 987654321  # stands for each request's id in an address reversed once


def board_rows(*, access: ContractAccess, now: datetime | None = None) -> list[BoardRow]:
    """SO-5: the open requests, emergencies first, then oldest first, each with its age. One
    query whatever the number of rows (the requests with their place, department and
    responder, as plain values: the board polls every few seconds, so it builds no model
    objects and reverses no address per row)."""
    access.require(VIEW_DISPATCH)
    now = now or timezone.now()
    contract_id = access.contract.pk
    detail = reverse(
        "support_office:request-detail",
        kwargs={"contract_id": contract_id, "request_id": _ANY_ID},
    )
    accept = reverse(
        "support_office:request-move",
        kwargs={"contract_id": contract_id, "request_id": _ANY_ID, "to": "accepted"},
    )
    sites = dict(Place.Site.choices)
    values = SupportRequest.objects.filter(
        contract=access.contract, state__in=SupportRequest.OPEN_STATES
    ).values_list(
        "pk",
        "number",
        "kind",
        "state",
        "requested_at",
        "place__site",
        "place__name",
        "department__name",
        "accepted_by__person__family_name",
        "accepted_by__person__given_name",
    )
    rows = []
    for pk, number, kind, state, at, site, place, department, family, given in values:
        rows.append(
            BoardRow(
                pk=pk,
                number=number,
                kind=kind,
                state=state,
                place=f"{sites.get(site, '')} {place}" if place is not None else "",
                department=department,
                responder=f"{family} {given}" if family is not None else "",
                requested_at=at,
                age_minutes=rules.age_minutes(at, now),
                detail_url=detail.replace(str(_ANY_ID), str(pk)),
                accept_url=accept.replace(str(_ANY_ID), str(pk)),
            )
        )
    return sorted(
        rows,
        key=lambda row: rules.board_key(kind=row.kind, requested_at=row.requested_at, pk=row.pk),
    )


def places(*, access: ContractAccess) -> QuerySet[Place]:
    return Place.objects.filter(contract=access.contract, active=True)


def usual_place(*, access: ContractAccess) -> Place | None:
    person = getattr(access.user, "person", None)
    if person is None:
        return None
    found = (
        UsualPlace.objects.filter(contract=access.contract, person=person)
        .select_related("place")
        .first()
    )
    return found.place if found else None


def new_client_token() -> str:
    """The token a form carries from the moment its page is rendered: a second POST of the same
    form (a repeated tap on a slow connection) names the request the first one filed."""
    return secrets.token_urlsafe(24)


def emergency_panel_context(
    user: Any, today: date, accesses: list[ContractAccess]
) -> dict[str, Any] | None:
    """SO-5: the 「至急来てください」 button for each support-office contract where the user may
    file a request, with the place it files to and a fresh token; one query for the places,
    however many contracts."""
    filing = [
        a for a in accesses if a.contract.service_kind == "support_office" and a.can(FILE_REQUEST)
    ]
    person = getattr(user, "person", None)
    places: dict[int, Place] = {}
    if filing and person is not None:
        for usual in UsualPlace.objects.filter(
            contract__in=[a.contract.pk for a in filing], person=person
        ).select_related("place"):
            places[usual.contract_id] = usual.place
    buttons = [
        {
            "contract": access.contract,
            "place": places.get(access.contract.pk),
            "token": new_client_token(),
        }
        for access in filing
    ]
    return {"buttons": buttons} if buttons else None


def to_accept_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """SO-5: every request waiting to be accepted, for the office's manager and workers."""
    handling = [a.contract.pk for a in accesses if a.can(HANDLE_REQUEST)]
    if not handling:
        return []
    waiting = (
        SupportRequest.objects.filter(contract__in=handling, state=SupportRequest.State.RECEIVED)
        .defer(*SEALED)
        .select_related("contract", "place")
    )
    items = []
    for r in sorted(
        waiting, key=lambda r: rules.board_key(kind=r.kind, requested_at=r.requested_at, pk=r.pk)
    ):
        where = f"({r.place})" if r.place else ""
        items.append(
            TodoItem(
                contract=r.contract,
                what=f"依頼 {r.number}号 {r.get_kind_display()}{where}を受け付ける",
                since=timezone.localdate(r.requested_at),
                url=reverse("support_office:request-detail", args=[r.contract_id, r.pk]),
                action_label="対応を始める",
            )
        )
    return items
