"""PI-6: attachments are checked by content, stored encrypted and opened only through the access
rule, each opening audited."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.privacy import domain
from itaku.privacy.models import Attachment
from itaku.privacy.services.attachments import attachment_add, attachment_list, attachment_open
from itaku.privacy.tests.pdfs import pdf_of

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = pdf_of(("Consultation record 2026-0042", False))
MB = domain.MB


@pytest.mark.parametrize(
    ("detected", "size", "problem"),
    [
        ("image/jpeg", 1, None),
        ("image/jpeg", 20 * MB, None),
        ("image/jpeg", 20 * MB + 1, "20 MB"),
        ("audio/mp4", 100 * MB, None),
        ("audio/mp4", 100 * MB + 1, "100 MB"),
        ("application/pdf", 0, "空"),
        ("text/html", 10, "以外のファイルは添付できません"),
        ("application/x-msdownload", 10, "以外のファイルは添付できません"),
        (None, 10, "以外のファイルは添付できません"),
    ],
)
def test_pi6_attachment_type_and_size_rules(detected, size, problem):
    found = domain.attachment_problem(detected=detected, size=size)
    assert (found is None) if problem is None else (problem in found)


def test_pi6_an_attachment_is_stored_encrypted_and_opens_for_the_contract(world, settings):
    access = world.access(world.worker)
    attachment = attachment_add(
        actor=world.worker, access=access, name="相談記録_山田.pdf", data=PDF
    )
    stored = next((settings.ITAKU_FILES_DIR / "attachments").iterdir()).read_bytes()
    assert b"%PDF" not in stored and PDF[20:40] not in stored
    opened, data = attachment_open(
        actor=world.supervisor, access=world.access(world.supervisor), attachment_id=attachment.id
    )
    assert (opened.name, opened.content_type, data) == ("相談記録_山田.pdf", "application/pdf", PDF)
    assert AuditEvent.objects.filter(
        action="attachment.read", target_id=str(attachment.id), actor=world.supervisor
    ).exists()


def test_pi9_the_attachment_list_is_one_read_naming_each_attachment(world):
    added = [
        attachment_add(actor=world.worker, access=world.access(world.worker), name=n, data=PDF)
        for n in ("一.pdf", "二.pdf")
    ]
    listed = attachment_list(actor=world.supervisor, access=world.access(world.supervisor))
    assert {a.id for a in listed} == {a.id for a in added}
    read = AuditEvent.objects.get(action="attachment.read", actor=world.supervisor)
    assert sorted(read.changes["ids"]) == sorted(str(a.id) for a in added)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),  # the name lies
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 64),  # a Windows program
        ("empty.png", b""),
    ],
)
def test_pi6_a_file_that_is_not_what_it_claims_is_refused(world, name, data):
    with pytest.raises(ValidationError):
        attachment_add(actor=world.worker, access=world.access(world.worker), name=name, data=data)
    assert not Attachment.objects.exists()


def test_pi11_a_file_name_holding_a_my_number_is_refused(world):
    with pytest.raises(ValidationError):
        attachment_add(
            actor=world.worker,
            access=world.access(world.worker),
            name="123456789018.png",
            data=PNG,
        )


def test_pi6_a_nurse_may_not_add_or_open_attachments(world):
    with pytest.raises(PermissionDenied):
        attachment_add(actor=world.nurse, access=world.access(world.nurse), name="a.png", data=PNG)
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    with pytest.raises(Http404):
        attachment_open(
            actor=world.nurse, access=world.access(world.nurse), attachment_id=attachment.id
        )


def _url(name, world, attachment, contract=None):
    return reverse(
        f"privacy:attachment-{name}",
        kwargs={"contract_id": (contract or world.contract).pk, "attachment_id": attachment.id},
    )


def test_pi6_an_outsider_gets_404_for_the_list_the_page_and_the_file(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    client.force_login(world.outsider)
    for url in [
        reverse("privacy:attachment-list", kwargs={"contract_id": world.contract.pk}),
        _url("detail", world, attachment),
        _url("content", world, attachment),
    ]:
        assert client.get(url).status_code == 404


def test_pi6_an_attachment_of_another_contract_is_404(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    client.force_login(world.supervisor)
    for name in ("detail", "content"):
        url = _url(name, world, attachment, contract=world.other_contract)
        assert client.get(url).status_code == 404


def test_pi6_the_upload_page_saves_a_photo_and_its_page_shows_it_inline(
    world, client, frozen_today
):
    client.force_login(world.worker)
    url = reverse("privacy:attachment-add", kwargs={"contract_id": world.contract.pk})
    response = client.post(url, {"file": SimpleUploadedFile("写真.png", PNG)})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    page = client.get(_url("detail", world, attachment))
    assert page.status_code == 200
    assert f'<img id="attachment-image" src="{_url("content", world, attachment)}"' in (
        page.content.decode()
    )
    content = client.get(_url("content", world, attachment))
    assert content.status_code == 200
    assert content.content == PNG
    assert content["Content-Type"] == "image/png"
    assert content["Content-Disposition"] == "inline"
    assert {"no-store", "private"} <= {part.strip() for part in content["Cache-Control"].split(",")}
    assert content["X-Content-Type-Options"] == "nosniff"
    # A photo is never framed: the site-wide "nobody frames us" stays.
    assert "frame-ancestors 'none'" in content["Content-Security-Policy"]
    assert content["X-Frame-Options"] == "DENY"


def test_pi6_a_pdf_may_be_framed_by_the_site_itself_and_by_nobody_else(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="記録.pdf", data=PDF
    )
    client.force_login(world.supervisor)
    page = client.get(_url("detail", world, attachment))
    assert f'src="{_url("content", world, attachment)}#toolbar=0"' in page.content.decode()
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    content = client.get(_url("content", world, attachment))
    assert content["Content-Disposition"] == "inline"
    policy = content["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in policy
    assert content["X-Frame-Options"] == "SAMEORIGIN"


def test_pi6_a_recording_plays_in_the_page(world, client):
    from itaku.privacy.models import Attachment as Model

    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    Model.objects.filter(pk=attachment.pk).update(content_type="audio/mpeg")
    client.force_login(world.supervisor)
    page = client.get(_url("detail", world, attachment)).content.decode()
    assert f'<audio id="attachment-audio" src="{_url("content", world, attachment)}"' in page


def test_pi9_the_page_and_the_file_each_write_one_read_event(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    client.force_login(world.supervisor)
    reads = AuditEvent.objects.filter(action="attachment.read", actor=world.supervisor)
    for name in ("detail", "content", "content"):
        before = reads.count()
        assert client.get(_url(name, world, attachment)).status_code == 200
        assert reads.count() == before + 1
    assert reads.filter(target_id=str(attachment.id)).exists()


def test_pi5_the_file_opened_as_a_page_of_its_own_goes_to_the_attachment_page(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    client.force_login(world.supervisor)
    response = client.get(
        _url("content", world, attachment), headers={"Sec-Fetch-Dest": "document"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("detail", world, attachment)
    assert PNG not in response.content


def test_pi5_no_url_hands_out_an_attachment_to_save(world, client):
    from django.urls import NoReverseMatch

    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="写真.png", data=PNG
    )
    with pytest.raises(NoReverseMatch):
        reverse(
            "privacy:attachment-download",
            kwargs={"contract_id": world.contract.pk, "attachment_id": attachment.id},
        )
    client.force_login(world.supervisor)
    old = f"/contracts/{world.contract.pk}/attachments/{attachment.id}/"
    assert client.get(old).status_code == 404
    for name in ("detail", "content"):
        response = client.get(_url(name, world, attachment))
        assert not response.get("Content-Disposition", "").startswith("attachment")
        assert "写真" not in _url(name, world, attachment)


def test_pi6_a_refused_upload_says_why_next_to_the_field(world, client, frozen_today):
    client.force_login(world.worker)
    url = reverse("privacy:attachment-add", kwargs={"contract_id": world.contract.pk})
    response = client.post(url, {"file": SimpleUploadedFile("x.jpg", b"just text")})
    assert response.status_code == 400
    assert "以外のファイルは添付できません" in response.content.decode()


def test_pi11_a_pdf_whose_text_holds_a_my_number_is_refused_and_audited(world):
    from itaku.audit.models import AuditEvent
    from itaku.documents.pdf import html_to_pdf

    access = world.access(world.worker)
    clean = html_to_pdf(html="<p>相談記録：来庁者の申出を記録した。受付番号 2026-0042</p>")
    attachment_add(actor=world.worker, access=access, name="記録.pdf", data=clean)
    holding = html_to_pdf(html="<p>本人確認書類の写し 番号 1234 5678 9018</p>")
    with pytest.raises(ValidationError, match="個人番号"):
        attachment_add(actor=world.worker, access=access, name="写し.pdf", data=holding)
    assert Attachment.objects.count() == 1
    event = AuditEvent.objects.get(action="my_number.refuse")
    assert "123456789018" not in str(event.changes)


def encrypted(data: bytes, *, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# PI-11 … PI-16: a PDF whose text cannot be read is refused, saying why and what to do.
@pytest.mark.parametrize(
    ("data", "refused_because"),
    [
        pytest.param(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"0" * 64,
            "作成したソフトで保存し直して",
            id="damaged",
        ),
        pytest.param(encrypted(PDF, password="secret"), "パスワードを外した", id="a-password"),
        pytest.param(pdf_of(("", True)), "写真(JPEG・PNG)として添付", id="a-scan"),
        pytest.param(pdf_of(("", True), ("", True)), "スキャンした画像だけのPDF", id="a-long-scan"),
        pytest.param(pdf_of(("", False)), "文字を読み取れないPDF", id="no-text-at-all"),
        pytest.param(
            pdf_of(("Consultation record", False), ("", True)),
            "2ページ目は文字を読み取れない",
            id="a-scanned-page-in-a-typed-pdf",
        ),
        pytest.param(
            pdf_of(*[("page", False)] * (domain.PDF_MAX_PAGES + 1)),
            "200ページを超える",
            id="too-long-to-check",
        ),
    ],
)
def test_pi11_a_pdf_whose_text_cannot_be_read_is_refused_with_the_reason(
    world, data, refused_because
):
    with pytest.raises(ValidationError) as refused:
        attachment_add(
            actor=world.worker, access=world.access(world.worker), name="a.pdf", data=data
        )
    [message] = refused.value.message_dict["file"]
    assert refused_because in message and "個人番号(マイナンバー)" in message
    assert not Attachment.objects.exists()


def test_pi11_a_pdf_that_opens_without_a_password_is_read_and_checked(world):
    access = world.access(world.worker)
    attachment_add(
        actor=world.worker, access=access, name="a.pdf", data=encrypted(PDF, password="")
    )
    holding = encrypted(pdf_of(("No. 1234 5678 9018", False)), password="")
    with pytest.raises(ValidationError, match="個人番号"):
        attachment_add(actor=world.worker, access=access, name="b.pdf", data=holding)
    assert Attachment.objects.count() == 1


def test_pi11_a_my_number_split_over_two_pages_is_refused(world):
    data = pdf_of(("Number 1234 5678", False), ("9018 copied", False))
    with pytest.raises(ValidationError, match="個人番号"):
        attachment_add(
            actor=world.worker, access=world.access(world.worker), name="a.pdf", data=data
        )


def test_pi11_a_refused_pdf_says_why_next_to_the_field(world, client, frozen_today):
    client.force_login(world.worker)
    url = reverse("privacy:attachment-add", kwargs={"contract_id": world.contract.pk})
    scan = SimpleUploadedFile("scan.pdf", pdf_of(("", True)), content_type="application/pdf")
    response = client.post(url, {"file": scan})
    assert response.status_code == 400
    assert "スキャンした画像だけのPDF" in response.content.decode()
