"""Contract end (PI-8, IC-29): the checklist and its manual confirmations, the return and
handover packages, the ward's receipt of the return, and the destruction of the contract's data
by destroying its keys (crypto-shredding), with a destruction certificate. Every step is
audited; only the ward supervisor acts, the auditor and the contractor's manager look on."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.calendar import TOKYO, format_wareki
from itaku.core.domain import ContractState
from itaku.core.models import Contract
from itaku.core.services import contract_state_change
from itaku.documents.pdf import html_to_pdf
from itaku.documents.protect import password_new, sha256_hex, zip_encrypt_into
from itaku.documents.watermark import Watermark
from itaku.jobs.kinds import JobLink, JobRun
from itaku.privacy import domain, packages
from itaku.privacy.contract_end import EndItemStatus, end_checklist, end_item_get
from itaku.privacy.contributions import MANAGE_CONTRACT_END, VIEW_CONTRACT_END
from itaku.privacy.crypto import FILE_CHUNK
from itaku.privacy.files import Download, file_delete, file_open, file_write_chunks
from itaku.privacy.keys import data_key_destroy, key_opens
from itaku.privacy.models import (
    Attachment,
    ContractPackage,
    DataKey,
    DestructionCertificate,
    EndItemConfirmation,
    ExportRequest,
    NameIndexEntry,
)
from itaku.privacy.services.guards import my_number_refuse
from itaku.web.lookup import get_or_404

Progress = Callable[[int, int, str], None]

FILES = "packages"
MANIFEST = "manifest.json"

_PURPOSE_TEXT = {
    ContractPackage.Purpose.RETURN: "契約終了に伴う区への返却(個人情報等取扱特記事項第8条)",
    ContractPackage.Purpose.HANDOVER: "次の受託者への業務の引継ぎ",
}


# ---- the checklist ----------------------------------------------------------------------------


def contract_end_checklist(*, access: ContractAccess) -> list[EndItemStatus]:
    """The contract's checklist, for those who may see the contract end (PI-8)."""
    access.require(VIEW_CONTRACT_END)
    return end_checklist(access.contract)


def end_item_confirm(
    *, actor: Any, access: ContractAccess, item_key: str, note: str
) -> EndItemConfirmation:
    """The ward supervisor confirms a checklist item by hand, saying what was checked."""
    access.require(MANAGE_CONTRACT_END)
    item = end_item_get(access.contract, item_key)
    if item is None or not item.confirmable:
        raise Http404
    if not note.strip():
        raise ValidationError({"note": ["何を確認したかを書いてください。"]})
    # PI-11 … PI-16: the note is kept with the checklist until the contract's data is destroyed.
    my_number_refuse(actor=actor, fields={"note": note}, contract=access.contract)
    with transaction.atomic():
        if EndItemConfirmation.objects.filter(contract=access.contract, item_key=item.key).exists():
            raise ValidationError("この項目はすでに確認済みです。")
        confirmation = EndItemConfirmation.objects.create(
            contract=access.contract, item_key=item.key, confirmed_by=actor, note=note.strip()
        )
        audit_record(
            actor=actor,
            action="end_item.confirm",
            target=confirmation,
            contract=access.contract,
            changes={"item": item.key, "clause": item.clause},
        )
    return confirmation


# ---- packages ---------------------------------------------------------------------------------


def package_list(*, access: ContractAccess) -> list[ContractPackage]:
    access.require(VIEW_CONTRACT_END)
    return list(
        ContractPackage.objects.filter(contract=access.contract).select_related(
            "built_by__person", "received_by__person", "approved_by__person"
        )
    )


def _package_files(
    contract: Contract, keys: list[str], watermark: Watermark, progress: Progress
) -> Iterator[tuple[str, bytes]]:
    by_key = {s.key: s for s in packages.sections(contract)}
    seen: set[str] = {MANIFEST}
    for done, key in enumerate(keys):
        progress(done, len(keys) + 1, f"「{by_key[key].label}」を収めています")
        for path, data in by_key[key].files(contract, watermark):
            if path in seen:
                raise RuntimeError(f"two sections write {path}")
            seen.add(path)
            yield path, data


def _no_progress(done: int, total: int, message: str = "") -> None:
    pass


