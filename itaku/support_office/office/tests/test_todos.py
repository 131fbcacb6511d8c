"""The home page's to-do list: SO-8 a month without a training from the 20th, for the manager;
SO-17 the last business day's closing not recorded, for the workers and the manager."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from itaku.core.selectors import contract_list
from itaku.core.todo import todo_list
from itaku.support_office.office import services

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def items(user, today, word):
    found = todo_list(user=user, today=today, accesses=contract_list(user=user, on=today))
    return [t for t in found if word in t.what]


def at(time_machine, day):
    time_machine.move_to(datetime(day.year, day.month, day.day, 10, tzinfo=TOKYO), tick=False)


@pytest.mark.parametrize(
    ("today", "held", "expected"),
    [
        pytest.param(date(2026, 6, 19), False, None, id="SO-8 before the 20th: nothing"),
        pytest.param(date(2026, 6, 22), False, "未実施", id="SO-8 from the 20th: the warning"),
        pytest.param(date(2026, 6, 22), True, None, id="SO-8 held: nothing"),
    ],
)
def test_so8_the_manager_is_told_from_the_20th(world, time_machine, today, held, expected):
    at(time_machine, today)
    if held:
        services.training_record(
            actor=world.manager,
            access=world.access(world.manager, on=today),
            held_on=date(2026, 6, 5),
            theme="初期対応",
            trainer="講師",
            attendee_count=3,
        )
    found = items(world.manager, today, "職員研修")
    if expected is None:
        assert found == []
    else:
        [item] = found
        assert expected in item.what
        assert item.url == reverse("support_office:training-record", args=[world.contract.pk])
    for name in ("worker", "supervisor", "outsider"):
        assert items(world.user(name), today, "職員研修") == [], name


def test_so8_after_the_last_business_day_the_todo_says_it_was_not_held(world, time_machine):
    # 31 Oct 2026 is a Saturday: the month's last business day (30 Oct) has passed.
    today = date(2026, 10, 31)
    at(time_machine, today)
    [item] = items(world.manager, today, "職員研修")
    assert "実施されていません" in item.what


def test_so17_yesterdays_missing_closing_waits_for_the_worker_and_the_manager(world, time_machine):
    today = date(2026, 6, 16)
    at(time_machine, today)
    for name in ("worker", "manager"):
        [item] = items(world.user(name), today, "終業時の確認")
        assert "令和8年6月15日" in item.what
        assert item.url.endswith("?day=2026-06-15")
    for name in ("supervisor", "auditor", "outsider"):
        assert items(world.user(name), today, "終業時の確認") == [], name
    services.closing_record(
        actor=world.worker,
        access=world.access(world.worker, on=today),
        day=date(2026, 6, 15),
        documents_locked=True,
        cabinet_locked=True,
        keys_returned=True,
        papers_shredded=True,
    )
    assert items(world.worker, today, "終業時の確認") == []
