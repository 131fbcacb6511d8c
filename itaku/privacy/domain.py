"""Pure privacy rules: no My Number (PI-11 … PI-16), what an attachment may be (PI-6), when
an export may be made (PI-5, PI-18), the contract-end checklist and destruction (PI-8, IC-29)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
