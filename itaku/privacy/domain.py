"""Pure privacy rules. PI-11 … PI-16: these contracts must not hold a My Number (個人番号)."""

from __future__ import annotations

import re
import unicodedata

# Twelve digits, optionally in groups of four separated by a space or a hyphen, not part of a
# longer number. Text is NFKC-normalised first, so full-width digits and hyphens count too.
_CANDIDATE = re.compile(r"(?<![0-9])([0-9]{4})[ \-]?([0-9]{4})[ \-]?([0-9]{4})(?![0-9])")


def my_number_check_digit(first_eleven: str) -> int:
    """The check digit of an individual number from its first 11 digits.

    The formula of 番号法施行令第8条 and 総務省令第85号第5条: weights 2–7 then 2–6 from the
    rightmost digit, remainder by 11, and 0 when the remainder is 0 or 1."""
    if not re.fullmatch(r"[0-9]{11}", first_eleven):
        raise ValueError("11桁の数字が必要です。")
    total = 0
    for n, digit in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(digit) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(digits: str) -> bool:
    """Whether 12 digits form a valid individual number (the check digit matches)."""
    return bool(re.fullmatch(r"[0-9]{12}", digits)) and my_number_check_digit(digits[:11]) == int(
        digits[11]
    )


def contains_my_number(text: str) -> bool:
    """Whether free text holds something that is a valid individual number."""
    normalised = unicodedata.normalize("NFKC", text).replace("ー", "-").replace("−", "-")
    return any(is_my_number("".join(m.groups())) for m in _CANDIDATE.finditer(normalised))
