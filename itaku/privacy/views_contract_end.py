"""Pages for the contract end (PI-8, IC-29): the checklist, manual confirmations, packages,
receipt, destruction, and the destruction certificate. Thin: the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from itaku.core import selectors
from itaku.core import services as core_services
from itaku.core.access import ContractAccess
from itaku.jobs.services import job_start
from itaku.jobs.views import job_page
from itaku.privacy import packages
from itaku.privacy.contract_end import end_item_get
from itaku.privacy.contributions import MANAGE_CONTRACT_END, VIEW_CONTRACT_END
from itaku.privacy.forms import ContractDestroyForm, EndItemConfirmForm, PackageBuildForm
from itaku.privacy.services import contract_end as services
from itaku.privacy.views import _download
from itaku.web.views import apply_errors, post_only_or_back


def _section_choices(access: ContractAccess) -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in packages.sections(access.contract)]


def _page(
    request: HttpRequest,
    access: ContractAccess,
    *,
    confirm_form: EndItemConfirmForm | None = None,
    confirm_key: str = "",
    build_form: PackageBuildForm | None = None,
    destroy_form: ContractDestroyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    checklist = services.contract_end_checklist(access=access)
    return render(
        request,
        "privacy/contract_end.html",
        {
            "contract": access.contract,
            "checklist": checklist,
            "all_done": all(s.done for s in checklist),
            "packages": services.package_list(access=access),
            "section_labels": packages.section_labels(),
            "can_manage": access.can(MANAGE_CONTRACT_END),
            "confirm_form": confirm_form or EndItemConfirmForm(),
            "confirm_key": confirm_key,
            "build_form": build_form or PackageBuildForm(sections=_section_choices(access)),
            "destroy_form": destroy_form or ContractDestroyForm(),
        },
        status=status,
    )


@login_required
def contract_end(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_CONTRACT_END)
    return _page(request, access)


@login_required
@post_only_or_back("privacy:contract-end")
def end_item_confirm(request: HttpRequest, contract_id: int, item_key: str) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(MANAGE_CONTRACT_END)
    if end_item_get(access.contract, item_key) is None:
        raise Http404
    form = EndItemConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.end_item_confirm(
                actor=request.user, access=access, item_key=item_key, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "確認を記録しました。")
            return redirect("privacy:contract-end", contract_id=contract_id)
    return _page(request, access, confirm_form=form, confirm_key=item_key, status=400)


@login_required
@post_only_or_back("privacy:contract-end")
def roster_close(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Close the contractor's roster lines nobody ended, at the period end (PI-2)."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    try:
        closed = core_services.roster_close_at_contract_end(actor=request.user, access=access)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"従事者名簿の{closed}件を履行期間の末日で従事終了にしました。")
    return redirect("privacy:contract-end", contract_id=contract_id)


@login_required
@post_only_or_back("privacy:contract-end")
def package_build(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Start building the package in the background; this page (and only this one) shows its
    password, and the progress until the download is there (itaku.jobs)."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(MANAGE_CONTRACT_END)
    form = PackageBuildForm(request.POST, sections=_section_choices(access))
    if form.is_valid():
        try:
            services.package_check(access=access, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            job = job_start(
                actor=request.user,
                access=access,
                kind="privacy.package",
                params={
                    "purpose": form.cleaned_data["purpose"],
                    "sections": list(form.cleaned_data["sections"]),
                },
            )
            return job_page(request, job)
    return _page(request, access, build_form=form, status=400)


@login_required
def package_download(request: HttpRequest, contract_id: int, package_id: int) -> HttpResponseBase:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    file = services.package_download(actor=request.user, access=access, package_id=package_id)
    return _download(file)


@login_required
@post_only_or_back("privacy:contract-end")
def package_receive(request: HttpRequest, contract_id: int, package_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    try:
        services.package_receive(actor=request.user, access=access, package_id=package_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "返却パッケージの受領を記録しました。契約は「返却済み」になりました。"
        )
    return redirect("privacy:contract-end", contract_id=contract_id)


@login_required
@post_only_or_back("privacy:contract-end")
def contract_destroy(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(MANAGE_CONTRACT_END)
    form = ContractDestroyForm(request.POST)
    if form.is_valid():
        try:
            certificate = services.contract_destroy(
                actor=request.user, access=access, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "データを消去し、データ消去証明書を発行しました。")
            return redirect("privacy:certificate", certificate_id=certificate.pk)
    return _page(request, access, destroy_form=form, status=400)


@login_required
def certificate(request: HttpRequest, certificate_id: int) -> HttpResponse:
    """The certificate's page: the contract can no longer be seen, the certificate can, by the
    supervisor who ordered the destruction and by administrators (everyone else: 404)."""
    found = services.certificate_get(user=request.user, certificate_id=certificate_id)
    return render(request, "privacy/certificate_detail.html", {"certificate": found})


@login_required
def certificate_download(request: HttpRequest, certificate_id: int) -> HttpResponseBase:
    file = services.certificate_download(actor=request.user, certificate_id=certificate_id)
    return _download(file)
