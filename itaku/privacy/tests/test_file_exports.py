"""PI-5, PI-18: a copy of an attachment leaves only as an export: asked for by id with a purpose,
approved by a ward supervisor who is not the requester, made once as the original in an AES-256
zip with the watermark (stamped on a PDF's pages, and in a text file next to any file), downloaded
by the requester only."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from pypdf import PdfReader

from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_START, make_user
from itaku.core import domain, services
from itaku.documents.pdf import html_to_pdf
from itaku.documents.protect import WrongPassword, zip_read
from itaku.privacy.models import ExportRequest
from itaku.privacy.services import exports as svc
from itaku.privacy.services.attachments import attachment_add
from itaku.privacy.services.exports import WATERMARK_FILE
from itaku.privacy.tests.test_attachments import PNG

PURPOSE = "区の監査に写真の写しを提出するため"


@pytest.fixture
def second_supervisor(world):
    user = make_user("supervisor2", world.contract.department)
    services.ward_role_grant(
        actor=world.admin,
        contract=world.contract,
        person=user.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=PERIOD_START,
    )
    return user


def _attach(world, name, data):
    return attachment_add(
        actor=world.worker, access=world.access(world.worker), name=name, data=data
    )


def _request(client, world, attachment, purpose=PURPOSE):
    return client.post(
        reverse("privacy:export-request", kwargs={"contract_id": world.contract.pk}),
        {"kind": "attachment", "attachment": str(attachment.id), "purpose": purpose},
    )


def _through_approval(client, world, requester, approver, attachment):
    """Request as ``requester``, approve as ``approver``, make the file; the request and the
    password."""
    kw = {"contract_id": world.contract.pk}
    client.force_login(requester)
    assert _request(client, world, attachment).status_code == 302
    request = ExportRequest.objects.get()
    assert (request.kind, request.file_format) == ("attachment", "zip")
    assert request.parameters == {"attachment": str(attachment.id)}
    client.force_login(approver)
    client.post(reverse("privacy:export-approve", kwargs={**kw, "request_id": request.pk}))
    client.force_login(requester)
    page = client.post(reverse("privacy:export-produce", kwargs={**kw, "request_id": request.pk}))
    assert page.status_code == 200
    request.refresh_from_db()
    return request, page.context["password"]


def test_pi18_a_photo_is_copied_in_an_aes_zip_with_its_watermark_after_another_supervisor_approves(
    world, client, frozen_today, second_supervisor
):
    attachment = _attach(world, "現場写真_山田.png", PNG)
    request, password = _through_approval(
        client, world, world.supervisor, second_supervisor, attachment
    )
    assert request.state == ExportRequest.State.PRODUCED
    assert request.decided_by == second_supervisor

    response = client.get(
        reverse(
            "privacy:export-download",
            kwargs={"contract_id": world.contract.pk, "request_id": request.pk},
        )
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert "山田" not in response["Content-Disposition"]
    data = response.content
    with pytest.raises(WrongPassword):
        zip_read(data=data, password=password + "x")
    files = zip_read(data=data, password=password)
    assert set(files) == {f"attachment-{world.contract.number}-{request.pk}.png", WATERMARK_FILE}
    assert PNG in files.values()
    mark = files[WATERMARK_FILE].decode("utf-8-sig")
    assert world.supervisor.get_full_name() in mark
    assert PURPOSE in mark and f"出力申請 #{request.pk}" in mark and "2026年6月15日" in mark
    assert not any("山田" in name for name in files)


def test_pi18_a_pdf_copy_carries_the_watermark_on_every_page(world, frozen_today):
    pdf = html_to_pdf(html="<p>1ページ目</p><p style='break-before: page'>2ページ目</p>")
    attachment = _attach(world, "記録.pdf", pdf)
    made = svc.export_request(
        actor=world.manager,
        access=world.access(world.manager),
        kind="attachment",
        file_format="",
        purpose=PURPOSE,
        parameters={"attachment": str(attachment.id)},
    )
    svc.export_decide(
        actor=world.supervisor, access=world.access(world.supervisor), request_id=made.pk,
        approve=True,
    )  # fmt: skip
    _, password = svc.export_produce(
        actor=world.manager, access=world.access(world.manager), request_id=made.pk
    )
    file = svc.export_download(
        actor=world.manager, access=world.access(world.manager), request_id=made.pk
    )
    files = zip_read(data=file.data, password=password)
    [copy] = [content for name, content in files.items() if name.endswith(".pdf")]
    pages = PdfReader(io.BytesIO(copy)).pages
    assert len(pages) == 2
    for page in pages:
        text = page.extract_text()
        assert world.manager.get_full_name() in text and f"出力申請 #{made.pk}" in text
    assert WATERMARK_FILE in files


def test_pi18_the_copy_is_for_the_requester_only(world, client, frozen_today, second_supervisor):
    attachment = _attach(world, "写真.png", PNG)
    request, _ = _through_approval(client, world, world.manager, world.supervisor, attachment)
    for other in (world.supervisor, second_supervisor):
        with pytest.raises(Http404):
            svc.export_download(actor=other, access=world.access(other), request_id=request.pk)
        client.force_login(other)
        url = reverse(
            "privacy:export-download",
            kwargs={"contract_id": world.contract.pk, "request_id": request.pk},
        )
        assert client.get(url).status_code == 404


def test_pi18_nobody_approves_their_own_copy(world, client, frozen_today):
    attachment = _attach(world, "写真.png", PNG)
    client.force_login(world.supervisor)
    _request(client, world, attachment)
    request = ExportRequest.objects.get()
    with pytest.raises(PermissionDenied, match="自分の申請"):
        svc.export_decide(
            actor=world.supervisor, access=world.access(world.supervisor),
            request_id=request.pk, approve=True,
        )  # fmt: skip


def test_pi5_a_copy_names_an_attachment_of_its_own_contract(world, client, frozen_today):
    services.ward_role_grant(
        actor=world.admin,
        contract=world.other_contract,
        person=world.supervisor.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=PERIOD_START,
    )
    elsewhere = attachment_add(
        actor=world.supervisor,
        access=world.access(world.supervisor, world.other_contract),
        name="別契約.png",
        data=PNG,
    )
    client.force_login(world.manager)
    assert _request(client, world, elsewhere).status_code == 404
    assert not ExportRequest.objects.exists()


def test_pi5_a_worker_views_but_may_not_ask_for_a_copy(world, client, frozen_today):
    attachment = _attach(world, "写真.png", PNG)
    client.force_login(world.worker)
    page = client.get(
        reverse(
            "privacy:attachment-detail",
            kwargs={"contract_id": world.contract.pk, "attachment_id": attachment.id},
        )
    )
    assert page.status_code == 200
    assert "出力を申請する" not in page.content.decode()
    assert _request(client, world, attachment).status_code in (403, 404)
    assert not ExportRequest.objects.exists()


def test_pi18_a_refused_copy_request_is_asked_again_with_the_attachment_kept(
    world, client, frozen_today
):
    attachment = _attach(world, "写真.png", PNG)
    client.force_login(world.manager)
    response = _request(client, world, attachment, purpose="")
    assert response.status_code == 400
    body = response.content.decode()
    assert f'name="attachment" value="{attachment.id}"' in body
    assert "利用目的" in body


def test_pi9_producing_the_copy_is_audited(world, client, frozen_today):
    attachment = _attach(world, "写真.png", PNG)
    request, password = _through_approval(
        client, world, world.manager, world.supervisor, attachment
    )
    produced = AuditEvent.objects.get(action="export.produce", target_id=str(request.pk))
    assert produced.changes["rows"] == 1
    assert password not in str(produced.changes)
    requested = AuditEvent.objects.get(action="export.request")
    assert requested.changes["parameters"] == {"attachment": str(attachment.id)}
