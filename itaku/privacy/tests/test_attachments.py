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
from itaku.privacy.services.attachments import attachment_add, attachment_open
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
        action="read", target_id=str(attachment.id), actor=world.supervisor
    ).exists()


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


def test_pi6_an_outsider_gets_404_for_the_list_and_the_file(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    client.force_login(world.outsider)
    for url in [
        reverse("privacy:attachment-list", kwargs={"contract_id": world.contract.pk}),
        reverse(
            "privacy:attachment-download",
            kwargs={"contract_id": world.contract.pk, "attachment_id": attachment.id},
        ),
    ]:
        assert client.get(url).status_code == 404


def test_pi6_an_attachment_of_another_contract_is_404(world, client):
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="a.png", data=PNG
    )
    client.force_login(world.supervisor)
    url = reverse(
        "privacy:attachment-download",
        kwargs={"contract_id": world.other_contract.pk, "attachment_id": attachment.id},
    )
    assert client.get(url).status_code == 404


def test_pi6_the_upload_page_saves_a_photo_and_serves_it_as_a_download(world, client, frozen_today):
    client.force_login(world.worker)
    url = reverse("privacy:attachment-add", kwargs={"contract_id": world.contract.pk})
    response = client.post(url, {"file": SimpleUploadedFile("写真.png", PNG)})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    download = client.get(
        reverse(
            "privacy:attachment-download",
            kwargs={"contract_id": world.contract.pk, "attachment_id": attachment.id},
        )
    )
    assert download.status_code == 200
    assert download.content == PNG
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


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