def package_check(*, access: ContractAccess, purpose: str, sections: list[str]) -> list[str]:
    """Whether the package may be built as asked (before its job is started, so that the form
    says at once what is wrong); the keys of the sections it holds."""
    access.require(MANAGE_CONTRACT_END)
    contract = access.contract
    available = [s.key for s in packages.sections(contract)]
    try:
        keys = domain.package_sections(purpose=purpose, chosen=sections, available=available)
    except ValueError as error:
        field = "sections" if purpose == domain.PURPOSE_HANDOVER else "purpose"
        raise ValidationError({field: [str(error)]}) from None
    if purpose == domain.PURPOSE_RETURN and contract.state != ContractState.ENDED:
        # The data is complete only once the contractor's access has ended, and is returned once.
        raise ValidationError(
            {"purpose": ["返却パッケージは、契約が終了し、まだ返却していないときに作成できます。"]}
        )
    return keys


def package_build(
    *,
    actor: Any,
    access: ContractAccess,
    purpose: str,
    sections: list[str],
    password: str = "",
    progress: Progress = _no_progress,
) -> tuple[ContractPackage, str]:
    """Build a return package (every section, PI-8) or a handover package (the sections the
    supervisor chose, IC-29; choosing them is the ward's approval of the handover). The archive
    is an AES zip with a manifest of every file's SHA-256; the password (made here unless given)
    is returned to be shown once and is kept nowhere. ``progress`` hears of each section."""
    keys = package_check(access=access, purpose=purpose, sections=sections)
    contract = access.contract
    now = timezone.now()
    purpose_label = ContractPackage.Purpose(purpose).label
    watermark = Watermark(
        who=f"{actor.get_full_name() or actor.get_username()} (利用者ID {actor.pk})",
        at=now,
        purpose=_PURPOSE_TEXT[ContractPackage.Purpose(purpose)],
        reference=f"契約番号 {contract.number} {purpose_label}",
    )
    manifest: list[dict[str, Any]] = []
    manifest_json = b""

    def members() -> Iterator[tuple[str, bytes]]:
        nonlocal manifest_json
        for path, data in _package_files(contract, keys, watermark, progress):
            manifest.append({"path": path, "sha256": sha256_hex(data), "size": len(data)})
            yield path, data
        manifest_json = json.dumps(
            {
                "contract": contract.number,
                "purpose": purpose,
                "sections": keys,
                "built_at": now.astimezone(TOKYO).isoformat(),
                "watermark": watermark.text(),
                "files": sorted(manifest, key=lambda f: f["path"]),
            },
            ensure_ascii=False,
            indent=2,
        ).encode()
        progress(len(keys), len(keys) + 1, "一覧（manifest.json）を作り、暗号化しています")
        yield MANIFEST, manifest_json

    password = password or password_new()
    # The archive is written to a scratch file beside the files (its members are encrypted with
    # the password already), then sealed under the contract's key chunk by chunk: a year of
    # recordings never has to fit in memory.
    scratch_dir = Path(settings.ITAKU_FILES_DIR) / "scratch"
    scratch_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    scratch = scratch_dir / f"package-{secrets.token_hex(8)}.zip"
    handover = purpose == domain.PURPOSE_HANDOVER
    try:
        fd = os.open(scratch, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w+b") as f:
            zip_encrypt_into(target=f, files=members(), password=password)
            with transaction.atomic():
                package = ContractPackage.objects.create(
                    contract=contract,
                    purpose=purpose,
                    sections=keys,
                    built_by=actor,
                    built_at=now,
                    manifest=sorted(manifest, key=lambda m: m["path"]),
                    manifest_sha256=sha256_hex(manifest_json),
                    archive_sha256="",
                    approved_by=actor if handover else None,
                    approved_at=now if handover else None,
                )
                f.seek(0)
                try:
                    _, package.archive_sha256 = file_write_chunks(
                        kind=FILES,
                        name=str(package.pk),
                        contract_id=contract.pk,
                        chunks=iter(lambda: f.read(FILE_CHUNK), b""),
                    )
                    package.save(update_fields=["archive_sha256"])
                    audit_record(
                        actor=actor,
                        action="package.build",
                        target=package,
                        contract=contract,
                        changes={
                            "purpose": purpose,
                            "sections": keys,
                            "files": len(manifest),
                            "manifest_sha256": package.manifest_sha256,
                            "archive_sha256": package.archive_sha256,
                        },
                    )
                except BaseException:
                    file_delete(kind=FILES, name=str(package.pk))
                    raise
    finally:
        scratch.unlink(missing_ok=True)
    return package, password


def package_build_job(run: JobRun) -> JobLink:
    """The package's background job (``privacy.package``): builds it with the password the
    start page showed, section by section, and links to its download."""
    package, _ = package_build(
        actor=run.actor,
        access=run.access,
        purpose=run.params["purpose"],
        sections=list(run.params.get("sections", [])),
        password=run.secret,
        progress=run.progress,
    )
    url = reverse(
        "privacy:package-download",
        kwargs={"contract_id": package.contract_id, "package_id": package.pk},
    )
    return JobLink(
        url=url,
        label=f"{package.get_purpose_display()} #{package.pk} をダウンロードする"
        f"（{len(package.manifest)}ファイル）",
    )


def _package_get(access: ContractAccess, package_id: Any, *, lock: bool = False) -> ContractPackage:
    qs = ContractPackage.objects.filter(contract=access.contract)
    if lock:
        qs = qs.select_for_update()
    return get_or_404(qs, pk=package_id)


def package_filename(package: ContractPackage) -> str:
    return f"{package.purpose}-{package.contract.number}-{package.pk}.zip"


def package_download(*, actor: Any, access: ContractAccess, package_id: Any) -> Download:
    """The encrypted archive, for the ward supervisor only, until the data is destroyed; as
    chunks, since a return package holds every recording of the contract."""
    access.require(MANAGE_CONTRACT_END)
    package = _package_get(access, package_id)
    chunks = file_open(kind=FILES, name=str(package.pk))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="package.download",
            target=package,
            contract=access.contract,
        )
    return Download(filename=package_filename(package), content_type="application/zip", data=chunks)


