"""Pure privacy rules: no My Number (PI-11 … PI-16), what an attachment may be (PI-6), when
an export may be made (PI-5, PI-18), the contract-end checklist and destruction (PI-8, IC-29)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# PI-11 … PI-16: how a person might write twelve digits in free text. A digit is any character
# with a decimal value in Unicode (ASCII, full width, Arabic-Indic, Devanagari, …) or a kanji
# numeral; 十 百 千 are not digits, they give a number's size, not one of its places.
_KANJI_DIGITS = {
    "〇": "0", "零": "0", "一": "1", "壱": "1", "二": "2", "弐": "2", "三": "3", "参": "3",
    "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
}  # fmt: skip
# What may stand between two digits of one number: besides whitespace, invisible characters and
# dashes (by Unicode category below), dots, slashes, commas, the long-vowel mark and the minus
# sign typed as hyphens, the wave dash. Never a colon: "10:30" is a time, and a date followed by
# a time would otherwise make twelve digits.
_SEPARATOR_CHARACTERS = frozenset(".・。/\\,、_ー−~·‧∙")
# Cf: zero-width space, joiners, BOM, soft hyphen; Cc: tabs, other controls; Mn, Me: combining
# marks (variation selectors, the keycap); Pd: every dash, U+2010 … U+2015, 〜; Pc: underscores.
_SEPARATOR_CATEGORIES = frozenset({"Cf", "Cc", "Mn", "Me", "Pd", "Pc"})
# A few separators in a row still join two digits ("\r\n", double spaces, " - "); more end it.
MAX_SEPARATORS = 4
MY_NUMBER_DIGITS = 12


def _digit(character: str) -> str | None:
    if character in _KANJI_DIGITS:
        return _KANJI_DIGITS[character]
    value = unicodedata.decimal(character, None)
    return None if value is None else str(value)


def _is_separator(character: str) -> bool:
    return (
        character.isspace()
        or character in _SEPARATOR_CHARACTERS
        or unicodedata.category(character) in _SEPARATOR_CATEGORIES
    )


def _digit_chains(text: str) -> list[list[tuple[str, str]]]:
    """The digits of ``text`` as chains of groups, each group with the separators before it.

    A group is digits written one after another (in ASCII); a chain is groups with only
    separators, at most ``MAX_SEPARATORS`` in a row, between them. "TEL 03-1234-5678、2026年"
    gives [[("", "03"), ("-", "1234"), ("-", "5678")], [("", "2026")]]. Text is
    NFKC-normalised first (full-width and circled digits, the ideographic space)."""
    chains: list[list[tuple[str, str]]] = []
    groups: list[tuple[str, str]] = []
    before = digits = gap = ""  # separators before the group, its digits, separators since
    for character in unicodedata.normalize("NFKC", text):
        digit = _digit(character)
        if digit is not None:
            if gap:
                groups.append((before, digits))
                before, digits = gap, ""
                if len(gap) > MAX_SEPARATORS:
                    chains.append(groups)
                    groups, before = [], ""
            digits += digit
            gap = ""
        elif digits and _is_separator(character):
            gap += character
        elif digits:
            chains.append([*groups, (before, digits)])
            groups, before, digits, gap = [], "", "", ""
    if digits:
        chains.append([*groups, (before, digits)])
    return chains


def _is_date(groups: list[tuple[str, str]]) -> bool:
    """Three groups that are a date written year, month, day with one of - / . between them."""
    (_, year), (first, month), (second, day) = groups
    return (
        first == second
        and first in {"-", "/", "."}
        and len(year) == 4
        and 1900 <= int(year) <= 2099
        and len(month) <= 2
        and 1 <= int(month) <= 12
        and len(day) <= 2
        and 1 <= int(day) <= 31
    )


def my_number_candidates(text: str) -> list[str]:
    """Every twelve digits of ``text`` that could be an individual number, check digit or not.

    A candidate is a run of consecutive whole groups of one chain that adds up to exactly twelve
    digits: "1234 5678 9018", "123-456-789-018", one digit per space, and also twelve digits
    next to other groups ("1234 5678 9018 2" holds 123456789018). A group is never cut: twelve
    digits inside a longer run of digits (13 written together) are part of another number.
    Each way of taking consecutive groups counts, so a chain of more than twelve digits can hold
    several candidates; the check digit keeps about nine in ten of them out. A run that holds a
    whole date (2026-04-01, 2026/6/15, 2026.06.15) is dates, not a number: a period written
    "2026-04-01〜2027-03-31" makes twelve digits twice."""
    found = []
    for groups in _digit_chains(text):
        for start in range(len(groups)):
            total = 0
            for end in range(start, len(groups)):
                total += len(groups[end][1])
                if total >= MY_NUMBER_DIGITS:
                    run = groups[start : end + 1]
                    dated = any(_is_date(run[i : i + 3]) for i in range(len(run) - 2))
                    if total == MY_NUMBER_DIGITS and not dated:
                        found.append("".join(digits for _, digits in run))
                    break
    return found


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
    """Whether free text holds something that is a valid individual number (PI-11 … PI-16): a
    candidate of ``my_number_candidates`` whose check digit is right."""
    return any(is_my_number(candidate) for candidate in my_number_candidates(text))


# ---- attachments (PI-6) -------------------------------------------------------------------------

MB = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    extension: str
    max_bytes: int


# What may be attached, by the type read from the content itself (never the name or the browser's
# claim): photos from a phone, PDFs of signed forms, recordings of a consultation.
ATTACHMENT_KINDS: dict[str, FileKind] = {
    "image/jpeg": FileKind("写真(JPEG)", "jpg", 20 * MB),
    "image/png": FileKind("画像(PNG)", "png", 20 * MB),
    "image/heic": FileKind("写真(HEIC)", "heic", 20 * MB),
    "application/pdf": FileKind("PDF", "pdf", 20 * MB),
    "audio/mpeg": FileKind("録音(MP3)", "mp3", 100 * MB),
    "audio/mp4": FileKind("録音(M4A)", "m4a", 100 * MB),
    "audio/x-wav": FileKind("録音(WAV)", "wav", 100 * MB),
}


def attachment_problem(*, detected: str | None, size: int) -> str | None:
    """Why a file cannot be attached, or None. ``detected`` is the type read from its content."""
    if size == 0:
        return "ファイルが空です。"
    kind = ATTACHMENT_KINDS.get(detected or "")
    if kind is None:
        return "写真(JPEG・PNG・HEIC)、PDF、録音(MP3・M4A・WAV)以外のファイルは添付できません。"
    if size > kind.max_bytes:
        return f"{kind.label}は {kind.max_bytes // MB} MB までです。"
    return None


# PI-11 … PI-16: the text of an attached PDF is checked for a My Number, so a PDF whose text
# cannot be read is refused rather than let through unchecked. Photos and recordings are not read.
PDF_MAX_PAGES = 200
PDF_UNREADABLE = {
    "encrypted": (
        "パスワードで保護されたPDFは、個人番号(マイナンバー)が含まれていないことを確かめられない"
        "ため添付できません。パスワードを外したPDFを添付してください。"
    ),
    "damaged": (
        "PDFを読み取れないため、個人番号(マイナンバー)が含まれていないことを確かめられず、添付"
        "できません。ファイルが壊れていないか確かめ、作成したソフトで保存し直してから添付して"
        "ください。"
    ),
    "too_long": (
        f"{PDF_MAX_PAGES}ページを超えるPDFは、個人番号(マイナンバー)が含まれていないことを確かめ"
        "きれないため添付できません。ページを分けて添付してください。"
    ),
}


def pdf_text_problem(pages: list[tuple[str, bool]]) -> str | None:
    """Why a PDF cannot be checked for a My Number, or None. ``pages`` holds each page's text
    and whether the page draws an image: a PDF without any text (a scan) cannot be checked, nor
    can a page that is only an image (a scanned page put into a typed document)."""
    if not any(text.strip() for text, _ in pages):
        return (
            "文字を読み取れないPDF(スキャンした画像だけのPDFなど)は、個人番号(マイナンバー)が"
            "含まれていないことを確かめられないため添付できません。文字を含むPDFにするか、写真"
            "(JPEG・PNG)として添付してください。"
        )
    for number, (text, has_images) in enumerate(pages, start=1):
        if has_images and not text.strip():
            return (
                f"{number}ページ目は文字を読み取れない(スキャンした画像だけのページなど)ため、"
                "個人番号(マイナンバー)が含まれていないことを確かめられず、添付できません。"
                "そのページを除くか、写真(JPEG・PNG)として添付してください。"
            )
    return None


# ---- exports (PI-5, PI-18) ----------------------------------------------------------------------

# An approval is for one file made soon: a week to make it, a day to download what was made.
APPROVAL_VALID = timedelta(days=7)
DOWNLOAD_VALID = timedelta(days=1)


def export_may_produce(*, state: str, approved_at: datetime | None, now: datetime) -> str | None:
    """Why an export file cannot be made now, or None (PI-18: never without approval)."""
    if state in {"requested", "refused"} or approved_at is None:
        return "監督職員の承認がないため、出力できません。"
    if state != "approved":
        return (
            "この申請のファイルはすでに作成しました。もう一度必要なときは新しく申請してください。"
        )
    if now > approved_at + APPROVAL_VALID:
        return "承認から7日を過ぎたため、出力できません。新しく申請してください。"
    return None


def export_may_download(*, state: str, produced_at: datetime | None, now: datetime) -> str | None:
    if state != "produced" or produced_at is None:
        return "ファイルはまだ作成されていません。"
    if now > produced_at + DOWNLOAD_VALID:
        return "ダウンロードの期限(作成から24時間)を過ぎました。新しく申請してください。"
    return None


# ---- contract end (PI-8, IC-29) -----------------------------------------------------------------


def end_item_done(*, checked: bool | None, confirmable: bool, confirmed: bool) -> bool:
    """Whether one contract-end checklist item is done.

    ``checked`` is what the item's automatic check found (None for a manual item). A manual item
    is done when the ward supervisor confirmed it; an automatic one when its check holds, or, if
    it may be confirmed by hand (no handover needed, IC-29), when the supervisor confirmed that."""
    if checked:
        return True
    return (checked is None or confirmable) and confirmed


@dataclass(frozen=True)
class ClosingEntry:
    """What the roster check at contract end needs to know about one roster entry."""

    contractor_side: bool
    approved: bool
    ended: bool
    valid_to: date | None
    pledge_date: date | None


def roster_closed(entries: list[ClosingEntry], *, period_end: date) -> bool:
    """Every contractor-side roster entry is closed (ended, or its last day on or before the end
    of the period), and everyone who was in an approved roster had made a pledge (PI-2, SO-17).
    The ward's own entries stay open: the ward reads the contract until destruction (PI-8)."""
    for entry in entries:
        if not entry.contractor_side:
            continue
        closed = entry.ended or (entry.valid_to is not None and entry.valid_to <= period_end)
        if not closed or (entry.approved and entry.pledge_date is None):
            return False
    return True


