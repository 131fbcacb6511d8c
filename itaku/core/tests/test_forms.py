"""The roster form and the login page say what is wrong, next to the field, in plain Japanese,
and keep what was typed (issue 8)."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from itaku.conftest import PASSWORD
from itaku.core.models import Person
from itaku.web.tests.helpers import error_next_to

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "family_name": "区民",
    "given_name": "花子",
    "family_name_kana": "くみん",
    "given_name_kana": "はなこ",
    "role": "worker",
    "valid_from": "2026-06-20",
}


def roster_add(client, world, **typed: str):
    client.force_login(world.manager)
    return client.post(
        reverse("core:roster-entry-add", args=[world.contract.pk]), {**NEW_PERSON, **typed}
    )


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("family_name", "長" * 60, "50文字以内で入力してください(いま60文字)。"),
        ("family_name_kana", "Yamada123", "ひらがなで入力してください。"),
        ("birth_date", "2030-01-01", "生年月日が今日より後になっています。"),
    ],
    ids=["60-character-family-name", "latin-reading", "birth-date-in-the-future"],
)
def test_the_roster_form_refuses_the_input_next_to_its_field_and_keeps_it(
    client, world, frozen_today, field, typed, message
):
    before = Person.objects.count()
    response = roster_add(client, world, **{field: typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert message in error_next_to(page, f"id_{field}")
    assert f'value="{typed}"' in page
    assert html.escape(NEW_PERSON["given_name"]) in page  # the other fields are kept too
    assert Person.objects.count() == before


def test_a_reading_typed_in_katakana_is_stored_in_hiragana(client, world, frozen_today):
    response = roster_add(
        client, world, family_name_kana="クミン", given_name_kana="ﾊﾅｺ", birth_date="2000-04-01"
    )
    assert response.status_code == 302
    person = Person.objects.get(family_name="区民")
    assert (person.family_name_kana, person.given_name_kana) == ("くみん", "はなこ")


def test_a_birth_date_of_today_is_not_in_the_future(client, world, frozen_today):
    assert roster_add(client, world, birth_date="2026-06-15").status_code == 302
    assert roster_add(client, world, birth_date="2026-06-16").status_code == 400


def test_the_name_fields_tell_the_browser_their_limit(client, world, frozen_today):
    client.force_login(world.manager)
    page = client.get(reverse("core:roster", args=[world.contract.pk])).content.decode()
    for name in ("family_name", "given_name", "family_name_kana", "given_name_kana"):
        assert 'maxlength="50"' in _input(page, name)


def _input(page: str, name: str) -> str:
    start = page.index(f'name="{name}"')
    return page[page.rindex("<input", 0, start) : page.index(">", start)]


def test_a_wrong_password_is_said_plainly_and_the_username_kept(client, world):
    response = client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ユーザー名またはパスワードが違います。" in page
    assert 'value="manager"' in page


def test_an_empty_login_form_asks_for_both_fields(client, world):
    page = client.post(reverse("login"), {}).content.decode()
    assert "入力してください。" in error_next_to(page, "id_username")
    assert "入力してください。" in error_next_to(page, "id_password")
    assert "このフィールドは必須です" not in page


def test_the_lockout_page_still_shows_after_five_wrong_passwords(client, world):
    for _ in range(5):
        client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "manager", "password": PASSWORD})
    assert response.status_code == 429
    assert "ログインを一時停止しています" in response.content.decode()
