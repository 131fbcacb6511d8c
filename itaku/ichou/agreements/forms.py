"""Forms of the agreement records (IC-35) and the quarterly confirmation (IC-28), and the
optional agreement field the step forms of the other parts add."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.agreements.models import Agreement
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"
FILE_HELP = "PDF・写真(JPEG・PNG)。個人番号(マイナンバー)が写っていないものにしてください。"


class AgreementForm(Form):
    agreed_on = BoundedDateField(label="協議した日")
    kind = forms.ChoiceField(
        label="種類", choices=[("", "選んでください"), *Agreement.Kind.choices]
    )
    subject = forms.CharField(label="件名", max_length=max_length_of(Agreement, "subject"))
    content = forms.CharField(
        label="協議の内容・決定事項",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="決まったことを具体的に書きます。" + MY_NUMBER_NOTE,
    )
    ward_attendees = forms.CharField(
        label="出席者(区)", max_length=max_length_of(Agreement, "ward_attendees")
    )
    contractor_attendees = forms.CharField(
        label="出席者(受注者)", max_length=max_length_of(Agreement, "contractor_attendees")
    )
    attachment = forms.FileField(label="添付ファイル", required=False, help_text=FILE_HELP)


class KindFilterForm(Form):
    kind = forms.ChoiceField(
        label="種類", required=False, choices=[("", "すべて"), *Agreement.Kind.choices]
    )


class QuarterReturnForm(Form):
    reason = forms.CharField(
        label="差し戻す理由",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="差し戻すときに書きます。" + MY_NUMBER_NOTE,
    )


class InvoiceForm(Form):
    number = forms.CharField(label="請求書番号", max_length=50)
    invoice_date = BoundedDateField(label="請求日")
    amount = forms.IntegerField(label="請求金額(円)", min_value=1)


def agreement_field(choices: list[tuple[str, str]]) -> forms.ChoiceField:
    """The optional 「協議記録」 select of a step that the specification leaves to agreement."""
    return forms.ChoiceField(
        label="協議記録",
        required=False,
        choices=[("", "選ばない"), *choices],
        help_text="区と協議した記録があれば選びます(協議記録のページで書きます)。",
    )


def add_agreement_field(form: Any, choices: list[tuple[str, str]]) -> None:
    form.fields["agreement"] = agreement_field(choices)
