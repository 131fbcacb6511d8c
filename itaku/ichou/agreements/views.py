"""The 協議記録 pages (IC-35: the list with a filter by kind, one record, its form, its
confirmation by the ward and its PDF) and the quarterly confirmation pages (IC-28: the year's
four quarters and one quarter's request, confirmation or return, and invoice)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from itaku.core import calendar
from itaku.core import selectors as core_selectors
from itaku.ichou.agreements import rules, selectors, services
from itaku.ichou.agreements.decl import (
    CONFIRM_AGREEMENT,
    CONFIRM_QUARTER,
    RECORD_AGREEMENT,
    REQUEST_QUARTER,
    VIEW_AGREEMENTS,
)
from itaku.ichou.agreements.forms import (
    AgreementForm,
    InvoiceForm,
    KindFilterForm,
    QuarterReturnForm,
)
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.privacy.contributions import VIEW_ATTACHMENTS
from itaku.web.views import apply_errors, confirmation_page, is_confirmed


def _access(request: HttpRequest, contract_id: int) -> Any:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_AGREEMENTS)
    return access


def _upload(form: Any) -> tuple[str, bytes] | None:
    upload = form.cleaned_data.get("attachment")
    return (upload.name, upload.read()) if upload else None


def _values(form: AgreementForm) -> dict[str, Any]:
    return {n: form.cleaned_data.get(n) for n in services.FIELDS}


def _initial(agreement: Agreement) -> dict[str, Any]:
    return {n: getattr(agreement, n) for n in services.FIELDS}


@login_required
def agreements_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    can_record = access.can(RECORD_AGREEMENT)
    form = AgreementForm(initial={"agreed_on": access.on})
    if request.method == "POST":
        access.require(RECORD_AGREEMENT)
        form = AgreementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                agreement = services.agreement_record(
                    actor=request.user,
                    access=access,
                    values=_values(form),
                    attachment=_upload(form),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"協議記録 第{agreement.number}号を記録しました。")
                return redirect("ichou:agreement", contract_id, agreement.pk)
    filter_form = KindFilterForm(request.GET or None)
    kind = filter_form.cleaned_data.get("kind", "") if filter_form.is_valid() else ""
    return render(
        request,
        "ichou/agreements/list.html",
        {
            "contract": access.contract,
            "agreements": list(selectors.agreements_of(access=access, kind=kind)),
            "filter_form": filter_form,
            "kind": kind,
            "form": form if can_record else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def agreement_detail(request: HttpRequest, contract_id: int, agreement_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    agreement = selectors.agreement_get(access=access, agreement_id=agreement_id)
    if request.method == "POST":
        access.require(CONFIRM_AGREEMENT)
        if request.POST.get("step") != "confirm":
            raise Http404
        if not is_confirmed(request):
            return confirmation_page(
                request,
                title=f"協議記録 第{agreement.number}号を確認します",
                what="区として、この記録の内容で協議が整ったことを確認します。",
                consequence="確認した記録は変えられません。改めるときは新しい協議記録を書きます。",
                details=[("件名", agreement.subject)],
                button="確認する",
                back=request.path,
                carry={"step": "confirm"},
            )
        try:
            services.agreement_confirm(actor=request.user, access=access, agreement=agreement)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"協議記録 第{agreement.number}号を確認しました。")
        return redirect(request.path)
    superseded_by = getattr(agreement, "superseded_by", None)
    return render(
        request,
        "ichou/agreements/detail.html",
        {
            "contract": access.contract,
            "agreement": agreement,
            "superseded_by": superseded_by,
            "can_confirm": access.can(CONFIRM_AGREEMENT) and not agreement.confirmed,
            "can_open_attachment": access.can(VIEW_ATTACHMENTS),
            "can_edit": access.can(RECORD_AGREEMENT) and not agreement.confirmed,
            "can_supersede": access.can(RECORD_AGREEMENT)
            and agreement.confirmed
            and superseded_by is None,
        },
    )


def _form_page(
    request: HttpRequest, access: Any, agreement: Agreement, *, supersede: bool
) -> HttpResponse:
    access.require(RECORD_AGREEMENT)
    if supersede and (not agreement.confirmed or hasattr(agreement, "superseded_by")):
        return redirect("ichou:agreement", access.contract.pk, agreement.pk)
    if not supersede and agreement.confirmed:
        return redirect("ichou:agreement", access.contract.pk, agreement.pk)
    initial = _initial(agreement)
    if supersede:
        initial["agreed_on"] = access.on
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if supersede:
                saved = services.agreement_record(
                    actor=request.user,
                    access=access,
                    values=_values(form),
                    attachment=_upload(form),
                    supersedes=agreement,
                )
                messages.success(
                    request,
                    f"協議記録 第{agreement.number}号を第{saved.number}号で改めました。",
                )
            else:
                saved = services.agreement_change(
                    actor=request.user,
                    access=access,
                    agreement=agreement,
                    values=_values(form),
                    attachment=_upload(form),
                )
                messages.success(request, f"協議記録 第{saved.number}号を直しました。")
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("ichou:agreement", access.contract.pk, saved.pk)
    return render(
        request,
        "ichou/agreements/form.html",
        {
            "contract": access.contract,
            "agreement": agreement,
            "supersede": supersede,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def agreement_edit(request: HttpRequest, contract_id: int, agreement_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    agreement = selectors.agreement_get(access=access, agreement_id=agreement_id)
    return _form_page(request, access, agreement, supersede=False)


@login_required
def agreement_supersede(request: HttpRequest, contract_id: int, agreement_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    agreement = selectors.agreement_get(access=access, agreement_id=agreement_id)
    return _form_page(request, access, agreement, supersede=True)


@login_required
def agreement_pdf(request: HttpRequest, contract_id: int, agreement_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    agreement = selectors.agreement_get(access=access, agreement_id=agreement_id)
    pdf = services.agreement_print(actor=request.user, access=access, agreement=agreement)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agreement-{agreement.number}.pdf"'
    return response


# ---- the quarters -----------------------------------------------------------------------------


@login_required
def quarters_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    try:
        year = int(request.GET.get("year") or calendar.fiscal_year(access.on))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return render(
        request,
        "ichou/agreements/quarters.html",
        {
            "contract": access.contract,
            "fiscal_year": year,
            "rows": selectors.quarter_rows(access=access, fiscal_year=year),
        },
    )


@login_required
def quarter_page(
    request: HttpRequest, contract_id: int, fiscal_year: int, quarter: int
) -> HttpResponse:
    access = _access(request, contract_id)
    if quarter not in rules.QUARTERS or not 2000 <= fiscal_year <= 2100:
        raise Http404
    confirmation = selectors.quarter_get(access=access, fiscal_year=fiscal_year, quarter=quarter)
    return_form, invoice_form = QuarterReturnForm(), InvoiceForm()
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "request":
                access.require(REQUEST_QUARTER)
                services.quarter_request(
                    actor=request.user, access=access, fiscal_year=fiscal_year, quarter=quarter
                )
                messages.success(request, "区に履行確認を依頼しました。")
            elif confirmation is None:
                raise Http404
            elif step in ("confirm", "return"):
                access.require(CONFIRM_QUARTER)
                return_form = QuarterReturnForm(request.POST)
                if not return_form.is_valid():
                    raise ValidationError({})
                reason = return_form.cleaned_data["reason"]
                if step == "return" and not reason.strip():
                    raise ValidationError({"reason": ["差し戻す理由を入力してください。"]})
                services.quarter_decide(
                    actor=request.user,
                    access=access,
                    confirmation=confirmation,
                    confirm=step == "confirm",
                    reason=reason,
                )
                messages.success(
                    request,
                    "履行を確認しました。" if step == "confirm" else "差し戻しました。",
                )
            elif step == "invoice":
                access.require(REQUEST_QUARTER)
                invoice_form = InvoiceForm(request.POST)
                if not invoice_form.is_valid():
                    raise ValidationError({})
                services.quarter_invoice(
                    actor=request.user,
                    access=access,
                    confirmation=confirmation,
                    number=invoice_form.cleaned_data["number"],
                    invoice_date=invoice_form.cleaned_data["invoice_date"],
                    amount=invoice_form.cleaned_data["amount"],
                )
                messages.success(request, "請求を記録しました。")
            else:
                raise Http404
        except ValidationError as error:
            status = 400
            form = invoice_form if step == "invoice" else return_form
            if hasattr(error, "error_dict") and error.error_dict:
                apply_errors(form, error)
            elif error.messages:
                messages.error(request, " ".join(error.messages))
        else:
            return redirect(request.path)
        confirmation = selectors.quarter_get(
            access=access, fiscal_year=fiscal_year, quarter=quarter
        )
    first, last = rules.quarter_bounds(fiscal_year, quarter)
    state = confirmation.state if confirmation else None
    QState = QuarterConfirmation.State
    ended = rules.quarter_ended(fiscal_year, quarter, access.on)
    return render(
        request,
        "ichou/agreements/quarter.html",
        {
            "contract": access.contract,
            "fiscal_year": fiscal_year,
            "quarter": quarter,
            "label": rules.quarter_label(fiscal_year, quarter),
            "first": first,
            "last": last,
            "ended": ended,
            "confirmation": confirmation,
            "figures": selectors.figure_rows(confirmation.figures) if confirmation else [],
            "can_request": access.can(REQUEST_QUARTER)
            and ended
            and state in (None, QState.RETURNED),
            "can_decide": access.can(CONFIRM_QUARTER) and state == QState.REQUESTED,
            "can_invoice": access.can(REQUEST_QUARTER)
            and state == QState.CONFIRMED
            and confirmation is not None
            and confirmation.invoice_recorded_at is None,
            "return_form": return_form,
            "invoice_form": invoice_form,
        },
        status=status,
    )
