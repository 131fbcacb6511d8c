"""Forms of the duty schedule page (SO-9, SO-10)."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.web.forms import Form


class ShiftAddForm(Form):
    """One shift: who, which day, from when to when."""

    entry = forms.ChoiceField(label="従事者")
    day = forms.DateField(label="日付", widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label="開始", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="終了", widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args: Any, entries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = (  # type: ignore[attr-defined]
            [("", "選んでください"), *entries]
        )


class DecideForm(Form):
    note = forms.CharField(
        label="差し戻す理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="差し戻すときに書きます。個人番号(マイナンバー)は書かないでください。",
    )


class ReviseForm(Form):
    change_reason = forms.CharField(
        label="変更の理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="個人番号(マイナンバー)は書かないでください。",
    )
