"""PI-11 … PI-16: a My Number is recognised by its check digit, in whatever form it is typed.

Every number here is computed by the test from made-up first digits; none is anyone's number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaku.privacy.domain import contains_my_number, is_my_number, my_number_check_digit


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


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_pi11_exactly_one_check_digit_in_ten_is_valid(first_eleven):
    valid_digits = [d for d in "0123456789" if is_my_number(first_eleven + d)]
    assert valid_digits == [str(my_number_check_digit(first_eleven))]


def test_check_digit_needs_eleven_digits():
    with pytest.raises(ValueError):
        my_number_check_digit("123")
