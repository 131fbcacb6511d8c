"""PI-6: attachments are checked by content, stored encrypted and opened only through the access
rule, each opening audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.privacy import domain
from itaku.privacy.models import Attachment
from itaku.privacy.services.attachments import attachment_add, attachment_list, attachment_open

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"0" * 64
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
    event = AuditEvent.objects.get(action="privacy.my_number_refused")
    assert "123456789018" not in str(event.changes)


def test_pi11_a_pdf_that_cannot_be_read_is_still_accepted_as_a_pdf(world):
    # Damaged or password-protected: its text cannot be checked (docs/security.md says so).
    attachment_add(actor=world.worker, access=world.access(world.worker), name="a.pdf", data=PDF)
    assert Attachment.objects.count() == 1
