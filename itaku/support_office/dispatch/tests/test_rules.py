"""The dispatch's pure rules as tables (SO-1, SO-2, SO-5)."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.support_office.dispatch import rules

from .conftest import at


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        ("received", "accepted", True),
        ("received", "departed", False),
        ("received", "completed", False),
        ("accepted", "departed", True),
        ("accepted", "completed", True),
        ("departed", "arrived", True),
        ("departed", "completed", False),
        ("arrived", "completed", True),
        ("arrived", "continuing", True),
        ("continuing", "completed", True),
        ("completed", "accepted", False),
        ("cancelled", "accepted", False),
    ],
    ids=lambda v: str(v),
)
def test_so2_steps_follow_one_another(current, to, allowed):
    assert rules.can_move(current, to) is allowed


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2026, 3, 31), False),
        (date(2026, 4, 1), True),
        (date(2026, 12, 1), True),
        (date(2027, 3, 31), True),
        (date(2027, 4, 1), False),
    ],
)
def test_so1_only_days_of_the_contract_period_are_inside(day, inside):
    assert rules.inside_period(day, start=date(2026, 4, 1), end=date(2027, 3, 31)) is inside


@pytest.mark.parametrize(
    ("requested", "now", "minutes"),
    [(at(10), at(10), 0), (at(10), at(10, 7), 7), (at(10, 5), at(10), 0), (at(9), at(11), 120)],
)
def test_so5_age_in_whole_minutes(requested, now, minutes):
    assert rules.age_minutes(requested, now) == minutes


def test_so5_emergencies_come_first_then_the_oldest():
    rows = [
        ("sit_in", at(9), 1),
        ("emergency", at(10), 2),
        ("consultation", at(8), 3),
        ("emergency", at(9, 30), 4),
    ]
    ordered = sorted(rows, key=lambda r: rules.board_key(kind=r[0], requested_at=r[1], pk=r[2]))
    assert [r[2] for r in ordered] == [4, 2, 3, 1]


def test_so5_a_board_row_escapes_every_value_it_writes():
    from datetime import UTC, datetime

    from itaku.support_office.dispatch.selectors import BoardRow

    row = BoardRow(
        pk=7,
        number=3,
        kind="emergency",
        state="accepted",
        place='<img src=x onerror="a()">',
        department="<script>x()</script>課",
        responder="山田 <b>太郎</b>",
        requested_at=datetime(2026, 6, 15, 1, 0, tzinfo=UTC),
        age_minutes=12,
        detail_url="/contracts/1/so/requests/7/",
        accept_url="/contracts/1/so/requests/7/move/accepted/",
    )
    html = row.html(can_handle=True, csrf_token="tok")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;課" in html
    assert 'href="/contracts/1/so/requests/7/">次の操作' in html  # not received: a link
    assert "緊急対応" in html and "12分" in html and "対応中(山田 &lt;b&gt;太郎&lt;/b&gt;)" in html
    assert "<form" not in row.html(can_handle=False, csrf_token="tok").__str__()
