"""Pages of the platform: home dashboard, contract, roster, settings.

Views stay thin: they read through selectors, write through services and show the services'
errors next to the fields (STYLE.md).
"""

from __future__ import annotations

from base64 import b32encode
from textwrap import wrap
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString

from itaku.audit.contributions import VIEW_AUDIT_LOG
from itaku.audit.services import audit_reads
from itaku.core import dashboard, domain, registry, selectors, services, todo
from itaku.core.contributions import (
    ACKNOWLEDGE_OBLIGATION,
    APPROVE_ROSTER,
    EDIT_ROSTER,
    SUBMIT_OBLIGATION,
    VIEW_OBLIGATIONS,
    VIEW_ROSTER,
    VIEW_ROSTER_CONTACTS,
)
from itaku.core.forms import (
    ApiTokenIssueForm,
    RosterEntryAddForm,
    RosterEntryChangeForm,
    RosterVersionReturnForm,
    SecondFactorForm,
)
from itaku.core.models import ApiToken, User
from itaku.core.templatetags.itaku import wareki
from itaku.web.markup import esc
from itaku.web.views import (
    apply_errors,
    confirmation_page,
    contract_url_maker,
    is_confirmed,
    post_only_or_back,
)


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``, whose user is signed in (django-stubs'
    way of saying so): the views that hand ``request.user`` to a service taking a ``User``."""

    user: User


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What waits for the user, then the deadlines over their contracts, then the contracts."""
    accesses = selectors.contract_list(user=request.user)
    today = timezone.localdate()
    deadlines = selectors.deadlines(accesses=accesses, on=today)
    alert = deadlines.overdue_contracts
    # Each contract's address once: the card and the week's counts both link to it.
    url = contract_url_maker("core:contract-detail")
    urls = {a.contract.pk: url(a.contract.pk) for a in accesses}
    # Each card written here, once, every text escaped by ``markup.esc``: 200 contracts of one
    # fiscal year share a period, and the template engine spent about 0.1 ms a card on its
    # lookups (``format_html`` half as much again).
    audit_url = reverse("audit:event-list")
    periods: dict[tuple[Any, Any], str] = {}
    cards = []
    for access in accesses:
        contract = access.contract
        span = (contract.period_start, contract.period_end)
        if span not in periods:
            periods[span] = esc(f"{wareki(span[0])}〜{wareki(span[1])}")
        overdue = contract.pk in alert
        pk = int(contract.pk)
        roles = esc("・".join(sorted(r.label for r in access.roles)))
        cards.append(
            f'<section class="card{" card--alert" if overdue else ""}" '
            f'aria-labelledby="contract-{pk}">'
            f'<h3 class="card__title" id="contract-{pk}"><a href="{esc(urls[pk])}">'
            f"{esc(contract.title)}</a></h3>"
            f'<p class="card__meta">契約番号 {esc(contract.number)}／履行期間 {periods[span]}'
            f"／あなたの役割：{roles}</p>"
            + (
                '<p><span class="badge badge--overdue">期限を過ぎた提出物があります</span></p>'
                if overdue
                else ""
            )
            + (
                f'<p><a href="{esc(audit_url)}?contract={pk}">この契約の監査記録</a></p>'
                if access.can(VIEW_AUDIT_LOG)
                else ""
            )
            + "</section>"
        )
    # The counts per contract, when there are too many items to list one by one: written here
    # like the cards (an auditor's 200 rows).
    rows_html = SafeString(
        "".join(
            f'<tr><td data-label="契約"><a href="{esc(urls[c.contract.pk])}#obligations">'
            f"{esc(c.contract.title)}の提出物</a></td>"
            f'<td data-label="期限超過" class="num">{int(c.overdue)}件</td>'
            f'<td data-label="本日が期限" class="num">{int(c.due_today)}件</td>'
            f'<td data-label="今後7日以内" class="num">{int(c.coming)}件</td>'
            f'<td data-label="最も早い期限">{esc(wareki(c.first_due))}</td></tr>'
            for c in deadlines.per_contract
        )
    )
    # Feature apps' panels (their deadlines), below the obligations; see core.dashboard.
    panels = dashboard.panels_shown(user=request.user, today=today, accesses=accesses)
    todos = todo.todo_list(user=request.user, today=today, accesses=accesses)
    return render(
        request,
        "core/home.html",
        {
            "cards": cards,
            "cards_html": SafeString("".join(cards)),
            "panels": panels,
            "todos": todos,
            "deadlines": deadlines,
            "per_contract_rows": rows_html,
            "contract_urls": urls,
        },
    )


