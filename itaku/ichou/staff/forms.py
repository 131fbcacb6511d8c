"""Forms of the staff pages: a manual's new version (IC-21), a training plan and its report
(IC-22, IC-30), a publicity, an applicant, an applicant's next step and the hire (IC-20)."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.staff import rules
from itaku.ichou.staff.models import ROLE_CHOICES, ManualVersion, Publicity, TrainingPlan
from itaku.web.fields import BoundedDateField, DateInput
from itaku.web.forms import Form, KanaField, max_length_of

# The browser's date picker with the 和暦 beside it (static/js/wareki.js), as the roster's form.
WAREKI = {"data-wareki": True}
# The lengths of the roster's person (core.Person), which a hired applicant becomes.
NAME_LENGTH = 50

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


class PublicityForm(Form):
    role = forms.ChoiceField(label="募集する役割", choices=ROLE_CHOICES, widget=forms.RadioSelect)
    channel = forms.ChoiceField(
        label="広報の方法", choices=[("", "選んでください"), *Publicity.CHANNELS]
    )
    description = forms.CharField(
        label="掲載先・内容",
        required=False,
        max_length=max_length_of(Publicity, "description"),
        help_text="例: 区報6月1日号に掲載、〇〇大学ボランティアセンターに募集票を掲示",
    )
    published_on = BoundedDateField(label="実施日", widget=DateInput(attrs=WAREKI))
    places = forms.IntegerField(label="募集人数", min_value=1, max_value=999)


class ApplicantForm(Form):
    role = forms.ChoiceField(label="応募した役割", choices=ROLE_CHOICES, widget=forms.RadioSelect)
    family_name = forms.CharField(label="姓", max_length=NAME_LENGTH)
    given_name = forms.CharField(label="名", max_length=NAME_LENGTH)
    family_name_kana = KanaField(label="姓(ふりがな)", max_length=NAME_LENGTH)
    given_name_kana = KanaField(label="名(ふりがな)", max_length=NAME_LENGTH)
    phone = forms.CharField(label="電話番号", required=False, max_length=30)
    email = forms.EmailField(label="メールアドレス", required=False, max_length=254)
    birth_date = BoundedDateField(
        label="生年月日",
        required=False,
        widget=DateInput(attrs=WAREKI),
        help_text="ボランティアは必須です(18歳以上のみ従事者に数えます)。",
    )
    has_licence = forms.BooleanField(
        label="看護師免許を確認した(看護師のみ)",
        required=False,
        help_text="免許証の写しなどで確かめてから選んでください。免許のない人は採用できません。",
    )
    licence_number = forms.CharField(
        label="看護師免許の登録番号(看護師のみ・任意)", required=False, max_length=20
    )
    publicity = forms.ChoiceField(label="きっかけの募集", required=False)
    applied_on = BoundedDateField(label="応募日", widget=DateInput(attrs=WAREKI))

    def __init__(self, *args: Any, publicities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publicity"].choices = [("", "わからない・なし"), *publicities]  # type: ignore[attr-defined]


MOVE_LABELS = {
    rules.INTERVIEW: "面談した",
    rules.REJECTED: "不採用にする",
    rules.WITHDRAWN: "辞退した",
}


class ApplicantMoveForm(Form):
    target = forms.ChoiceField(label="次の段階", widget=forms.RadioSelect)
    on = BoundedDateField(label="日付", widget=DateInput(attrs=WAREKI))
    reason = forms.CharField(
        label="不採用・辞退の理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="不採用・辞退のときは必須です。",
    )

    def __init__(self, *args: Any, status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            (s, label)
            for s, label in MOVE_LABELS.items()
            if s in rules.applicant_next_states(status)
        ]


class ApplicantHireForm(Form):
    valid_from = BoundedDateField(
        label="従事開始日",
        widget=DateInput(attrs=WAREKI),
        help_text="ボランティアは、この日から最初の活動の日に18歳以上であることを確かめます。",
    )
    pledge_date = BoundedDateField(
        label="誓約書の提出日",
        required=False,
        widget=DateInput(attrs=WAREKI),
        help_text="誓約書の提出がないと、名簿の承認後もシステムを利用できません。",
    )
