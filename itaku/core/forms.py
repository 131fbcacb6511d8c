"""Forms of the platform pages. Validation that concerns more than one field lives in the
services; the views put the services' errors back next to the fields."""

from __future__ import annotations

from django import forms

from itaku.core import domain
from itaku.web.fields import BoundedDateField

CONTRACTOR_ROLE_CHOICES = [(r.value, r.label) for r in domain.Role if r in domain.CONTRACTOR_ROLES]


class RosterEntryAddForm(forms.Form):
    """A new person on the contractor's roster (SO-10, IC-19)."""

    family_name = forms.CharField(label="姓", max_length=50)
    given_name = forms.CharField(label="名", max_length=50)
    family_name_kana = forms.CharField(label="姓(ふりがな)", max_length=50)
    given_name_kana = forms.CharField(label="名(ふりがな)", max_length=50)
    birth_date = BoundedDateField(
        label="生年月日",
        required=False,
        help_text="ボランティアは必須です(18歳以上のみ人員に数えます)。",
    )
    role = forms.ChoiceField(label="役割", choices=CONTRACTOR_ROLE_CHOICES)
    qualifications = forms.MultipleChoiceField(
        label="資格・経験",
        choices=domain.Qualification.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = BoundedDateField(label="従事開始日")
    valid_to = BoundedDateField(label="従事終了日", required=False)
    pledge_date = BoundedDateField(
        label="誓約書の提出日",
        required=False,
        help_text="誓約書の提出がないと、承認後もシステムを利用できません。",
    )


class RosterEntryChangeForm(forms.Form):
    """What may change on a roster line; the role never does (end the line and add another)."""

    qualifications = forms.MultipleChoiceField(
        label="資格・経験",
        choices=domain.Qualification.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_to = BoundedDateField(label="従事終了日", required=False)
    pledge_date = BoundedDateField(label="誓約書の提出日", required=False)


class RosterVersionReturnForm(forms.Form):
    note = forms.CharField(
        label="差戻しの理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label="確認コード(6桁)",
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
        help_text="認証アプリに表示されている6桁の数字です。",
    )


class ApiTokenIssueForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, help_text="例:区の庶務システムとの連携")
