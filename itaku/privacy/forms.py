"""Forms of the privacy pages: export requests and decisions, attachments."""

from __future__ import annotations

from django import forms

from itaku.privacy import exports


class ExportRequestForm(forms.Form):
    kind = forms.ChoiceField(label="出力するもの")
    file_format = forms.ChoiceField(
        label="形式",
        choices=list(exports.FORMATS.items()),
        widget=forms.RadioSelect,
        initial="xlsx",
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
