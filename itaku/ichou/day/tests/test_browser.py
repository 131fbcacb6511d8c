"""THE activity day on a 375 px phone in headless Chromium (IC-11 … IC-15, IC-32): at the door
one participant is blocked at 37.8 °C, another is let in by the nurse with a reason, the kana
search finds a row, the staffing alert appears when one more participant arrives than the staff
present allow, the nurse writes an accident report, dismissals (one handed over), the work log
and the close; then the month's implementation report (IC-24) is made as Excel and as PDF, both
downloaded and opened. On a 375 px phone and on a 1280 px desk."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from itaku.core.tests.browser import DESKTOP, PHONE, log_in_quickly, page_new
from itaku.documents.pdf import pdf_text
from itaku.ichou.day import services
from itaku.ichou.day.models import ActivityDay, CheckIn, Dismissal
from itaku.ichou.day.tests.helpers import activity_day, entry_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    screen = page.viewport_size["width"] if page.viewport_size else 375
    assert width <= screen, f"{width}px wide on a {screen}px screen"


def _row(page: Page, name: str):
    return page.locator("li.ic-row", has_text=name)


def _checkin(page: Page, name: str, temperature: str) -> None:
    row = _row(page, name)
    row.get_by_label("体温").fill(temperature)
    row.get_by_label("健康調査票").check()
    row.get_by_role("button", name="受付する").click()


def _report_file(page: Page, button: str, name: str) -> bytes:
    """IC-24: ask for the month's file, wait for the job's download, fetch it."""
    page.get_by_role("button", name=button).click()
    link = page.get_by_role("link", name=re.compile(rf"{re.escape(name)} をダウンロードする"))
    expect(link).to_be_visible(timeout=15_000)
    _fits(page)
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == name
    return open(info.value.path(), "rb").read()


def _options(viewport: dict[str, int]) -> dict:
    if viewport is PHONE:
        return {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    return {"viewport": viewport}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desk-1280"])
def test_the_activity_day_on_a_phone(browser, site, live_server, viewport):
    world = site
    activity, _ = activity_day(world, participants=4)
    services.checkin_record(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        entry_id=entry_of(world, world.nurse).pk,
        temperature=36.4,
    )
    base = live_server.url
    door = f"{base}/contracts/{world.contract.pk}/ichou/days/{activity.pk}/"
    nurse = page_new(browser, **_options(viewport))
    log_in_quickly(nurse, base, world.nurse)
    nurse.goto(door)
    _fits(nurse)

    _checkin(nurse, "参加0 花子", "37.8")
    expect(_row(nurse, "参加0 花子").locator(".ic-state")).to_have_text("欠席のお願い")
    _checkin(nurse, "参加1 花子", "37.9")
    expect(_row(nurse, "参加1 花子").locator(".ic-state")).to_have_text("欠席のお願い")
    _row(nurse, "参加1 花子").get_by_label("看護師の判断の理由").fill("再検温で36.9度、付き添う")
    _row(nurse, "参加1 花子").get_by_role("button", name="看護師の判断で受付する").click()
    expect(_row(nurse, "参加1 花子").locator(".ic-state")).to_have_text("看護師の判断で受付")

    nurse.get_by_label("ふりがなで探す").fill("うやま")
    expect(_row(nurse, "参加2 花子")).to_be_visible()
    expect(_row(nurse, "参加3 花子")).to_be_hidden()
    nurse.get_by_label("ふりがなで探す").fill("")

    _checkin(nurse, "参加2 花子", "36.5")
    expect(_row(nurse, "参加2 花子").locator(".ic-state")).to_have_text("受付済み")
    expect(nurse.get_by_role("alert")).to_have_count(0)
    _checkin(nurse, "参加3 花子", "36.4")
    expect(nurse.locator("#ic-staffing").get_by_role("alert")).to_contain_text("従事者が足りません")
    _fits(nurse)
    assert CheckIn.objects.filter(result="stay_home").count() == 1

    nurse.get_by_role("link", name="事故報告書").click()
    nurse.get_by_label("種類").select_option("injury")
    nurse.get_by_label("発生日時").fill("2026-06-13T11:00")
    nurse.get_by_label("何が起きたか").fill("工作中に指を切った")
    nurse.get_by_label("応急手当・対応").fill("消毒し絆創膏")
    nurse.get_by_role("button", name="提出する").click()
    expect(nurse.get_by_role("heading", name="事故報告書(けが)")).to_be_visible()
    _fits(nurse)

    nurse.goto(door)
    row = _row(nurse, "参加1 花子")
    row.get_by_label("迎えの人に引渡し").check()
    row.get_by_label("相手の名前").fill("山田 一郎")
    row.get_by_label("続柄").fill("父")
    row.get_by_label("付き添った従事者").select_option(str(entry_of(world, world.nurse).pk))
    row.get_by_role("button", name="解散を記録する").click()
    expect(_row(nurse, "参加1 花子").locator(".ic-state")).to_contain_text("迎えの人に引渡し")
    for name in ("参加2 花子", "参加3 花子"):
        _row(nurse, name).get_by_role("button", name="解散を記録する").click()
        expect(_row(nurse, name).locator(".ic-state")).to_contain_text("ひとりで帰宅")
    assert Dismissal.objects.count() == 3

    manager = page_new(browser, **_options(viewport))
    log_in_quickly(manager, base, world.manager)
    manager.goto(door)
    manager.get_by_role("link", name="業務日誌・終了").click()
    manager.get_by_label("本日の出来事").fill("工作。1人発熱で欠席、1人けが(事故報告書)。")
    manager.get_by_label("施錠した").check()
    manager.get_by_label("鍵を返却した").check()
    manager.get_by_role("button", name="業務日誌を保存する").click()
    _fits(manager)
    manager.get_by_role("button", name="活動日を終了する").click()
    expect(manager.get_by_text("終了しました", exact=True)).to_be_visible()
    assert ActivityDay.objects.get().closed_at is not None
    # IC-24: the day closed, the month's implementation report is made and downloads as Excel
    # and as PDF, and both open.
    manager.goto(
        f"{base}/contracts/{world.contract.pk}/ichou/reports/"
        f"{activity.date.year}/{activity.date.month}/"
    )
    expect(manager.get_by_role("heading", level=1)).to_contain_text("実施報告")
    _fits(manager)
    stem = f"実施報告-{activity.date.year}-{activity.date.month:02d}"
    xlsx = _report_file(manager, "Excelを作成する", f"{stem}.xlsx")
    book = load_workbook(io.BytesIO(xlsx))
    assert book["実施報告"]["A1"].value.startswith("いちょう学級 月ごとの実施報告")
    assert len(book["出席"]._charts) == 1
    manager.go_back()
    manager.reload()
    pdf = _report_file(manager, "PDFを作成する", f"{stem}.pdf")
    assert "いちょう学級 月ごとの実施報告" in (pdf_text(data=pdf) or "")
    nurse.context.close()
    manager.context.close()
