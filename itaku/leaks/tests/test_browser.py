"""A leak reported on a phone reaches the ward supervisor's home page with its deadline (PI-7),
in headless Chromium. Run only the browser tests with ``pytest -m browser``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from itaku.conftest import World
from itaku.core.tests.browser import (
    assert_accessible,
    assert_styled,
    chromium_launch,
    log_in_quickly,
    page_new,
    submit,
)
from itaku.leaks.models import LeakIncident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # As in itaku/core/tests/test_browser.py: Playwright's sync API marks an asyncio loop as
    # running in this thread, so Django's async-safety check is lifted while this browser lives.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = chromium_launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _on_today(time_machine) -> None:
    # Autouse, so the clock moves before `world` builds the contract and its roster.
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=True)


@pytest.fixture
def site(transactional_db, live_server, world) -> World:
    return world


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    phone = page_new(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield phone
    phone.context.close()


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    desk = page_new(browser, viewport=DESKTOP)
    yield desk
    desk.context.close()


def test_pi7_a_worker_reports_a_leak_and_the_supervisor_sees_the_preliminary_deadline(
    phone, desk, site, live_server
):
    # The worker, on a phone, from the contract page.
    log_in_quickly(phone, live_server.url, site.worker)
    phone.goto(f"{live_server.url}/contracts/{site.contract.pk}/")
    phone.get_by_role("link", name="漏えい等を報告する").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("漏えい等の報告")
    assert_accessible(phone)
    phone.get_by_label("発覚日時").fill("2026-06-15T09:00")
    phone.get_by_label("漏えい等のおそれがある(確定していない)").check()
    phone.get_by_label("概要").fill("受講者名簿の写し1枚が所在不明")
    phone.get_by_label("受講者").fill("20")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the form is {width}px wide on a 375px phone"
    submit(phone, "区へ報告する")
    expect(phone.get_by_role("heading", level=1)).to_have_text(site.contract.title)
    expect(phone.locator(".messages")).to_contain_text("区の監督職員に通知しました")
    incident = LeakIncident.objects.get()

    # The supervisor's home page: the open incident with its 速報 deadline, and the notice.
    log_in_quickly(desk, live_server.url, site.supervisor)
    desk.goto(f"{live_server.url}/")
    panel = desk.get_by_role("region", name="漏えい等事案の次の期限")
    expect(panel).to_contain_text("速報")
    expect(panel).to_contain_text("令和8年6月19日(金)")
    expect(panel).not_to_contain_text("所在不明")
    expect(desk.get_by_role("link", name=re.compile("お知らせ.*未読1件"))).to_be_visible()
    assert_styled(desk)
    assert_accessible(desk)

    desk.get_by_role("link", name=f"#{incident.pk}").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"漏えい等事案 #{incident.pk}")
    expect(desk.locator("main")).to_contain_text("受講者名簿の写し1枚が所在不明")
    assert_accessible(desk)
    desk.get_by_label("速報の日時").fill("2026-06-15T09:40")
    submit(desk, "速報を記録する")
    expect(desk.locator(".messages")).to_contain_text("速報を記録しました")
    expect(desk.get_by_role("row", name=re.compile("^速報"))).to_contain_text("済み")

    desk.goto(f"{live_server.url}/notifications/")
    expect(desk.get_by_role("listitem", name=re.compile("漏えい等の報告"))).to_contain_text("未読")
    assert_accessible(desk)
