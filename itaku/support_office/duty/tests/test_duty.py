"""The duty schedule (SO-9, SO-10): gaps named and refusing submission, labour problems shown,
only roster people on shifts, versions after approval with the ward told, the obligation
submitted, outsider 404, bounded queries."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from itaku.core.calendar import TOKYO
from itaku.core.models import Notification, ObligationItem, RosterEntry
from itaku.core.services.obligations import obligation_items_schedule, obligations_declare_standard
from itaku.support_office.duty import selectors, services
from itaku.support_office.duty.models import DutySchedule

pytestmark = pytest.mark.django_db

YEAR, MONTH = 2026, 7


def at(day: date, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime.combine(day, time(h, m), tzinfo=TOKYO)


def entry(world, user) -> RosterEntry:
    return RosterEntry.objects.get(contract=world.contract, person=user.person)


@pytest.fixture
def schedule(world, frozen_today):
    return services.schedule_start(
        actor=world.manager, access=world.access(world.manager), year=YEAR, month=MONTH
    )


def add(world, schedule, user, day, start, end):
    return services.shift_add(
        actor=world.manager,
        access=world.access(world.manager),
        schedule=schedule,
        entry_id=entry(world, user).pk,
        starts_at=at(day, start),
        ends_at=at(day, end),
    )


def cover_month(world, schedule, *, skip: date | None = None):
    for day in selectors.month_days(YEAR, MONTH):
        if day.weekday() < 5 and day != skip and day != date(2026, 7, 20):  # 海の日
            add(world, schedule, world.worker, day, "08:30", "17:15")


GAP_CASES = [
    pytest.param("08:30", "17:15", [], id="SO-9 whole open hours: no gap"),
    pytest.param(
        "09:00", "17:15", ["7月1日(水) 08:30–09:00"], id="SO-9 late start: gap named by day+time"
    ),
    pytest.param("08:30", "12:00", ["7月1日(水) 12:00–17:15"], id="SO-9 early end"),
]


@pytest.mark.parametrize(("start", "end", "gaps"), GAP_CASES)
def test_so9_gap_named(world, schedule, start, end, gaps):
    add(world, schedule, world.worker, date(2026, 7, 1), start, end)
    check = selectors.schedule_check(schedule)
    first_day = [g for g in check.gaps if g.startswith("7月1日")]
    assert [g.split(" に")[0] for g in first_day] == gaps


def test_so9_nurse_without_police_experience_does_not_cover(world, schedule):
    add(world, schedule, world.nurse, date(2026, 7, 1), "08:30", "17:15")
    assert any(
        g.startswith("7月1日(水) 08:30–17:15") for g in selectors.schedule_check(schedule).gaps
    )


def test_so9_labour_problem_shown(client, world, schedule):
    add(world, schedule, world.worker, date(2026, 7, 1), "08:30", "17:15")
    check = selectors.schedule_check(schedule)
    assert check.labour and all("試験" in p for p in check.labour)
    client.force_login(world.manager)
    page = client.get(reverse("support_office:duty-month", args=[world.contract.pk, YEAR, MONTH]))
    body = page.content.decode()
    assert "7月2日(木) 08:30–17:15" in body  # the gap, named on the page
    assert check.labour[0] in body


def test_so9_submit_refused_while_gaps(world, schedule):
    cover_month(world, schedule, skip=date(2026, 7, 2))
    with pytest.raises(ValidationError, match="1件"):
        services.schedule_submit(
            actor=world.manager, access=world.access(world.manager), schedule=schedule
        )
    schedule.refresh_from_db()
    assert schedule.state == DutySchedule.State.DRAFT


def test_so10_only_roster_people_on_shift(world, schedule):
    with pytest.raises(ValidationError) as error:
        services.shift_add(
            actor=world.manager,
            access=world.access(world.manager),
            schedule=schedule,
            entry_id=entry(world, world.supervisor).pk,
            starts_at=at(date(2026, 7, 1), "08:30"),
            ends_at=at(date(2026, 7, 1), "12:00"),
        )
    assert "entry" in error.value.message_dict


def test_so10_submit_marks_obligation_approve_then_version_with_notice(world, schedule):
    obligations_declare_standard(actor=world.admin, contract=world.contract)
    obligation_items_schedule(actor=world.admin, contract=world.contract, through=date(2026, 7, 31))
    cover_month(world, schedule)
    mgr, sup = world.access(world.manager), world.access(world.supervisor)
    services.schedule_submit(actor=world.manager, access=mgr, schedule=schedule)
    item = ObligationItem.objects.get(
        obligation__contract=world.contract,
        obligation__name="勤務予定表",
        period_start=date(2026, 7, 1),
    )
    assert item.submitted_at is not None
    with pytest.raises(ValidationError):
        add(world, schedule, world.worker, date(2026, 7, 4), "09:00", "10:00")
    services.schedule_decide(actor=world.supervisor, access=sup, schedule=schedule, approve=True)
    Notification.objects.all().delete()
    new = services.schedule_revise(
        actor=world.manager, access=mgr, schedule=schedule, reason="人員の入替え"
    )
    assert new.version == 2 and new.shifts.count() == schedule.shifts.count()
    assert Notification.objects.filter(recipient=world.supervisor).exists()
    assert "試験" not in str(list(Notification.objects.values()))
    services.schedule_submit(actor=world.manager, access=mgr, schedule=new)
    services.schedule_decide(actor=world.supervisor, access=sup, schedule=new, approve=True)
    schedule.refresh_from_db()
    assert schedule.state == DutySchedule.State.SUPERSEDED


def test_so10_return_needs_note(world, schedule):
    cover_month(world, schedule)
    services.schedule_submit(
        actor=world.manager, access=world.access(world.manager), schedule=schedule
    )
    sup = world.access(world.supervisor)
    with pytest.raises(ValidationError):
        services.schedule_decide(
            actor=world.supervisor, access=sup, schedule=schedule, approve=False
        )
    services.schedule_decide(
        actor=world.supervisor, access=sup, schedule=schedule, approve=False, note="人が足りない"
    )
    schedule.refresh_from_db()
    assert schedule.state == DutySchedule.State.RETURNED


def test_outsider_gets_404_on_every_duty_page(client, world, schedule):
    client.force_login(world.outsider)
    c = world.contract.pk
    for method, url in [
        ("get", reverse("support_office:duty-index", args=[c])),
        ("get", reverse("support_office:duty-month", args=[c, YEAR, MONTH])),
        ("post", reverse("support_office:duty-month", args=[c, YEAR, MONTH])),
    ]:
        assert getattr(client, method)(url, {"step": "start"}).status_code == 404, url


def test_manager_adds_shift_on_page_and_supervisor_sees_it(client, world, schedule):
    client.force_login(world.manager)
    url = reverse("support_office:duty-month", args=[world.contract.pk, YEAR, MONTH])
    bad = client.post(
        url,
        {
            "step": "add",
            "entry": entry(world, world.worker).pk,
            "day": "2026-07-01",
            "starts": "12:00",
            "ends": "09:00",
        },
    )
    assert bad.status_code == 400 and "終了は開始より後" in bad.content.decode()
    ok = client.post(
        url,
        {
            "step": "add",
            "entry": entry(world, world.worker).pk,
            "day": "2026-07-01",
            "starts": "08:30",
            "ends": "17:15",
        },
    )
    assert ok.status_code == 302 and schedule.shifts.count() == 1


def test_bounded_queries_on_the_month_page(client, world, schedule, django_assert_max_num_queries):
    client.force_login(world.manager)
    url = reverse("support_office:duty-month", args=[world.contract.pk, YEAR, MONTH])
    add(world, schedule, world.worker, date(2026, 7, 1), "08:30", "17:15")
    with django_assert_max_num_queries(40) as one:
        client.get(url)
    cover_month(world, schedule)
    add(world, schedule, world.nurse, date(2026, 7, 2), "09:00", "12:00")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_so10_todos_due_then_to_approve(world, frozen_today):
    from itaku.support_office.duty.selectors import duty_todos

    mgr = world.access(world.manager)
    items = duty_todos(world.manager, date(2026, 6, 15), [mgr])
    assert [i.what for i in items] == ["2026年7月の勤務予定表を月の始まる前に提出する"]
    schedule = services.schedule_start(actor=world.manager, access=mgr, year=YEAR, month=MONTH)
    cover_month(world, schedule)
    services.schedule_submit(actor=world.manager, access=mgr, schedule=schedule)
    assert duty_todos(world.manager, date(2026, 6, 15), [mgr]) == []
    sup = world.access(world.supervisor)
    assert "承認する" in duty_todos(world.supervisor, date(2026, 6, 15), [sup])[0].what


def test_so10_an_older_version_is_shown_read_only_with_the_change_reason(client, world, schedule):
    """After a change, the month page lists its versions; the approved one it replaced can be
    read as it was (its own shifts), with no button to change it."""
    cover_month(world, schedule)
    mgr, sup = world.access(world.manager), world.access(world.supervisor)
    services.schedule_submit(actor=world.manager, access=mgr, schedule=schedule)
    services.schedule_decide(actor=world.supervisor, access=sup, schedule=schedule, approve=True)
    new = services.schedule_revise(
        actor=world.manager, access=mgr, schedule=schedule, reason="人員の入替え"
    )
    moved = new.shifts.first()
    services.shift_remove(actor=world.manager, access=mgr, schedule=new, shift_id=moved.pk)
    url = reverse("support_office:duty-month", args=[world.contract.pk, YEAR, MONTH])
    client.force_login(world.manager)
    latest = client.get(url).content.decode()
    assert "この月の版" in latest and f"{url}?version=1" in latest
    assert "変更の理由:人員の入替え" in latest
    old = client.get(url, {"version": 1})
    page = old.content.decode()
    assert old.status_code == 200
    assert "過去の版(第1版)を表示しています" in page
    assert 'value="remove"' not in page and 'value="revise"' not in page
    assert page.count('class="shift"') == schedule.shifts.count()
    assert latest.count('class="shift"') == schedule.shifts.count() - 1
    assert client.get(url, {"version": 9}).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url, {"version": 1}).status_code == 404
