"""PI-11 … PI-16: a My Number is recognised by its check digit, in whatever form it is typed.

Every number here is computed by the test from made-up first digits; none is anyone's number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaku.privacy.domain import (
    contains_my_number,
    is_my_number,
    my_number_candidates,
    my_number_check_digit,
    pdf_text_problem,
)


def valid(first_eleven: str) -> str:
    return first_eleven + str(my_number_check_digit(first_eleven))


def invalid(first_eleven: str) -> str:
    return first_eleven + str((my_number_check_digit(first_eleven) + 1) % 10)


@pytest.mark.parametrize(
    ("first_eleven", "check"),
    [
        ("12345678901", 8),  # the worked example of the ministry ordinance's formula
        ("00000000000", 0),  # remainder 0 → 0
        ("11111111111", 8),  # weights 2..7 and 2..6 sum to 47; 47 mod 11 = 3; 11 - 3
    ],
)
def test_pi11_check_digit(first_eleven, check):
    assert my_number_check_digit(first_eleven) == check


N = valid("31415926535")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (N, True),
        (f"メモ:{N} を控える", True),
        (f"{N[:4]} {N[4:8]} {N[8:]}", True),
        (f"{N[:4]}-{N[4:8]}-{N[8:]}", True),
        (N.translate(str.maketrans("0123456789", "０１２３４５６７８９")), True),  # full width
        (f"{N[:4]}ー{N[4:8]}ー{N[8:]}", True),  # long-vowel mark typed as a hyphen
        (invalid("31415926535"), False),  # twelve digits, wrong check digit
        (N + "1", False),  # part of a longer number
        ("1" + N, False),
        ("03-1234-5678", False),  # a telephone number
        ("2026年6月15日 10:00", False),
        ("", False),
    ],
)
def test_pi11_my_number_in_free_text(text, found):
    assert contains_my_number(text) is found


# The number: a made-up one whose check digit is right (the ordinance's worked example).
M = "123456789018"
assert is_my_number(M)
DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def spread(number: str, separator: str, *sizes: int) -> str:
    """``number`` written in groups of ``sizes`` joined by ``separator``."""
    groups, start = [], 0
    for size in sizes:
        groups.append(number[start : start + size])
        start += size
    return separator.join(groups)


# PI-11 … PI-16 (特記事項第11条〜第16条, for contracts that handle My Number): these contracts
# never store one, so every evasion of the issue must be found, and ordinary text must pass.
@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The evasions of the issue, each with a valid number.
        pytest.param(spread(M, "\n", 4, 4, 4), True, id="PI-11-newlines"),
        pytest.param(spread(M, "\r\n", 4, 4, 4), True, id="PI-11-crlf"),
        pytest.param(spread(M, "-", 3, 3, 3, 3), True, id="PI-11-groups-of-three"),
        pytest.param(spread(M, "\u2013", 4, 4, 4), True, id="PI-11-en-dash"),
        pytest.param(spread(M, "\u2010", 4, 4, 4), True, id="PI-11-u2010-hyphen"),
        pytest.param(spread(M, "\u2014", 4, 4, 4), True, id="PI-11-em-dash"),
        pytest.param(spread(M, "\u2212", 4, 4, 4), True, id="PI-11-minus-sign"),
        pytest.param(spread(M, "〜", 4, 4, 4), True, id="PI-11-wave-dash"),
        pytest.param(" ".join(M), True, id="PI-11-a-space-between-every-digit"),
        pytest.param(spread(M, ".", 4, 4, 4), True, id="PI-11-dots"),
        pytest.param(spread(M, "・", 4, 4, 4), True, id="PI-11-nakaguro"),
        pytest.param(spread(M, "。", 4, 4, 4), True, id="PI-11-maru"),
        pytest.param(spread(M, "/", 4, 4, 4), True, id="PI-11-slashes"),
        pytest.param(spread(M, "，", 3, 3, 3, 3), True, id="PI-11-commas"),
        pytest.param(spread(M, "_", 4, 4, 4), True, id="PI-11-underscores"),
        pytest.param(spread(M, "  ", 4, 4, 4), True, id="PI-11-double-spaces"),
        pytest.param(spread(M, "\u3000", 4, 4, 4), True, id="PI-11-ideographic-space"),
        pytest.param(spread(M, " - ", 4, 4, 4), True, id="PI-11-spaced-hyphens"),
        pytest.param(spread(M, "\u200b", 4, 4, 4), True, id="PI-11-zero-width-space"),
        pytest.param("\u200b".join(M), True, id="PI-11-zero-width-between-every-digit"),
        pytest.param(spread(M, "\u200d", 4, 4, 4), True, id="PI-11-zero-width-joiner"),
        pytest.param(spread(M, "\ufeff", 6, 6), True, id="PI-11-bom"),
        pytest.param(spread(M, "\u00ad", 4, 4, 4), True, id="PI-11-soft-hyphen"),
        pytest.param(M.translate(DIGITS), True, id="PI-11-kanji-numerals"),
        pytest.param("壱弐参四五六七八九零壱八", True, id="PI-11-formal-kanji-numerals"),
        pytest.param(" ".join(M.translate(DIGITS)), True, id="PI-11-spaced-kanji-numerals"),
        pytest.param(
            M.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), True, id="PI-11-arabic-indic"
        ),
        pytest.param(
            M.translate(str.maketrans("0123456789", "०१२३४५६७८९")), True, id="PI-11-devanagari"
        ),
        pytest.param(
            spread(M.translate(str.maketrans("0123456789", "０１２３４５６７８９")), "－", 4, 4, 4),
            True,
            id="PI-11-full-width",
        ),
        pytest.param(spread(M, "ー", 4, 4, 4), True, id="PI-11-long-vowel-mark"),
        pytest.param(spread(M, "-", 2, 5, 1, 4), True, id="PI-11-any-grouping"),
        pytest.param(f"番号は{spread(M, '-', 4, 4, 4)}です", True, id="PI-11-inside-a-sentence"),
        pytest.param(f"{spread(M, ' ', 4, 4, 4)}\n3月分", True, id="PI-11-next-line-has-digits"),
        pytest.param(f"5 {spread(M, ' ', 4, 4, 4)}", True, id="PI-11-digits-before"),
        pytest.param(f"メモ:{N} を控える", True, id="PI-11-second-number"),
        # What must pass.
        pytest.param("03-1234-5678", False, id="PI-11-phone"),
        pytest.param("090-1234-5678", False, id="PI-11-mobile"),
        pytest.param("〒105-8511 03-3578-2111", False, id="PI-11-postal-code-and-phone"),
        pytest.param("2026-06-15 10:30", False, id="PI-11-date-and-time"),
        pytest.param("2026年6月15日 10:00", False, id="PI-11-japanese-date"),
        pytest.param("2026-04-01〜2027-03-31", False, id="PI-11-a-period"),
        pytest.param("2026/06/15 2026/06/16", False, id="PI-11-two-dates"),
        pytest.param("¥1,234,567", False, id="PI-11-money"),
        pytest.param("1234567890186", False, id="PI-11-thirteen-digits"),
        pytest.param(M + "1", False, id="PI-11-part-of-a-longer-number"),
        pytest.param("1" + M, False, id="PI-11-longer-number-before"),
        pytest.param("123456789019", False, id="PI-11-wrong-check-digit"),
        pytest.param(spread("123456789019", " ", 4, 4, 4), False, id="PI-11-grouped-wrong-check"),
        pytest.param(invalid("31415926535"), False, id="PI-11-wrong-check-digit-2"),
        pytest.param(spread(M, "     ", 4, 4, 4), False, id="PI-11-groups-too-far-apart"),
        pytest.param(spread(M, ":", 4, 4, 4), False, id="PI-11-colon-is-not-a-separator"),
        pytest.param("一二三さん 十二月 第一回 二人", False, id="PI-11-kanji-in-words"),
        pytest.param("二〇二六年六月十五日", False, id="PI-11-kanji-date"),
        pytest.param("", False, id="PI-11-empty"),
    ],
)
def test_pi11_16_every_way_of_writing_a_my_number_is_found(text, found):
    assert contains_my_number(text) is found


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        pytest.param(spread(M, " ", 4, 4, 4) + " 2", [M], id="PI-11-twelve-of-thirteen"),
        pytest.param("1 " * 13, ["111111111111"] * 2, id="PI-11-every-window"),
        pytest.param("1234567890186 1", [], id="PI-11-a-group-is-never-cut"),
        pytest.param("2026-04-01 12345678", ["040112345678"], id="PI-11-a-cut-date-is-not-a-date"),
    ],
)
def test_pi11_16_candidates_are_whole_groups_adding_up_to_twelve(text, candidates):
    assert my_number_candidates(text) == candidates


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_pi11_exactly_one_check_digit_in_ten_is_valid(first_eleven):
    valid_digits = [d for d in "0123456789" if is_my_number(first_eleven + d)]
    assert valid_digits == [str(my_number_check_digit(first_eleven))]


def test_check_digit_needs_eleven_digits():
    with pytest.raises(ValueError):
        my_number_check_digit("123")


@pytest.mark.parametrize(
    ("pages", "refused_because"),
    [
        pytest.param([("相談記録", False)], None, id="PI-11-typed"),
        pytest.param([("相談記録", True)], None, id="PI-11-typed-with-a-logo"),
        pytest.param([("相談記録", False), ("", False)], None, id="PI-11-a-blank-page"),
        pytest.param([("", True)], "スキャンした画像だけのPDF", id="PI-11-a-scan"),
        pytest.param([("", False)], "文字を読み取れないPDF", id="PI-11-no-text-at-all"),
        pytest.param([(" \n", False)], "文字を読み取れないPDF", id="PI-11-only-spaces"),
        pytest.param(
            [("表紙", False), ("本文", False), ("", True)],
            "3ページ目は文字を読み取れない",
            id="PI-11-a-scanned-page-among-typed-ones",
        ),
    ],
)
def test_pi11_16_a_pdf_is_checked_only_if_its_text_can_be_read(pages, refused_because):
    problem = pdf_text_problem(pages)
    assert (problem is None) if refused_because is None else (refused_because in problem)
