"""The rules of the notices (IC-23: a week before they are sent, not before the activity) and
of the newsletter's photos (IC-16: only participants who consented), on plain values."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.ichou.notices import rules

SEND_ON = date(2026, 6, 22)


@pytest.mark.parametrize(
    ("submitted_on", "ok"),
    [
        (date(2026, 6, 1), True),
        (date(2026, 6, 14), True),
        (date(2026, 6, 15), True),  # exactly 7 days before
        (date(2026, 6, 16), False),  # 6 days before
        (date(2026, 6, 21), False),
        (date(2026, 6, 22), False),  # on the send date
        (date(2026, 6, 30), False),  # after it
    ],
    ids=lambda v: f"IC-23 submitted {v}" if isinstance(v, date) else str(v),
)
def test_ic23_a_notice_reaches_the_ward_a_week_before_it_is_sent(submitted_on, ok):
    problem = rules.submission_problem(submitted_on=submitted_on, send_on=SEND_ON)
    assert (problem is None) is ok


def test_ic23_the_refusal_names_the_deadline_and_the_earliest_send_date_in_wareki():
    problem = rules.submission_problem(submitted_on=date(2026, 6, 16), send_on=SEND_ON)
    assert problem is not None
    assert "令和8年6月22日" in problem  # the planned send date
    assert "令和8年6月15日" in problem  # its deadline
    assert "令和8年6月23日" in problem  # the earliest send date if submitted today


def test_ic23_the_deadline_counts_from_the_send_date_not_the_activity():
    # An activity on 11 July with its notice sent on 22 June: due to the ward on 15 June.
    assert rules.submission_deadline(SEND_ON) == date(2026, 6, 15)
    assert rules.earliest_send_on(date(2026, 6, 15)) == SEND_ON


@pytest.mark.parametrize(
    ("sent_on", "ok"),
    [(date(2026, 6, 21), False), (date(2026, 6, 22), True), (date(2026, 7, 1), True)],
    ids=["IC-23 sent after 6 days", "IC-23 sent after 7 days", "IC-23 sent later"],
)
def test_ic23_a_notice_is_not_sent_before_a_week_after_it_reached_the_ward(sent_on, ok):
    problem = rules.send_problem(submitted_on=date(2026, 6, 15), sent_on=sent_on)
    assert (problem is None) is ok


@pytest.mark.parametrize(
    ("state", "ok"),
    [
        ("draft", True),
        ("returned", True),
        ("submitted", False),
        ("acknowledged", False),
        ("sent", False),
    ],
    ids=lambda v: f"IC-23 {v}" if isinstance(v, str) else str(v),
)
def test_ic23_a_notice_is_changed_only_as_a_draft_or_when_returned(state, ok):
    assert rules.editable(state) is ok


@pytest.mark.parametrize(
    ("state", "today", "near"),
    [
        ("draft", date(2026, 6, 11), False),  # deadline in 4 days
        ("draft", date(2026, 6, 12), True),  # in 3 days
        ("draft", date(2026, 6, 15), True),  # today
        ("draft", date(2026, 6, 17), True),  # past: the send date must move
        ("returned", date(2026, 6, 13), True),
        ("submitted", date(2026, 6, 13), False),
        ("sent", date(2026, 6, 13), False),
    ],
    ids=lambda v: f"IC-23 {v}" if isinstance(v, str | date) else str(v),
)
def test_ic23_a_deadline_within_3_days_is_near(state, today, near):
    assert rules.deadline_near(state=state, send_on=SEND_ON, today=today) is near


@pytest.mark.parametrize(
    ("consents", "ok"),
    [
        ([], True),
        ([True], True),
        ([True, True, True], True),
        ([False], False),
        ([True, False, True], False),
    ],
    ids=[
        "IC-16 nobody",
        "IC-16 one consented",
        "IC-16 all consented",
        "IC-16 one without",
        "IC-16 one of three without",
    ],
)
def test_ic16_a_photo_shows_only_participants_who_consented(consents, ok):
    assert (rules.photo_problem(consents) is None) is ok


def test_ic16_the_refusal_counts_and_names_no_one():
    problem = rules.photo_problem([False, True, False])
    assert problem is not None and "2人" in problem
