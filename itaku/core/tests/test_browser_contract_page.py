"""The contract page on a 375 px phone and a desk: the overdue item comes first, its button on
the screen without sideways scrolling, the rest folded away (issue 8)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly
from itaku.core.tests.test_contract_page import schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("generic_hand_in")
@pytest.mark.parametrize("screen", ["phone", "page"])
def test_the_overdue_items_button_is_on_the_screen_and_the_rest_is_folded(
    request, site, live_server, screen
):
    page = request.getfixturevalue(screen)
    viewport = PHONE if screen == "phone" else DESKTOP
    schedule(site)
    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/")
    first = page.locator("#obligations-waiting + .table-wrap tbody tr").first
    expect(first).to_have_attribute("data-state", "late")
    button = first.get_by_role("button", name="提出済みにする")
    expect(button).to_contain_text("提出済みにする")
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # Its accessible name says which item: 「令和8年6月…分の日報を提出済みにする」.
    name = button.evaluate("el => el.textContent")
    assert name.startswith("令和8年6月") and name.endswith("分の日報を提出済みにする")
    # Folded: the acknowledged ones are not shown until their summary is opened.
    done = page.locator("#obligations-done")
    expect(done.locator("tbody tr").first).to_be_hidden()
    done.locator("summary").click()
    expect(done.locator("tbody tr").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"
    assert_accessible(page)

    with page.expect_navigation():
        button.click()
    expect(page.locator(".notice--success")).to_contain_text("を提出済みにしました")
