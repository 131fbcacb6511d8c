"""The kinds of export of personal data (PI-5, PI-18, IC-30). Each app declares what it can
export in its ``contributions.EXPORT_KINDS``; an export is made only through an approved
``ExportRequest``.

    EXPORT_KINDS = [ExportKind(key="participants", label="受講者名簿", needs=VIEW_..., table=...)]

``table(access)`` returns the column names and rows; the export service adds the watermark and
the encryption, so no app writes its own file of personal data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from itaku.core import registry
from itaku.core.access import ContractAccess
from itaku.core.domain import Action

Table = tuple[list[str], list[list[Any]]]


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    needs: Action  # what the requester must already be allowed to see
    table: Callable[[ContractAccess], Table]


FORMATS = {
    "xlsx": "Excel(パスワード付き)",
    "csv": "CSV(パスワード付きZIP)",
    "pdf": "印刷用PDF(パスワード付きZIP)",
}


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
