"""Reusable browser steps of the reports (for this part's browser tests and any later one that
needs a submitted report): open a day's or a month's report, submit it as the manager,
acknowledge it as the supervisor, ask for the month's Excel."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from itaku.core.tests.browser import assert_accessible, log_in_quickly, submit


def fits(page: Page, viewport: dict[str, int]) -> None:
    """No sideways scrolling, and axe finds nothing serious."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"
    assert_accessible(page)


def open_daily(page: Page, base: str, contract_id: int, day: date) -> None:
    page.goto(f"{base}/contracts/{contract_id}/so/reports/daily/{day.isoformat()}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("日報")


def open_monthly(page: Page, base: str, contract_id: int, year: int, month: int) -> None:
    page.goto(f"{base}/contracts/{contract_id}/so/reports/monthly/{year}/{month}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("月報")


def submit_daily(page: Page, base: str, user, contract_id: int, day: date, remarks: str) -> None:
    """The manager reviews the day's report and submits it with remarks."""
    log_in_quickly(page, base, user)
    open_daily(page, base, contract_id, day)
    page.get_by_label("特記事項").fill(remarks)
    submit(page, "確認して区へ提出する")
    expect(page.get_by_text("日報を区へ提出しました。")).to_be_visible()
    expect(page.locator("[data-report-state]")).to_have_text("提出済み")


def acknowledge_daily(page: Page, base: str, user, contract_id: int, day: date) -> None:
    """The ward supervisor acknowledges the submitted day's report."""
    log_in_quickly(page, base, user)
    open_daily(page, base, contract_id, day)
    submit(page, "受領を確認する")
    expect(page.get_by_text("日報の受領を確認しました。")).to_be_visible()
    expect(page.locator("[data-report-state]")).to_have_text("確認済み")


def request_monthly_excel(page: Page, base: str, contract_id: int, year: int, month: int) -> None:
    """Ask for the month's Excel; the job's page answers with its progress."""
    open_monthly(page, base, contract_id, year, month)
    submit(page, "Excelを作成する")
    expect(page.locator(".job-progress")).to_be_visible()
