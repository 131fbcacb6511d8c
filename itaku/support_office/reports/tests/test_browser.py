"""The reports in headless Chromium, on a phone and on a desk: the manager submits a day's
report, the supervisor acknowledges it; the month's Excel is asked for, the progress bar shows
while the real worker (the database backend's ``db_worker``) makes it, then the download."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from itaku.core.tests.browser import DESKTOP, PHONE, log_in_quickly, page_new
from itaku.support_office.reports.tests import browser_steps as steps
from itaku.support_office.reports.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FRIDAY = date(2026, 6, 12)


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_so13_the_manager_submits_the_day_and_the_supervisor_acknowledges_it(
    browser, site, live_server, screen, viewport
):
    f.schedule(site)
    f.request(site, requested_at=f.at(FRIDAY, 10), kind="emergency")
    f.request(site, requested_at=f.at(FRIDAY, 16), state="continuing", after_hours_minutes=30)
    base, cid = live_server.url, site.contract.pk
    page = page_new(browser, viewport=viewport)
    log_in_quickly(page, base, site.manager)
    steps.open_daily(page, base, cid, FRIDAY)
    expect(page.get_by_text("受け付けた業務（2件）")).to_be_visible()
    expect(page.get_by_text("未記録", exact=True)).to_be_visible()
    steps.fits(page, viewport)
    steps.submit_daily(page, base, site.manager, cid, FRIDAY, "特記事項はありません")
    steps.fits(page, viewport)
    page.context.close()
    page = page_new(browser, viewport=viewport)
    steps.acknowledge_daily(page, base, site.supervisor, cid, FRIDAY)
    steps.fits(page, viewport)
    page.context.close()


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_so14_the_monthly_excel_shows_its_progress_then_its_download(
    browser, site, live_server, settings, screen, viewport
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    f.schedule(site)
    for day in (1, 8, 15):
        f.request(site, requested_at=f.at(date(2026, 5, day), 10))
    base, cid = live_server.url, site.contract.pk
    page = page_new(browser, viewport=viewport)
    log_in_quickly(page, base, site.supervisor)
    steps.open_monthly(page, base, cid, 2026, 5)
    expect(page.get_by_role("img", name="依頼件数の推移")).to_be_visible()
    steps.fits(page, viewport)
    steps.request_monthly_excel(page, base, cid, 2026, 5)
    expect(page.locator("progress")).to_be_visible()
    steps.fits(page, viewport)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    download = page.get_by_role("link", name=re.compile(r"月報-2026-05\.xlsx をダウンロードする"))
    expect(download).to_be_visible(timeout=5_000)
    expect(page.locator("progress")).to_have_count(0)
    steps.fits(page, viewport)
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".xlsx")
    page.context.close()
