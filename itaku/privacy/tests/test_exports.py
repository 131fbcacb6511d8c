"""PI-5, PI-18, IC-30: no personal data leaves as a file without the ward's approval; the file
is watermarked with who, when and why, and encrypted with a password shown once."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.documents.protect import WrongPassword, xlsx_decrypt, zip_read
from itaku.privacy import domain
from itaku.privacy.models import ExportPreapproval, ExportRequest
from itaku.privacy.services import exports as svc
from itaku.web.tests.helpers import DATE_RANGE, ODD_DATES, error_next_to

T0 = datetime(2026, 6, 15, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "approved_at", "now", "refused_because"),
    [
        ("requested", None, T0, "承認がない"),
        ("refused", T0, T0, "承認がない"),
        ("approved", T0, T0, None),
        ("approved", T0, T0 + timedelta(days=7), None),
        ("approved", T0, T0 + timedelta(days=7, seconds=1), "7日を過ぎた"),
        ("produced", T0, T0, "すでに作成しました"),
    ],
)
def test_pi18_when_an_export_file_may_be_made(state, approved_at, now, refused_because):
    problem = domain.export_may_produce(state=state, approved_at=approved_at, now=now)
    assert (problem is None) if refused_because is None else (refused_because in problem)


@pytest.mark.parametrize(
    ("state", "produced_at", "now", "refused_because"),
    [
        ("approved", None, T0, "まだ作成されていません"),
        ("produced", T0, T0 + timedelta(hours=24), None),
        ("produced", T0, T0 + timedelta(hours=24, seconds=1), "24時間"),
    ],
)
def test_pi18_when_an_export_file_may_be_downloaded(state, produced_at, now, refused_because):
    problem = domain.export_may_download(state=state, produced_at=produced_at, now=now)
    assert (problem is None) if refused_because is None else (refused_because in problem)


def request_roster(world, *, fmt="xlsx", by=None):
    by = by or world.manager
    return svc.export_request(
        actor=by,
        access=world.access(by),
        kind="roster",
        file_format=fmt,
        purpose="区への月次報告に添付するため",
    )


def approve(world, request):
    return svc.export_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        request_id=request.pk,
        approve=True,
    )


def produce(world, request):
    return svc.export_produce(
        actor=world.manager, access=world.access(world.manager), request_id=request.pk
    )


def download(world, request):
    return svc.export_download(
        actor=world.manager, access=world.access(world.manager), request_id=request.pk
    )


def test_pi18_an_export_without_approval_is_refused(world, frozen_today):
    request = request_roster(world)
    assert request.state == ExportRequest.State.REQUESTED
    with pytest.raises(PermissionDenied, match="承認がない"):
        produce(world, request)
    request.refresh_from_db()
    assert request.produced_at is None


def test_pi18_an_approved_export_is_an_encrypted_watermarked_workbook(world, frozen_today):
    request = approve(world, request_roster(world))
    made, password = produce(world, request)
    file = download(world, made)
    assert file.filename.endswith(".xlsx")
    worker_name = world.worker.get_full_name()
    assert worker_name.encode() not in file.data

    with pytest.raises(WrongPassword):
        xlsx_decrypt(data=file.data, password=password + "x")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_decrypt(data=file.data, password=password)))
    sheet = book.active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    watermark = cells[0]
    assert world.manager.get_full_name() in watermark
    assert "区への月次報告に添付するため" in watermark
    assert f"出力申請 #{made.pk}" in watermark
    assert "2026年6月15日" in watermark
    assert worker_name in cells
    assert "区への月次報告" in sheet.oddFooter.center.text + sheet.oddHeader.center.text
    assert made.row_count == world.contract.roster_entries.count()


def test_pi18_a_csv_export_comes_in_an_aes_zip(world, frozen_today):
    request = approve(world, request_roster(world, fmt="csv"))
    _, password = produce(world, request)
    file = download(world, request)
    [(name, content)] = zip_read(data=file.data, password=password).items()
    text = content.decode("utf-8-sig")
    assert name.endswith(".csv")
    assert world.manager.get_full_name() in text.splitlines()[0]
    assert world.worker.get_full_name() in text


def test_pi18_the_password_is_kept_nowhere(world, frozen_today):
    request = approve(world, request_roster(world))
    _, password = produce(world, request)
    from itaku.privacy.tests.test_keys import raw_dump

    assert password not in repr(raw_dump())
    assert not any(password in str(e.changes) for e in AuditEvent.objects.all())


def test_pi18_a_file_is_made_once(world, frozen_today):
    request = approve(world, request_roster(world))
    produce(world, request)
    with pytest.raises(PermissionDenied, match="すでに作成"):
        produce(world, request)


def test_pi18_nobody_approves_their_own_request(world, frozen_today):
    request = request_roster(world, by=world.supervisor)
    with pytest.raises(PermissionDenied, match="自分の申請"):
        approve(world, request)


def test_pi18_a_refusal_needs_a_reason_and_ends_the_request(world, frozen_today):
    request = request_roster(world)
    access = world.access(world.supervisor)
    with pytest.raises(ValidationError):
        svc.export_decide(
            actor=world.supervisor, access=access, request_id=request.pk, approve=False
        )
    svc.export_decide(
        actor=world.supervisor,
        access=access,
        request_id=request.pk,
        approve=False,
        note="目的が不明確",
    )
    with pytest.raises(PermissionDenied, match="承認がない"):
        produce(world, request)


def test_pi5_a_preapproval_approves_its_kind_at_once(world, frozen_today):
    from datetime import date

    svc.export_preapprove(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        kind="roster",
        valid_until=date(2026, 9, 30),
    )
    request = request_roster(world)
    assert request.state == ExportRequest.State.APPROVED and request.preapproval is not None
    produce(world, request)


def test_pi18_only_the_requester_downloads_and_only_for_a_day(world, frozen_today, time_machine):
    request = approve(world, request_roster(world))
    produce(world, request)
    with pytest.raises(Http404):
        svc.export_download(
            actor=world.supervisor, access=world.access(world.supervisor), request_id=request.pk
        )
    time_machine.shift(timedelta(hours=24, minutes=1))
    with pytest.raises(PermissionDenied, match="24時間"):
        download(world, request)
    assert svc.export_files_expire() == 1


def test_pi18_every_step_is_audited_without_the_password(world, frozen_today):
    request = approve(world, request_roster(world))
    produce(world, request)
    download(world, request)
    actions = list(
        AuditEvent.objects.filter(target_type="privacy.exportrequest", target_id=str(request.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "export.request",
        "export.approve",
        "export.produce",
        "export.download",
    ]


def test_pi5_a_worker_may_not_request_an_export(world):
    with pytest.raises(PermissionDenied):
        request_roster(world, by=world.worker)


def test_pi11_a_purpose_holding_a_my_number_is_refused(world):
    with pytest.raises(ValidationError):
        svc.export_request(
            actor=world.manager,
            access=world.access(world.manager),
            kind="roster",
            file_format="xlsx",
            purpose="123456789018 の確認",
        )


def test_pi5_an_outsider_gets_404_on_every_export_page(world, client, frozen_today):
    request = approve(world, request_roster(world))
    client.force_login(world.outsider)
    kw = {"contract_id": world.contract.pk}
    for name, extra in [
        ("privacy:export-list", {}),
        ("privacy:export-download", {"request_id": request.pk}),
    ]:
        assert client.get(reverse(name, kwargs={**kw, **extra})).status_code == 404
    for name in ["privacy:export-approve", "privacy:export-produce"]:
        url = reverse(name, kwargs={**kw, "request_id": request.pk})
        assert client.post(url).status_code == 404


def test_pi18_the_pages_take_a_request_through_approval_to_the_password(
    world, client, frozen_today
):
    kw = {"contract_id": world.contract.pk}
    client.force_login(world.manager)
    response = client.post(
        reverse("privacy:export-request", kwargs=kw),
        {"kind": "roster", "file_format": "xlsx", "purpose": ""},
    )
    assert response.status_code == 400
    assert "利用目的" in response.content.decode()
    client.post(
        reverse("privacy:export-request", kwargs=kw),
        {"kind": "roster", "file_format": "xlsx", "purpose": "監査対応"},
    )
    request = ExportRequest.objects.get()

    client.force_login(world.supervisor)
    client.post(reverse("privacy:export-approve", kwargs={**kw, "request_id": request.pk}))
    client.force_login(world.manager)
    page = client.post(reverse("privacy:export-produce", kwargs={**kw, "request_id": request.pk}))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
    password = page.context["password"]
    assert password in page.content.decode()
    listing = client.get(reverse("privacy:export-list", kwargs=kw)).content.decode()
    assert password not in listing


def test_pi18_the_daily_command_deletes_files_past_their_window(world, frozen_today, time_machine):
    from django.core.management import call_command

    request = approve(world, request_roster(world))
    produce(world, request)
    out = io.StringIO()
    call_command("export_files_expire", stdout=out)
    assert "削除した出力ファイル: 0" in out.getvalue()
    time_machine.shift(timedelta(days=2))
    call_command("export_files_expire", stdout=out)
    assert "削除した出力ファイル: 1" in out.getvalue()
    call_command("export_files_expire", stdout=out)  # nothing left to delete the next day
    assert out.getvalue().endswith("削除した出力ファイル: 0\n")


def test_ic30_the_supervisors_are_told_of_a_request_and_the_requester_of_the_approval(
    world, frozen_today, mailoutbox, django_capture_on_commit_callbacks
):
    from itaku.core.models import Notification

    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        request = request_roster(world)
    told = Notification.objects.get(kind="export_requested")
    assert told.recipient == world.supervisor
    assert told.link == f"/contracts/{world.contract.pk}/exports/"
    assert told.contract == world.contract  # the page names it; the e-mail does not
    [mail] = mailoutbox
    assert "区への月次報告" not in mail.body and world.manager.get_full_name() not in mail.body
    assert world.contract.title not in mail.subject + mail.body
    approve(world, request)
    approved = Notification.objects.get(kind="export_approved")
    assert (approved.recipient, approved.contract) == (world.manager, world.contract)


def test_pi18_a_print_export_is_a_watermarked_pdf_in_an_aes_zip(world, frozen_today):
    from pypdf import PdfReader

    request = approve(world, request_roster(world, fmt="pdf"))
    _, password = produce(world, request)
    file = download(world, request)
    [(name, content)] = zip_read(data=file.data, password=password).items()
    assert name.endswith(".pdf") and content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert world.worker.get_full_name() in text
    for page in reader.pages:  # the watermark is on every page
        page_text = page.extract_text()
        assert world.manager.get_full_name() in page_text
        assert f"出力申請 #{request.pk}" in page_text


@pytest.mark.parametrize("odd", ODD_DATES)
def test_pi5_an_odd_preapproval_date_is_an_error_next_to_the_field(
    world, client, frozen_today, odd
):
    client.force_login(world.supervisor)
    response = client.post(
        reverse("privacy:export-preapprove", kwargs={"contract_id": world.contract.pk}),
        {"kind": "roster", "valid_until": odd},
    )
    assert response.status_code == 400
    assert DATE_RANGE in error_next_to(response.content.decode(), "id_valid_until")
    assert not ExportPreapproval.objects.exists()


def test_pi5_a_preapproval_date_within_the_range_still_ends_with_the_period(
    world, client, frozen_today
):
    client.force_login(world.supervisor)
    response = client.post(
        reverse("privacy:export-preapprove", kwargs={"contract_id": world.contract.pk}),
        {"kind": "roster", "valid_until": "2100-12-31"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "有効期限は今日から履行期間の終わりまでです。" in error_next_to(page, "id_valid_until")
    assert not ExportPreapproval.objects.exists()
