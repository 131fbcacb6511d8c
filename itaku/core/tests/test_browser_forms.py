"""The roster form in headless Chromium, on a phone and a desk: each wrong input is said next to
its field, what was typed stays, the page stays within the screen; an action that cannot be
undone asks first (issue 8)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("ITAKU_SCREENSHOTS")  # a folder, to look at the pages


def error_of(page, field_id: str):
    return page.locator(".field", has=page.locator(f"#{field_id}")).locator("p.field-error")


@pytest.mark.parametrize("screen", ["phone", "page"])
def test_the_roster_form_says_what_is_wrong_next_to_each_field_and_keeps_the_input(
    request, site, live_server, screen
):
    page = request.getfixturevalue(screen)
    viewport = PHONE if screen == "phone" else DESKTOP
    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    family = page.locator("#id_family_name")
    expect(family).to_have_attribute("maxlength", "50")
    # The browser cuts at maxlength as the person types; the server must refuse a longer name
    # that arrives all the same (pasted into an old browser, sent by a script).
    family.evaluate("el => el.removeAttribute('maxlength')")
    long_name = "長" * 60
    typed = {
        "#id_family_name": long_name,
        "#id_given_name": "花子",
        "#id_family_name_kana": "Yamada123",
        "#id_given_name_kana": "はなこ",
        "#id_birth_date": "2030-01-01",
        "#id_valid_from": "2026-06-20",
    }
    for selector, value in typed.items():
        page.locator(selector).fill(value)
    page.get_by_label("役割").select_option("worker")
    submit(page, "名簿に追加する")

    expect(error_of(page, "id_family_name")).to_have_text(
        "エラー：50文字以内で入力してください(いま60文字)。"
    )
    expect(error_of(page, "id_family_name_kana")).to_have_text(
        "エラー：ひらがなで入力してください。"
    )
    expect(error_of(page, "id_birth_date")).to_have_text(
        "エラー：生年月日が今日より後になっています。"
    )
    expect(page.locator("p.field-error")).to_have_count(3)
    for selector, value in typed.items():
        expect(page.locator(selector)).to_have_value(value)
    for field_id in ("id_family_name", "id_family_name_kana", "id_birth_date"):
        expect(page.locator(f"#{field_id}")).to_have_attribute("aria-invalid", "true")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (
        f"the page is {width}px wide on a {viewport['width']}px screen"
    )
    if SCREENSHOTS:
        page.locator("#add").scroll_into_view_if_needed()
        page.screenshot(path=f"{SCREENSHOTS}/roster-errors-{screen}.png", full_page=True)
    assert_accessible(page)


def test_ending_an_entry_asks_on_a_page_of_its_own_first(phone, site, live_server):
    log_in_quickly(phone, live_server.url, site.manager)
    phone.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    with phone.expect_navigation():
        phone.get_by_role("button", name="従事を終了").first.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("さんの従事を終了します")
    expect(phone.locator("main")).to_contain_text("終了は取り消せません")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    if SCREENSHOTS:
        phone.screenshot(path=f"{SCREENSHOTS}/confirm-end-phone.png", full_page=True)
    assert_accessible(phone)
    phone.get_by_role("link", name="やめて戻る").click()
    expect(phone.get_by_role("heading", name="従事者名簿", exact=True)).to_be_visible()
    expect(phone.get_by_role("button", name="従事を終了").first).to_be_visible()  # nothing ended
