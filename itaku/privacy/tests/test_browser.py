"""The whole path of an export in headless Chromium (issue 3, "done when"): a manager enrols an
authenticator and signs in with it, asks to export the roster, a supervisor approves, the manager
makes the file, reads the password off the page, downloads the file and opens it: it is an
encrypted workbook that opens only with that password and carries the watermark (PI-18)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from itaku.conftest import PASSWORD
from itaku.core.tests.browser import (
    assert_accessible,
    authenticator_code,
    log_in,
    page_new,
    submit,
)
from itaku.documents.protect import WrongPassword, xlsx_decrypt
from itaku.privacy.models import ExportRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pi18_enrol_sign_in_export_with_approval_and_open_the_watermarked_file(
    browser, page, site, live_server
):
    base = live_server.url
    # The manager has no authenticator yet: signing in leads to enrolment, with the key shown.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ユーザー名").fill("manager")
    page.get_by_label("パスワード").fill(PASSWORD)
    submit(page, "ログイン")
    expect(page.get_by_role("heading", name="2段階認証の設定")).to_be_visible()
    page.get_by_label("確認コード").fill(
        authenticator_code(page.locator("#otp-secret").inner_text())
    )
    submit(page, "設定を完了する")
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()
    assert TOTPDevice.objects.filter(user=site.manager, confirmed=True).exists()
    # … and the next sign-in asks for the authenticator's code.
    page.context.clear_cookies()
    log_in(page, base, "manager")
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()

    page.get_by_role("link", name=site.contract.title).first.click()
    page.get_by_role("link", name="個人情報の出力").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("個人情報の出力")
    page.get_by_label("出力するもの").select_option(label="従事者名簿")
    page.get_by_label("Excel(パスワード付き)").check()
    page.get_by_label("利用目的").fill("区の監査に提出するため")
    submit(page, "申請する")
    expect(page.get_by_text("監督職員の承認後")).to_be_visible()
    # Named by what they act on: whose request, which file (no number).
    requester = ExportRequest.objects.get().requested_by.get_full_name()
    number = f"#{ExportRequest.objects.get().pk}"  # sequences are not reset between tests
    make_file = re.compile(r"従事者名簿のファイル\s?（.+の申請）\s?を作成する")
    expect(page.get_by_role("button", name=make_file)).to_have_count(0)
    assert_accessible(page)

    supervisor = page_new(browser, viewport={"width": 1280, "height": 800})
    log_in(supervisor, base, "supervisor")
    supervisor.goto(f"{base}/contracts/{site.contract.pk}/exports/")
    submit(supervisor, re.compile(rf"{requester}さんの出力申請\s?（従事者名簿・.+）\s?を承認する"))
    expect(supervisor.get_by_text(f"{requester}さんの出力申請を承認しました。")).to_be_visible()
    supervisor.context.close()

    page.reload()
    submit(page, make_file)
    expect(page.get_by_text("パスワードはこの画面に一度だけ表示します")).to_be_visible()
    password = page.locator("#export-password").inner_text().strip()
    assert len(password) == 16
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="ファイルをダウンロードする").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    data = Path(download.path()).read_bytes()

    with pytest.raises(WrongPassword):
        xlsx_decrypt(data=data, password="wrong-password-00")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_decrypt(data=data, password=password))).active
    watermark = str(sheet["A1"].value)
    assert site.manager.get_full_name() in watermark
    assert "区の監査に提出するため" in watermark
    assert f"出力申請 {number}" in watermark
    names = {str(c.value) for row in sheet.iter_rows() for c in row}
    assert site.worker.get_full_name() in names

    # The password is not shown again.
    page.goto(f"{base}/contracts/{site.contract.pk}/exports/")
    assert password not in page.content()


def real_png(width: int = 40, height: int = 30) -> bytes:
    """A small PNG a browser can draw (the services' test PNG is only a valid header)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 23, 193)).save(out, format="PNG")
    return out.getvalue()


def test_pi6_a_worker_attaches_a_photo_from_a_phone_and_the_supervisor_sees_it_in_the_page(
    browser, phone, page, site, live_server
):
    from itaku.core.tests.browser import log_in_quickly

    base = live_server.url
    log_in_quickly(phone, base, site.worker)
    phone.goto(f"{base}/contracts/{site.contract.pk}/")
    phone.get_by_role("link", name="添付ファイル").click()
    phone.get_by_label("ファイル").set_input_files(
        files=[{"name": "写真.txt", "mimeType": "image/png", "buffer": b"not a picture"}]
    )
    submit(phone, "保存する")
    expect(phone.locator(".field-error")).to_contain_text("以外のファイルは添付できません")
    assert_accessible(phone)
    phone.get_by_label("ファイル").set_input_files(
        files=[{"name": "現場写真.png", "mimeType": "image/png", "buffer": real_png()}]
    )
    submit(phone, "保存する")
    expect(phone.get_by_text("暗号化して保存しました")).to_be_visible()

    # On the phone (375 px) and the desktop (1280 px) alike, the photo is drawn in the page,
    # within the screen's width, and nothing is downloaded.
    log_in_quickly(page, base, site.supervisor)
    downloads: list = []
    for viewer in (phone, page):
        viewer.on("download", lambda d: downloads.append(d))
    for viewer, width in ((phone, 375), (page, 1280)):
        viewer.goto(f"{base}/contracts/{site.contract.pk}/attachments/")
        viewer.get_by_role("link", name="現場写真.png").click()
        expect(viewer.get_by_role("heading", level=1)).to_have_text("現場写真.png")
        image = viewer.get_by_role("img", name="添付ファイルの画像")
        expect(image).to_be_visible()
        viewer.wait_for_function("document.getElementById('attachment-image').naturalWidth === 40")
        box = image.bounding_box()
        assert box is not None and 0 < box["width"] <= width
        assert "現場写真" not in viewer.url
        assert_accessible(viewer)
        assert downloads == []


def test_pi6_a_pdf_is_shown_in_a_frame_of_its_own_page(page, site, live_server):
    from itaku.audit.models import AuditEvent
    from itaku.core.tests.browser import log_in_quickly
    from itaku.documents.pdf import html_to_pdf
    from itaku.privacy.services.attachments import attachment_add

    attachment = attachment_add(
        actor=site.worker,
        access=site.access(site.worker),
        name="署名済み.pdf",
        data=html_to_pdf(html="<p>署名済みの同意書</p>"),
    )
    base = live_server.url
    frames = []
    page.on("response", lambda r: frames.append(r) if "/content/" in r.url else None)
    log_in_quickly(page, base, site.supervisor)
    page.goto(f"{base}/contracts/{site.contract.pk}/attachments/{attachment.id}/view/")
    expect(page.locator("#attachment-pdf")).to_be_visible()
    page.wait_for_timeout(1000)  # the viewer loads after the frame's answer
    # Framed by our own page, the PDF opens in Chromium's viewer; refused (frame-ancestors
    # 'none'), the frame would hold Chromium's error page instead.
    urls = [f.url for f in page.frames]
    assert not any(u.startswith("chrome-error:") for u in urls), urls
    assert any(u.startswith("chrome-extension:") for u in urls), urls
    # The server answered once (Chromium's PDF viewer then reports its own copy of the answer):
    # one read for the page, one for the file.
    reads = AuditEvent.objects.filter(action="attachment.read", target_id=str(attachment.id))
    assert reads.count() == 2
    assert frames and all(r.status == 200 for r in frames)
    assert frames[0].request.all_headers()["sec-fetch-dest"] == "iframe"
    headers = frames[0].all_headers()
    assert headers["content-disposition"] == "inline"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert_accessible(page)


def test_pi8_the_supervisor_takes_a_contract_through_return_and_destruction(
    page, site, live_server, settings
):
    import json

    from itaku.core import services as core_services
    from itaku.core.tests.browser import log_in_quickly
    from itaku.documents.protect import sha256_hex, zip_read
    from itaku.privacy.models import Attachment
    from itaku.privacy.services.attachments import attachment_add
    from itaku.privacy.tests.test_attachments import PNG

    attachment_add(
        actor=site.worker, access=site.access(site.worker), name="相談録音.png", data=PNG
    )
    core_services.contract_state_change(actor=site.admin, contract=site.contract, to="ended")
    base = live_server.url
    log_in_quickly(page, base, site.supervisor)
    page.goto(f"{base}/contracts/{site.contract.pk}/")
    page.get_by_role("link", name="契約の終了（返却・引継ぎ・消去）").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("契約の終了")
    assert_accessible(page)

    submit(page, "残りの人を従事終了にする")
    expect(page.get_by_text("履行期間の末日で従事終了にしました")).to_be_visible()
    page.locator("#note-handover").fill("次年度は区の直営のため、引継ぎ先はありません")
    submit(page, "引継ぎは不要であることを確認しました")

    page.get_by_label("返却パッケージ").check()
    submit(page, "作成する")
    password = page.locator("#job-secret").inner_text().strip()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("をダウンロードする（")).click()
    files = zip_read(data=Path(info.value.path()).read_bytes(), password=password)
    manifest = json.loads(files.pop("manifest.json"))
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == {
        path: sha256_hex(data) for path, data in files.items()
    }
    assert PNG in files.values()

    page.get_by_role("link", name="契約の終了へ戻る").click()
    submit(page, re.compile("の受領を記録する"))
    page.get_by_label("確認のため、契約番号を入力してください").fill(site.contract.number)
    submit(page, "データを消去し、証明書を発行する")
    expect(page.get_by_role("heading", level=1)).to_have_text("データ消去証明書")
    expect(page.get_by_text("いずれの鍵でも復号できないことを確認済み")).to_be_visible()
    assert_accessible(page)
    # The attachment's encrypted file is gone too; its record stays, unreadable.
    assert Attachment.objects.filter(contract=site.contract).count() == 1
    assert not any((settings.ITAKU_FILES_DIR / "attachments").iterdir())
    page.goto(f"{base}/contracts/{site.contract.pk}/")
    expect(page.get_by_role("heading", name="ページが見つかりません")).to_be_visible()
