"""The audit log in the auditor's words (PI-10): an event by its label in the catalogue
(``registry.audit_events``), a record by its model's ``verbose_name``, and a change as a list of
field labels with their values before and after, never as codes or a raw dictionary.

Reads no rows: only the catalogue and the models' metadata, so it is tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from itaku.core import registry

NONE = "(なし)"
IDS_SHOWN = 120  # characters of a read event's ids shown in the list

# The keys of ``changes`` that are not fields of the target model, in the auditor's words.
KEY_LABELS = {
    "ids": "表示した記録",
    "ip": "接続元",
    "username": "入力されたユーザー名",
    "version": "名簿の版",
    "note": "理由",
    "count": "件数",
    "sessions": "終了したログインの数",
    "rows": "行数",
    "sha256": "ファイルのハッシュ値",
    "manifest_sha256": "目録のハッシュ値",
    "archive_sha256": "パッケージのハッシュ値",
    "certificate_sha256": "証明書のハッシュ値",
    "kind": "種類",
    "format": "形式",
    "preapproved": "事前承認による",
    "parameters": "条件",
    "valid_until": "有効期限",
    "fields": "項目",
    "item": "確認項目",
    "clause": "条項",
    "clause_id": "条項",
    "rule": "期限の決め方",
    "created": "作成した件数",
    "through": "作成した期間の終わり",
    "due_date": "期限",
    "late": "期限後の提出",
    "content_type": "ファイルの種類",
    "size": "大きさ(バイト)",
    "rewrapped": "掛け直した鍵の数",
    "already_current": "更新済みだった鍵の数",
    "purpose": "利用目的",
    "sections": "収めた内容",
    "files": "ファイルの数",
    "key_ids": "破棄した鍵",
    "counts": "消去した件数",
    "no_key_opens": "鍵で開けないことの確認",
    "notified": "知らせた相手(利用者番号)",
}


@dataclass(frozen=True)
class ChangeLine:
    """One line of 変更内容: a field's label and its value before and after, or one value."""

    label: str
    before: str = ""
    after: str = ""
    value: str = ""

    @property
    def is_change(self) -> bool:
        return not self.value


def event_label(action: str) -> str:
    """``roster_entry.add`` → 「名簿への追加」; the code itself for a name no app declares."""
    kind = registry.audit_events().get(action)
    return kind.label if kind else action


def target_model(target_type: str) -> type[models.Model] | None:
    """``core.rosterentry`` → ``RosterEntry``; None for no target or a model that is gone."""
    if not target_type:
        return None
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def record_kind_label(target_type: str) -> str:
    """``core.rosterentry`` → 「名簿の記載」 (the model's ``verbose_name``)."""
    model = target_model(target_type)
    return str(model._meta.verbose_name) if model else target_type


def change_lines(target_type: str, changes: Mapping[str, Any] | None) -> list[ChangeLine]:
    """An event's ``changes`` as lines: ``{field: {before, after}}`` (``field_changes``) as the
    field's label, before → after; a read's ``{"ids": [...]}`` as the records it showed; any
    other key as label: value."""
    model = target_model(target_type)
    lines = []
    for key, value in (changes or {}).items():
        field = _field(model, key)
        label = str(field.verbose_name) if field else KEY_LABELS.get(key, key)
        if key == "ids" and isinstance(value, list):
            shown = "、".join(str(i) for i in value)
            if len(shown) > IDS_SHOWN:
                shown = shown[: IDS_SHOWN - 1] + "…"
            lines.append(ChangeLine(label, value=f"{len(value)}件の記録を表示(ID:{shown})"))
        elif isinstance(value, Mapping) and set(value) == {"before", "after"}:
            before = value_text(value["before"], field, model, key)
            after = value_text(value["after"], field, model, key)
            if before != after:  # None and [] both read 「(なし)」: no change to tell
                lines.append(ChangeLine(label, before=before, after=after))
        else:
            lines.append(ChangeLine(label, value=value_text(value, field, model, key)))
    return lines


def value_text(
    value: Any,
    field: models.Field | None = None,
    model: type[models.Model] | None = None,
    key: str = "",
) -> str:
    """One recorded value as the auditor reads it: a choice by its label, a date in 和暦, a
    yes/no as はい/いいえ, nothing as 「(なし)」."""
    if value is None or value == "" or value == [] or value == {}:
        return NONE
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, list):
        return "、".join(value_text(v, field, model, key) for v in value)
    if isinstance(value, Mapping):
        return "、".join(f"{KEY_LABELS.get(k, k)}: {value_text(v)}" for k, v in value.items())
    text = str(value)
    choices = _choices(field, model, key)
    if text in choices:
        return choices[text]
    if isinstance(field, models.DateTimeField):
        return _wareki_time(text)
    if isinstance(field, models.DateField):
        return _wareki_date(text)
    return text


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _choices(field: models.Field | None, model: type[models.Model] | None, key: str) -> dict:
    if field is not None and field.choices:
        return {str(k): str(v) for k, v in field.flatchoices}
    # A list kept in a JSONField has no choices of its own: its model may name them
    # (``RosterEntry.audit_value_choices``).
    named = getattr(model, "audit_value_choices", {}).get(key, ())
    return {str(k): str(v) for k, v in named}


def _wareki_date(text: str) -> str:
    from itaku.core.calendar import format_wareki

    try:
        return format_wareki(date.fromisoformat(text))
    except ValueError:
        return text


def _wareki_time(text: str) -> str:
    from itaku.core.templatetags.itaku import wareki_time

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return wareki_time(moment) if moment.tzinfo else text
