"""Reusable browser steps of the incident pages (SO-7): functions taking a Playwright page and
the site's base URL, for this part's browser test and for any later walk-through."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect


def record_incident(
    page: Page,
    base: str,
    contract_id: int,
    *,
    categories: tuple[str, ...],
    verbatim: str,
    photo: Path | None = None,
) -> None:
    """Record an incident that started and ended today, ticking ``categories`` (their labels),
    then, if given, add ``photo`` as evidence on the incident's page."""
    page.goto(f"{base}/contracts/{contract_id}/so/incidents/new/")
    start = page.get_by_label("開始日時").input_value()
    page.get_by_label("終了日時").fill(start)
    page.get_by_label("電話", exact=True).check()
    for label in categories:
        page.get_by_label(label, exact=True).check()
    page.get_by_label("相手方の発言(そのまま)").fill(verbatim)
    with page.expect_navigation():
        page.get_by_role("button", name="記録する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("事案")
    if photo is not None:
        page.get_by_label("ファイル").set_input_files(str(photo))
        page.get_by_label("説明").fill("窓口の様子")
        with page.expect_navigation():
            page.get_by_role("button", name="証拠を登録する").click()
        expect(page.get_by_text("証拠を登録しました")).to_be_visible()


def open_incident_list(page: Page, base: str, contract_id: int) -> None:
    page.goto(f"{base}/contracts/{contract_id}/so/incidents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("事案(カスハラ)の記録")


def record_consultation(page: Page, base: str, contract_id: int, *, subject: str) -> None:
    page.goto(f"{base}/contracts/{contract_id}/so/consultations/new/")
    page.get_by_label("相談した職員").fill("所管課の係長")
    page.get_by_label("相談の内容").fill(subject)
    page.get_by_label("記録の取り方").check()
    with page.expect_navigation():
        page.get_by_role("button", name="記録する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("相談")