def package_receive(*, actor: Any, access: ContractAccess, package_id: Any) -> ContractPackage:
    """The ward records that it received the return package: the contract moves from ended to
    returned (PI-8), the step before destruction."""
    access.require(MANAGE_CONTRACT_END)
    with transaction.atomic():
        package = _package_get(access, package_id, lock=True)
        if package.purpose != ContractPackage.Purpose.RETURN:
            raise ValidationError("受領を記録できるのは返却パッケージだけです。")
        if package.received_at is not None:
            raise ValidationError("この返却パッケージの受領はすでに記録しています。")
        contract = Contract.objects.select_for_update().get(pk=access.contract.pk)
        if contract.state != ContractState.ENDED:
            raise ValidationError("契約が「終了」の状態のときに受領を記録できます。")
        package.received_by, package.received_at = actor, timezone.now()
        package.save(update_fields=["received_by", "received_at"])
        audit_record(
            actor=actor,
            action="package.receive",
            target=package,
            contract=contract,
            changes={"manifest_sha256": package.manifest_sha256},
        )
        contract_state_change(
            actor=actor, contract=contract, to=ContractState.RETURNED, access=access
        )
    return package


# ---- destruction ------------------------------------------------------------------------------


def _delete_files(contract: Contract) -> dict[str, int]:
    """Delete the contract's encrypted files; the key is already gone, so they are unreadable
    anyway, this removes them from the disk too. Returns how many of each were there."""
    counts = {"attachments": 0, "exports": 0, "packages": 0}
    mine = {"contract": contract}
    for attachment_id in Attachment.objects.filter(**mine).values_list("id", flat=True):
        counts["attachments"] += file_delete(kind="attachments", name=attachment_id.hex)
    for request_id in ExportRequest.objects.filter(**mine).values_list("pk", flat=True):
        counts["exports"] += file_delete(kind="exports", name=str(request_id))
    for package_id in ContractPackage.objects.filter(**mine).values_list("pk", flat=True):
        counts["packages"] += file_delete(kind=FILES, name=str(package_id))
    # The files background jobs made (itaku.jobs: reports, workbooks), by the jobs' ids.
    if apps.is_installed("itaku.jobs"):
        counts["jobs"] = 0
        job_model = apps.get_model("jobs", "Job")
        for job_id in job_model.objects.filter(**mine).values_list("pk", flat=True):
            counts["jobs"] += file_delete(kind="jobs", name=str(job_id))
    return counts


