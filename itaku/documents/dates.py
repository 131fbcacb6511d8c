"""Japanese times as the ward's documents print them. Dates in 和暦 come from
``core.calendar.format_wareki``, the one era table for pages and documents alike."""

from datetime import datetime

from itaku.core.calendar import TOKYO

__all__ = ["jst_datetime"]


def jst_datetime(dt: datetime) -> str:
    """An aware ``dt`` in Japan time, to the minute: "2026年11月23日 21時05分".

    A naive datetime is refused rather than guessed at: the server's zone is not the ward's.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("jst_datetime needs an aware datetime")
    local = dt.astimezone(TOKYO)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H}時{local:%M}分"
