"""The reports' pages, files, jobs and API: the manager submits, the ward acknowledges; the
month's Excel (native charts) and PDF (fonts embedded, a page with ink) made by jobs run for
real, the day's as the month's; an outsider gets 404 on every page and endpoint."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from itaku.audit.models import AuditEvent
from itaku.core import services as core_services
from itaku.jobs.models import Job
from itaku.privacy.files import file_read
from itaku.support_office.reports import documents, selectors
from itaku.support_office.reports.models import DailyReport, MonthlyReport, ReportState
from itaku.support_office.reports.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

FRIDAY = date(2026, 6, 12)
PDFFONTS, PDFTOPPM = shutil.which("pdffonts"), shutil.which("pdftoppm")
API = "/api/v1/support-office"


@pytest.fixture
def w(world):
    f.schedule(world)
    for day, kind in [(1, "emergency"), (4, "sit_in"), (12, "field_visit")]:
        f.request(world, requested_at=f.at(date(2026, 5, day), 10), kind=kind)
    f.request(world, requested_at=f.at(date(2026, 4, 3), 10))
    f.request(world, requested_at=f.at(FRIDAY, 10), after_hours_minutes=20)
    f.training(world, held_on=date(2026, 5, 20))
    return world


def page_urls(world) -> dict[str, str]:
    c = world.contract.pk
    return {
        "reports": reverse("support_office:reports", args=[c]),
        "daily": reverse("support_office:daily-report", args=[c, FRIDAY.isoformat()]),
        "monthly": reverse("support_office:monthly-report", args=[c, 2026, 5]),
        "adhoc": reverse("support_office:adhoc-list", args=[c]),
    }


def post_urls(world) -> dict[str, str]:
    c = world.contract.pk
    return {
        "daily-submit": reverse("support_office:daily-submit", args=[c, "2026-06-12"]),
        "daily-ack": reverse("support_office:daily-acknowledge", args=[c, "2026-06-12"]),
        "monthly-submit": reverse("support_office:monthly-submit", args=[c, 2026, 5]),
        "monthly-ack": reverse("support_office:monthly-acknowledge", args=[c, 2026, 5]),
        "confirm": reverse("support_office:performance-confirm", args=[c, 2026, 5]),
        "export": reverse("support_office:monthly-export", args=[c, 2026, 5, "xlsx"]),
        "daily-xlsx": reverse("support_office:daily-export", args=[c, "2026-06-12", "xlsx"]),
        "daily-pdf": reverse("support_office:daily-export", args=[c, "2026-06-12", "pdf"]),
        "adhoc-new": reverse("support_office:adhoc-record", args=[c]),
    }


# ---- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reports", "daily", "monthly", "adhoc"])
def test_an_outsider_gets_404_on_every_page(client, w, name):
    client.force_login(w.outsider)
    assert client.get(page_urls(w)[name]).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "daily-submit",
        "daily-ack",
        "monthly-submit",
        "monthly-ack",
        "confirm",
        "export",
        "daily-xlsx",
        "daily-pdf",
        "adhoc-new",
    ],
)
def test_an_outsider_gets_404_on_every_post(client, w, name):
    client.force_login(w.outsider)
    assert client.post(post_urls(w)[name], {"remarks": "x", "amount": "1"}).status_code == 404


def test_an_outsider_gets_404_on_the_ad_hoc_report_page(client, w):
    from itaku.support_office.reports import services

    report = services.adhoc_report_record(
        actor=w.manager, access=w.access(w.manager), title="報告", body="内容"
    )
    client.force_login(w.outsider)
    url = reverse("support_office:adhoc-detail", args=[w.contract.pk, report.pk])
    assert client.get(url).status_code == 404
    client.force_login(w.supervisor)
    assert "内容" in client.get(url).content.decode()
    assert AuditEvent.objects.filter(action="ad_hoc_report.read").exists()


@pytest.mark.parametrize("user", ["supervisor", "manager", "auditor"])
def test_every_page_opens_for_the_ward_and_the_manager(client, w, user):
    client.force_login(w.user(user))
    for name, url in page_urls(w).items():
        assert client.get(url).status_code == 200, name


def test_so13_the_manager_submits_the_day_and_the_supervisor_acknowledges_it(client, w):
    urls = page_urls(w) | post_urls(w)
    client.force_login(w.manager)
    page = client.get(urls["daily"]).content.decode()
    assert "確認して区へ提出する" in page and 'data-clause="SO-13"' in page
    response = client.post(urls["daily-submit"], {"remarks": "特記なし"})
    assert response.status_code == 302
    assert DailyReport.objects.get(day=FRIDAY).state == ReportState.SUBMITTED
    client.force_login(w.supervisor)
    assert "受領を確認する" in client.get(urls["daily"]).content.decode()
    client.post(urls["daily-ack"])
    assert DailyReport.objects.get(day=FRIDAY).state == ReportState.ACKNOWLEDGED


def test_so13_a_long_remark_is_refused_next_to_the_field_and_kept(client, w):
    client.force_login(w.manager)
    response = client.post(post_urls(w)["daily-submit"], {"remarks": "長" * 2001})
    assert response.status_code == 400
    assert response.context["form"].errors["remarks"]
    assert not DailyReport.objects.exists()


def test_so16_the_supervisor_confirms_the_month_after_it_is_submitted(client, w):
    urls = page_urls(w) | post_urls(w)
    client.force_login(w.supervisor)
    assert client.post(urls["confirm"], {"amount": "100"}).status_code == 400
    client.force_login(w.manager)
    client.post(urls["monthly-submit"], {"remarks": ""})
    assert MonthlyReport.objects.get(month=5).state == ReportState.SUBMITTED
    client.force_login(w.supervisor)
    assert "この月の履行を確認する" in client.get(urls["monthly"]).content.decode()
    assert client.post(urls["confirm"], {"amount": "980000"}).status_code == 302
    assert "980000円" in client.get(urls["monthly"]).content.decode()


def queries(client, url) -> int:
    """How many queries a page takes (the request signals reset Django's own query log)."""
    count = 0

    def counting(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        assert client.get(url).status_code == 200
    return count


def test_the_reports_list_takes_a_fixed_number_of_queries(client, w):
    client.force_login(w.manager)
    url = page_urls(w)["reports"]
    client.get(url)
    few = queries(client, url)
    for day in ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04"]:
        client.post(reverse("support_office:daily-submit", args=[w.contract.pk, day]), {})
    assert DailyReport.objects.count() == 4
    assert queries(client, url) <= few


def test_the_monthly_page_takes_a_fixed_number_of_queries(client, w):
    client.force_login(w.manager)
    url = page_urls(w)["monthly"]
    client.get(url)
    few = queries(client, url)
    for i in range(30):
        f.request(w, requested_at=f.at(date(2026, 5, 1 + i % 28), 11))
    assert queries(client, url) <= few


# ---- files ------------------------------------------------------------------------------------


def month_data(w):
    return selectors.monthly_report_data(access=w.access(w.manager), year=2026, month=5)


def test_so14_the_monthly_excel_has_its_sheets_and_native_charts(w):
    book = load_workbook(io.BytesIO(documents.monthly_xlsx(month_data(w))))
    assert book.sheetnames == ["月報", "推移"]
    report, trend = book["月報"], book["推移"]
    assert report["A1"].value == "安心対応サポート室 月報 令和8年5月分"
    assert [type(c).__name__ for c in report._charts] == ["BarChart"]
    assert sorted(type(c).__name__ for c in trend._charts) == ["BarChart", "LineChart"]
    assert [row[1] for row in trend.iter_rows(min_row=2, values_only=True)][-2:] == [1, 3]


def daily_file(client, w, fmt: str) -> bytes:
    """The day's file as the page makes it: a POST starts the job (run for real here), whose
    download hands out the file."""
    response = client.post(post_urls(w)[f"daily-{fmt}"])
    job = Job.objects.get(kind=f"so_reports.daily_{fmt}")
    assert response["Location"] == reverse("jobs:detail", args=[w.contract.pk, job.pk])
    assert job.state == Job.State.DONE and job.params == {"day": "2026-06-12"}
    download = client.get(reverse("jobs:download", args=[w.contract.pk, job.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content) if download.streaming else download.content


def test_so13_the_daily_excel_lists_the_day(client, w):
    client.force_login(w.manager)
    book = load_workbook(io.BytesIO(daily_file(client, w, "xlsx")))
    values = [v for row in book["日報"].iter_rows(values_only=True) for v in row if v]
    assert "受け付けた業務(1件)" in values and "未記録" in values
    assert AuditEvent.objects.filter(action="job.download").exists()
    # the day's page shows the finished job with its download
    page = client.get(reverse("support_office:daily-report", args=[w.contract.pk, "2026-06-12"]))
    job = Job.objects.get()
    assert reverse("jobs:download", args=[w.contract.pk, job.pk]) in page.content.decode()


def pdffonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(  # noqa: S603
        [PDFFONTS or "pdffonts", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


needs_poppler = pytest.mark.skipif(
    not (PDFFONTS and PDFTOPPM),
    reason="poppler-utils (pdffonts, pdftoppm) is not installed: scripts/system-deps.sh",
)


@needs_poppler
def test_so14_the_monthly_pdf_embeds_its_japanese_font_and_draws_a_page(w, tmp_path):
    from PIL import Image

    data = documents.monthly_pdf(month_data(w), contract=w.contract)
    fonts = pdffonts(data, tmp_path)
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and any("Noto-Sans-CJK-JP" in r[0] for r in rows)
    # every font embedded: the "emb" column says yes
    assert all("yes" in r[-5:-2] for r in rows), fonts
    subprocess.run(  # noqa: S603
        [
            PDFTOPPM or "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "report.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    [png] = list(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    assert image.getextrema()[0] < 128, "the page has no ink"
    from itaku.documents.pdf import pdf_text

    text = pdf_text(data=data) or ""
    assert "令和8年5月" in text and "種別ごとの件数" in text


@needs_poppler
def test_so13_the_daily_pdf_embeds_its_font(client, w, tmp_path):
    client.force_login(w.supervisor)
    assert "Noto-Sans-CJK-JP" in pdffonts(daily_file(client, w, "pdf"), tmp_path)


# ---- jobs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("pdf", b"%PDF-")])
def test_so14_the_monthly_files_are_made_by_a_job_run_for_real(client, w, fmt, magic):
    client.force_login(w.supervisor)
    url = reverse("support_office:monthly-export", args=[w.contract.pk, 2026, 5, fmt])
    response = client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[w.contract.pk, job.pk])
    assert job.state == Job.State.DONE and job.percent == 100
    assert job.params == {"year": 2026, "month": 5} and job.file_name.endswith(fmt)
    assert file_read(kind="jobs", name=str(job.pk)).startswith(magic)
    # the month's page shows the finished job with its download
    page = client.get(reverse("support_office:monthly-report", args=[w.contract.pk, 2026, 5]))
    assert reverse("jobs:download", args=[w.contract.pk, job.pk]) in page.content.decode()


# ---- API --------------------------------------------------------------------------------------


def bearer(user) -> dict[str, str]:
    _, plain = core_services.api_token_issue(actor=user, name="試験")
    return {"Authorization": f"Bearer {plain}"}


def api_urls(world) -> list[str]:
    c = world.contract.pk
    return [
        f"{API}/contracts/{c}/reports/daily/2026-06-12",
        f"{API}/contracts/{c}/reports/monthly/2026/5",
    ]


def test_the_api_gives_the_day_and_the_month(client, w):
    daily, monthly = (client.get(u, headers=bearer(w.supervisor)) for u in api_urls(w))
    assert daily.status_code == 200 and daily.json()["counts"]["received"] == 1
    assert daily.json()["state"] == "draft"
    assert monthly.status_code == 200 and monthly.json()["total"] == 3


@pytest.mark.parametrize("index", [0, 1])
def test_an_outsider_gets_404_on_every_endpoint(client, w, index):
    response = client.get(api_urls(w)[index], headers=bearer(w.outsider))
    assert response.status_code == 404


def test_the_endpoints_are_in_the_schema_under_their_own_tag(client, w):
    schema = client.get("/api/v1/openapi.json").json()
    path = "/api/v1/support-office/contracts/{contract_id}/reports/daily/{day}"
    assert schema["paths"][path]["get"]["tags"] == ["日報・月報"]


@pytest.mark.parametrize(
    "path",
    [
        "reports/daily/1900-01-01/",
        "reports/daily/2026-03-31/",
        "reports/daily/not-a-day/",
        "reports/monthly/2026/3/",
        "reports/monthly/2026/13/",
    ],
)
def test_a_day_or_month_outside_the_contract_period_is_404(client, w, path):
    client.force_login(w.supervisor)
    assert client.get(f"/contracts/{w.contract.pk}/so/{path}").status_code == 404


@pytest.mark.parametrize("path", ["daily/1900-01-01", "monthly/2027/4", "monthly/2026/0"])
def test_the_api_answers_404_outside_the_contract_period(client, w, path):
    url = f"{API}/contracts/{w.contract.pk}/reports/{path}"
    assert client.get(url, headers=bearer(w.supervisor)).status_code == 404


# ---- the contract page's list of deliverables ------------------------------------------------


def test_so13_the_contract_page_sends_the_days_report_to_its_own_page(client, w):
    """A day's report is submitted on the report's page, which freezes its figures: the
    contract page links there, and its generic submit does not mark the item."""
    from itaku.core.models import ObligationItem

    item = ObligationItem.objects.get(obligation__name="日報", period_start=FRIDAY)
    client.force_login(w.manager)
    page = client.get(reverse("core:contract-detail", args=[w.contract.pk])).content.decode()
    reports = reverse("support_office:reports", args=[w.contract.pk])
    assert f'href="{reports}">日報の画面へ' in page
    act = reverse("core:obligation-item-act", args=[w.contract.pk, item.pk, "submit"])
    response = client.post(act)
    assert response.status_code == 302 and response["Location"] == reports
    item.refresh_from_db()
    assert item.submitted_at is None
    assert not DailyReport.objects.filter(day=FRIDAY).exists()
