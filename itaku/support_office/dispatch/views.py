"""Pages of the dispatch: the one-tap emergency, the full request form, the office's board (and
its partial, polled by htmx), the list of requests, one request with its steps (SO-2 … SO-6,
SO-10). Thin: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from itaku.audit.services import audit_reads
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.support_office.dispatch import rules, selectors, services
from itaku.support_office.dispatch.decl import FILE_REQUEST, HANDLE_REQUEST, VIEW_DISPATCH
from itaku.support_office.dispatch.forms import DetailsForm, MoveForm, RequestForm
from itaku.support_office.dispatch.models import SupportRequest
from itaku.web.views import apply_errors, post_only_or_back

POLL_SECONDS = 3
MOVE_LABELS = {
    "accepted": "対応を始める",
    "departed": "出発した",
    "arrived": "到着した",
    "completed": "完了した",
    "continuing": "継続とする",
    "cancelled": "取り消す",
}


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != "support_office":
        raise Http404
    return access


def _board_context(request: HttpRequest, access: ContractAccess) -> dict[str, Any]:
    rows = selectors.board_rows(access=access)
    can_handle = access.can(HANDLE_REQUEST)
    token = get_token(request)
    return {
        "contract": access.contract,
        "rows": rows,
        "row_html": [r.html(can_handle=can_handle, csrf_token=token) for r in rows],
        "emergency_ids": " ".join(str(r.pk) for r in rows if r.is_emergency),
        "can_handle": can_handle,
        "poll_seconds": POLL_SECONDS,
        "now": timezone.now(),
    }


@login_required
def board(request: HttpRequest, contract_id: int) -> HttpResponse:
    """SO-5: the office's board of open requests, emergencies first; the rows refresh by
    themselves every few seconds, and a new emergency sounds and shows an alert."""
    access = _access(request, contract_id)
    return render(request, "support_office/dispatch/board.html", _board_context(request, access))


@login_required
def board_rows(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The board's rows alone, for the poll: two queries, no sealed field."""
    access = _access(request, contract_id)
    return render(
        request, "support_office/dispatch/_board_rows.html", _board_context(request, access)
    )


@post_only_or_back("support_office:request-new")  # the form of the same request
@login_required
def emergency(request: HttpRequest, contract_id: int) -> HttpResponse:
    """SO-5: one tap files an emergency at the usual place; a repeated tap files nothing more."""
    access = _access(request, contract_id)
    access.require(FILE_REQUEST)
    token = request.POST.get("client_token", "")[:64]
    try:
        filed = services.emergency_file(actor=request.user, access=access, client_token=token)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("core:home")
    r = filed.request
    if filed.created:
        messages.success(
            request,
            f"緊急対応を依頼しました(受付番号 {r.number}号、"
            f"{timezone.localtime(r.requested_at):%H:%M})。"
            "サポート室が向かいます。分かっていることがあれば下に書き足してください。",
        )
    else:
        messages.info(request, f"この依頼は受付済みです(受付番号 {r.number}号)。")
    return redirect("support_office:request-detail", contract_id=contract_id, request_id=r.pk)


