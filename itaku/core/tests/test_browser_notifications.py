"""The お知らせ page in headless Chromium: on a 375 px phone and a 1280 px desk, a card per notice
that fits the screen, its action link in view without scrolling sideways, and nothing serious for
axe-core (issue 8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from itaku.conftest import World
from itaku.core import services
from itaku.core.models import Notification
from itaku.core.tests.browser import assert_accessible, assert_styled, log_in_quickly
from itaku.leaks.contributions import LEAK_REPORTED
from itaku.privacy.contributions import EXPORT_APPROVED, EXPORT_REQUESTED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# As long as a real 件名 gets, so that a card must wrap it rather than widen the page.
LONG_TITLE = (
    "港区高齢者見守り・安心対応サポート室運営業務委託（令和8年度〜令和10年度、長期継続契約）"
)


def notices_for(site: World) -> None:
    site.contract.title = LONG_TITLE
    site.contract.save(update_fields=["title"])
    link = f"/contracts/{site.contract.pk}/exports/"
    for kind, ago in [(EXPORT_APPROVED, timedelta(days=2)), (LEAK_REPORTED, timedelta(hours=3))]:
        (notice,) = services.notification_send(
            recipients=[site.supervisor], kind=kind, link=link, contract=site.contract
        )
        Notification.objects.filter(pk=notice.pk).update(created_at=timezone.now() - ago)
    services.notification_send(
        recipients=[site.supervisor], kind=EXPORT_REQUESTED, link=link, contract=site.contract
    )
    Notification.objects.filter(kind=EXPORT_APPROVED.key).update(read_at=timezone.now())


def assert_fits(page: Page, width: int) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("お知らせ")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= page.evaluate("window.innerWidth") == width, f"the page is {scroll}px wide"
    action = page.get_by_role("link", name="申請を確認する").first
    expect(action).to_be_visible()
    box = action.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    expect(page.get_by_text(LONG_TITLE).first).to_be_visible()


@pytest.mark.parametrize("device", ["phone", "page"])
def test_the_notices_fit_the_screen_with_their_action_in_view(request, device, site, live_server):
    screen: Page = request.getfixturevalue(device)
    notices_for(site)
    log_in_quickly(screen, live_server.url, site.supervisor)
    screen.goto(f"{live_server.url}/notifications/")
    assert_styled(screen)
    assert_fits(screen, screen.viewport_size["width"])
    assert_accessible(screen)
