"""The kinds of export of personal data (PI-5, PI-18, IC-30). Each app declares what it can
export in its ``contributions.EXPORT_KINDS``; an export is made only through an approved
``ExportRequest``.

    EXPORT_KINDS = [ExportKind(key="participants", label="受講者名簿", needs=VIEW_..., table=...)]

``table(access)`` returns the column names and rows; the export service adds the watermark and
the encryption, so no app writes its own file of personal data.

A kind whose content depends on what the request names (the auditor's filters, one attachment)
gives ``parameters(access, data)``, which checks the submitted values and returns what is kept
on the request, and then ``filtered_table(access, parameters)`` for a table or
``file(access, parameters)`` for a file that leaves as it is, in an encrypted zip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from itaku.core import registry
from itaku.core.access import ContractAccess
from itaku.core.domain import Action

Table = tuple[list[str], list[list[Any]]]
Parameters = dict[str, Any]


@dataclass(frozen=True)
class ExportFile:
    """A file exported as it is (an attachment): its type and content. Its name in the zip is
    made by the export service, since names in a zip are not encrypted."""

    content_type: str
    extension: str
    data: bytes


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    needs: Action  # what the requester must already be allowed to see
    table: Callable[[ContractAccess], Table] | None = None
    parameters: Callable[[ContractAccess, Mapping[str, Any]], Parameters] | None = None
    filtered_table: Callable[[ContractAccess, Parameters], Table] | None = None
    file: Callable[[ContractAccess, Parameters], ExportFile] | None = None
    # What the requester must hold to ask: most kinds (None), the right to request exports;
    # the auditor's log, the right to read it (auditors request nothing else).
    requested_with: Action | None = None
    # One line on the request list saying what the parameters name (no personal data).
    describe: Callable[[Parameters], str] | None = None

    def __post_init__(self) -> None:
        made_by = [f for f in (self.table, self.filtered_table, self.file) if f is not None]
        if len(made_by) != 1:
            raise ValueError(f"export kind {self.key}: give one of table, filtered_table, file")
        if (self.parameters is None) != (self.table is not None):
            raise ValueError(f"export kind {self.key}: parameters go with filtered_table or file")

    @property
    def is_file(self) -> bool:
        return self.file is not None


FORMATS = {
    "xlsx": "Excel(パスワード付き)",
    "csv": "CSV(パスワード付きZIP)",
    "pdf": "印刷用PDF(パスワード付きZIP)",
}
# A file kind leaves as the original file in an AES zip; the requester chooses no format.
FILE_FORMAT = "zip"
FORMAT_LABELS = {**FORMATS, FILE_FORMAT: "元のファイル(パスワード付きZIP)"}


def kinds() -> list[ExportKind]:
    """Every declared export kind, in the order the apps declared them."""
    return list(registry.declared("EXPORT_KINDS"))


def kind_get(key: str) -> ExportKind | None:
    return next((k for k in kinds() if k.key == key), None)


def roster_table(entries: Iterable[Any], *, detail: bool = False) -> Table:
    """The worker roster (従事者名簿) as the ward keeps it; with ``detail`` also the
    qualifications, the registration of the end and the approved version (the return package).
    ``entries``: roster entries with ``person__organisation`` (and ``approved_version``) loaded."""
    columns = ["氏名", "よみがな", "所属", "役割", "従事開始日", "従事終了日", "誓約書の提出日"]
    if detail:
        columns = [*columns[:4], "資格・経験", *columns[4:], "従事終了の登録日時", "承認された版"]
    rows: list[list[Any]] = []
    for e in entries:
        row = [
            e.person.full_name,
            f"{e.person.family_name_kana} {e.person.given_name_kana}".strip(),
            e.person.organisation.name,
            e.get_role_display(),
            e.valid_from,
            e.valid_to or "",
            e.pledge_date or "",
        ]
        if detail:
            version = e.approved_version.number if e.approved_version else ""
            row = [*row[:4], "・".join(e.qualification_labels), *row[4:], e.ended_at or "", version]
        rows.append(row)
    return columns, rows


def attachment_parameters(access: ContractAccess, data: Mapping[str, Any]) -> Parameters:
    from itaku.privacy.services.attachments import attachment_ref

    return {"attachment": attachment_ref(access=access, attachment_id=data.get("attachment"))}


def attachment_file(access: ContractAccess, parameters: Parameters) -> ExportFile:
    from itaku.privacy.domain import ATTACHMENT_KINDS
    from itaku.privacy.services.attachments import attachment_open

    attachment, data = attachment_open(
        actor=access.user, access=access, attachment_id=parameters["attachment"]
    )
    kind = ATTACHMENT_KINDS.get(attachment.content_type)
    return ExportFile(attachment.content_type, kind.extension if kind else "bin", data)


def attachment_describe(parameters: Parameters) -> str:
    return f"添付ファイル ID {str(parameters.get('attachment', ''))[:8]}"
