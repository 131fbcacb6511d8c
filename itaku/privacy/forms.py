"""Forms of the privacy pages: export requests and decisions, attachments; and the My Number
guard for forms whose text goes to no service (the admin's)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
from django.core.exceptions import ValidationError
from django.core.files import File

from itaku.privacy import exports
from itaku.privacy.services.guards import my_number_refuse
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form


def _texts(value: Any) -> list[str]:
    """The text a cleaned value holds: itself, a file's name, the strings of a list or dict."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, File):
        return [value.name or ""]
    if isinstance(value, list | tuple | set):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in _texts(item)]
    return []


def is_secret_field(field: forms.Field) -> bool:
    """A password typed or its hash shown: hashed, never stored as text, so not guarded."""
    return isinstance(field.widget, forms.PasswordInput | ReadOnlyPasswordHashWidget)


class MyNumberGuardMixin:
    """PI-11 … PI-16 for a form whose values are saved as they are (the Django admin's): every
    text it takes, a file's name included, is refused with the message next to its field when it
    holds a My Number, and the attempt is audited by ``my_number_refuse`` as ``guard_actor``.

    The pages' forms do not need it: their text goes to a service that calls the guard itself."""

    guard_actor: Any = None
    guard_contract: Any = None

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        texts = {
            # " | " ends a chain of digits: two values never make one number together.
            name: " | ".join(_texts(value))
            for name, value in cleaned.items()
            if name in fields and not is_secret_field(fields[name])
        }
        try:
            my_number_refuse(actor=self.guard_actor, fields=texts, contract=self.guard_contract)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name, messages)  # type: ignore[attr-defined]
        return cleaned


class ExportRequestForm(Form):
    kind = forms.ChoiceField(label="出力するもの")
    # Not required here: a file kind (an attachment) has no format; the service checks tables'.
    file_format = forms.ChoiceField(
        label="形式",
        choices=list(exports.FORMATS.items()),
        widget=forms.RadioSelect,
        initial="xlsx",
        required=False,
    )
    purpose = forms.CharField(
        label="利用目的",
        max_length=300,
        help_text="出力したファイルの全ページに、出力者・日時とともに印字されます。",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, kinds: list[exports.ExportKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.key, k.label) for k in kinds]


class ExportRefuseForm(Form):
    note = forms.CharField(
        label="不承認の理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExportPreapproveForm(Form):
    kind = forms.ChoiceField(label="出力するもの")
    valid_until = BoundedDateField(label="有効期限")

    def __init__(self, *args: Any, kinds: list[exports.ExportKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.key, k.label) for k in kinds]


class AttachmentForm(Form):
    file = forms.FileField(
        label="ファイル",
        help_text="写真(JPEG・PNG・HEIC)・PDF は 20 MB、録音(MP3・M4A・WAV)は 100 MB まで。",
    )


class EndItemConfirmForm(Form):
    note = forms.CharField(
        label="確認した内容",
        max_length=500,
        help_text="何を、いつ、どのように確認したかを書いてください(例：3月31日に鍵2本の返却を受けた)。",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PackageBuildForm(Form):
    purpose = forms.ChoiceField(
        label="作成するパッケージ",
        choices=[
            ("return", "返却パッケージ(すべての項目。区が受領を記録します)"),
            ("handover", "引継ぎパッケージ(次の受託者に渡す項目を選びます)"),
        ],
        widget=forms.RadioSelect,
    )
    sections = forms.MultipleChoiceField(
        label="引き継ぐ項目",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="引継ぎパッケージのときだけ選びます。選んで作成することが、区としての引継ぎの承認になります。",
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["sections"]).choices = sections


class ContractDestroyForm(Form):
    confirm_number = forms.CharField(
        label="確認のため、契約番号を入力してください",
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