def _certificate_pdf(
    *,
    contract: Contract,
    actor: Any,
    executed_at: Any,
    key_ids: list[str],
    counts: dict[str, int],
    manifest_sha256: str,
) -> bytes:
    local = executed_at.astimezone(TOKYO)
    html = render_to_string(
        "privacy/destruction_certificate.html",
        {
            "contract": contract,
            "period": (
                f"{format_wareki(contract.period_start)}〜{format_wareki(contract.period_end)}"
            ),
            "issued_on": format_wareki(local.date()),
            "executed": f"{format_wareki(local.date())} {local:%H}時{local:%M}分(日本時間)",
            "ordered_by": actor.get_full_name() or actor.get_username(),
            "key_ids": key_ids,
            "counts": counts,
            "manifest_sha256": manifest_sha256,
        },
    )
    return html_to_pdf(html=html)


def contract_destroy(
    *, actor: Any, access: ContractAccess, confirm_number: str
) -> DestructionCertificate:
    """Make the contract's data unreadable for good (PI-8), once the ward has received the return
    package and every checklist item is done, the supervisor having typed the contract number.

    In one transaction: destroy the data keys, delete the encrypted files and the name index,
    check that no key of the contract opens its canary any more, mark the contract destroyed and
    issue the destruction certificate. Irreversible: every sealed value of the contract, in the
    database and in every backup of it, can no longer be read."""
    access.require(MANAGE_CONTRACT_END)
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=access.contract.pk)
        open_items = [s.item.label for s in end_checklist(contract) if not s.done]
        problems = domain.destruction_problems(
            state=contract.state,
            open_items=open_items,
            typed_number=confirm_number,
            number=contract.number,
        )
        if problems:
            raise ValidationError(
                {(field or NON_FIELD_ERRORS): messages for field, messages in problems.items()}
            )
        returned = (
            ContractPackage.objects.filter(
                contract=contract,
                purpose=ContractPackage.Purpose.RETURN,
                received_at__isnull=False,
            )
            .order_by("-received_at")
            .first()
        )
        if returned is None:  # cannot happen: the checklist's return item holds
            raise ValidationError("返却パッケージの受領の記録がありません。")
        executed_at = timezone.now()
        destroyed = data_key_destroy(actor=actor, contract=contract)
        all_keys = list(DataKey.objects.filter(contract=contract))
        # The evidence on the certificate: no key of the contract opens its canary any more.
        if any(key_opens(key) for key in all_keys):
            raise RuntimeError("a data key still opens after destruction; nothing was certified")
        counts = _delete_files(contract)
        counts["name_index"] = NameIndexEntry.objects.filter(contract=contract).delete()[0]
        counts["attachment_records"] = Attachment.objects.filter(contract=contract).count()
        counts["keys"] = len(destroyed)
        contract_state_change(
            actor=actor, contract=contract, to=ContractState.DESTROYED, access=access
        )
        contract.refresh_from_db()
        key_ids = [str(key.id) for key in destroyed]
        pdf = _certificate_pdf(
            contract=contract,
            actor=actor,
            executed_at=executed_at,
            key_ids=key_ids,
            counts=counts,
            manifest_sha256=returned.manifest_sha256,
        )
        certificate = DestructionCertificate.objects.create(
            contract=contract,
            ordered_by=actor,
            executed_at=executed_at,
            manifest_sha256=returned.manifest_sha256,
            key_ids=key_ids,
            counts=counts,
            no_key_opens=True,
            pdf=pdf,
            pdf_sha256=sha256_hex(pdf),
        )
        audit_record(
            actor=actor,
            action="contract.destroy",
            target=certificate,
            contract=contract,
            changes={
                "key_ids": key_ids,
                "counts": counts,
                "no_key_opens": True,
                "manifest_sha256": returned.manifest_sha256,
                "certificate_sha256": certificate.pdf_sha256,
            },
        )
    return certificate


def certificate_get(*, user: Any, certificate_id: Any) -> DestructionCertificate:
    """A destruction certificate, for the supervisor who ordered it and for administrators; 404
    for everyone else. The contract itself is no longer visible to anyone (PI-8)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise Http404
    certificate = get_or_404(
        DestructionCertificate.objects.select_related(
            "contract__department", "contract__contractor", "ordered_by__person"
        ),
        pk=certificate_id,
    )
    if not (user.is_superuser or certificate.ordered_by_id == user.pk):
        raise Http404
    return certificate


def certificate_download(*, actor: Any, certificate_id: Any) -> Download:
    certificate = certificate_get(user=actor, certificate_id=certificate_id)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="destruction_certificate.download",
            target=certificate,
            contract=certificate.contract,
        )
    return Download(
        filename=f"データ消去証明書-{certificate.contract.number}.pdf",
        content_type="application/pdf",
        data=bytes(certificate.pdf),
    )
