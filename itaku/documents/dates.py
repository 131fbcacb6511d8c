"""Japanese dates as the ward's documents print them."""

from datetime import date, datetime

from itaku.core.calendar import TOKYO, format_wareki

__all__ = ["jst_datetime", "wareki"]


def wareki(d: date) -> str:
    """``d`` in 和暦 with the era's first year as 元年: 2026-11-23 → "令和8年11月23日".

    The era table lives in ``core.calendar`` so that the pages and the documents cannot disagree.
    """
    return format_wareki(d)


def jst_datetime(dt: datetime) -> str:
    """An aware ``dt`` in Japan time, to the minute: "2026年11月23日 21時05分".

    A naive datetime is refused rather than guessed at: the server's zone is not the ward's.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("jst_datetime needs an aware datetime")
    local = dt.astimezone(TOKYO)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H}時{local:%M}分"
