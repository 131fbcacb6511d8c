"""A day of the 安心対応サポート室 in headless Chromium, on a phone and on a desk (issue 9's
walk-through): a requester taps for help; the office's board, already open, shows the emergency
without a reload; a worker accepts, departs and arrives, records the incident with two categories
and a photo, completes; a consultation is filed; the manager submits the day's report and the
ward supervisor acknowledges it; the month's report is made as Excel and as PDF by the real
background worker, with a progress bar, and both files open: openpyxl reads the workbook back,
``pdffonts`` finds the fonts embedded and a page rendered by ``pdftoppm`` has ink on it.

Each part's own steps (``<part>/tests/browser_steps.py``) are reused; this test only joins them.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from itaku.conftest import TODAY
from itaku.core.tests.browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    log_in_quickly,
    page_new,
    submit,
)
from itaku.support_office.dispatch.models import Place, SupportRequest, UsualPlace
from itaku.support_office.dispatch.tests import browser_steps as dispatch
from itaku.support_office.incidents.models import Consultation, Incident
from itaku.support_office.incidents.tests import browser_steps as incidents
from itaku.support_office.reports.tests import browser_steps as reports
from itaku.support_office.reports.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png(path: Path) -> Path:
    """A small generated photo (a red square), standing for the phone's camera."""
    width = height = 16
    raw = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def fits(page: Page) -> None:
    dispatch.assert_fits(page)
    assert_accessible(page)


def make_in_background(page: Page, button: str, filename: str) -> bytes:
    """Ask for a file, see the progress bar, run the real worker, download the file."""
    submit(page, button)
    expect(page.locator("progress")).to_be_visible()
    fits(page)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    link = page.get_by_role("link", name=re.compile(rf"{re.escape(filename)} をダウンロードする"))
    expect(link).to_be_visible(timeout=5_000)
    expect(page.locator("progress")).to_have_count(0)
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_so_a_day_from_the_tap_for_help_to_the_months_report(
    browser, site, live_server, settings, tmp_path, screen, viewport
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    factories.schedule(site)
    counter = Place.objects.create(contract=site.contract, site="shiba", name="1階 区民課 窓口")
    UsualPlace.objects.create(contract=site.contract, person=site.requester.person, place=counter)
    base, cid = live_server.url, site.contract.pk

    # The office's board is open on a worker's screen before anything happens.
    office = page_new(browser, viewport=viewport)
    log_in_quickly(office, base, site.worker)
    dispatch.board_open(office, base, cid)
    fits(office)

    # SO-5: a requester at the counter taps once.
    counter_page = page_new(browser, viewport=viewport)
    log_in_quickly(counter_page, base, site.requester)
    dispatch.requester_taps_for_help(counter_page, base)
    request = SupportRequest.objects.get()
    assert (request.kind, request.place) == ("emergency", counter)

    # The board shows it within 5 s, without a reload; the worker accepts, departs, arrives.
    dispatch.board_shows_emergency(office, request.number)
    fits(office)
    row = office.locator("#so-board-rows tr", has_text=f"{request.number}号")
    with office.expect_navigation():
        row.get_by_role("button", name="対応を始める").click()
    office.get_by_role("link", name=f"{request.number}号", exact=True).click()
    request_url = office.url
    expect(office.locator("#so-state")).to_have_text("対応中")
    submit(office, "出発した")
    expect(office.locator("#so-state")).to_have_text("出発")
    submit(office, "到着した")
    expect(office.locator("#so-state")).to_have_text("到着")

    # SO-7: the incident, from the request, with two categories and a photo.
    office.get_by_role("link", name="この依頼の対応事案を記録する").click()
    start = office.get_by_label("開始日時").input_value()
    office.get_by_label("終了日時").fill(start)
    office.get_by_label("対面", exact=True).check()
    for label in ("威圧的な言動", "継続的・執拗な言動"):
        office.get_by_label(label, exact=True).check()
    office.get_by_label("相手方の発言(そのまま)").fill("責任者を出せ、と繰り返した")
    with office.expect_navigation():
        office.get_by_role("button", name="記録する").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("事案")
    office.get_by_label("ファイル").set_input_files(str(png(tmp_path / "counter.png")))
    office.get_by_label("説明").fill("窓口の様子")
    with office.expect_navigation():
        office.get_by_role("button", name="証拠を登録する").click()
    expect(office.get_by_text("証拠を登録しました")).to_be_visible()
    expect(office.locator("code.hash").first).to_have_text(re.compile(r"^[0-9a-f]{64}$"))  # SHA-256
    fits(office)
    incident = Incident.objects.get()
    assert incident.request_id == request.pk
    assert (
        set(incident.behaviours) == {"intimidation", "persistent"} or len(incident.behaviours) == 2
    )

    # Back to the request: completed.
    office.goto(request_url)
    office.get_by_label("対応の記録(沈静化の経過など)").fill("声かけにより沈静化した")
    submit(office, "完了した")
    expect(office.locator("#so-state")).to_have_text("完了")
    fits(office)

    # A consultation is filed.
    incidents.record_consultation(office, base, cid, subject="電話での長時間の要求への対応")
    fits(office)
    assert Consultation.objects.count() == 1
    office.context.close()
    counter_page.context.close()

    # SO-13: the manager submits the day's report, the ward supervisor acknowledges it.
    manager = page_new(browser, viewport=viewport)
    reports.submit_daily(manager, base, site.manager, cid, TODAY, "特記事項はありません")
    expect(manager.get_by_text("受け付けた業務（1件）")).to_be_visible()
    fits(manager)
    manager.context.close()
    ward = page_new(browser, viewport=viewport)
    reports.acknowledge_daily(ward, base, site.supervisor, cid, TODAY)
    fits(ward)

    # SO-14: the month's report as Excel and as PDF, each made in the background.
    reports.open_monthly(ward, base, cid, TODAY.year, TODAY.month)
    fits(ward)
    month = f"{TODAY.year}-{TODAY.month:02d}"
    workbook = load_workbook(
        io.BytesIO(make_in_background(ward, "Excelを作成する", f"月報-{month}.xlsx"))
    )
    assert workbook.sheetnames and any(sheet._charts for sheet in workbook.worksheets)
    reports.open_monthly(ward, base, cid, TODAY.year, TODAY.month)
    pdf = tmp_path / "monthly.pdf"
    pdf.write_bytes(make_in_background(ward, "PDFを作成する", f"月報-{month}.pdf"))
    ward.context.close()
    assert pdf.read_bytes().startswith(b"%PDF")
    pdffonts, pdftoppm = shutil.which("pdffonts"), shutil.which("pdftoppm")
    if pdffonts is None or pdftoppm is None:
        pytest.fail("poppler-utils is missing: `make test` installs it (scripts/system-deps.sh)")
    fonts = subprocess.run(  # noqa: S603
        [pdffonts, str(pdf)], capture_output=True, text=True, check=True
    )
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert rows and all("yes" in row[-5:-3] for row in rows), fonts.stdout  # emb column
    assert any("CJK" in row[0] or "Noto" in row[0] for row in rows), fonts.stdout
    subprocess.run(  # noqa: S603
        [pdftoppm, "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.png")
    assert image.stat().st_size > 2_000  # a blank page at 40 dpi compresses to far less
