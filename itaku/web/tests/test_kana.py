"""Readings (ふりがな): kept in hiragana, katakana turned into hiragana, anything else refused.
No database needed."""

from __future__ import annotations

import pytest

from itaku.web.kana import kana_normalise


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("やまだ", "やまだ"),
        ("ヤマダ", "やまだ"),  # katakana
        ("ﾔﾏﾀﾞ", "やまだ"),  # half-width katakana, the voiced mark joined
        ("ヴァイオレット", "ゔぁいおれっと"),
        ("さとう ゆうこ", "さとう ゆうこ"),
        ("さとう\u3000ゆうこ", "さとう ゆうこ"),  # a full-width space
        ("  さとう   ゆうこ ", "さとう ゆうこ"),
        ("まりー・あんとわねっと", "まりー・あんとわねっと"),  # long sound mark and middle dot
        ("ﾏﾘｰ･ｱﾝ", "まりー・あん"),  # their half-width forms
        ("いすゞ", "いすゞ"),  # an iteration mark
        ("", ""),
        ("Yamada123", None),
        ("やまだ1", None),
        ("ｙａｍａｄａ", None),  # full-width Latin letters
        ("山田", None),
        ("やま田", None),
        ("やまだ!", None),
        ("やま-だ", None),  # a hyphen is no long sound mark
    ],
)
def test_a_reading_is_kept_in_hiragana_or_refused(typed, kept):
    assert kana_normalise(typed) == kept
