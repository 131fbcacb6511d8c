"""The sections of a contract-end package (PI-8, IC-29). The return package holds every section
registered for the contract; a handover package the ones the ward supervisor chose. Each app
declares what it holds in its ``contributions.PACKAGE_SECTIONS``, naming the models whose rows
the section returns (``manage.py check`` refuses a model with a sealed field that no section
covers: its data would stay behind when the contract ends):

    PACKAGE_SECTIONS = [PackageSection(key="participants", label="受講者", files=_participants,
                                       covers=("ichou.participant",), service_kind="ichou")]

``files(contract, watermark)`` gives the files of the section as (path in the archive, bytes)
pairs: a dict's ``items()``, or a generator where the files are large (the attachments), so that
only one is in memory at a time.
Paths are not encrypted in a zip, so they never carry personal data (a file's own name goes into
an index inside the archive instead). CSVs go through ``documents.tables.table_csv`` so each
carries the builder's watermark.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from itaku.core import registry
from itaku.core.models import Contract
from itaku.documents.tables import table_csv
from itaku.documents.watermark import Watermark

Files = Iterable[tuple[str, bytes]]


@dataclass(frozen=True)
class PackageSection:
    key: str
    label: str
    files: Callable[[Contract, Watermark], Files]
    # The models (``app_label.modelname``) whose rows of the contract the section returns.
    covers: tuple[str, ...] = ()
    # Only contracts of this kind (a declared ``ServiceKind`` key) have the section; "" for all.
    service_kind: str = ""


def sections(contract: Contract) -> list[PackageSection]:
    """The sections of the contract's return package, in the order the apps declared them."""
    return [
        s
        for s in registry.declared("PACKAGE_SECTIONS")
        if s.service_kind in ("", contract.service_kind)
    ]


def section_labels() -> dict[str, str]:
    return {s.key: s.label for s in registry.declared("PACKAGE_SECTIONS")}


def model_rows(
    model: type, *, path: str, contract_path: str = "contract", exclude: tuple[str, ...] = ()
) -> Callable[[Contract, Watermark], Files]:
    """A section's ``files``: every row of ``model`` on the contract as one CSV at ``path``, a
    column per concrete field headed by its Japanese name (choices as their labels, foreign keys
    as their ids, sealed fields opened). The plain way for an app to return a table whose rows
    need no shaping; ``contract_path`` reaches the contract through a parent
    (``"schedule__contract"``)."""

    def files(contract: Contract, watermark: Watermark) -> Files:
        fields = [
            f
            for f in model._meta.concrete_fields  # type: ignore[attr-defined]
            if f.name not in exclude
        ]
        columns = [str(f.verbose_name) for f in fields]
        rows = []
        for row in model._default_manager.filter(**{contract_path: contract}).order_by("pk"):  # type: ignore[attr-defined]
            values: list[object] = []
            for f in fields:
                if f.choices:
                    values.append(getattr(row, f"get_{f.name}_display")())
                elif f.is_relation:
                    values.append(getattr(row, f.attname))
                else:
                    values.append(getattr(row, f.name))
            rows.append(values)
        yield path, table_csv(columns=columns, rows=rows, watermark=watermark)

    return files


# ---- the platform's sections -------------------------------------------------------------------


def contract_files(contract: Contract, watermark: Watermark) -> Files:
    data = {
        "number": contract.number,
        "title": contract.title,
        "service_kind": contract.get_service_kind_display(),
        "period": {
            "start": contract.period_start.isoformat(),
            "end": contract.period_end.isoformat(),
        },
        "parties": {
            "department": contract.department.name,
            "contractor": contract.contractor.name,
        },
        "payment_cycle": contract.get_payment_cycle_display(),
        "state": contract.get_state_display(),
        "watermark": watermark.text(),
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return [("contract.json", text.encode())]


def roster_files(contract: Contract, watermark: Watermark) -> Files:
    from itaku.privacy.exports import roster_table

    entries = contract.roster_entries.select_related(
        "person__organisation", "approved_version"
    ).order_by("role", "person__family_name_kana", "pk")
    columns, rows = roster_table(entries, detail=True)
    return [("roster.csv", table_csv(columns=columns, rows=rows, watermark=watermark))]


def attachment_files(contract: Contract, watermark: Watermark) -> Iterator[tuple[str, bytes]]:
    from itaku.privacy import domain
    from itaku.privacy.files import file_read
    from itaku.privacy.models import Attachment

    rows: list[list[object]] = []
    for a in Attachment.objects.filter(contract=contract).order_by("uploaded_at", "pk"):
        kind = domain.ATTACHMENT_KINDS.get(a.content_type)
        path = f"attachments/{a.id.hex}.{kind.extension if kind else 'bin'}"
        yield path, file_read(kind="attachments", name=a.id.hex)
        rows.append([path, a.name, a.content_type, a.size, a.sha256, a.uploaded_at])
    columns = ["収録先", "ファイル名", "種類", "大きさ(バイト)", "SHA-256", "登録日時"]
    yield "attachments/index.csv", table_csv(columns=columns, rows=rows, watermark=watermark)


def audit_files(contract: Contract, watermark: Watermark) -> Files:
    from itaku.audit.models import AuditEvent

    columns = [
        "連番",
        "日時",
        "操作した人",
        "利用者ID",
        "操作時の立場",
        "操作",
        "対象の種類",
        "対象のID",
        "変更内容",
        "リクエストID",
        "接続元アドレス",
        "ハッシュ値",
    ]
    # Oldest first; numbers restart per chain (legacy events keep their global ones).
    events = (
        AuditEvent.objects.filter(contract=contract)
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
    rows = [
        [
            e.seq,
            e.occurred_at,
            e.actor.get_full_name() if e.actor else "",
            e.actor_id or "",
            e.acting_role,
            e.action,
            e.target_type,
            e.target_id,
            json.dumps(e.changes, ensure_ascii=False, sort_keys=True) if e.changes else "",
            e.request_id,
            e.source_ip or "",
            e.hash,
        ]
        for e in events
    ]
    return [("audit.csv", table_csv(columns=columns, rows=rows, watermark=watermark))]


def export_files(contract: Contract, watermark: Watermark) -> Files:
    from itaku.privacy.models import ExportRequest

    columns = [
        "番号",
        "出力の種類",
        "形式",
        "利用目的",
        "状態",
        "申請した人",
        "申請日時",
        "承認・不承認した人",
        "承認・不承認の日時",
        "不承認の理由",
        "作成日時",
        "件数",
        "ファイルのSHA-256",
    ]
    requests = (
        ExportRequest.objects.filter(contract=contract)
        .select_related("requested_by", "decided_by")
        .order_by("requested_at", "pk")
    )
    rows = [
        [
            r.pk,
            r.kind,
            r.file_format,
            r.purpose,
            r.get_state_display(),
            r.requested_by.get_full_name() if r.requested_by else "",
            r.requested_at,
            r.decided_by.get_full_name() if r.decided_by else "",
            r.decided_at or "",
            r.decision_note,
            r.produced_at or "",
            r.row_count if r.row_count is not None else "",
            r.file_sha256,
        ]
        for r in requests
    ]
    return [("exports.csv", table_csv(columns=columns, rows=rows, watermark=watermark))]
