"""Forms of the platform pages. Validation that concerns more than one field lives in the
services; the views put the services' errors back next to the fields."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.utils import timezone

from itaku.core import domain
from itaku.core.models import ApiToken, Person, RosterVersion, User
from itaku.web.fields import BoundedDateField, DateInput
from itaku.web.forms import Form, JapaneseMessages, KanaField, max_length_of

# The browser's date picker with the 和暦 shown beside the chosen date (static/js/wareki.js), as
# the ward's own forms write these dates.
WAREKI = {"data-wareki": True}


def _contact_phone() -> forms.CharField:
    """IC-19: the always-reachable phone. The service checks it (after the My Number guard has
    read it) and keeps it sealed; the page shows it only to who may see the roster's contacts."""
    return forms.CharField(
        label="常に連絡が取れる電話番号",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text="責任者は記録してください(常に連絡が可能な者、仕様書9)。例:090-1234-5678",
    )


CONTRACTOR_ROLE_CHOICES = [(r.value, r.label) for r in domain.Role if r in domain.CONTRACTOR_ROLES]


class RosterEntryAddForm(Form):
    """A new person on the contractor's roster (SO-10, IC-19)."""

    family_name = forms.CharField(label="姓", max_length=max_length_of(Person, "family_name"))
    given_name = forms.CharField(label="名", max_length=max_length_of(Person, "given_name"))
    # Kept in hiragana, as every stored reading; katakana is turned into hiragana.
    family_name_kana = KanaField(
        label="姓(ふりがな)", max_length=max_length_of(Person, "family_name_kana")
    )
    given_name_kana = KanaField(
        label="名(ふりがな)", max_length=max_length_of(Person, "given_name_kana")
    )
    birth_date = BoundedDateField(
        label="生年月日",
        required=False,
        widget=DateInput(attrs=WAREKI),
        help_text="ボランティアは必須です(18歳以上のみ人員に数えます)。",
    )
    role = forms.ChoiceField(label="役割", choices=CONTRACTOR_ROLE_CHOICES)
    qualifications = forms.MultipleChoiceField(
        label="資格・経験",
        choices=domain.Qualification.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = BoundedDateField(label="従事開始日", widget=DateInput(attrs=WAREKI))
    valid_to = BoundedDateField(label="従事終了日", required=False, widget=DateInput(attrs=WAREKI))
    pledge_date = BoundedDateField(
        label="誓約書の提出日",
        required=False,
        widget=DateInput(attrs=WAREKI),
        help_text="誓約書の提出がないと、承認後もシステムを利用できません。",
    )
    contact_phone = _contact_phone()

    def clean_birth_date(self) -> date | None:
        # The service checks it too; here it is said together with the other fields' errors.
        birth_date: date | None = self.cleaned_data["birth_date"]
        problem = domain.birth_date_problem(birth_date=birth_date, today=timezone.localdate())
        if problem:
            raise forms.ValidationError(problem, code="future")
        return birth_date


class RosterEntryChangeForm(Form):
    """What may change on a roster line; the role never does (end the line and add another)."""

    qualifications = forms.MultipleChoiceField(
        label="資格・経験",
        choices=domain.Qualification.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_to = BoundedDateField(label="従事終了日", required=False, widget=DateInput(attrs=WAREKI))
    pledge_date = BoundedDateField(
        label="誓約書の提出日", required=False, widget=DateInput(attrs=WAREKI)
    )
    contact_phone = _contact_phone()


class RosterVersionReturnForm(Form):
    note = forms.CharField(
        label="差戻しの理由",
        max_length=max_length_of(RosterVersion, "decision_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SecondFactorForm(Form):
    code = forms.CharField(
        label="確認コード(6桁)",
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
        help_text="認証アプリに表示されている6桁の数字です。",
    )


class ApiTokenIssueForm(Form):
    name = forms.CharField(
        label="用途",
        max_length=max_length_of(ApiToken, "name"),
        help_text="例:区の庶務システムとの連携",
    )


class LoginForm(JapaneseMessages, AuthenticationForm):
    """The login page's form, in plain Japanese. Whether the name or the password was wrong is
    not said (it would tell which user names exist); django-axes' lockout page is its own."""

    error_messages = {
        "invalid_login": "ユーザー名またはパスワードが違います。",
        "inactive": (
            "このアカウントは利用が停止されています。区のシステム管理者にお問い合わせください。"
        ),
    }

    username = UsernameField(
        label="ユーザー名",
        max_length=max_length_of(User, "username"),
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    password = forms.CharField(
        label="パスワード",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
