"""The watermark line on every exported file; no database."""

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest

from itaku.documents.watermark import Watermark

AT = datetime(2026, 11, 23, 12, 5, tzinfo=UTC)  # 21:05 in Tokyo


def watermark(**changes: Any) -> Watermark:
    values: dict[str, Any] = {
        "who": "山田 太郎 (利用者ID 5)",
        "at": AT,
        "purpose": "月次報告の確認",
        "reference": "出力申請 #12",
    }
    return Watermark(**(values | changes))


def test_watermark_text_names_the_person_the_tokyo_time_the_purpose_and_the_request():
    assert watermark().text() == (
        "出力者: 山田 太郎 (利用者ID 5)/出力日時: 2026年11月23日 21:05 (JST)"
        "/目的: 月次報告の確認/出力申請 #12/無断複製禁止"
    )


@pytest.mark.parametrize(
    "purpose",
    ["確認\r\n# 偽の行", "確認\n偽の行", "確認\t偽の行", "確認\u2028偽の行"],
    ids=["CRLF", "LF", "tab", "line separator"],
)
def test_watermark_text_stays_one_line_whatever_the_purpose_contains(purpose):
    text = watermark(purpose=purpose).text()
    assert text.splitlines() == [text]
    assert "目的: 確認 " in text


def test_watermark_refuses_a_naive_time():
    with pytest.raises(ValueError, match="aware"):
        watermark(at=datetime(2026, 11, 23, 21, 5))


@pytest.mark.parametrize("field", ["who", "purpose", "reference"])
def test_watermark_refuses_an_empty_field(field):
    with pytest.raises(ValueError, match=field):
        watermark(**{field: " \n "})


def test_watermark_cannot_be_changed_after_it_is_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        watermark().who = "別人"  # type: ignore[misc]
