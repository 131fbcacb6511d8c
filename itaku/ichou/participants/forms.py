"""Forms of the participants pages (IC-2, IC-9, IC-30). Their text goes to the services, which
refuse a My Number and check the readings and the birth date next to the field."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.participants.models import Participant
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form

MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"


def _text(label: str, *, required: bool = False, rows: int = 0, help_text: str = "") -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, required=required, max_length=1000, widget=widget, help_text=help_text
    )


class ParticipantForm(Form):
    family_name = _text("姓", required=True)
    given_name = _text("名", required=True)
    family_name_kana = _text("姓(ふりがな)", required=True, help_text="ひらがなかカタカナで。")
    given_name_kana = _text("名(ふりがな)", required=True, help_text="ひらがなかカタカナで。")
    birth_date = BoundedDateField(
        label="生年月日", help_text="グループは4月1日の年齢で決まります。"
    )
    guardian_name = _text("保護者の氏名")
    guardian_relation = _text("保護者の続柄")
    guardian_phone = _text("保護者の電話番号")
    emergency_contacts = _text("緊急連絡先", rows=2, help_text=MY_NUMBER_NOTE)
    support_needs = _text("支援が必要なこと", rows=3, help_text=MY_NUMBER_NOTE)
    allergies = _text("アレルギー", rows=2, help_text=MY_NUMBER_NOTE)
    medical_notes = _text("医療上の注意", rows=3, help_text=MY_NUMBER_NOTE)
    higher_risk = _text(
        "基礎疾患等(重症化リスク)", rows=2, help_text=f"あるときだけ書きます。{MY_NUMBER_NOTE}"
    )
    photo_consent = forms.BooleanField(label="写真撮影・掲載に同意している", required=False)
    goes_home = forms.ChoiceField(
        label="帰り方", choices=Participant.GoesHome.choices, widget=forms.RadioSelect
    )
    collected_by = _text("迎えに来る人")

    @classmethod
    def of(cls, participant: Participant) -> ParticipantForm:
        from itaku.ichou.participants.services import FIELDS

        return cls(initial={n: getattr(participant, n) for n in FIELDS})


def _reason(label: str) -> Any:
    return forms.CharField(
        label=label,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MY_NUMBER_NOTE,
    )


class WithdrawForm(Form):
    reason = _reason("退級・辞退の理由")


class MoveForm(Form):
    reason = _reason("グループを変える理由")


class AgreeForm(Form):
    """The eligibility step: its optional 協議記録 (IC-35) is added by the view
    (``itaku.ichou.agreements.forms.add_agreement_field``)."""


MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportForm(Form):
    file = forms.FileField(
        label="参加者の一覧(CSV か Excel)",
        help_text="1行目に 姓,名,姓ふりがな,名ふりがな,生年月日 の見出しを置きます。",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                "ファイルが大きすぎます(2MBまで)。分けて取り込んでください。"
            )
        return upload


class PlanForm(Form):
    """The returned 参加予定表 (IC-9 仕様書 7(2)ア): the activities ticked 「参加する」."""

    activities = forms.MultipleChoiceField(
        label="参加する活動",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="回収した参加予定表で「参加する」に○が付いた活動を選びます。",
    )

    def __init__(self, *args: Any, activities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = activities  # type: ignore[attr-defined]
