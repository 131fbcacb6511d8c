"""Japan-time formatting on documents (和暦 dates: core/tests/test_calendar.py); no database."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from itaku.core.calendar import TOKYO
from itaku.documents.dates import jst_datetime

JST_CASES = [
    (
        "UTC afternoon is Tokyo evening",
        datetime(2026, 11, 23, 12, 5, tzinfo=UTC),
        "2026年11月23日 21時05分",
    ),
    (
        "UTC 15:00 is Tokyo midnight of the next day",
        datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
        "2026年11月24日 00時00分",
    ),
    ("already Tokyo time", datetime(2026, 1, 2, 8, 30, tzinfo=TOKYO), "2026年1月2日 08時30分"),
    (
        "another zone",
        datetime(2026, 7, 1, 9, 0, tzinfo=timezone(timedelta(hours=-4))),
        "2026年7月1日 22時00分",
    ),
    (
        "seconds are dropped, not rounded",
        datetime(2026, 3, 31, 23, 59, 59, tzinfo=TOKYO),
        "2026年3月31日 23時59分",
    ),
]


@pytest.mark.parametrize(
    ("moment", "expected"), [c[1:] for c in JST_CASES], ids=[c[0] for c in JST_CASES]
)
def test_jst_datetime_shows_japan_time_to_the_minute(moment, expected):
    assert jst_datetime(moment) == expected


def test_jst_datetime_refuses_a_naive_datetime_instead_of_guessing_its_zone():
    with pytest.raises(ValueError, match="aware"):
        jst_datetime(datetime(2026, 11, 23, 21, 5))
