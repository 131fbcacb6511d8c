"""The Japanese 404 page and the administrator's home page in headless Chromium: styled, and no
sideways scrolling on a 375 px phone or a 1280 px desk."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from itaku.core.tests.browser import assert_accessible, assert_styled, log_in_quickly

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    size = page.viewport_size
    assert size is not None
    viewport = size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide in a {viewport}px window"


@pytest.mark.parametrize("screen", ["phone", "page"])
def test_the_404_page_fits_the_screen_and_leads_home(request, screen, site, live_server):
    page: Page = request.getfixturevalue(screen)
    log_in_quickly(page, live_server.url, site.outsider)
    response = page.goto(
        f"{live_server.url}{reverse('core:contract-detail', args=[site.contract.pk])}"
    )
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("ページが見つかりません")
    assert_styled(page)
    assert_fits(page)
    assert_accessible(page)
    page.get_by_role("link", name="ホームへ戻る").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ホーム")


@pytest.mark.parametrize("screen", ["phone", "page"])
def test_the_administrator_home_page_fits_the_screen(request, screen, site, live_server):
    page: Page = request.getfixturevalue(screen)
    log_in_quickly(page, live_server.url, site.admin)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="管理者のメニュー")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
