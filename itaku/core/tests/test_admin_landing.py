"""The administrator's home page leads to the management screens, and the admin reads Japanese."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LANDING = re.compile(r'<section aria-labelledby="admin-landing">(.*?)</section>', re.S)


def landing_links(body: str) -> list[str]:
    section = LANDING.search(body)
    assert section, "the administrator's menu is missing"
    return re.findall(r'href="([^"]+)"', section.group(1))


def test_the_administrator_home_page_leads_to_each_management_screen(client, world):
    client.force_login(world.admin)
    body = client.get(reverse("core:home")).content.decode()
    links = landing_links(body)
    for name in [
        "admin:index",
        "admin:core_organisation_changelist",
        "admin:core_user_changelist",
        "admin:core_person_changelist",
        "admin:core_contract_changelist",
        "admin:core_closureday_changelist",
        "admin:axes_accessattempt_changelist",
        "admin:otp_totp_totpdevice_changelist",
    ]:
        assert reverse(name) in links, name
    for url in set(links):
        assert client.get(url).status_code == 200, url
    assert "rotate_master_key" in body
    # Not the contractor staff's words about rosters and pledges.
    assert "誓約書の提出が済むと表示されます" not in body


@pytest.mark.parametrize("who", ["supervisor", "manager", "worker", "outsider"])
def test_no_one_else_sees_the_administrator_menu(client, world, who):
    client.force_login(world.user(who))
    body = client.get(reverse("core:home")).content.decode()
    assert "admin-landing" not in body
    assert "/admin/" not in body


def test_the_admin_is_titled_and_labelled_in_japanese(client, world):
    client.force_login(world.admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert '<div id="site-name"><a href="/admin/">委託業務運営システム 管理</a></div>' in index
    assert "<title>管理メニュー | 委託業務運営システム 管理</title>" in index
    assert "<h1>管理メニュー</h1>" in index
    apps_and_models = ["契約・名簿・期限", "ログインの制限", "ログイン失敗の回数", "2段階認証"]
    for label in [*apps_and_models, "認証アプリの登録"]:
        assert label in index, label
    for english in ["Django administration", "Site administration", "Access attempts", "TOTP"]:
        assert english not in index, english
    changes = client.get(reverse("admin:core_contract_changelist")).content.decode()
    assert "変更する 契約 を選択" in changes
    assert "委託業務運営システム 管理" in changes