@login_required
def request_new(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The full request form: 窓口同席, 現場対応同行, 相談, 技術的助言 (SO-2, SO-4, SO-6, SO-7)."""
    access = _access(request, contract_id)
    access.require(FILE_REQUEST)
    places = selectors.places(access=access)
    if request.method == "POST":
        form = RequestForm(request.POST, places=places)
    else:
        form = RequestForm(
            places=places,
            initial={
                "client_token": selectors.new_client_token(),
                "place": selectors.usual_place(access=access),
                "kind": request.GET.get("kind", SupportRequest.Kind.SIT_IN),
            },
        )
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.request_file(
                actor=request.user, access=access, **form.service_arguments()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            r = filed.request
            messages.success(request, f"依頼しました(受付番号 {r.number}号)。")
            return redirect(
                "support_office:request-detail", contract_id=contract_id, request_id=r.pk
            )
    return render(
        request,
        "support_office/dispatch/request_form.html",
        {"contract": access.contract, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def request_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The contract's requests (the office, the ward), or the user's department's (a requester)."""
    access = _access(request, contract_id)
    state = request.GET.get("state") or None
    kind = request.GET.get("kind") or None
    if state not in (None, *SupportRequest.State.values) or kind not in (
        None,
        *SupportRequest.Kind.values,
    ):
        state = kind = None
    rows = selectors.request_list(access=access, state=state, kind=kind)
    return render(
        request,
        "support_office/dispatch/request_list.html",
        {
            "contract": access.contract,
            "rows": rows,
            "states": SupportRequest.State.choices,
            "kinds": SupportRequest.Kind.choices,
            "state": state or "",
            "kind": kind or "",
            "can_file": access.can(FILE_REQUEST),
            "can_board": access.can(VIEW_DISPATCH),
        },
    )


def _incident_link(contract_id: int, request_id: int) -> str | None:
    """The incidents part's "record an incident for this request", once it exists."""
    try:
        url = reverse("support_office:incident-record", args=[contract_id])
    except NoReverseMatch:
        return None
    return f"{url}?request={request_id}"


def _detail(
    request: HttpRequest,
    access: ContractAccess,
    r: SupportRequest,
    *,
    details_form: DetailsForm | None = None,
    move_form: MoveForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    audit_reads(actor=request.user, contract=access.contract, records=[r])
    moves = []
    if access.can(HANDLE_REQUEST):
        moves = [(to, MOVE_LABELS[to]) for to in MOVE_LABELS if rules.can_move(r.state, to)]
    mine = access.can(FILE_REQUEST) and r.department_id == selectors.department_of(request.user)
    return render(
        request,
        "support_office/dispatch/request_detail.html",
        {
            "contract": access.contract,
            "r": r,
            "moves": moves,
            "move_form": move_form or MoveForm(),
            "details_form": (
                details_form or DetailsForm(initial={"risk": r.risk})
                if mine and r.is_open
                else None
            ),
            "incident_link": _incident_link(access.contract.pk, r.pk)
            if access.can(VIEW_DISPATCH)
            else None,
            "error": error,
        },
        status=status,
    )


@login_required
def request_detail(request: HttpRequest, contract_id: int, request_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    r = selectors.request_get(access=access, request_id=request_id)
    return _detail(request, access, r)


@post_only_or_back("support_office:request-detail", keep=("request_id",))
@login_required
def request_details(request: HttpRequest, contract_id: int, request_id: int) -> HttpResponse:
    """SO-5: the requester adds what is known of the visitor and the risk."""
    access = _access(request, contract_id)
    r = selectors.request_get(access=access, request_id=request_id)
    access.require(FILE_REQUEST)
    form = DetailsForm(request.POST)
    if form.is_valid():
        try:
            services.request_details_add(
                actor=request.user, access=access, request_id=r.pk, **form.service_arguments()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "依頼の内容を書き足しました。")
            return redirect(
                "support_office:request-detail", contract_id=contract_id, request_id=r.pk
            )
    return _detail(request, access, r, details_form=form, status=400)


@post_only_or_back("support_office:request-detail", keep=("request_id",))
@login_required
def request_move(request: HttpRequest, contract_id: int, request_id: int, to: str) -> HttpResponse:
    """SO-2: a rostered worker moves the request one step; back to the board or the request."""
    access = _access(request, contract_id)
    r = selectors.request_get(access=access, request_id=request_id)
    if to not in MOVE_LABELS:
        raise Http404
    access.require(HANDLE_REQUEST)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            moved = services.request_move(
                actor=request.user,
                access=access,
                request_id=r.pk,
                to=to,
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"依頼 {moved.number}号を「{moved.get_state_display()}」にしました。"
            )
            if request.POST.get("back") == "board":
                return redirect("support_office:board", contract_id=contract_id)
            return redirect(
                "support_office:request-detail", contract_id=contract_id, request_id=r.pk
            )
    return _detail(request, access, r, move_form=form, status=400)
