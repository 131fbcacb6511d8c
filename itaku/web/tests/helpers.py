"""Helpers for the page tests of every app."""

from __future__ import annotations

import re

DATE_RANGE = "1900年1月1日から2100年12月31日までの日付を入力してください。"
DATETIME_RANGE = "1900年1月1日から2100年12月31日までの日時を入力してください。"
ODD_DATES = ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]


def error_next_to(page: str, field_id: str) -> str:
    """The errors that ``includes/form_field.html`` shows with the field ``field_id`` ("" if
    none): the error is next to the field, not only in the summary at the top."""
    match = re.search(rf'<div class="field__errors" id="{field_id}_error">(.*?)</div>', page, re.S)
    return match.group(1) if match else ""
