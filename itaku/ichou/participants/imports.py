"""Reading a list of participants from a file (IC-9): CSV in UTF-8 (with or without its BOM) or
Shift_JIS (cp932, as Excel on Windows saves it), or an Excel .xlsx. The first row holds the
headers 姓,名,姓ふりがな,名ふりがな,生年月日. Every row is checked before anything is written;
a rejected row is listed with its row number (the file's, the header being row 1) and why."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from itaku.privacy.domain import contains_my_number
from itaku.web.kana import kana_normalise

HEADERS = ("姓", "名", "姓ふりがな", "名ふりがな", "生年月日")
MAX_ROWS = 2000
_DATE = re.compile(r"^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$")


class ImportFileError(ValueError):
    """The file cannot be read as a list of participants at all."""


def read_rows(name: str, content: bytes) -> list[list[str]]:
    """The rows of the file as text, the header row first."""
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    raise ImportFileError("文字コードが読めません。UTF-8 か Shift_JIS の CSV にしてください。")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # any unreadable file is the user's to fix
        raise ImportFileError("Excel のファイルとして読めません。") from error
    sheet = book.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return [row for row in rows if any(c.strip() for c in row)]


def _date(text: str) -> date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


@dataclass(frozen=True)
class GoodRow:
    number: int
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    birth_date: date

    def values(self) -> dict[str, Any]:
        return {
            "family_name": self.family_name,
            "given_name": self.given_name,
            "family_name_kana": self.family_name_kana,
            "given_name_kana": self.given_name_kana,
            "birth_date": self.birth_date,
        }


@dataclass(frozen=True)
class BadRow:
    number: int
    reason: str


def check_rows(rows: list[list[str]], today: date) -> tuple[list[GoodRow], list[BadRow]]:
    """The good rows and the rejected ones with their reasons. A file without the headers is
    refused as a whole (``ImportFileError``)."""
    if not rows:
        raise ImportFileError("ファイルに行がありません。")
    header = tuple(c.strip() for c in rows[0][: len(HEADERS)])
    if header != HEADERS:
        raise ImportFileError("1行目の見出しを「" + ",".join(HEADERS) + "」にしてください。")
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(f"一度に取り込めるのは{MAX_ROWS}人までです。")
    good: list[GoodRow] = []
    bad: list[BadRow] = []
    seen: set[tuple[str, str, date]] = set()
    for number, raw in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in [*raw, "", "", "", "", ""][: len(HEADERS)]]
        family, given, family_kana, given_kana, birth_text = cells
        reasons: list[str] = []
        if any(contains_my_number(c) for c in raw):
            reasons.append("個人番号(マイナンバー)のような数字があります")
        for label, text in zip(HEADERS[:2], (family, given), strict=True):
            if not text:
                reasons.append(f"{label}が空です")
        readings = []
        for label, text in zip(HEADERS[2:4], (family_kana, given_kana), strict=True):
            reading = kana_normalise(text)
            if not text:
                reasons.append(f"{label}が空です")
            elif reading is None:
                reasons.append(f"{label}がひらがな・カタカナではありません")
            readings.append(reading or "")
        birth = _date(birth_text)
        if birth is None:
            reasons.append("生年月日が日付として読めません(例 2000-04-01)")
        elif birth > today:
            reasons.append("生年月日が今日より後です")
        if not reasons and birth is not None:
            key = (family + given, readings[0] + readings[1], birth)
            if key in seen:
                reasons.append("前の行と同じ人です")
            seen.add(key)
        if reasons or birth is None:
            bad.append(BadRow(number, "、".join(reasons)))
        else:
            good.append(GoodRow(number, family, given, readings[0], readings[1], birth))
    return good, bad