PURPOSE_RETURN = "return"
PURPOSE_HANDOVER = "handover"


def package_sections(*, purpose: str, chosen: list[str], available: list[str]) -> list[str]:
    """The sections a contract-end package holds, in the registry's order.

    PI-8: the return package holds everything. IC-29: a handover package holds what the ward
    chose for the next contractor, at least one section. Raises ValueError with the reason."""
    if purpose == PURPOSE_RETURN:
        return list(available)
    if purpose != PURPOSE_HANDOVER:
        raise ValueError("パッケージの種類を選んでください。")
    unknown = set(chosen) - set(available)
    if unknown:
        raise ValueError("選べない項目が含まれています。")
    if not chosen:
        raise ValueError("引き継ぐ項目を1つ以上選んでください。")
    return [key for key in available if key in chosen]


def destruction_problems(
    *, state: str, open_items: list[str], typed_number: str, number: str
) -> dict[str, list[str]]:
    """Why the contract's data cannot be destroyed now, by form field ("" for the whole form).

    PI-8: only after the ward received the return package, with every checklist item done, and
    with the contract number typed by the supervisor as the deliberate confirmation."""
    problems: dict[str, list[str]] = {}
    if state != "returned":
        problems[""] = ["返却パッケージの受領を記録してから消去できます。"]
    if open_items:
        problems.setdefault("", []).append(
            "確認が済んでいない項目があります：" + "、".join(open_items)
        )
    if typed_number.strip() != number:
        problems["confirm_number"] = [
            "契約番号が一致しません。画面の契約番号をそのまま入力してください。"
        ]
    return problems
