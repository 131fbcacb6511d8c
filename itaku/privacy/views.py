"""Pages for exports (PI-5, PI-18) and attachments (PI-6). Thin: services decide."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from itaku.core import selectors
from itaku.core.access import ContractAccess
from itaku.privacy import exports
from itaku.privacy.contributions import ADD_ATTACHMENT, APPROVE_EXPORT, REQUEST_EXPORT
from itaku.privacy.files import Download
from itaku.privacy.forms import (
    AttachmentForm,
    ExportPreapproveForm,
    ExportRefuseForm,
    ExportRequestForm,
)
from itaku.privacy.services import attachments as attachment_services
from itaku.privacy.services import exports as export_services
from itaku.web.views import apply_errors, post_only_or_back


def _kinds(access: ContractAccess) -> list[exports.ExportKind]:
    """The kinds a supervisor may pre-approve: those whose content they may see."""
    return [k for k in exports.kinds() if access.can(k.needs)]


def _plain_kinds(access: ContractAccess) -> list[exports.ExportKind]:
    """The kinds offered in the export page's list: those that name nothing further. An
    attachment is asked for from its page, the audit log from the auditor's page."""
    return [k for k in export_services.export_kinds_requestable(access=access) if not k.parameters]


_REQUEST_FIELDS = {"csrfmiddlewaretoken", "kind", "file_format", "purpose"}


