"""Attachments (PI-6): type and size checked on the content, stored sealed under the contract's
key, opened only through the access rule, every read audited."""

from __future__ import annotations

import hashlib
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction

from itaku.audit.services import audit_reads, audit_record
from itaku.core.access import ContractAccess
from itaku.documents.pdf import PdfUnreadable, pdf_pages
from itaku.privacy import domain
from itaku.privacy.contributions import ADD_ATTACHMENT, VIEW_ATTACHMENTS
from itaku.privacy.files import file_delete, file_read, file_write
from itaku.privacy.models import Attachment
from itaku.privacy.services.guards import my_number_refuse
from itaku.web.lookup import get_or_404

FILES = "attachments"


def attachment_add(*, actor: Any, access: ContractAccess, name: str, data: bytes) -> Attachment:
    access.require(ADD_ATTACHMENT)
    detected = filetype.guess_mime(data) if data else None
    problem = domain.attachment_problem(detected=detected, size=len(data))
    # A file of no detected type always has a problem; the second test tells the type checker.
    if problem or detected is None:
        raise ValidationError({"file": [problem]})
    my_number_refuse(actor=actor, fields={"file": name}, contract=access.contract)
    if detected == "application/pdf":
        # PI-11 … PI-16: the text of a PDF is free text too; one that cannot be read is refused,
        # never let through unchecked. Photos and recordings are not read.
        try:
            pages = pdf_pages(data=data, max_pages=domain.PDF_MAX_PAGES)
        except PdfUnreadable as unreadable:
            raise ValidationError({"file": [domain.PDF_UNREADABLE[unreadable.reason]]}) from None
        problem = domain.pdf_text_problem([(page.text, page.has_images) for page in pages])
        if problem:
            raise ValidationError({"file": [problem]})
        text = "\n".join(page.text for page in pages)
        my_number_refuse(actor=actor, fields={"file": text}, contract=access.contract)
    attachment = Attachment(
        contract=access.contract,
        name=name[:200],
        content_type=detected,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    file_write(kind=FILES, name=attachment.id.hex, contract_id=access.contract.pk, data=data)
    try:
        with transaction.atomic():
            attachment.save()
            audit_record(
                actor=actor,
                action="attachment.add",
                target=attachment,
                contract=access.contract,
                changes={"content_type": detected, "size": len(data)},
            )
    except Exception:
        file_delete(kind=FILES, name=attachment.id.hex)
        raise
    return attachment


def attachment_for_field(
    *, actor: Any, access: ContractAccess, upload: tuple[str, bytes] | None, field: str
) -> Attachment | None:
    """``upload`` (name, bytes) kept as the contract's attachment through ``attachment_add``,
    or None when nothing was uploaded; a refusal of the file is told next to the form's
    ``field``, as the page shows it."""
    if upload is None:
        return None
    try:
        return attachment_add(actor=actor, access=access, name=upload[0], data=upload[1])
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError({field: error.message_dict.get("file", error.messages)}) from None
        raise


def attachment_list(*, actor: Any, access: ContractAccess) -> list[Attachment]:
    """The contract's attachments; their names are personal data, so the list is an audited
    read naming each one (PI-9)."""
    access.require(VIEW_ATTACHMENTS)
    found = list(
        Attachment.objects.filter(contract=access.contract).select_related("uploaded_by__person")
    )
    audit_reads(actor=actor, contract=access.contract, records=found)
    return found


def attachment_open(
    *, actor: Any, access: ContractAccess, attachment_id: Any
) -> tuple[Attachment, bytes]:
    """The attachment and its content; 404 for anyone the access rule does not let see it."""
    access.require(VIEW_ATTACHMENTS)
    attachment = get_or_404(Attachment.objects, contract=access.contract, pk=attachment_id)
    data = file_read(kind=FILES, name=attachment.id.hex)
    audit_reads(actor=actor, contract=access.contract, records=[attachment])
    return attachment, data


def _attachment_of(access: ContractAccess, attachment_id: Any) -> Attachment:
    access.require(VIEW_ATTACHMENTS)
    return get_or_404(
        Attachment.objects.select_related("uploaded_by__person"),
        contract=access.contract,
        pk=attachment_id,
    )


def attachment_get(*, actor: Any, access: ContractAccess, attachment_id: Any) -> Attachment:
    """The attachment's record (its name is personal data: an audited read, PI-9); 404 for
    anyone the access rule does not let see it."""
    attachment = _attachment_of(access, attachment_id)
    audit_reads(actor=actor, contract=access.contract, records=[attachment])
    return attachment


def attachment_ref(*, access: ContractAccess, attachment_id: Any) -> str:
    """The id of an attachment the user may see, as an export request keeps it; 404 otherwise.
    Nothing of it is read."""
    return str(_attachment_of(access, attachment_id).id)
