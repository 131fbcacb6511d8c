"""Readings of names (ふりがな) as the ward keeps them: hiragana.

A reading may be typed in katakana, half-width katakana or with a full-width space; it is kept in
hiragana, the form of every stored reading (the roster's order and the name index read them so).
Anything that is not a reading, Latin letters, digits, kanji or signs, is refused rather than
stored: 「Yamada123」 is no ふりがな.
"""

from __future__ import annotations

import re
import unicodedata

# Hiragana ぁ … ゖ, the iteration marks ゝ ゞ, the long sound mark ー, the middle dot ・ and
# spaces between the parts of a reading (after NFKC a full-width space is a plain one).
_READING = re.compile(r"[\u3041-\u3096\u309d\u309e\u30fc\u30fb ]+")
_KATAKANA = re.compile(
    r"[\u30a1-\u30f6\u30fd\u30fe]"
)  # ァ … ヶ and ヽ ヾ, each 0x60 above hiragana
_SPACES = re.compile(r"\s+")


def kana_normalise(text: str) -> str | None:
    """The reading ``text`` in hiragana, or None when it is not a reading.

    NFKC first (half-width ｶﾞ becomes ガ, a full-width space a plain one), katakana then becomes
    hiragana, runs of spaces one space, none at the ends. The empty text is the empty reading."""
    text = unicodedata.normalize("NFKC", text)
    text = _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), text)
    text = _SPACES.sub(" ", text).strip()
    if text and not _READING.fullmatch(text):
        return None
    return text
