"""SO-7 in headless Chromium, on a phone and on a desk: the office records an incident with two
categories and a phone photo, sees it in the list with the photo's hash on its page, and files a
consultation. No sideways scrolling; axe finds nothing serious."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly, page_new
from itaku.support_office.incidents.tests import browser_steps, factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, viewport) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_so7_record_an_incident_with_a_photo_and_file_a_consultation(
    browser, site, live_server, tmp_path, screen, viewport
):
    photo = tmp_path / "photo.png"
    photo.write_bytes(factories.PNG)
    page = page_new(browser, viewport=viewport)
    base = live_server.url
    contract = site.contract.pk
    log_in_quickly(page, base, site.worker)

    browser_steps.record_incident(
        page,
        base,
        contract,
        categories=("威圧的な言動", "性的な言動"),
        verbatim="ふざけるな",
        photo=photo,
    )
    expect(page.get_by_text(hashlib.sha256(factories.PNG).hexdigest(), exact=True)).to_be_visible()
    assert page.locator('input[type=file][capture="environment"]').count() == 1
    fits(page, viewport)
    assert_accessible(page)

    browser_steps.open_incident_list(page, base, contract)
    expect(page.get_by_role("link", name="1号")).to_be_visible()
    expect(page.get_by_text("威圧的な言動、性的な言動")).to_be_visible()
    fits(page, viewport)
    assert_accessible(page)

    browser_steps.record_consultation(page, base, contract, subject="電話が毎日続く")
    expect(page.get_by_text("電話が毎日続く")).to_be_visible()
    fits(page, viewport)
    assert_accessible(page)
