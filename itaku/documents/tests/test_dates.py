"""和暦 and Japan-time formatting on documents; no database, no Django settings."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from itaku.core.calendar import TOKYO
from itaku.documents.dates import jst_datetime, wareki

WAREKI_CASES = [
    ("last day of 昭和", date(1989, 1, 7), "昭和64年1月7日"),
    ("first day of 平成 is 元年", date(1989, 1, 8), "平成元年1月8日"),
    ("平成元年 ends with the calendar year", date(1989, 12, 31), "平成元年12月31日"),
    ("平成2年 starts on 1 January", date(1990, 1, 1), "平成2年1月1日"),
    ("last day of 平成", date(2019, 4, 30), "平成31年4月30日"),
    ("first day of 令和 is 元年", date(2019, 5, 1), "令和元年5月1日"),
    ("令和元年 ends with the calendar year", date(2019, 12, 31), "令和元年12月31日"),
    ("令和2年 starts on 1 January", date(2020, 1, 1), "令和2年1月1日"),
    ("no zero padding", date(2026, 2, 2), "令和8年2月2日"),
    ("two-digit month and day", date(2026, 11, 23), "令和8年11月23日"),
    ("leap day", date(2028, 2, 29), "令和10年2月29日"),
]


@pytest.mark.parametrize(
    ("day", "expected"), [c[1:] for c in WAREKI_CASES], ids=[c[0] for c in WAREKI_CASES]
)
def test_wareki_changes_era_on_the_first_day_and_writes_the_first_year_as_gannen(day, expected):
    assert wareki(day) == expected


def test_wareki_refuses_dates_before_showa_rather_than_print_a_wrong_era():
    with pytest.raises(ValueError, match="昭和"):
        wareki(date(1926, 12, 24))


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
