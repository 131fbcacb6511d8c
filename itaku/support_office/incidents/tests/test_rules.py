"""SO-7: the pure rules of the incident record, table-driven."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from itaku.support_office.incidents import rules

T0 = datetime(2026, 6, 12, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.mark.parametrize(
    ("minutes", "long", "suggested_if_none_chosen"),
    [
        pytest.param(None, False, [], id="SO-7 no end: no duration, no flag"),
        pytest.param(0, False, [], id="SO-7 zero minutes"),
        pytest.param(60, False, [], id="SO-7 exactly 60 minutes is not long"),
        pytest.param(61, True, ["restraining"], id="SO-7 61 minutes is long: suggest 拘束的な言動"),
        pytest.param(180, True, ["restraining"], id="SO-7 three hours"),
    ],
)
def test_so7_long_detention_over_60_minutes_suggests_restraining(
    minutes, long, suggested_if_none_chosen
):
    assert rules.is_long_detention(minutes) is long
    assert rules.suggested_behaviours(minutes, []) == suggested_if_none_chosen
    assert rules.suggested_behaviours(minutes, ["restraining"]) == []


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param(None, None, id="SO-7 open"),
        pytest.param(T0 + timedelta(minutes=90, seconds=59), 90, id="SO-7 whole minutes"),
        pytest.param(T0 - timedelta(minutes=5), 0, id="SO-7 end before start counts 0"),
    ],
)
def test_so7_duration_in_whole_minutes(end, expected):
    assert rules.duration_minutes(T0, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "fields"),
    [
        pytest.param(T0, T0 + timedelta(minutes=1), set(), id="SO-7 ordinary"),
        pytest.param(T0, T0 - timedelta(minutes=1), {"ended_at"}, id="SO-7 end before start"),
        pytest.param(T0 + timedelta(days=2), None, {"started_at"}, id="SO-7 start in future"),
    ],
)
def test_so7_time_problems(start, end, fields):
    assert set(rules.time_problems(start, end, T0 + timedelta(days=1))) == fields
