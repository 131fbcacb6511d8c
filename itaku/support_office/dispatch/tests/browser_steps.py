"""Page steps of the dispatch in a browser, importable by other tests (the lead's whole-day
test): the requester taps for help, the office's board shows it, the worker handles it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from itaku.core.tests.browser import assert_accessible, submit

ALERT_WITHIN_MS = 5_000


def assert_fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size or {"width": 1280}
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"


def requester_taps_for_help(page: Page, base: str) -> str:
    """On the home page, one tap on 「至急来てください」; answers the request page's URL."""
    page.goto(f"{base}/")
    button = page.get_by_role("button", name="至急来てください")
    expect(button).to_be_visible()
    assert_fits(page)
    with page.expect_navigation():
        button.click()
    expect(page.get_by_text("緊急対応を依頼しました")).to_be_visible()
    return page.url


def board_open(page: Page, base: str, contract_id: int) -> None:
    page.goto(f"{base}/contracts/{contract_id}/so/board/")
    expect(page.get_by_role("heading", level=1)).to_have_text("出動ボード")
    page.evaluate("window.stillTheSamePage = true")


def board_shows_emergency(page: Page, number: int) -> None:
    """Within 5 s, without a reload: the visible alert and the request's row."""
    expect(page.locator("#so-board-alert")).to_be_visible(timeout=ALERT_WITHIN_MS)
    expect(page.locator("#so-board-alert")).to_contain_text("新しい緊急対応")
    expect(page.get_by_role("link", name=f"{number}号", exact=True)).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True


def worker_handles(page: Page, number: int, *, outcome: str = "声かけにより沈静化した") -> None:
    """From the board: accept, then on the request page depart, arrive, complete."""
    row = page.locator("#so-board-rows tr", has_text=f"{number}号")
    with page.expect_navigation():
        row.get_by_role("button", name="対応を始める").click()
    page.get_by_role("link", name=f"{number}号", exact=True).click()
    expect(page.locator("#so-state")).to_have_text("対応中")
    submit(page, "出発した")
    expect(page.locator("#so-state")).to_have_text("出発")
    submit(page, "到着した")
    expect(page.locator("#so-state")).to_have_text("到着")
    page.get_by_label("対応の記録(沈静化の経過など)").fill(outcome)
    submit(page, "完了した")
    expect(page.locator("#so-state")).to_have_text("完了")
    assert_fits(page)
    assert_accessible(page)
