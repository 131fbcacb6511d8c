"""The kinds of export of personal data (PI-5, PI-18, IC-30). Each app registers what it can
export; nothing leaves the system as a file except through an approved ``ExportRequest``.

    register(ExportKind(key="participants", label="受講者名簿", needs=Action.VIEW_..., table=...))

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
    # What the requester must hold to ask: most kinds, the right to request exports; the
    # auditor's log, the right to read it (auditors request nothing else).
    requested_with: Action = Action.REQUEST_EXPORT
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

_kinds: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> None:
    _kinds[kind.key] = kind


def kinds() -> list[ExportKind]:
    return list(_kinds.values())


def kind_get(key: str) -> ExportKind | None:
    return _kinds.get(key)


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


def _roster_table(access: ContractAccess) -> Table:
    from itaku.core.selectors import roster_entry_list

    return roster_table(roster_entry_list(access=access).select_related("person__organisation"))


# The platform's own export: the worker roster (従事者名簿), as the ward keeps it.
register(
    ExportKind(key="roster", label="従事者名簿", needs=Action.VIEW_ROSTER, table=_roster_table)
)


def _attachment_parameters(access: ContractAccess, data: Mapping[str, Any]) -> Parameters:
    from itaku.privacy.services.attachments import attachment_ref

    return {"attachment": attachment_ref(access=access, attachment_id=data.get("attachment"))}


def _attachment_file(access: ContractAccess, parameters: Parameters) -> ExportFile:
    from itaku.privacy.domain import ATTACHMENT_KINDS
    from itaku.privacy.services.attachments import attachment_open

    attachment, data = attachment_open(
        actor=access.user, access=access, attachment_id=parameters["attachment"]
    )
    kind = ATTACHMENT_KINDS.get(attachment.content_type)
    return ExportFile(attachment.content_type, kind.extension if kind else "bin", data)


def _attachment_describe(parameters: Parameters) -> str:
    return f"添付ファイル ID {str(parameters.get('attachment', ''))[:8]}"


# PI-5, PI-6: a copy of an attachment is an export like any other: it is viewed in the page, and
# whoever needs the file itself asks for it.
register(
    ExportKind(
        key="attachment",
        label="添付ファイルの写し",
        needs=Action.VIEW_ATTACHMENTS,
        parameters=_attachment_parameters,
        file=_attachment_file,
        describe=_attachment_describe,
    )
)


def _audit_parameters(access: ContractAccess, data: Mapping[str, Any]) -> Parameters:
    from django.core.exceptions import ValidationError

    from itaku.audit.forms import AuditFilterForm
    from itaku.audit.selectors import AuditFilter, audit_event_last_seq

    # The request is for this contract: its supervisor approves it, whatever contract the
    # auditor's page was showing.
    values = {k: data[k] for k in data if k != "contract"}
    form = AuditFilterForm(values, contracts=[access.contract])
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    chosen = {k: v for k, v in form.cleaned_data.items() if k != "contract"}
    filters = AuditFilter(**chosen, contract_id=access.contract.pk)
    last = audit_event_last_seq(user=access.user, filters=filters)
    return {**filters.as_parameters(), "until_seq": last}


def _audit_table(access: ContractAccess, parameters: Parameters) -> Table:
    from dataclasses import replace

    from itaku.audit.selectors import AuditFilter, audit_event_table

    filters = replace(AuditFilter.from_parameters(parameters), contract_id=access.contract.pk)
    return audit_event_table(
        user=access.user, filters=filters, until_seq=int(parameters.get("until_seq", 0))
    )


_AUDIT_FILTER_LABELS = {
    "username": "操作者",
    "action": "操作",
    "target_type": "対象の種類",
    "target_id": "対象のID",
    "start": "期間(開始)",
    "end": "期間(終了)",
    "until_seq": "最後の連番",
}


def _audit_describe(parameters: Parameters) -> str:
    shown = [
        f"{label}:{parameters[key]}"
        for key, label in _AUDIT_FILTER_LABELS.items()
        if parameters.get(key) not in (None, "")
    ]
    return "条件 " + "、".join(shown)


# PI-10, PI-5: the auditor's copy of the audit log leaves as an approved export, of the events
# that matched the auditor's filters when asking.
register(
    ExportKind(
        key="audit_log",
        label="監査記録",
        needs=Action.VIEW_AUDIT_LOG,
        requested_with=Action.VIEW_AUDIT_LOG,
        parameters=_audit_parameters,
        filtered_table=_audit_table,
        describe=_audit_describe,
    )
)
