"""Forms of the staff pages: a manual's new version (IC-21), a training plan and its report
(IC-22, IC-30)."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.staff.models import ManualVersion, TrainingPlan
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

FILE_HELP = "PDF・写真(JPEG・PNG)。個人番号(マイナンバー)が写っていないものにしてください。"


class ManualForm(Form):
    kind = forms.ChoiceField(label="種類", choices=ManualVersion.KINDS, widget=forms.RadioSelect)
    document = forms.FileField(label="マニュアルのファイル", help_text=FILE_HELP)
    summary = forms.CharField(
        label="変更の概要",
        required=False,
        max_length=max_length_of(ManualVersion, "summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="前の版から変えたところ(初版は空で構いません)。",
    )


class TrainingPlanForm(Form):
    fiscal_year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    topic = forms.ChoiceField(
        label="テーマ", choices=[("", "選んでください"), *TrainingPlan.TOPICS]
    )
    planned_month = forms.TypedChoiceField(
        label="実施予定月",
        coerce=int,
        choices=[("", "選んでください"), *TrainingPlan.MONTHS],
    )
    target = forms.CharField(
        label="対象者",
        max_length=max_length_of(TrainingPlan, "target"),
        help_text="例: 新しく従事する職員とボランティア",
    )
    outline = forms.CharField(
        label="内容の予定",
        required=False,
        max_length=max_length_of(TrainingPlan, "outline"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TrainingReportForm(Form):
    held_on = BoundedDateField(label="実施日")
    content = forms.CharField(
        label="実施した内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attendees = forms.MultipleChoiceField(
        label="受講した従事者", widget=forms.CheckboxSelectMultiple
    )
    materials = forms.FileField(label="研修資料", required=False, help_text=FILE_HELP)

    def __init__(self, *args: Any, entries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = entries  # type: ignore[attr-defined]
