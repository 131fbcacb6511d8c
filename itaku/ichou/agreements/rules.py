"""Pure rules of the agreements part, on plain values (no database): the fiscal quarter of a day
and the days of a quarter (仕様書 18, IC-28: payment quarterly after the ward confirms the
performance), the next number of a contract's agreement record (IC-35)."""

from __future__ import annotations

from datetime import date, timedelta

# April–June is the first quarter of the fiscal year that starts on 1 April.
QUARTERS = (1, 2, 3, 4)


def fiscal_quarter(day: date) -> tuple[int, int]:
    """(fiscal year, quarter 1–4) of ``day``: 1 April … 30 June is Q1, January … March is Q4 of
    the fiscal year that began the April before."""
    if day.month >= 4:
        return day.year, (day.month - 4) // 3 + 1
    return day.year - 1, 4


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[date, date]:
    """The first and the last day of ``quarter`` of ``fiscal_year``."""
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be 1–4, not {quarter}")
    month = 4 + 3 * (quarter - 1)
    year = fiscal_year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    first = date(year, month, 1)
    after_month = month + 3
    after = date(year + (after_month - 1) // 12, (after_month - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def quarter_ended(fiscal_year: int, quarter: int, today: date) -> bool:
    """The quarter's performance can be confirmed only once its last day has passed (IC-28)."""
    return today > quarter_bounds(fiscal_year, quarter)[1]


def quarter_label(fiscal_year: int, quarter: int) -> str:
    return f"{fiscal_year}年度 第{quarter}四半期"


def next_number(existing: list[int]) -> int:
    """A contract's agreement records are numbered 1, 2, 3 … in the order they are recorded."""
    return max(existing, default=0) + 1