def _download(file: Download) -> HttpResponseBase:
    """A file to save, never to show in the page; content in chunks is streamed."""
    if isinstance(file.data, bytes):
        response: HttpResponseBase = HttpResponse(file.data, content_type=file.content_type)
    else:
        response = StreamingHttpResponse(file.data, content_type=file.content_type)
    response["Content-Disposition"] = _disposition(file.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _disposition(name: str) -> str:
    """RFC 6266: an ASCII fallback and the UTF-8 name (Japanese file names)."""
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _exports_page(
    request: HttpRequest,
    access: ContractAccess,
    *,
    form: ExportRequestForm | None = None,
    refuse_form: ExportRefuseForm | None = None,
    refuse_id: int | None = None,
    preapprove_form: ExportPreapproveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_approve = access.can(APPROVE_EXPORT)
    requests = export_services.export_list(actor=request.user, access=access)
    pending = None
    kind = exports.kind_get(form.data.get("kind", "")) if form is not None else None
    if form is not None and kind is not None and kind.parameters:
        # A refused request for an attachment or the audit log: asked again from here, with
        # what it named kept in hidden fields.
        hidden = [(k, v) for k, v in form.data.items() if k not in _REQUEST_FIELDS]
        pending = {"kind": kind, "hidden": hidden}
    plain = _plain_kinds(access)
    if form is not None and pending is None:
        cast(forms.ChoiceField, form.fields["kind"]).choices = [(k.key, k.label) for k in plain]
    return render(
        request,
        "privacy/export_list.html",
        {
            "contract": access.contract,
            "requests": requests,
            "descriptions": _descriptions(requests),
            "form": form or ExportRequestForm(kinds=plain),
            "pending": pending,
            "may_request": bool(plain),
            "refuse_form": refuse_form or ExportRefuseForm(),
            "refuse_id": refuse_id,
            "preapprove_form": preapprove_form or ExportPreapproveForm(kinds=_kinds(access)),
            "preapprovals": export_services.export_preapproval_list(access=access)
            if can_approve
            else [],
            "can_approve": can_approve,
            "kind_labels": {k.key: k.label for k in exports.kinds()},
            "formats": exports.FORMAT_LABELS,
        },
        status=status,
    )


def _descriptions(requests: list[Any]) -> dict[int, str]:
    found = {}
    for r in requests:
        kind = exports.kind_get(r.kind)
        if kind and kind.describe and r.parameters:
            found[r.pk] = kind.describe(r.parameters)
    return found


@login_required
def export_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    return _exports_page(request, access)


@login_required
@post_only_or_back("privacy:export-list")
def export_request(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    kinds = export_services.export_kinds_requestable(access=access)
    if not kinds:
        access.require(REQUEST_EXPORT)
    form = ExportRequestForm(request.POST, kinds=kinds)
    if form.is_valid():
        try:
            made = export_services.export_request(
                actor=request.user, access=access, parameters=request.POST, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if made.state == made.State.APPROVED:
                messages.success(
                    request, "事前承認の範囲内のため、承認済みです。ファイルを作成できます。"
                )
            else:
                messages.success(
                    request, "出力を申請しました。監督職員の承認後にファイルを作成できます。"
                )
            return redirect("privacy:export-list", contract_id=contract_id)
    return _exports_page(request, access, form=form, status=400)


@login_required
@post_only_or_back("privacy:export-list")
def export_decide(
    request: HttpRequest, contract_id: int, request_id: int, decision: str
) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(APPROVE_EXPORT)
    approve = decision == "approve"
    form = ExportRefuseForm(request.POST) if not approve else None
    if form is not None and not form.is_valid():
        return _exports_page(request, access, refuse_form=form, refuse_id=request_id, status=400)
    try:
        decided = export_services.export_decide(
            actor=request.user,
            access=access,
            request_id=request_id,
            approve=approve,
            note=form.cleaned_data["note"] if form else "",
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            # The reason was refused (PI-11 … PI-16): say so next to it, keep what was typed.
            apply_errors(form, error)
            return _exports_page(
                request, access, refuse_form=form, refuse_id=request_id, status=400
            )
        messages.error(request, " ".join(error.messages))
    else:
        # Named by what it acted on (whose request, for what); never the request's number alone.
        whose = f"{decided.requested_by.get_full_name()}さんの出力申請"
        messages.success(
            request, f"{whose}を承認しました。" if approve else f"{whose}を不承認にしました。"
        )
    return redirect("privacy:export-list", contract_id=contract_id)


@login_required
@post_only_or_back("privacy:export-list")
def export_preapprove(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(APPROVE_EXPORT)
    form = ExportPreapproveForm(request.POST, kinds=_kinds(access))
    if form.is_valid():
        try:
            export_services.export_preapprove(
                actor=request.user, access=access, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "事前承認を登録しました。")
            return redirect("privacy:export-list", contract_id=contract_id)
    return _exports_page(request, access, preapprove_form=form, status=400)


@login_required
@post_only_or_back("privacy:export-list")
def export_produce(request: HttpRequest, contract_id: int, request_id: int) -> HttpResponse:
    """Make the file and show its password, on this page only."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    try:
        made, password = export_services.export_produce(
            actor=request.user, access=access, request_id=request_id
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("privacy:export-list", contract_id=contract_id)
    return render(
        request,
        "privacy/export_produced.html",
        {"contract": access.contract, "export": made, "password": password},
    )


@login_required
def export_download(request: HttpRequest, contract_id: int, request_id: int) -> HttpResponseBase:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    try:
        file = export_services.export_download(
            actor=request.user, access=access, request_id=request_id
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("privacy:export-list", contract_id=contract_id)
    return _download(file)


def _attachments_page(
    request: HttpRequest,
    access: ContractAccess,
    form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "privacy/attachment_list.html",
        {
            "contract": access.contract,
            "attachments": attachment_services.attachment_list(actor=request.user, access=access),
            "form": form or AttachmentForm(),
            "can_add": access.can(ADD_ATTACHMENT),
        },
        status=status,
    )


@login_required
def attachment_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    return _attachments_page(request, access)


@login_required
@post_only_or_back("privacy:attachment-list")
def attachment_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(ADD_ATTACHMENT)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload: Any = form.cleaned_data["file"]
        try:
            attachment_services.attachment_add(
                actor=request.user, access=access, name=upload.name, data=upload.read()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "ファイルを暗号化して保存しました。")
            return redirect("privacy:attachment-list", contract_id=contract_id)
    return _attachments_page(request, access, form, status=400)


@login_required
def attachment_detail(request: HttpRequest, contract_id: int, attachment_id: str) -> HttpResponse:
    """The attachment shown in the page (PI-5: viewing is not copying); a copy is an export."""
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    attachment = attachment_services.attachment_get(
        actor=request.user, access=access, attachment_id=attachment_id
    )
    kind = exports.kind_get("attachment")
    may_request = kind is not None and kind in export_services.export_kinds_requestable(
        access=access
    )
    return render(
        request,
        "privacy/attachment_detail.html",
        {
            "contract": access.contract,
            "attachment": attachment,
            "shown_as": _SHOWN_AS.get(attachment.content_type, ""),
            "form": ExportRequestForm(kinds=[kind]) if may_request and kind else None,
        },
    )


# How each attachment type is shown in the page; HEIC photos have no browser to show them.
_SHOWN_AS = {
    "image/jpeg": "image",
    "image/png": "image",
    "application/pdf": "pdf",
    "audio/mpeg": "audio",
    "audio/mp4": "audio",
    "audio/x-wav": "audio",
}


@login_required
def attachment_content(request: HttpRequest, contract_id: int, attachment_id: str) -> HttpResponse:
    """The file itself, for the <img>, <iframe> or <audio> of the attachment's page: inline, never
    cached, each time an audited read. Opened as a page of its own, it sends the person to the
    attachment's page instead, so that the file is not one "save" away from a bare URL."""
    if request.headers.get("Sec-Fetch-Dest") == "document":
        return redirect(
            "privacy:attachment-detail", contract_id=contract_id, attachment_id=attachment_id
        )
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    attachment, data = attachment_services.attachment_open(
        actor=request.user, access=access, attachment_id=attachment_id
    )
    response = HttpResponse(data, content_type=attachment.content_type)
    # No file name: it is personal data, and a name would only invite saving the file.
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, no_store=True, private=True)
    if attachment.content_type == "application/pdf":
        # The PDF is shown in an <iframe> of our own page: this one response may be framed by
        # the site itself, every other page by nobody (settings.CONTENT_SECURITY_POLICY).
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_replace = {"frame-ancestors": ["'self'"]}  # type: ignore[attr-defined]
    return response
