"""The auditor reads the log in headless Chromium (PI-10): chooses a kind of event and a person,
and reads a change as labels and values, on a phone and on a desk. Run only the browser tests
with ``pytest -m browser``."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from itaku.conftest import World
from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _the_auditor_filters_and_reads_a_change(screen: Page, site: World, base_url: str) -> None:
    # The personas' world: the manager put the worker on the roster.
    log_in_quickly(screen, base_url, site.auditor)
    screen.goto(f"{base_url}/audit/")
    expect(screen.get_by_role("heading", level=1)).to_have_text("監査記録")
    screen.get_by_label("操作の種類").select_option(label="名簿への追加")
    screen.get_by_label("操作者").select_option(label=site.manager.get_full_name())
    submit(screen, "絞り込む")

    rows = screen.locator("table.audit-log tbody tr")
    expect(rows.first).to_be_visible()
    actions = rows.evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert actions and set(actions) == {"roster_entry.add"}
    worker = rows.filter(has_text="役割: (なし) → 従事者").first
    expect(worker).to_be_visible()
    expect(worker).to_contain_text("名簿への追加")
    expect(worker).to_contain_text(site.manager.get_full_name())
    expect(worker).to_contain_text("従事者名簿の記載")
    expect(worker).not_to_contain_text("roster_entry")
    assert "actor=" in screen.url and "username" not in screen.url

    width = screen.evaluate("document.documentElement.scrollWidth")
    viewport = screen.evaluate("window.innerWidth")
    assert width <= viewport, f"the page is {width}px wide in a {viewport}px window"
    assert_accessible(screen)


def test_pi10_the_auditor_filters_the_log_and_reads_a_change_on_a_phone(phone, site, live_server):
    _the_auditor_filters_and_reads_a_change(phone, site, live_server.url)
    assert phone.viewport_size == PHONE


def test_pi10_the_auditor_filters_the_log_and_reads_a_change_on_a_desk(page, site, live_server):
    _the_auditor_filters_and_reads_a_change(page, site, live_server.url)
    assert page.viewport_size == DESKTOP
    # A table on a desk, its head shown.
    expect(page.locator("table.audit-log thead")).to_be_visible()


def test_a_reversed_period_is_said_next_to_the_period_in_the_browser(phone, site, live_server):
    log_in_quickly(phone, live_server.url, site.auditor)
    phone.goto(f"{live_server.url}/audit/")
    phone.get_by_label("期間(開始)").fill("2026-06-10")
    phone.get_by_label("期間(終了)").fill("2026-06-01")
    submit(phone, "絞り込む")
    period = phone.locator(".field", has=phone.locator("#id_end"))
    expect(period.locator("p.field-error")).to_contain_text("期間の開始日は")
    expect(phone.locator("table.audit-log")).to_have_count(0)
    assert_accessible(phone)
