"""The real pages in headless Chromium: log in, look around as each persona, and check that every
page is reachable by keyboard and screen reader (axe-core: no serious or critical violations),
fits a phone, loads its CSS and asks nothing of any other origin (PI-6).

The server thread shares the process clock, so the clock is moved to TODAY (ticking) before the
personas are built. Run only these with ``pytest -m browser``.
"""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from itaku.conftest import PASSWORD, World
from itaku.core.tests.browser import (
    PHONE,
    assert_accessible,
    assert_styled,
    authenticator_code,
    log_in,
    log_in_quickly,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_home_for_manager(page: Page, site: World, base_url: str) -> None:
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ホーム")
    expect(page.get_by_role("link", name=site.contract.title)).to_be_visible()
    for heading in ("本日が期限", "今後7日以内"):
        expect(page.get_by_role("heading", name=re.compile(heading))).to_be_visible()


def test_manager_logs_in_on_a_desktop_and_sees_the_contract_deadlines(page, site, live_server):
    log_in(page, live_server.url, "manager")
    assert_home_for_manager(page, site, live_server.url)
    assert_styled(page)
    assert_accessible(page)


def test_manager_logs_in_on_a_phone_and_the_page_does_not_scroll_sideways(phone, site, live_server):
    log_in(phone, live_server.url, "manager")
    assert_home_for_manager(phone, site, live_server.url)
    assert_styled(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a 375px phone"


def test_manager_home_page_on_a_phone_has_no_serious_accessibility_violations(
    phone, site, live_server
):
    log_in_quickly(phone, live_server.url, site.manager)
    phone.goto(f"{live_server.url}/")
    assert_home_for_manager(phone, site, live_server.url)
    assert_accessible(phone)
    # Tables scroll sideways on a phone: each scroll box must be reachable by keyboard.
    for path in (
        f"/contracts/{site.contract.pk}/",
        f"/contracts/{site.contract.pk}/roster/",
        "/settings/",
    ):
        phone.goto(f"{live_server.url}{path}")
        assert_accessible(phone)


@pytest.mark.parametrize(
    ("username", "path", "heading"),
    [
        (None, "/accounts/login/", "ログイン"),
        ("supervisor", "/contracts/{id}/roster/", "従事者名簿"),
        ("manager", "/contracts/{id}/roster/", "従事者名簿"),
        ("manager", "/contracts/{id}/", "試験契約 T-1"),
        ("manager", "/settings/", "設定"),
        ("auditor", "/audit/", "監査記録"),
    ],
    ids=["login", "roster-as-supervisor", "roster-as-manager", "contract", "settings", "audit"],
)
def test_page_has_no_serious_accessibility_violations(
    page, site, live_server, username, path, heading
):
    if username:
        log_in_quickly(page, live_server.url, site.user(username))
    response = page.goto(live_server.url + path.format(id=site.contract.pk))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    if path.endswith("roster/"):
        add_form = page.get_by_role("heading", name="従事者を追加する")
        expect(add_form).to_have_count(1 if username == "manager" else 0)
    assert_styled(page)
    assert_accessible(page)


def test_a_wrong_password_shows_an_error_and_keeps_the_username(page, site, live_server):
    log_in(page, live_server.url, "manager", password="not-the-password")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("alert")).to_contain_text("ユーザー名またはパスワードが違います。")
    expect(page.get_by_label("ユーザー名")).to_have_value("manager")
    expect(page.get_by_label("パスワード")).to_have_value("")
    assert_accessible(page)


def test_roster_add_form_keeps_the_typed_values_and_shows_the_missing_field_error(
    page, site, live_server
):
    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    typed = {
        "#id_family_name": "区民",
        "#id_given_name": "花子",
        "#id_family_name_kana": "くみん",
        "#id_given_name_kana": "はなこ",
        "#id_pledge_date": "2026-06-10",
    }
    for selector, value in typed.items():
        page.locator(selector).fill(value)
    page.get_by_label("役割").select_option("nurse")
    page.get_by_label("看護師免許").check()
    # 従事開始日 (valid_from) is required and left empty.
    submit(page, "名簿に追加する")

    missing = page.locator(".field", has=page.locator("#id_valid_from"))
    expect(missing.locator("p.field-error")).to_have_text(re.compile(r"^エラー：.+"))
    expect(page.locator("#id_valid_from")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("p.field-error")).to_have_count(1)
    for selector, value in typed.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.get_by_label("役割")).to_have_value("nurse")
    expect(page.get_by_label("看護師免許")).to_be_checked()
    assert_accessible(page)