@login_required
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    # The last month and the next six weeks, and older items still waiting for a step; what
    # waits first, what is done or far ahead folded away.
    groups = (
        selectors.obligation_page(selectors.obligation_items_around(access=access), today=access.on)
        if access.can(VIEW_OBLIGATIONS)
        else None
    )
    return render(
        request,
        "core/contract_detail.html",
        {
            "access": access,
            "contract": access.contract,
            "roles": sorted(r.label for r in access.roles),
            "groups": groups,
            "can_submit": access.can(SUBMIT_OBLIGATION),
            "can_acknowledge": access.can(ACKNOWLEDGE_OBLIGATION),
            "service_pages": selectors.contract_pages(access=access),
            "app_pages": registry.obligation_pages(access.contract),
        },
    )


def _roster_page(
    request: HttpRequest,
    access: Any,
    *,
    add_form: RosterEntryAddForm | None = None,
    return_form: RosterVersionReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    versions = list(selectors.roster_version_list(access=access))
    entries = list(selectors.roster_entry_list(access=access))
    audit_reads(actor=request.user, contract=access.contract, records=entries)
    # IC-19: the phones for the ward supervisor and the manager only; nobody else's page has them.
    can_see_contacts = access.can(VIEW_ROSTER_CONTACTS)
    phones = selectors.roster_contact_phones(access=access) if can_see_contacts else None
    return render(
        request,
        "core/roster.html",
        {
            "access": access,
            "contract": access.contract,
            "entries": [e for e in entries if e.role_side == "contractor"],
            "ward_entries": [e for e in entries if e.role_side == "ward"],
            "versions": versions,
            "draft": next((v for v in versions if v.state == "draft"), None),
            "returned": versions[0] if versions and versions[0].state == "returned" else None,
            "submitted": next((v for v in versions if v.state == "submitted"), None),
            "can_edit": access.can(EDIT_ROSTER),
            "can_approve": access.can(APPROVE_ROSTER),
            "phones": phones,
            "add_form": add_form or RosterEntryAddForm(),
            "return_form": return_form or RosterVersionReturnForm(),
        },
        status=status,
    )


@login_required
def roster(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_ROSTER)
    return _roster_page(request, access)


@post_only_or_back("core:roster")
@login_required
def roster_entry_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(EDIT_ROSTER)
    form = RosterEntryAddForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.roster_entry_add(
                actor=request.user,
                access=access,
                person=services.NewPerson(
                    family_name=data["family_name"],
                    given_name=data["given_name"],
                    family_name_kana=data["family_name_kana"],
                    given_name_kana=data["given_name_kana"],
                    birth_date=data["birth_date"],
                ),
                role=domain.Role(data["role"]),
                qualifications=data["qualifications"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                pledge_date=data["pledge_date"],
                contact_phone=data["contact_phone"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, "名簿に追加しました。区へ提出し、承認されると利用できるようになります。"
            )
            return redirect("core:roster", contract_id=contract_id)
    return _roster_page(request, access, add_form=form, status=400)


@login_required
def roster_entry_change(request: HttpRequest, contract_id: int, entry_id: int) -> HttpResponse:
    """Change a roster line's qualifications, end date or pledge; it goes to the ward in the next
    roster version (SO-10)."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    # Who may not see the roster learns nothing of its lines (404), then the right to change it.
    entry = selectors.roster_entry_get(access=access, entry_id=entry_id)
    access.require(EDIT_ROSTER)
    if entry.ended_at is not None or entry.role_side != "contractor":
        raise Http404
    initial = {
        "qualifications": entry.qualifications,
        "valid_to": entry.valid_to,
        "pledge_date": entry.pledge_date,
        # Who may change the roster is its manager, who may see the phones (IC-19).
        "contact_phone": selectors.roster_contact_phones(access=access).phones.get(entry.pk, ""),
    }
    form = RosterEntryChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.roster_entry_change(
                actor=request.user, access=access, entry=entry, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{entry.person.full_name} さんの記載を変更しました。区へ提出してください。",
            )
            return redirect("core:roster", contract_id=contract_id)
    return render(
        request,
        "core/roster_entry_change.html",
        {"contract": access.contract, "entry": entry, "form": form},
        status=400 if form.errors else 200,
    )


@post_only_or_back("core:roster")
@login_required
def roster_entry_end(request: HttpRequest, contract_id: int, entry_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    entry = selectors.roster_entry_get(access=access, entry_id=entry_id)
    access.require(EDIT_ROSTER)
    name = entry.person.full_name
    if not is_confirmed(request):
        return confirmation_page(
            request,
            title=f"{name} さんの従事を終了します",
            what=(
                f"終了すると、{name} さんはこの契約の業務とシステムをすぐに利用できなくなります。"
                "ログイン中であっても、その場でログアウトされます。"
            ),
            consequence=(
                "終了は取り消せません。もう一度従事するときは、名簿に新しく追加し、"
                "区の承認を受け直します。"
            ),
            details=[("氏名", name), ("役割", entry.get_role_display())],
            button=f"{name} さんの従事を終了する",
            back=reverse("core:roster", args=[contract_id]),
            danger=True,
        )
    services.roster_entry_end(actor=request.user, access=access, entry=entry)
    messages.success(request, f"{name} さんの従事を終了しました。")
    return redirect("core:roster", contract_id=contract_id)


@post_only_or_back("core:roster")
@login_required
def roster_version_submit(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(EDIT_ROSTER)
    if not is_confirmed(request):
        draft = selectors.roster_version_list(access=access).filter(state="draft").first()
        roster = f"従事者名簿 第{draft.number}版" if draft else "従事者名簿"
        return confirmation_page(
            request,
            title=f"{roster}を区に提出します",
            what=(
                "いまの名簿を一つの版にまとめて、区の監督職員に送ります。"
                "区が承認すると、名簿の変更が反映されます。"
            ),
            consequence=(
                "提出は取り消せません。提出のあとで名簿を変えたときは、"
                "その変更を次の版として提出し直します。"
            ),
            button=f"{roster}を区に提出する",
            back=reverse("core:roster", args=[contract_id]),
        )
    try:
        version = services.roster_version_submit(actor=request.user, access=access)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"名簿 第{version.number}版を区に提出しました。")
    return redirect("core:roster", contract_id=contract_id)


@post_only_or_back("core:roster")
@login_required
def roster_version_decide(
    request: HttpRequest, contract_id: int, version_id: int, decision: str
) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(APPROVE_ROSTER)
    version = selectors.roster_version_get(access=access, version_id=version_id)
    if decision not in ("approve", "return"):
        raise Http404
    form = RosterVersionReturnForm(request.POST) if decision == "return" else None
    if form is not None and not form.is_valid():
        return _roster_page(request, access, return_form=form, status=400)
    if not is_confirmed(request):
        return _decision_confirmation(request, version=version, form=form)
    try:
        services.roster_version_decide(
            actor=request.user,
            access=access,
            version=version,
            approve=decision == "approve",
            note=form.cleaned_data["note"] if form is not None else "",
        )
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            apply_errors(form, error)
            return _roster_page(request, access, return_form=form, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            "名簿 第{number}版を承認しました。"
            if decision == "approve"
            else "名簿 第{number}版を差し戻しました。"
        )
        messages.success(request, done.format(number=version.number))
    return redirect("core:roster", contract_id=contract_id)


def _decision_confirmation(
    request: HttpRequest, *, version: Any, form: RosterVersionReturnForm | None
) -> HttpResponse:
    """The page that asks before the ward approves or returns a roster version (SO-10)."""
    back = reverse("core:roster", args=[version.contract_id])
    if form is None:
        return confirmation_page(
            request,
            title=f"従事者名簿 第{version.number}版を承認します",
            what=(
                "承認すると、この版に載っている人が、誓約書の提出が済んでいれば、"
                "この契約の業務とシステムを利用できるようになります。"
            ),
            consequence=(
                "承認は取り消せません。誤りに気づいたときは、受注者が名簿を直して"
                "次の版を提出します。"
            ),
            button=f"従事者名簿 第{version.number}版を承認する",
            back=back,
        )
    note = form.cleaned_data["note"]
    return confirmation_page(
        request,
        title=f"従事者名簿 第{version.number}版を差し戻します",
        what=(
            "差し戻すと、受注者の名簿の画面に理由が表示されます。"
            "この版で申請された変更は反映されません。"
        ),
        consequence=(
            "差し戻しは取り消せません。受注者が名簿を直して、新しい版として提出し直します。"
        ),
        details=[("差戻しの理由", note)],
        carry={"note": note},
        button=f"従事者名簿 第{version.number}版を差し戻す",
        back=back,
        danger=True,
    )


@post_only_or_back("core:contract-detail")
@login_required
def obligation_item_act(
    request: HttpRequest, contract_id: int, item_id: int, act: str
) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    row = selectors.obligation_item_get(access=access, item_id=item_id)
    service = {
        "submit": services.obligation_item_submit,
        "acknowledge": services.obligation_item_acknowledge,
    }.get(act)
    if service is None:
        raise Http404
    page = registry.obligation_pages(access.contract).get(row.item.obligation.name)
    if page:  # made and handed in on its app's page, which records what was handed in
        messages.error(
            request, f"{row.item.obligation.name}は、その画面で確認して提出・受領確認します。"
        )
        return redirect(page)
    try:
        service(actor=request.user, access=access, item=row.item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = "{name}を提出済みにしました。" if act == "submit" else "{name}の受領を確認しました。"
        messages.success(request, done.format(name=row.item.obligation.name))
    return redirect("core:contract-detail", contract_id=contract_id)


@login_required
def second_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enrol an authenticator app (QR code drawn here, on the server) or enter its code."""
    device = services.second_factor_device(user=request.user)
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if services.second_factor_check(
                request=request, device=device, code=form.cleaned_data["code"]
            ):
                target = request.POST.get("next", "")
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                    target = reverse("core:home")
                return redirect(target)
            form.add_error("code", "確認コードが違うか、すでに使われています。")
        status = 400
    qr_svg = secret = None
    if not device.confirmed:
        qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1a1a1a")
        secret = " ".join(wrap(b32encode(device.bin_key).decode(), 4))
    return render(
        request,
        "registration/second_factor.html",
        {
            "form": form,
            "enrolling": not device.confirmed,
            "qr_svg": qr_svg,
            "secret": secret,
            "next": request.GET.get("next", request.POST.get("next", "")),
        },
        status=status,
    )


@login_required
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own settings: personal API tokens (shown once when issued)."""
    form = ApiTokenIssueForm()
    plain = None
    status = 200
    if request.method == "POST":
        form = ApiTokenIssueForm(request.POST)
        try:
            if form.is_valid():
                _, plain = services.api_token_issue(
                    actor=request.user, name=form.cleaned_data["name"]
                )
                form = ApiTokenIssueForm()
        except ValidationError as error:
            apply_errors(form, error)
        if form.errors:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "core/settings.html",
        {"form": form, "tokens": tokens, "plain_token": plain},
        status=status,
    )


@post_only_or_back("core:settings")
@login_required
def api_token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    try:
        token = ApiToken.objects.get(pk=token_id, user=request.user)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"トークン「{token.name}」を失効させました。")
    return redirect("core:settings")


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first: what happened, on which contract, when, and
    a link named by what to do there."""
    notifications = list(selectors.notification_list(user=request.user)[:200])
    unread = any(n.read_at is None for n in notifications)
    return render(
        request,
        "core/notification_list.html",
        {"notifications": notifications, "unread": unread},
    )


@post_only_or_back("core:notification-list")
@login_required
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification_get(user=request.user, notification_id=notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    messages.success(request, "既読にしました。")
    return redirect("core:notification-list")


@post_only_or_back("core:notification-list")
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(actor=request.user)
    messages.success(request, f"{count}件を既読にしました。")
    return redirect("core:notification-list")
