"""IC-24: the monthly implementation report from the recorded days (figures, page, files made by
jobs run for real, the submission meeting the obligation), the access rule (404 for an outsider
and another contract), bounded queries, and the rosters as export kinds without health data."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from itaku.audit.models import AuditEvent
from itaku.core.services.obligations import obligation_items_schedule
from itaku.documents.pdf import pdf_text
from itaku.ichou.day.models import ActivityDay
from itaku.ichou.day.tests.helpers import activity_day, participant
from itaku.ichou.programme.models import Activity
from itaku.ichou.reports import selectors, services
from itaku.ichou.reports.tests.helpers import checkin, recorded_day
from itaku.jobs.models import Job
from itaku.privacy import exports
from itaku.privacy.files import file_read

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def _month(activity: Activity) -> tuple[int, int]:
    return activity.date.year, activity.date.month


def _urls(world, year: int, month: int) -> dict[str, str]:
    c = world.contract.pk
    return {
        "index": reverse("ichou:report-index", args=[c]),
        "month": reverse("ichou:report-month", args=[c, year, month]),
        "xlsx": reverse("ichou:report-export", args=[c, year, month, "xlsx"]),
        "pdf": reverse("ichou:report-export", args=[c, year, month, "pdf"]),
        "submit": reverse("ichou:report-submit", args=[c, year, month]),
        "acknowledge": reverse("ichou:report-acknowledge", args=[c, year, month]),
    }


def test_ic24_the_month_is_counted_from_the_recorded_days(world):
    activity, _ = recorded_day(world, participants=3)
    year, month = _month(activity)
    data = selectors.month_data(access=world.access(world.supervisor), year=year, month=month)
    [item] = [
        a
        for a in data["activities"]
        if a["date"] == activity.date.isoformat()
        and a["group_label"] == "第1グループ"
        and a["kind_label"] == "通常活動"
    ]
    [row] = item["rows"]
    assert (row["expected"], row["present"], row["absent"]) == (3, 2, 1)
    # the manager, the nurse and the volunteer (18 or over) present; one accident
    assert (item["staff"], item["nurses"], item["volunteers"], item["accidents"]) == (3, 1, 1, 1)
    assert data["totals"]["accidents"] == 1


def test_ic24_a_cancelled_activity_is_shown_as_cancelled(world):
    activity, _ = recorded_day(world, participants=2)
    Activity.objects.filter(pk=activity.pk).update(cancelled_for_weather=True)
    year, month = _month(activity)
    data = selectors.month_data(access=world.access(world.manager), year=year, month=month)
    [item] = [a for a in data["activities"] if a["cancelled"]]
    assert item["present"] == 0 and item["staff"] == 0
    assert data["totals"]["cancelled"] == 1


def test_pi2_an_outsider_and_another_contract_get_404_on_every_report_page_and_post(client, world):
    activity, _ = activity_day(world, participants=1)
    urls = _urls(world, *_month(activity))
    for user in (world.outsider, world.worker, world.volunteer):
        client.force_login(user)
        for name, url in urls.items():
            # the POST-only addresses send a GET back to the month's page, itself a 404
            assert client.get(url, follow=True).status_code == 404, (user, name)
            assert client.post(url).status_code == 404, (user, name)
    client.force_login(world.manager)
    other = world.other_contract.pk
    assert client.get(reverse("ichou:report-index", args=[other])).status_code == 404
    assert (
        client.post(reverse("ichou:report-export", args=[other, 2026, 6, "pdf"])).status_code == 404
    )
    assert Job.objects.count() == 0


def test_ic24_a_month_outside_the_period_or_an_unknown_format_is_404(client, world):
    activity_day(world, participants=0)
    client.force_login(world.manager)
    c = world.contract.pk
    assert client.get(reverse("ichou:report-month", args=[c, 2019, 6])).status_code == 404
    assert client.get(reverse("ichou:report-month", args=[c, 2026, 13])).status_code == 404
    assert client.post(reverse("ichou:report-export", args=[c, 2026, 6, "doc"])).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_ic24_the_month_page_does_not_grow_with_activities_or_people(client, world):
    activity, people = activity_day(world, participants=5)
    year, month = _month(activity)
    # four more activities of group 1 in the month (made directly: the rules are not the point)
    others = []
    for day in (1, 2, 3, 4):
        other = Activity.objects.get(pk=activity.pk)
        other.pk = None
        other.date = activity.date.replace(day=day)
        other.save()
        others.append(other)
    client.force_login(world.supervisor)
    url = _urls(world, year, month)["month"]
    checkin(world, activity, participant=people[0])
    checkin(world, activity, user=world.nurse)
    one = _queries(client, url)
    for p in people[1:]:
        checkin(world, activity, participant=p)
    checkin(world, activity, user=world.volunteer)
    for other in others:
        for p in people:
            checkin(world, other, participant=p)
    assert ActivityDay.objects.count() == 1 + len(others)
    assert _queries(client, url) == one


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("pdf", b"%PDF-")])
def test_ic24_the_month_files_are_made_by_a_job_run_for_real(client, world, fmt, magic):
    activity, _ = recorded_day(world, participants=3)
    year, month = _month(activity)
    client.force_login(world.supervisor)
    response = client.post(_urls(world, year, month)[fmt])
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[world.contract.pk, job.pk])
    assert job.state == Job.State.DONE and job.percent == 100
    assert job.params == {"year": year, "month": month}
    assert job.file_name == f"実施報告-{year}-{month:02d}.{fmt}"
    assert file_read(kind="jobs", name=str(job.pk)).startswith(magic)
    download = client.get(reverse("jobs:download", args=[world.contract.pk, job.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert content.startswith(magic)
    assert AuditEvent.objects.filter(action="job.download").exists()
    page = client.get(_urls(world, year, month)["month"])
    assert reverse("jobs:download", args=[world.contract.pk, job.pk]) in page.content.decode()
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(content))
        sheet = book["実施報告"]
        assert sheet["A1"].value.startswith("いちょう学級 月ごとの実施報告(令和8年")
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert ["令和8年" in str(r[0]) and r[1] == "通常活動" and r[5] == 2 for r in values].count(
            True
        ) >= 1
        chart_sheet = book["出席"]
        assert len(chart_sheet._charts) == 1
        assert (
            chart_sheet["A1"].value == "活動・グループごとの出席"
            or chart_sheet["B1"].value == "出席"
        )
    else:
        text = pdf_text(data=content) or ""
        assert "月ごとの実施報告" in text and "令和8年" in text


PDFFONTS, PDFTOPPM = shutil.which("pdffonts"), shutil.which("pdftoppm")


@pytest.mark.skipif(PDFFONTS is None or PDFTOPPM is None, reason="poppler-utils not installed")
def test_ic24_the_pdf_embeds_its_japanese_font_and_draws_a_page(world, tmp_path):
    from itaku.ichou.reports import documents

    activity, _ = recorded_day(world, participants=3)
    year, month = _month(activity)
    data = selectors.month_data(access=world.access(world.manager), year=year, month=month)
    path = tmp_path / "report.pdf"
    path.write_bytes(documents.monthly_pdf(data, contract=world.contract))
    fonts = subprocess.run(  # noqa: S603 - a fixed tool on a file made here
        [PDFFONTS, str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto-Sans-CJK-JP" in fonts and " yes " in fonts
    subprocess.run(  # noqa: S603
        [PDFTOPPM, "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    assert list(tmp_path.glob("page*.png"))


def test_ic24_submitting_the_month_meets_the_obligation_and_freezes_the_figures(client, world):
    activity, _ = recorded_day(world, participants=3)
    year, month = _month(activity)
    obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=activity.date.replace(day=28)
    )
    item = selectors.obligation_item_for(access=world.access(world.manager), year=year, month=month)
    assert item is not None and item.due_date.day == 10 and item.due_date.month == month % 12 + 1
    client.force_login(world.manager)
    urls = _urls(world, year, month)
    assert "確認して区へ提出する" in client.get(urls["month"]).content.decode()
    response = client.post(urls["submit"])
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.submitted_at is not None
    event = AuditEvent.objects.get(action="ic_monthly_report.submit")
    assert event.changes["late"] is False and event.changes["year"] == year
    # frozen: a check-in recorded later does not change the submitted report
    other = participant(world, 9)
    checkin(world, activity, participant=other)
    report, data = selectors.month_shown(access=world.access(world.manager), year=year, month=month)
    assert report is not None
    [item_data] = [
        a
        for a in data["activities"]
        if a["date"] == activity.date.isoformat()
        and a["group_label"] == "第1グループ"
        and a["kind_label"] == "通常活動"
    ]
    assert item_data["present"] == 2
    page = client.get(urls["month"]).content.decode()
    assert "確認して区へ提出する" not in page and "提出済み" in page
    with pytest.raises(Exception, match="提出済み"):
        services.monthly_report_submit(
            actor=world.manager, access=world.access(world.manager), year=year, month=month
        )


def test_ic24_the_ward_acknowledges_on_the_report_page_not_by_the_generic_button(client, world):
    activity, _ = recorded_day(world, participants=3)
    year, month = _month(activity)
    obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=activity.date.replace(day=28)
    )
    item = selectors.obligation_item_for(access=world.access(world.manager), year=year, month=month)
    urls = _urls(world, year, month)
    contract_page = reverse("core:contract-detail", args=[world.contract.pk])
    generic = reverse("core:obligation-item-act", args=[world.contract.pk, item.pk, "submit"])
    client.force_login(world.manager)
    # The contract page leads to the report's page; its generic button is refused there, so
    # no month is marked submitted without its frozen figures.
    page = client.get(contract_page).content.decode()
    assert urls["index"] in page and generic not in page
    assert client.post(generic).status_code == 302
    item.refresh_from_db()
    assert item.submitted_at is None
    # Before submission there is nothing to acknowledge.
    client.force_login(world.supervisor)
    assert "受領を確認する" not in client.get(urls["month"]).content.decode()
    with pytest.raises(Exception, match="まだ提出されていません"):
        services.monthly_report_acknowledge(
            actor=world.supervisor, access=world.access(world.supervisor), year=year, month=month
        )
    client.force_login(world.manager)
    assert client.post(urls["submit"]).status_code == 302
    assert client.post(urls["acknowledge"]).status_code in (403, 404)
    client.force_login(world.supervisor)
    assert "実施報告の受領を確認する" in client.get(urls["month"]).content.decode()
    assert client.post(urls["acknowledge"]).status_code == 302
    item.refresh_from_db()
    assert item.acknowledged_at is not None and item.acknowledged_by == world.supervisor
    assert AuditEvent.objects.filter(action="obligation_item.acknowledge").count() == 1
    page = client.get(urls["month"]).content.decode()
    assert 'data-acknowledged="yes"' in page and "実施報告の受領を確認する" not in page


def test_ic24_the_supervisor_cannot_submit_and_no_item_no_submission(client, world):
    activity, _ = activity_day(world, participants=0)
    year, month = _month(activity)
    with pytest.raises(Exception, match="予定されていません"):
        services.monthly_report_submit(
            actor=world.manager, access=world.access(world.manager), year=year, month=month
        )
    client.force_login(world.supervisor)
    assert client.post(_urls(world, year, month)["submit"]).status_code in (403, 404)


# ---- rosters ----------------------------------------------------------------------------------


def test_ic24_the_rosters_are_export_kinds():
    keys = {k.key: k for k in exports.kinds()}
    assert {"ic_participants_roster", "ic_staff_roster"} <= set(keys)
    assert keys["ic_participants_roster"].table is not None


def test_ic24_the_participants_roster_has_no_health_or_contact_field(world):
    from itaku.ichou.participants.models import Participant
    from itaku.ichou.reports import rosters

    _, people = activity_day(world, participants=2)
    p = people[1]
    p.support_needs, p.higher_risk, p.guardian_phone = "見守り", "ぜんそく", "03-0000-1111"
    p.save()
    columns, rows = rosters.participants_table(world.access(world.manager))
    assert columns == ["番号", "氏名", "ふりがな", "グループ", "生年月日", "帰り方"]
    labels = {Participant._meta.get_field(f).verbose_name for f in rosters.LEFT_OUT}
    assert not labels & set(columns)
    flat = " ".join(str(v) for row in rows for v in row)
    assert "参加0 花子" in flat and "第1グループ" in flat and "平成7年5月1日" in flat
    for secret in ("そば", "てんかん", "見守り", "ぜんそく", "03-0000-1111", "090-1111"):
        assert secret not in flat


def test_ic24_the_staff_roster_names_roles_and_licences(world):
    from itaku.ichou.programme.tests.helpers import make_ichou
    from itaku.ichou.reports import rosters

    make_ichou(world)
    columns, rows = rosters.staff_table(world.access(world.supervisor))
    assert columns[3:5] == ["役割", "免許・資格・経験"]
    assert any(r[3] == "看護師" and "看護師免許" in r[4] for r in rows)


def test_ic24_the_contract_page_links_the_monthly_reports(client, world):
    activity_day(world, participants=0)
    client.force_login(world.supervisor)
    page = client.get(reverse("core:contract-detail", args=[world.contract.pk])).content.decode()
    assert reverse("ichou:report-index", args=[world.contract.pk]) in page
    index = client.get(reverse("ichou:report-index", args=[world.contract.pk])).content.decode()
    assert reverse("ichou:report-month", args=[world.contract.pk, 2026, 6]) in index


@pytest.mark.parametrize(
    ("kind", "expect"),
    [("ic_participants_roster", "参加1 花子"), ("ic_staff_roster", "看護師免許")],
)
def test_ic24_a_roster_leaves_only_through_an_approved_export(world, kind, expect):
    from django.core.exceptions import PermissionDenied

    from itaku.documents.protect import xlsx_decrypt
    from itaku.privacy.services import exports as svc

    activity_day(world, participants=2)
    manager, supervisor = world.manager, world.supervisor
    assert kind in {k.key for k in svc.export_kinds_requestable(access=world.access(manager))}
    request = svc.export_request(
        actor=manager,
        access=world.access(manager),
        kind=kind,
        file_format="xlsx",
        purpose="区へ名簿を提出するため",
    )
    with pytest.raises(PermissionDenied):
        svc.export_produce(actor=manager, access=world.access(manager), request_id=request.pk)
    svc.export_decide(
        actor=supervisor, access=world.access(supervisor), request_id=request.pk, approve=True
    )
    made, password = svc.export_produce(
        actor=manager, access=world.access(manager), request_id=request.pk
    )
    file = svc.export_download(actor=manager, access=world.access(manager), request_id=made.pk)
    book = load_workbook(io.BytesIO(xlsx_decrypt(data=file.data, password=password)))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value)
    assert expect in cells
    assert "そば" not in cells and "てんかん" not in cells
