"""Forms of the privacy pages: export requests and decisions, attachments."""

from __future__ import annotations

from django import forms

from itaku.privacy import exports


class ExportRequestForm(forms.Form):
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

    def __init__(self, *args, kinds: list[exports.ExportKind], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in kinds]


class ExportRefuseForm(forms.Form):
    note = forms.CharField(
        label="不承認の理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExportPreapproveForm(forms.Form):
    kind = forms.ChoiceField(label="出力するもの")
    valid_until = forms.DateField(label="有効期限", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, kinds: list[exports.ExportKind], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in kinds]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="ファイル",
        help_text="写真(JPEG・PNG・HEIC)・PDF は 20 MB、録音(MP3・M4A・WAV)は 100 MB まで。",
    )


class EndItemConfirmForm(forms.Form):
    note = forms.CharField(
        label="確認した内容",
        max_length=500,
        help_text="何を、いつ、どのように確認したかを書いてください(例：3月31日に鍵2本の返却を受けた)。",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PackageBuildForm(forms.Form):
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

    def __init__(self, *args, sections: list[tuple[str, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = sections


class ContractDestroyForm(forms.Form):
    confirm_number = forms.CharField(
        label="確認のため、契約番号を入力してください",
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
