"""The office's pages in headless Chromium: the last worker records the day's closing on a phone
(SO-17); the manager records a training with its material on a desk and the month shows
実施済み (SO-8); every list fits a phone and a desk and is axe clean. ``pytest -m browser``."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from itaku.core import services as core_services
from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly, page_new
from itaku.support_office.office import services
from itaku.support_office.office.models import DailyClosing, TrainingSession
from itaku.support_office.office.tests.conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, viewport) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], page.url


def test_so17_the_last_worker_records_the_closing_on_a_phone(phone, site, live_server):
    log_in_quickly(phone, live_server.url, site.worker)
    phone.goto(f"{live_server.url}/contracts/{site.contract.pk}/")
    phone.get_by_role("link", name="終業時の確認").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("終業時の確認")
    fits(phone, PHONE)
    assert_accessible(phone)
    for label in (
        "個人情報を含む資料をキャビネットに保管した",
        "キャビネットの施錠を確認した",
        "鍵を所定の場所に返却した",
        "不要になった書類をシュレッダーにかけた",
    ):
        box = phone.get_by_label(label)
        assert box.bounding_box()["height"] >= 24  # a box a thumb can hit
        box.check()
    with phone.expect_navigation():
        phone.get_by_role("button", name="確認を記録する").click()
    expect(phone.get_by_text("終業時の確認を記録しました")).to_be_visible()
    closing = DailyClosing.objects.get(contract=site.contract, day=date(2026, 6, 15))
    assert closing.complete and closing.recorded_by == site.worker
    fits(phone, PHONE)
    assert_accessible(phone)


def test_so8_a_training_with_its_material_makes_the_month_held(browser, site, live_server):
    core_services.obligations_declare_standard(actor=site.admin, contract=site.contract)
    desk = page_new(browser, viewport=DESKTOP)
    log_in_quickly(desk, live_server.url, site.manager)
    desk.goto(f"{live_server.url}/contracts/{site.contract.pk}/so/trainings/")
    june = desk.locator('tr[data-month="2026-6"]')
    expect(june).to_contain_text("未実施")
    desk.get_by_role("link", name="研修を記録する").click()
    assert_accessible(desk)
    desk.get_by_label("実施日").fill("2026-06-12")
    desk.get_by_label("テーマ").fill("電話での不当要求への対応")
    desk.get_by_label("講師").fill("サポート室 統括責任者")
    desk.get_by_label("参加者数").fill("14")
    desk.get_by_label("資料").set_input_files(
        {"name": "研修資料.png", "mimeType": "image/png", "buffer": PNG}
    )
    with desk.expect_navigation():
        desk.get_by_role("button", name="記録する").click()
    expect(desk.get_by_text("令和8年6月は実施済みです。")).to_be_visible()
    expect(desk.locator('tr[data-month="2026-6"]')).to_contain_text("実施済み")
    expect(desk.get_by_role("link", name="資料を見る")).to_be_visible()
    session = TrainingSession.objects.get(contract=site.contract)
    assert session.material is not None and session.attendee_count == 14
    fits(desk, DESKTOP)
    assert_accessible(desk)
    desk.context.close()


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_every_office_list_fits_the_screen_and_is_accessible(
    browser, site, live_server, screen, viewport
):
    manager = site.access(site.manager)
    services.training_record(
        actor=site.manager,
        access=manager,
        held_on=date(2026, 6, 10),
        theme="カスタマー・ハラスメントの基本と初期対応",
        trainer="サポート室 統括責任者",
        attendee_count=12,
    )
    services.manual_propose(
        actor=site.manager,
        access=manager,
        section="第3章 2 電話での対応",
        proposal="録音の告知の文例を加える",
        reason="落ち着く例が続いた",
    )
    services.equipment_lend(
        actor=site.supervisor,
        access=site.access(site.supervisor),
        kind="key",
        name="事務室の鍵",
        identifier="K-1",
        lent_on=date(2026, 4, 1),
        lent_to=site.worker.person,
    )
    services.vehicle_record(
        actor=site.manager,
        access=manager,
        registration="品川 500 さ 41-07",
        power="diesel",
        diesel_compliant=True,
        inspection_certificate=("車検証.png", PNG),
        pm_certificate=("装着証明書.png", PNG),
    )
    page = page_new(browser, viewport=viewport)
    log_in_quickly(page, live_server.url, site.supervisor)
    base = f"{live_server.url}/contracts/{site.contract.pk}/so"
    for path in ("trainings/", "manual/", "equipment/", "closing/", "vehicles/"):
        page.goto(f"{base}/{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if path == "equipment/":
            page.get_by_text("返却・紛失を記録する").click()
        fits(page, viewport)
        assert_accessible(page)
    page.context.close()
