"""The line that says who took a file out, when, what for and on which request."""

import re
from dataclasses import dataclass
from datetime import datetime

from itaku.core.calendar import TOKYO

__all__ = ["Watermark"]

# Newlines in a user-typed purpose would break the watermark out of its one line: in a CSV the
# rest would become a row of its own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def _one_line(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", value).split())


@dataclass(frozen=True)
class Watermark:
    """Who exported a file (display name and user id), when, for what, on which request."""

    who: str
    at: datetime
    purpose: str
    reference: str

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("Watermark.at must be an aware datetime")
        for name in ("who", "purpose", "reference"):
            if not _one_line(getattr(self, name)):
                raise ValueError(f"Watermark.{name} must not be empty")

    def text(self) -> str:
        """One Japanese line, times in Japan time: "出力者: 山田 太郎 (利用者ID 5)/出力日時: …"."""
        at = self.at.astimezone(TOKYO)
        return "/".join(
            [
                f"出力者: {_one_line(self.who)}",
                f"出力日時: {at.year}年{at.month}月{at.day}日 {at:%H:%M} (JST)",
                f"目的: {_one_line(self.purpose)}",
                _one_line(self.reference),
                "無断複製禁止",
            ]
        )