def test_outsider_sees_no_contract_and_gets_404_for_it(page, site, live_server):
    log_in_quickly(page, live_server.url, site.outsider)
    page.goto(f"{live_server.url}/")
    expect(page.locator("main")).to_contain_text("現在利用できる契約はありません")
    expect(page.get_by_role("link", name=site.contract.title)).to_have_count(0)

    response = page.goto(f"{live_server.url}/contracts/{site.contract.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("ページが見つかりません")
    expect(page.locator("main")).not_to_contain_text(site.contract.title)
    assert_accessible(page)


def test_volunteer_sees_the_contract_but_gets_404_for_its_roster(page, site, live_server):
    log_in_quickly(page, live_server.url, site.volunteer)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name=site.contract.title)).to_be_visible()
    response = page.goto(f"{live_server.url}/contracts/{site.contract.pk}/")
    assert response.status == 200
    expect(page.get_by_role("link", name="従事者名簿")).to_have_count(0)

    response = page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("ページが見つかりません")


def test_no_request_leaves_the_origin(page, site, live_server):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    log_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    page.wait_for_load_state("networkidle")

    assert any("/static/css/itaku.css" in url for url in urls)
    foreign = [url for url in urls if not url.startswith(f"{live_server.url}/")]
    assert not foreign, f"requests to other origins: {foreign}"


def test_the_server_runs_on_the_travelled_clock(page, site, live_server):
    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_label("用途").fill("庶務システム")
    submit(page, "トークンを発行する")
    expect(page.get_by_role("status")).to_contain_text("トークンを発行しました")
    issued = page.get_by_role("row", name=re.compile("庶務システム"))
    expect(issued).to_contain_text(re.compile(r"令和8年6月15日\(月\) 10:\d\d"))
    assert_accessible(page)


def test_the_pages_run_under_the_content_security_policy_without_violations(
    page, site, live_server
):
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    log_in(page, live_server.url, "manager")
    for path in ("/", f"/contracts/{site.contract.pk}/", f"/contracts/{site.contract.pk}/roster/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object"  # the vendored script ran under the policy
    violations = [m for m in messages if "Content Security Policy" in m]
    assert not violations, violations


def test_a_supervisor_enrols_an_authenticator_and_signs_in_with_it(page, site, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("supervisor")
    page.get_by_label("パスワード").fill(PASSWORD)
    submit(page, "ログイン")
    expect(page.get_by_role("heading", name="2段階認証の設定")).to_be_visible()
    expect(page.get_by_role("img", name="認証アプリに登録するQRコード")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#otp-secret").inner_text()
    page.get_by_label("確認コード").fill(
        "000000" if authenticator_code(secret) != "000000" else "111111"
    )
    submit(page, "設定を完了する")
    expect(page.locator(".field-error")).to_contain_text("確認コードが違う")
    page.wait_for_timeout(2100)  # a wrong code slows the next try by a second or two
    page.get_by_label("確認コード").fill(authenticator_code(secret))
    submit(page, "設定を完了する")
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()
    page.context.clear_cookies()
    log_in(page, live_server.url, "supervisor")  # now with the confirmed device
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()


def test_a_half_written_form_survives_signing_in_again_after_the_session_ends(
    page, site, live_server
):
    from itaku.core import services

    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    page.locator("#id_family_name").fill("下書")
    page.locator("#id_given_name").fill("残子")
    page.locator("#id_valid_from").fill("2026-06-20")
    page.get_by_label("警察等の実務経験").check()
    services.user_sessions_end(actor=site.admin, user=site.manager)  # e.g. the idle timeout
    submit(page, "名簿に追加する")
    expect(page.get_by_role("heading", name="ログイン")).to_be_visible()
    page.get_by_label("ユーザー名").fill("manager")
    page.get_by_label("パスワード").fill(PASSWORD)
    submit(page, "ログイン")
    device = TOTPDevice.objects.get(user=site.manager, confirmed=True)
    page.get_by_label("確認コード").fill(authenticator_code(device))
    submit(page, "確認する")
    expect(page.get_by_role("heading", name="従事者名簿", exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="復元しました")).to_be_visible()
    expect(page.locator("#id_family_name")).to_have_value("下書")
    expect(page.locator("#id_valid_from")).to_have_value("2026-06-20")
    expect(page.get_by_label("警察等の実務経験")).to_be_checked()
    # Signing out forgets every draft.
    submit(page, "ログアウト")
    assert (
        page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('itaku-draft:'))") == []
    )
