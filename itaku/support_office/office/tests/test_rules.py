"""The office's rules, table-driven with their clauses: the training state a page and the home
page show (SO-8), the equipment item of the contract-end checklist (SO-11), the business days
without a closing check (SO-17)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from itaku.core.calendar import BusinessCalendar
from itaku.core.domain import Period
from itaku.core.models import ObligationItem
from itaku.privacy.contract_end import end_checklist
from itaku.support_office.office import rules, selectors, services

CAL = BusinessCalendar()
PERIOD = Period(date(2026, 4, 1), date(2027, 3, 31))


# The business days of 1–9 June 2026 (6 and 7 June are a weekend).
WEEK = [date(2026, 6, d) for d in (1, 2, 3, 4, 5, 8, 9)]


@pytest.mark.parametrize(
    ("recorded", "before", "expected"),
    [
        pytest.param([], date(2026, 6, 1), [], id="SO-17 nothing due before the first day"),
        pytest.param([], date(2026, 6, 3), WEEK[:2], id="SO-17 none recorded"),
        pytest.param(WEEK[:1], date(2026, 6, 3), WEEK[1:2], id="SO-17 one recorded"),
        pytest.param(WEEK[:4], date(2026, 6, 9), WEEK[4:6], id="SO-17 weekend not asked for"),
        pytest.param(WEEK[:5], date(2026, 6, 8), [], id="SO-17 today is not yet due"),
        pytest.param(WEEK, date(2026, 6, 30), [], id="SO-17 all recorded"),
    ],
)
def test_so17_closing_missing_days(recorded, before, expected):
    assert rules.closing_missing_days(WEEK, set(recorded), before=before) == expected


def test_so17_the_months_business_days_leave_out_weekends_and_holidays():
    days = rules.month_business_days(2026, 5, period=PERIOD, calendar=CAL)
    assert date(2026, 5, 1) in days and date(2026, 5, 7) in days
    # Golden Week (3–6 May) and the weekends are not business days.
    assert not {date(2026, 5, d) for d in (2, 3, 4, 5, 6, 9)} & set(days)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(date(2026, 6, 16), date(2026, 6, 15), id="SO-17 Tuesday: Monday"),
        pytest.param(date(2026, 6, 15), date(2026, 6, 12), id="SO-17 Monday: Friday"),
        pytest.param(date(2026, 5, 7), date(2026, 5, 1), id="SO-17 after Golden Week"),
        pytest.param(date(2026, 4, 1), None, id="SO-17 the period's first day: none yet"),
        pytest.param(date(2027, 4, 5), date(2027, 3, 31), id="SO-17 after the period: its last"),
    ],
)
def test_so17_last_closing_day(today, expected):
    assert rules.last_closing_day(today, period=PERIOD, calendar=CAL) == expected


def test_so17_month_business_days_stay_inside_the_period():
    short = Period(date(2026, 6, 10), date(2026, 6, 12))
    assert rules.month_business_days(2026, 6, period=short, calendar=CAL) == [
        date(2026, 6, 10),
        date(2026, 6, 11),
        date(2026, 6, 12),
    ]
    assert rules.month_business_days(2026, 7, period=short, calendar=CAL) == []


# ---- on the records ----------------------------------------------------------------------------


def _held(world, day):
    return services.training_record(
        actor=world.manager,
        access=world.access(world.manager),
        held_on=day,
        theme="初期対応",
        trainer="講師",
        attendee_count=3,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("held", "today", "state"),
    [
        pytest.param([], date(2026, 6, 15), "due", id="SO-8 before the 20th: due"),
        pytest.param([], date(2026, 6, 22), "warning", id="SO-8 from the 20th: warning"),
        pytest.param([date(2026, 6, 3)], date(2026, 6, 22), "held", id="SO-8 held"),
        pytest.param([date(2026, 5, 29)], date(2026, 6, 22), "warning", id="SO-8 May's session"),
    ],
)
def test_so8_the_months_training_state_on_the_page(world, time_machine, held, today, state):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(datetime(2026, 6, 1, 10, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    for day in held:
        time_machine.move_to(datetime.combine(day, datetime.min.time(), ZoneInfo("Asia/Tokyo")))
        _held(world, day)
    months = selectors.training_months(access=world.access(world.manager, on=today))
    assert months[0].month == 6 and months[0].state.value == state


@pytest.mark.django_db
def test_so8_may_without_a_session_is_a_breach_on_the_page(world, frozen_today):
    months = {m.month: m for m in selectors.training_months(access=world.access(world.manager))}
    assert months[5].state.value == "breach" and months[5].badge == "late"


@pytest.mark.django_db
def test_so8_a_session_meets_the_months_obligation(world, frozen_today, client):
    from itaku.core import services as core_services

    core_services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    _held(world, date(2026, 6, 10))
    item = ObligationItem.objects.get(
        obligation__contract=world.contract,
        obligation__name="職員研修の実施",
        period_start=date(2026, 6, 1),
    )
    assert item.submitted_at is not None and item.submitted_by == world.manager
    client.force_login(world.manager)
    text = client.get(
        reverse("support_office:training-list", args=[world.contract.pk])
    ).content.decode()
    assert "実施済み" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("returned", "lost", "done"),
    [
        pytest.param(False, False, False, id="SO-11 an item out blocks the end"),
        pytest.param(True, False, True, id="SO-11 returned"),
        pytest.param(False, True, True, id="SO-11 lost and recorded (compensated)"),
    ],
)
def test_so11_the_end_item_waits_while_an_item_is_out(world, frozen_today, returned, lost, done):
    supervisor = world.access(world.supervisor)
    item = services.equipment_lend(
        actor=world.supervisor, access=supervisor, kind="key", name="鍵", lent_on=date(2026, 4, 1)
    )
    if returned:
        services.equipment_return(
            actor=world.supervisor, access=supervisor, item_id=item.pk, returned_on=date(2026, 6, 1)
        )
    if lost:
        services.equipment_lost(
            actor=world.manager,
            access=world.access(world.manager),
            item_id=item.pk,
            lost_on=date(2026, 6, 1),
            note="駅で落とした",
        )
    status = {s.item.key: s for s in end_checklist(world.contract)}["so_equipment_returned"]
    assert status.done is done
    assert status.item.clause == "SO-11"


@pytest.mark.django_db
def test_so17_closing_missing_days_through_the_access_rule(world, frozen_today):
    worker = world.access(world.worker)
    for day in (date(2026, 6, 1), date(2026, 6, 3)):
        services.closing_record(
            actor=world.worker,
            access=worker,
            day=day,
            documents_locked=True,
            cabinet_locked=True,
            keys_returned=True,
            papers_shredded=True,
        )
    missing = selectors.closing_missing_days(worker, 2026, 6)
    assert missing[:3] == [date(2026, 6, 2), date(2026, 6, 4), date(2026, 6, 5)]
    assert date(2026, 6, 15) not in missing and date(2026, 6, 6) not in missing
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.closing_missing_days(world.access(world.outsider), 2026, 6)
