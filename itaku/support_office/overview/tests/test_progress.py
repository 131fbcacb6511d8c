"""SO-18: the ward follows the support office's progress at any time on its own home page."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from itaku.conftest import TODAY
from itaku.core.access import contract_accesses
from itaku.support_office.dispatch.models import SupportRequest
from itaku.support_office.domain import TrainingState
from itaku.support_office.duty.models import DutySchedule
from itaku.support_office.incidents.models import Consultation, Incident
from itaku.support_office.office.models import TrainingSession
from itaku.support_office.overview.selectors import progress_rows
from itaku.support_office.reports.models import DailyReport, ReportState

pytestmark = pytest.mark.django_db
JST = ZoneInfo("Asia/Tokyo")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=JST)


def request(world, contract, *, number, kind="sit_in", state="received", when=None, done=None):
    return SupportRequest.objects.create(
        contract=contract,
        number=number,
        kind=kind,
        state=state,
        department=contract.department,
        requested_by=world.requester,
        requested_at=when or at(TODAY, 9),
        completed_at=done,
    )


def rows_for(user, today=TODAY):
    return progress_rows(today=today, accesses=contract_accesses(user, on=today))


def test_so18_the_supervisor_sees_what_is_open_today_and_this_month(world, frozen_today):
    c = world.contract
    request(world, c, number=1, kind="emergency", state="received")
    request(world, c, number=2, state="arrived")
    request(world, c, number=3, state="completed", done=at(TODAY, 11))
    request(
        world, c, number=4, state="completed", when=at(date(2026, 6, 1)), done=at(date(2026, 6, 1))
    )
    request(
        world,
        c,
        number=5,
        state="completed",
        when=at(date(2026, 5, 29)),
        done=at(date(2026, 5, 29)),
    )
    Incident.objects.create(
        contract=c,
        number=1,
        department=c.department,
        started_at=at(date(2026, 6, 3)),
        channel="in_person",
        recorded_by=world.worker,
        recorded_at=at(date(2026, 6, 3)),
    )
    Consultation.objects.create(
        contract=c,
        number=1,
        consulted_at=at(date(2026, 6, 4)),
        department=c.department,
        recorded_by=world.worker,
        recorded_at=at(date(2026, 6, 4)),
    )
    TrainingSession.objects.create(
        contract=c,
        held_on=date(2026, 6, 10),
        theme="研修",
        attendee_count=5,
        recorded_by=world.manager,
        recorded_at=at(date(2026, 6, 10)),
    )
    DailyReport.objects.create(contract=c, day=date(2026, 6, 12), state=ReportState.SUBMITTED)
    DutySchedule.objects.create(contract=c, year=2026, month=7, version=1, state="superseded")
    DutySchedule.objects.create(contract=c, year=2026, month=7, version=2, state="draft")

    (row,) = rows_for(world.supervisor)
    assert row.contract == c
    assert (row.open_now, row.open_emergencies) == (2, 1)
    assert (row.received_today, row.completed_today) == (3, 1)
    assert row.month_requests == 4  # May's request is not June's
    assert (row.month_incidents, row.month_consultations) == (1, 1)
    assert row.training is TrainingState.HELD
    assert (row.report_day, row.report_label) == (date(2026, 6, 12), "提出済み")  # Friday's
    assert (row.schedule_month, row.schedule_label) == ((2026, 7), "作成中")  # latest version
    assert row.needs_attention  # an emergency is open


@pytest.mark.parametrize(
    ("clause", "today", "held", "label"),
    [
        ("SO-8 held", date(2026, 6, 15), [date(2026, 6, 1)], "実施済み"),
        ("SO-8 before the 20th", date(2026, 6, 15), [], "未実施"),
        ("SO-8 from the 20th", date(2026, 6, 22), [], "未実施(20日を過ぎました)"),
        (
            "SO-8 last month's does not count",
            date(2026, 6, 22),
            [date(2026, 5, 29)],
            "未実施(20日を過ぎました)",
        ),
        ("SO-8 on the last business day", date(2026, 6, 30), [], "未実施(20日を過ぎました)"),
        ("SO-8 after the last business day", date(2026, 5, 31), [], "未実施(期限超過)"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_so8_the_panel_names_the_months_training_state(world, clause, today, held, label):
    for day in held:
        TrainingSession.objects.create(
            contract=world.contract,
            held_on=day,
            theme="研修",
            attendee_count=3,
            recorded_by=world.manager,
            recorded_at=at(day),
        )
    (row,) = rows_for(world.supervisor, today=today)
    assert row.training_label == label


def test_so13_a_missing_daily_report_is_named_and_needs_attention(world):
    (row,) = rows_for(world.supervisor)
    assert row.report_label == "未作成"
    assert row.schedule_label == "未作成"
    assert row.needs_attention


@pytest.mark.parametrize("who", ["manager", "worker", "requester", "volunteer", "outsider"])
def test_so18_only_the_wards_supervisor_and_the_auditor_follow_the_progress(world, who):
    request(world, world.contract, number=1, kind="emergency")
    assert rows_for(world.user(who)) == []


def test_so18_the_auditor_sees_it_too(world):
    assert [r.contract for r in rows_for(world.auditor)] == [world.contract]


def test_so18_a_contract_of_another_kind_has_no_such_row(world):
    world.contract.service_kind = "ichou"
    world.contract.save()
    assert rows_for(world.supervisor) == []


def test_so18_the_panel_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    accesses = contract_accesses(world.supervisor, on=TODAY)
    with django_assert_num_queries(7) as few:
        progress_rows(today=TODAY, accesses=accesses)
    for number in range(1, 40):
        request(world, world.contract, number=number, kind="emergency")
    with django_assert_num_queries(len(few.captured_queries)):
        progress_rows(today=TODAY, accesses=accesses)


def test_so18_the_home_page_shows_the_panel_to_the_supervisor(client, world, frozen_today):
    request(world, world.contract, number=1, kind="emergency")
    client.force_login(world.supervisor)
    page = client.get(reverse("core:home")).content.decode()
    assert "安心対応サポート室の履行状況" in page
    assert "うち緊急 1件" in page
    client.force_login(world.worker)
    assert "安心対応サポート室の履行状況" not in client.get(reverse("core:home")).content.decode()


def test_so18_the_panel_row_escapes_the_contracts_title(client, world, frozen_today):
    """The rows are written in Python, not by the template: the title must still be escaped."""
    world.contract.title = '<script>alert("x")</script>&契約'
    world.contract.save()
    client.force_login(world.supervisor)
    page = client.get(reverse("core:home")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;契約" in page
