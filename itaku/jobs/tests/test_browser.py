"""A background job in headless Chromium, with the contract-end package as the example: the
supervisor asks for the return package, the page shows its password and a progress bar, the
database backend's worker runs the job, and the download button arrives in the
same page, without a reload, on a phone and on a desk."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from itaku.core import services as core_services
from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly, page_new
from itaku.documents.protect import zip_read

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("ITAKU_SCREENSHOTS")


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_the_progress_bar_gives_way_to_the_download_without_a_reload(
    browser, site, live_server, settings, screen, viewport
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    core_services.contract_state_change(actor=site.admin, contract=site.contract, to="ended")
    page = page_new(browser, viewport=viewport)
    base = live_server.url
    log_in_quickly(page, base, site.supervisor)
    page.goto(f"{base}/contracts/{site.contract.pk}/end/")
    page.get_by_label("返却パッケージ").check()
    with page.expect_navigation():
        page.get_by_role("button", name="作成する").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("返却・引継ぎパッケージの作成")
    bar = page.locator("progress")
    expect(bar).to_be_visible()
    expect(page.get_by_text("順番を待っています…")).to_be_visible()
    password = page.locator("#job-secret").inner_text().strip()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/job-queued-{screen}.png", full_page=True)
    page.evaluate("window.stillTheSamePage = true")

    # The worker, for real, in this thread (it sets signal handlers, which only the main thread
    # may); meanwhile the browser goes on asking for the progress every second.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    download = page.get_by_role("link", name=re.compile(r"返却パッケージ #\d+ をダウンロードする"))
    expect(download).to_be_visible(timeout=5_000)
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped it in, no reload
    expect(bar).to_have_count(0)
    expect(page.get_by_text("できあがりました。")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/job-done-{screen}.png", full_page=True)

    with page.expect_download() as info:
        download.click()
    files = zip_read(data=Path(info.value.path()).read_bytes(), password=password)
    assert "manifest.json" in files
    page.context.close()


def test_a_running_job_shows_how_far_it_has_come_on_a_phone(browser, site, live_server, settings):
    from itaku.jobs.models import Job
    from itaku.jobs.services import job_start

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    access = site.access(site.supervisor)
    job = job_start(
        actor=site.supervisor,
        access=access,
        kind="privacy.package",
        params={"purpose": "handover", "sections": ["roster"]},
    )
    Job.objects.filter(pk=job.pk).update(
        state="running", progress_done=2, progress_total=5, message="「従事者名簿」を収めています"
    )
    page = page_new(browser, viewport=PHONE)
    log_in_quickly(page, live_server.url, site.supervisor)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/jobs/{job.pk}/")
    expect(page.get_by_text("作成中… 40%")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "40")
    expect(page.get_by_text("「従事者名簿」を収めています（2/5）")).to_be_visible()
    assert page.locator("#job-secret").count() == 0  # shown on the answer to the form only
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/job-running-phone.png", full_page=True)
    page.context.close()
