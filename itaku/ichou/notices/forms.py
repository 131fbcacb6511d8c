"""Forms of the notices (IC-23) and newsletter (IC-16) pages. The week's lead (IC-23) is a rule
of the submission, not of the form: a draft may be planned for any day and is refused, with the
deadline named, only when it is submitted too late."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator

from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

BODY_HELP = "参加者の氏名など個人の情報は書かないでください。段落は空行で区切ります。"


class NoticeForm(Form):
    title = forms.CharField(label="件名", max_length=max_length_of(Notice, "title"))
    activity = forms.ChoiceField(
        label="活動", required=False, help_text="活動の日にち・時間・場所が通知文に入ります。"
    )
    send_on = BoundedDateField(
        label="送付予定日",
        help_text="区への提出は送付日の1週間前までです(仕様書 13(4))。",
    )
    body = forms.CharField(
        label="本文",
        max_length=max_length_of(Notice, "body"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=BODY_HELP,
    )

    def __init__(self, *args: Any, activities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "活動に結び付けない"), *activities]  # type: ignore[attr-defined]


class ReturnForm(Form):
    reason = forms.CharField(
        label="差し戻す理由",
        max_length=max_length_of(Notice, "return_reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="差し戻すときに書きます。",
    )


class SentForm(Form):
    sent_on = BoundedDateField(label="送付した日")


class MonthField(forms.CharField):
    """A month as ``YYYY-MM`` (the browser's month picker), cleaned to its 1st day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-06"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The length is checked on the text typed (below), not on the date it becomes.
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if self.max_length is not None and len(str(value)) > self.max_length:
            raise forms.ValidationError("発行月を「2026-06」の形で入力してください。")
        try:
            year, month = (int(p) for p in str(value).split("-")[:2])
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError("発行月を「2026-06」の形で入力してください。") from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return f"{value:%Y-%m}"
        return value


class NewsletterForm(Form):
    issue_number = forms.IntegerField(label="号", min_value=1)
    month = MonthField(label="発行月", max_length=7)
    title = forms.CharField(label="題名", max_length=max_length_of(Newsletter, "title"))
    body = forms.CharField(
        label="本文",
        max_length=max_length_of(Newsletter, "body"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=BODY_HELP,
    )


class PhotoForm(Form):
    image = forms.FileField(label="写真", help_text="JPEGかPNG。")
    caption = forms.CharField(
        label="説明",
        required=False,
        max_length=max_length_of(NewsletterPhoto, "caption"),
        help_text="参加者の氏名は書かないでください。",
    )
    participants = forms.MultipleChoiceField(
        label="写っている参加者",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="写真撮影・掲載に同意した参加者だけが写っている写真にしてください(仕様書 7(6))。",
    )

    def __init__(self, *args: Any, participants: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = participants  # type: ignore[attr-defined]
