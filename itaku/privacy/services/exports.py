"""Exports of personal data (PI-5, PI-18, IC-30): requested with a purpose, approved by the ward
supervisor (or under a standing pre-approval), made once as an encrypted, watermarked file whose
password is shown once, downloaded by the requester within a day. Every step is audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import Action, Role
from itaku.core.selectors import contract_role_holders
from itaku.core.services.notifications import notification_send
from itaku.documents.pdf import pdf_stamp
from itaku.documents.protect import password_new, sha256_hex, xlsx_encrypt, zip_encrypt
from itaku.documents.tables import table_csv, table_pdf, table_xlsx
from itaku.documents.watermark import Watermark
from itaku.privacy import domain, exports
from itaku.privacy.contributions import (
    APPROVE_EXPORT,
    EXPORT_APPROVED,
    EXPORT_REQUESTED,
    REQUEST_EXPORT,
)
from itaku.privacy.files import Download, file_delete, file_read, file_write
from itaku.privacy.models import ExportPreapproval, ExportRequest
from itaku.privacy.services.guards import my_number_refuse
from itaku.web.lookup import get_or_404

FILES = "exports"


def _asked_with(kind: exports.ExportKind) -> Action:
    """What the requester must hold to ask for ``kind``."""
    return kind.requested_with or REQUEST_EXPORT


def export_kinds_requestable(*, access: ContractAccess) -> list[exports.ExportKind]:
    """The kinds the user may ask for on this contract: those whose right to ask they hold and
    whose content they may already see."""
    return [k for k in exports.kinds() if access.can(_asked_with(k)) and access.can(k.needs)]


def _require_exports(access: ContractAccess) -> None:
    """The export pages are for whoever may ask for some kind, and for the approvers."""
    if not (access.can(APPROVE_EXPORT) or export_kinds_requestable(access=access)):
        access.require(REQUEST_EXPORT)


def _kind(access: ContractAccess, key: str, *, to_request: bool = True) -> exports.ExportKind:
    kind = exports.kind_get(key)
    if kind is None:
        _require_exports(access)
        raise ValidationError({"kind": ["出力の種類を選んでください。"]})
    if to_request:
        access.require(_asked_with(kind))
    access.require(kind.needs)
    return kind


def export_request(
    *,
    actor: Any,
    access: ContractAccess,
    kind: str,
    file_format: str,
    purpose: str,
    parameters: Mapping[str, Any] | None = None,
) -> ExportRequest:
    """Ask to export; approved at once if a pre-approval for this kind is in force. A kind that
    names what it exports (an attachment, the auditor's filters) checks ``parameters`` and keeps
    them on the request."""
    export_kind = _kind(access, kind)
    kept = export_kind.parameters(access, parameters or {}) if export_kind.parameters else {}
    errors = {}
    if export_kind.is_file:
        file_format = exports.FILE_FORMAT
    elif file_format not in exports.FORMATS:
        errors["file_format"] = ["形式を選んでください。"]
    if not purpose.strip():
        errors["purpose"] = ["利用目的を書いてください(出力したファイルに印字されます)。"]
    if errors:
        raise ValidationError(errors)
    # PI-11 … PI-16: what the request keeps (the purpose, the auditor's filters) holds no
    # My Number either.
    texts = {f"parameters.{k}": str(v) for k, v in kept.items() if isinstance(v, str)}
    my_number_refuse(actor=actor, fields={"purpose": purpose, **texts}, contract=access.contract)
    preapproval = (
        ExportPreapproval.objects.filter(
            contract=access.contract,
            kind=kind,
            revoked_at__isnull=True,
            valid_until__gte=timezone.localdate(),
        )
        .order_by("-approved_at")
        .first()
    )
    now = timezone.now()
    with transaction.atomic():
        request = ExportRequest.objects.create(
            contract=access.contract,
            kind=kind,
            file_format=file_format,
            purpose=purpose.strip(),
            parameters=kept,
            requested_by=actor,
            state=ExportRequest.State.APPROVED if preapproval else ExportRequest.State.REQUESTED,
            preapproval=preapproval,
            decided_at=now if preapproval else None,
        )
        audit_record(
            actor=actor,
            action="export.request",
            target=request,
            contract=access.contract,
            changes={
                "kind": kind,
                "format": file_format,
                "preapproved": bool(preapproval),
                **({"parameters": kept} if kept else {}),
            },
        )
        if not preapproval:
            supervisors = contract_role_holders(
                contract=access.contract, role=Role.WARD_SUPERVISOR, on=access.on
            )
            notification_send(
                recipients=[u for u in supervisors if u.pk != actor.pk],
                kind=EXPORT_REQUESTED,
                link=_list_link(access),
                contract=access.contract,
            )
    return request


def _list_link(access: ContractAccess) -> str:
    return reverse("privacy:export-list", kwargs={"contract_id": access.contract.pk})


def _get(access: ContractAccess, request_id: Any, *, lock: bool = False) -> ExportRequest:
    qs = ExportRequest.objects.filter(contract=access.contract)
    if lock:
        qs = qs.select_for_update()
    return get_or_404(qs, pk=request_id)


def export_decide(
    *, actor: Any, access: ContractAccess, request_id: Any, approve: bool, note: str = ""
) -> ExportRequest:
    """The ward supervisor approves or refuses; nobody approves their own request."""
    access.require(APPROVE_EXPORT)
    if not approve and not note.strip():
        raise ValidationError({"note": ["不承認の理由を書いてください。"]})
    # PI-11 … PI-16: the refusal note is kept, shown to the requester and put in the packages.
    my_number_refuse(actor=actor, fields={"note": note}, contract=access.contract)
    with transaction.atomic():
        request = _get(access, request_id, lock=True)
        if request.requested_by_id == actor.pk:
            raise PermissionDenied("自分の申請は承認できません。別の監督職員が判断します。")
        if request.state != ExportRequest.State.REQUESTED:
            raise ValidationError("この申請はすでに判断されています。")
        request.state = ExportRequest.State.APPROVED if approve else ExportRequest.State.REFUSED
        request.decided_by, request.decided_at = actor, timezone.now()
        request.decision_note = "" if approve else note.strip()
        request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        audit_record(
            actor=actor,
            action="export.approve" if approve else "export.refuse",
            target=request,
            contract=access.contract,
            changes={"state": request.state},
        )
        if approve and request.requested_by is not None:
            notification_send(
                recipients=[request.requested_by],
                kind=EXPORT_APPROVED,
                link=_list_link(access),
                contract=access.contract,
            )
    return request


def _filename(request: ExportRequest) -> str:
    ext = "xlsx" if request.file_format == "xlsx" else "zip"
    return f"{request.kind}-{request.contract.number}-{request.pk}.{ext}"


def export_produce(
    *, actor: Any, access: ContractAccess, request_id: Any
) -> tuple[ExportRequest, str]:
    """Make the file of an approved request, once. Returns the request and the password, which
    is shown to the requester on this one page and kept nowhere (PI-18)."""
    _require_exports(access)
    with transaction.atomic():
        request = _get(access, request_id, lock=True)
        if request.requested_by_id != actor.pk:
            raise Http404
        now = timezone.now()
        problem = domain.export_may_produce(
            state=request.state, approved_at=request.decided_at, now=now
        )
        if problem:
            raise PermissionDenied(problem)
        kind = _kind(access, request.kind)
        watermark = Watermark(
            who=f"{actor.get_full_name() or actor.get_username()} (利用者ID {actor.pk})",
            at=now,
            purpose=request.purpose,
            reference=f"出力申請 #{request.pk}",
        )
        password = password_new()
        if kind.file is not None:
            data, count = _file_made(kind, access, request, watermark, password)
        else:
            data, count = _table_made(kind, access, request, watermark, password)
        file_write(kind=FILES, name=str(request.pk), contract_id=access.contract.pk, data=data)
        request.state = ExportRequest.State.PRODUCED
        request.produced_at, request.row_count = now, count
        request.file_sha256 = sha256_hex(data)
        request.save(update_fields=["state", "produced_at", "row_count", "file_sha256"])
        audit_record(
            actor=actor,
            action="export.produce",
            target=request,
            contract=access.contract,
            changes={"rows": count, "sha256": request.file_sha256},
        )
    return request, password


def _table_made(
    kind: exports.ExportKind,
    access: ContractAccess,
    request: ExportRequest,
    watermark: Watermark,
    password: str,
) -> tuple[bytes, int]:
    """The encrypted, watermarked table and its number of rows."""
    if kind.table is not None:
        columns, rows = kind.table(access)
    elif kind.filtered_table is not None:
        columns, rows = kind.filtered_table(access, request.parameters)
    else:
        raise TypeError(f"export kind {kind.key} makes no table")
    if request.file_format == "xlsx":
        plain = table_xlsx(title=kind.label, columns=columns, rows=rows, watermark=watermark)
        return xlsx_encrypt(data=plain, password=password), len(rows)
    if request.file_format == "pdf":
        plain = table_pdf(title=kind.label, columns=columns, rows=rows, watermark=watermark)
    else:
        plain = table_csv(columns=columns, rows=rows, watermark=watermark)
    inner = _filename(request).removesuffix(".zip") + f".{request.file_format}"
    return zip_encrypt(files={inner: plain}, password=password), len(rows)


WATERMARK_FILE = "出力記録.txt"


def _file_made(
    kind: exports.ExportKind,
    access: ContractAccess,
    request: ExportRequest,
    watermark: Watermark,
    password: str,
) -> tuple[bytes, int]:
    """The original file in an AES-256 zip, next to a text file holding the watermark; a PDF
    also carries the watermark stamped on every page when it can be (not when it is damaged or
    locked with a password of its own). Names in the zip hold no personal data (PI-18)."""
    if kind.file is None:
        raise TypeError(f"export kind {kind.key} makes no file")
    original = kind.file(access, request.parameters)
    data = original.data
    if original.content_type == "application/pdf":
        data = pdf_stamp(data=data, text=watermark.text()) or data
    inner = _filename(request).removesuffix(".zip") + f".{original.extension}"
    files = {inner: data, WATERMARK_FILE: (watermark.text() + "\r\n").encode("utf-8-sig")}
    return zip_encrypt(files=files, password=password), 1


def export_download(*, actor: Any, access: ContractAccess, request_id: Any) -> Download:
    """The encrypted file, for its requester only, within a day of making it."""
    _require_exports(access)
    request = _get(access, request_id)
    if request.requested_by_id != actor.pk:
        raise Http404
    _kind(access, request.kind)
    problem = domain.export_may_download(
        state=request.state, produced_at=request.produced_at, now=timezone.now()
    )
    if problem:
        raise PermissionDenied(problem)
    data = file_read(kind=FILES, name=str(request.pk))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="export.download",
            target=request,
            contract=access.contract,
        )
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if request.file_format == "xlsx"
        else "application/zip"
    )
    return Download(filename=_filename(request), content_type=content_type, data=data)


def export_files_expire(*, now: Any = None) -> int:
    """Delete made files older than a day (run daily). Returns how many were deleted."""
    now = now or timezone.now()
    expired = ExportRequest.objects.filter(
        state=ExportRequest.State.PRODUCED, produced_at__lt=now - domain.DOWNLOAD_VALID
    ).values_list("pk", flat=True)
    return sum(file_delete(kind=FILES, name=str(pk)) for pk in expired)


def export_preapprove(
    *, actor: Any, access: ContractAccess, kind: str, valid_until: date
) -> ExportPreapproval:
    """A standing approval for one kind of export, until ``valid_until`` (at most the period)."""
    access.require(APPROVE_EXPORT)
    _kind(access, kind, to_request=False)
    if valid_until < timezone.localdate() or valid_until > access.contract.period_end:
        raise ValidationError({"valid_until": ["有効期限は今日から履行期間の終わりまでです。"]})
    with transaction.atomic():
        preapproval = ExportPreapproval.objects.create(
            contract=access.contract, kind=kind, approved_by=actor, valid_until=valid_until
        )
        audit_record(
            actor=actor,
            action="export_preapproval.grant",
            target=preapproval,
            contract=access.contract,
            changes={"kind": kind, "valid_until": valid_until.isoformat()},
        )
    return preapproval


def export_preapproval_list(*, access: ContractAccess) -> list[ExportPreapproval]:
    """The pre-approvals in force on the contract, for the supervisors who grant them."""
    access.require(APPROVE_EXPORT)
    return list(
        ExportPreapproval.objects.filter(
            contract=access.contract, revoked_at__isnull=True
        ).select_related("approved_by__person")
    )


def export_list(*, actor: Any, access: ContractAccess) -> list[ExportRequest]:
    """The requests the user may see: the supervisor all of the contract's, others their own."""
    _require_exports(access)
    qs = ExportRequest.objects.filter(contract=access.contract).select_related(
        "requested_by__person", "decided_by__person"
    )
    if not access.can(APPROVE_EXPORT):
        qs = qs.filter(requested_by=actor)
    return list(qs)
