"""The base of every form of the pages: Django's own error messages said in plain Japanese, and
the fields that every app shares (a reading in hiragana).

Django's Japanese catalogue speaks like a manual (「このフィールドは必須です。」,
「この値は 50 文字以下でなければなりません( 60 文字になっています)。」). ``JapaneseMessages``
replaces each built-in message
that the field's author has not set, by its error code, on every field of the form: the message a
validator raises (``max_length``, ``min_value`` …) is replaced by the field's message of the same
code (``Field.run_validators``), so the limits are said here too, with the validator's numbers.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from itaku.web.kana import kana_normalise

REQUIRED = "入力してください。"
REQUIRED_CHOICE = "選んでください。"
REQUIRED_CHECK = "確認のうえ、チェックを入れてください。"
REQUIRED_FILE = "ファイルを選んでください。"
MAX_LENGTH = "%(limit_value)d文字以内で入力してください(いま%(show_value)d文字)。"
MIN_LENGTH = "%(limit_value)d文字以上で入力してください(いま%(show_value)d文字)。"
INVALID_CHOICE = "選べない値が送られました。一覧から選び直してください。"
INVALID_LIST = "一覧から選んでください。"
INTEGER = "数字で入力してください(例:12)。"
MAX_VALUE = "%(limit_value)s以下の数を入力してください。"
MIN_VALUE = "%(limit_value)s以上の数を入力してください。"
DATE = "日付を正しく入力してください(例:2026-04-01)。"
DATETIME = "日時を正しく入力してください(例:2026-04-01 09:30)。"
FILE_EMPTY = "ファイルの中身が空です。別のファイルを選んでください。"
FILE_INVALID = "ファイルを受け取れませんでした。もう一度選んでください。"
FILE_NAME_LENGTH = (
    "ファイル名が長すぎます。%(max)d文字以内の名前に変えてください(いま%(length)d文字)。"
)
KANA = "ひらがなで入力してください。"

# Field classes and their messages; a subclass takes its first matching base's (MRO order).
_MESSAGES: list[tuple[type[forms.Field], dict[str, str]]] = [
    (forms.MultipleChoiceField, {"required": REQUIRED_CHOICE, "invalid_list": INVALID_LIST}),
    (forms.ChoiceField, {"required": REQUIRED_CHOICE}),
    (forms.BooleanField, {"required": REQUIRED_CHECK}),
    (
        forms.FileField,
        {
            "required": REQUIRED_FILE,
            "invalid": FILE_INVALID,
            "missing": FILE_INVALID,
            "empty": FILE_EMPTY,
            "max_length": FILE_NAME_LENGTH,
        },
    ),
    (forms.IntegerField, {"invalid": INTEGER}),
    (forms.SplitDateTimeField, {"invalid_date": DATE, "invalid_time": DATETIME}),
    (forms.DateTimeField, {"invalid": DATETIME}),
    (forms.DateField, {"invalid": DATE}),
]
_EVERY_FIELD = {
    "required": REQUIRED,
    "invalid_choice": INVALID_CHOICE,
    "max_length": MAX_LENGTH,
    "min_length": MIN_LENGTH,
    "max_value": MAX_VALUE,
    "min_value": MIN_VALUE,
}


def _django_defaults(field: forms.Field) -> dict[str, str]:
    """The messages Django gives ``field`` by itself, as ``Field.__init__`` merges them."""
    defaults: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


def japanese_messages(field: forms.Field) -> dict[str, str]:
    """The plain Japanese message of each error code ``field`` may raise."""
    messages = dict(_EVERY_FIELD)
    for cls, specific in reversed(_MESSAGES):
        if isinstance(field, cls):
            messages.update(specific)
    return messages


def japanese_messages_apply(field: forms.Field) -> None:
    """Replace Django's built-in messages of ``field`` by plain Japanese, keeping any message the
    field's author wrote (one that differs from Django's default)."""
    defaults = _django_defaults(field)
    for code, message in japanese_messages(field).items():
        current = field.error_messages.get(code)
        if current is None or current == defaults.get(code):
            field.error_messages[code] = message


def max_length_of(model: Any, name: str) -> int:
    """The length of the model's text field ``name``, for the form field that fills it: the form
    refuses, next to the field, what the database would refuse or cut."""
    length: int = model._meta.get_field(name).max_length
    return length


class JapaneseMessages:
    """A form mixin: every field's built-in messages in plain Japanese (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            japanese_messages_apply(field)


class Form(JapaneseMessages, forms.Form):
    """The base of every form of the pages."""


class KanaField(forms.CharField):
    """A reading (ふりがな) kept in hiragana: katakana and half-width katakana are turned into
    hiragana, anything else (Latin letters, digits, kanji) is refused next to the field."""

    default_error_messages = {"kana": KANA}

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return text or ""
        reading = kana_normalise(text)
        if reading is None:
            raise ValidationError(self.error_messages["kana"], code="kana")
        return reading
