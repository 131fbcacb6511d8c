"""The base form: Django's built-in messages in plain Japanese on every form of the pages, every
text limited to what its model field holds. No database needed."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth import get_user_model

from itaku.audit.forms import AuditFilterForm
from itaku.audit.models import AuditEvent
from itaku.core.forms import (
    ApiTokenIssueForm,
    LoginForm,
    RosterEntryAddForm,
    RosterVersionReturnForm,
)
from itaku.core.models import ApiToken, Contract, Person, RosterVersion
from itaku.privacy.forms import (
    ContractDestroyForm,
    EndItemConfirmForm,
    ExportRefuseForm,
    ExportRequestForm,
)
from itaku.privacy.models import EndItemConfirmation, ExportRequest
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, JapaneseMessages, KanaField
from itaku.web.tests.helpers import itaku_form_classes


class Sample(Form):
    name = forms.CharField(max_length=50)
    short = forms.CharField(min_length=3, required=False)
    reading = KanaField(max_length=50, required=False)
    role = forms.ChoiceField(choices=[("worker", "従事者")], required=False)
    picks = forms.MultipleChoiceField(choices=[("a", "A")], required=False)
    count = forms.IntegerField(min_value=0, max_value=10, required=False)
    day = BoundedDateField(required=False)
    agreed = forms.BooleanField(required=False)
    own = forms.CharField(required=False, max_length=5, error_messages={"max_length": "短く。"})


VALID = {"name": "区民"}


def errors_of(**data: object) -> dict[str, list[str]]:
    form = Sample(data={**VALID, **data})
    form.is_valid()
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "入力してください。"),
        ({"name": "あ" * 60}, "name", "50文字以内で入力してください(いま60文字)。"),
        ({"short": "あい"}, "short", "3文字以上で入力してください(いま2文字)。"),
        ({"reading": "Yamada123"}, "reading", "ひらがなで入力してください。"),
        ({"role": "admin"}, "role", "選べない値が送られました。一覧から選び直してください。"),
        ({"picks": ["z"]}, "picks", "選べない値が送られました。一覧から選び直してください。"),
        ({"count": "11"}, "count", "10以下の数を入力してください。"),
        ({"count": "-1"}, "count", "0以上の数を入力してください。"),
        ({"count": "たくさん"}, "count", "数字で入力してください(例:12)。"),
        ({"day": "2026-13-01"}, "day", "日付を正しく入力してください(例:2026-04-01)。"),
        ({"own": "ながいながい"}, "own", "短く。"),  # the author's own message stays
    ],
)
def test_a_built_in_check_says_what_is_wrong_in_plain_japanese(data, field, message):
    assert errors_of(**data)[field] == [message]


def test_a_required_choice_asks_to_choose():
    form = Sample(data={})
    form.fields["role"].required = True
    form.fields["agreed"].required = True
    form.is_valid()
    assert form.errors["role"] == ["選んでください。"]
    assert form.errors["agreed"] == ["確認のうえ、チェックを入れてください。"]


def test_a_reading_in_katakana_is_kept_in_hiragana():
    form = Sample(data={**VALID, "reading": "ｻﾄｳ"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reading"] == "さとう"


def test_every_form_of_the_pages_speaks_plain_japanese():
    found = itaku_form_classes() - {Form}
    assert RosterEntryAddForm in found
    plain = {cls for cls in found if issubclass(cls, JapaneseMessages)}
    assert found - plain == set(), "base these on itaku.web.forms.Form"


def test_every_text_of_every_form_has_a_limit_and_the_browser_knows_it():
    for cls in itaku_form_classes():
        for name, field in cls.base_fields.items():
            # A password is hashed, never stored as typed: it has no column to fit.
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                assert field.max_length, f"{cls.__name__}.{name} has no max_length"
    attrs = RosterEntryAddForm()["family_name"].field.widget.attrs
    assert attrs["maxlength"] == "50"


User = get_user_model()

# The form field and the model field it fills: the form refuses what the database would not hold.
FILLS = [
    (RosterEntryAddForm, "family_name", Person, "family_name"),
    (RosterEntryAddForm, "given_name", Person, "given_name"),
    (RosterEntryAddForm, "family_name_kana", Person, "family_name_kana"),
    (RosterEntryAddForm, "given_name_kana", Person, "given_name_kana"),
    (RosterVersionReturnForm, "note", RosterVersion, "decision_note"),
    (ApiTokenIssueForm, "name", ApiToken, "name"),
    (ExportRequestForm, "purpose", ExportRequest, "purpose"),
    (ExportRefuseForm, "note", ExportRequest, "decision_note"),
    (EndItemConfirmForm, "note", EndItemConfirmation, "note"),
    (ContractDestroyForm, "confirm_number", Contract, "number"),
    (AuditFilterForm, "target_id", AuditEvent, "target_id"),
]


@pytest.mark.parametrize(
    ("form_class", "name", "model", "column"),
    FILLS,
    ids=[f"{f.__name__}.{n}" for f, n, _, _ in FILLS],
)
def test_a_text_is_limited_to_the_length_of_its_model_field(form_class, name, model, column):
    field = form_class.base_fields[name]
    assert field.max_length == model._meta.get_field(column).max_length


def test_the_login_form_says_in_japanese_what_is_missing():
    form = LoginForm(data={})
    assert not form.is_valid()
    assert form.errors == {"username": ["入力してください。"], "password": ["入力してください。"]}
    assert (form.fields["username"].label, form.fields["password"].label) == (
        "ユーザー名",
        "パスワード",
    )
