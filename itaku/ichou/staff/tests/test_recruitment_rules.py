"""The recruitment's pure rules, table-tested with their clause (IC-20, 仕様書 10(4), with IC-17
and IC-18 for who may be hired): the applicants' pipeline, the reasons a move or a hire is
refused, the wait for an interview and how many volunteers and nurses are still needed."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.ichou.staff import rules
from itaku.ichou.staff.rules import APPLIED, HIRED, INTERVIEW, REJECTED, WITHDRAWN

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (APPLIED, {INTERVIEW, REJECTED, WITHDRAWN}),
        (INTERVIEW, {HIRED, REJECTED, WITHDRAWN}),
        (HIRED, set()),
        (REJECTED, set()),
        (WITHDRAWN, set()),
        ("unknown", set()),
    ],
    ids=lambda v: f"IC-20 from {v}" if isinstance(v, str) else "",
)
def test_ic20_an_applicant_moves_only_along_the_pipeline(status, allowed):
    assert rules.applicant_next_states(status) == allowed


def test_ic20_no_one_is_hired_without_an_interview():
    assert HIRED not in rules.applicant_next_states(APPLIED)


def _move(current, target, reason="", on=TODAY, since=date(2026, 6, 1)):
    return rules.applicant_move_problems(
        current=current, target=target, reason=reason, on=on, since=since, today=TODAY
    )


@pytest.mark.parametrize(
    ("current", "target", "reason", "on", "fields"),
    [
        (APPLIED, INTERVIEW, "", TODAY, set()),
        (INTERVIEW, HIRED, "", TODAY, set()),
        (APPLIED, REJECTED, "経験が条件に合わない", TODAY, set()),
        (INTERVIEW, WITHDRAWN, "日程が合わない", date(2026, 6, 1), set()),
        (APPLIED, HIRED, "", TODAY, {"target"}),
        (HIRED, WITHDRAWN, "転居", TODAY, {"target"}),
        (REJECTED, INTERVIEW, "", TODAY, {"target"}),
        (APPLIED, REJECTED, " ", TODAY, {"reason"}),
        (INTERVIEW, WITHDRAWN, "", TODAY, {"reason"}),
        (APPLIED, INTERVIEW, "", date(2026, 6, 16), {"on"}),
        (APPLIED, INTERVIEW, "", date(2026, 5, 31), {"on"}),
    ],
    ids=[
        "IC-20 interview",
        "IC-20 hire after interview",
        "IC-20 reject with reason",
        "IC-20 withdraw on the day of the last step",
        "IC-20 hire without interview refused",
        "IC-20 a hired applicant does not move",
        "IC-20 a rejected applicant does not move",
        "IC-20 reject without reason refused",
        "IC-20 withdraw without reason refused",
        "IC-20 a date after today refused",
        "IC-20 a date before the last step refused",
    ],
)
def test_ic20_a_move_is_refused_with_the_field_that_is_wrong(current, target, reason, on, fields):
    assert set(_move(current, target, reason, on)) == fields


VOLUNTEER_BORN = date(2008, 7, 1)  # 18 on 1 July 2026


@pytest.mark.parametrize(
    ("role", "birth", "licence", "on", "refused"),
    [
        ("volunteer", VOLUNTEER_BORN, False, date(2026, 7, 1), False),
        ("volunteer", VOLUNTEER_BORN, False, date(2026, 6, 30), True),
        ("volunteer", date(2000, 1, 1), False, TODAY, False),
        ("volunteer", None, False, TODAY, True),
        ("nurse", None, True, TODAY, False),
        ("nurse", date(1980, 1, 1), False, TODAY, True),
        ("worker", date(1980, 1, 1), True, TODAY, True),
    ],
    ids=[
        "IC-20 IC-17 volunteer 18 on the first activity",
        "IC-20 IC-17 volunteer 17 the day before refused",
        "IC-20 IC-17 adult volunteer",
        "IC-20 IC-17 volunteer without birth date refused",
        "IC-20 IC-18 nurse with licence",
        "IC-20 IC-18 nurse without licence refused",
        "IC-20 only volunteers and nurses are recruited here",
    ],
)
def test_ic20_who_cannot_be_hired(role, birth, licence, on, refused):
    problems = rules.hire_problems(role=role, birth_date=birth, licence=licence, on=on)
    assert bool(problems) is refused


def test_ic20_the_under_18_message_names_the_day():
    [message] = rules.hire_problems(
        role="volunteer", birth_date=VOLUNTEER_BORN, licence=False, on=date(2026, 6, 20)
    )
    assert "2026年6月20日に18歳未満です" in message


@pytest.mark.parametrize(
    ("dates", "start", "first"),
    [
        ([date(2026, 7, 5), date(2026, 6, 20)], date(2026, 6, 15), date(2026, 6, 20)),
        ([date(2026, 6, 15)], date(2026, 6, 15), date(2026, 6, 15)),
        ([date(2026, 5, 1)], date(2026, 6, 15), date(2026, 6, 15)),
        ([], date(2026, 6, 15), date(2026, 6, 15)),
    ],
    ids=["IC-20 next activity", "IC-20 on the day", "IC-20 only past", "IC-20 none"],
)
def test_ic20_the_first_day_worked_is_the_first_activity_from_the_start(dates, start, first):
    assert rules.first_activity_on(dates, start) == first


@pytest.mark.parametrize(
    ("status", "applied", "waits"),
    [
        (APPLIED, date(2026, 6, 1), False),  # 14 days: not yet
        (APPLIED, date(2026, 5, 31), True),  # 15 days
        (INTERVIEW, date(2026, 5, 1), False),
        (REJECTED, date(2026, 5, 1), False),
    ],
    ids=["IC-20 14 days", "IC-20 15 days", "IC-20 interviewed", "IC-20 decided"],
)
def test_ic20_an_applicant_waits_for_an_interview_more_than_14_days(status, applied, waits):
    assert rules.waits_for_interview(status=status, applied_on=applied, today=TODAY) is waits


@pytest.mark.parametrize(
    ("required", "staff", "nurses", "nurses_short", "others_short"),
    [
        ([], 0, 0, 0, 0),
        ([(15, 1), (20, 2), (40, 3)], 30, 1, 2, 8),
        ([(15, 1), (20, 2)], 20, 2, 0, 0),
        ([(15, 1)], 10, 0, 1, 4),
        ([(10, 3)], 25, 3, 0, 0),
    ],
    ids=[
        "IC-20 no activity",
        "IC-20 overnight trip is the peak",
        "IC-20 enough",
        "IC-20 a missing nurse also counts as staff",
        "IC-20 more than enough",
    ],
)
def test_ic20_how_many_are_still_needed(required, staff, nurses, nurses_short, others_short):
    need = rules.recruitment_need(required, staff_on_roster=staff, nurses_on_roster=nurses)
    assert (need.nurses_short, need.others_short) == (nurses_short, others_short)
    assert need.activities == len(required)
