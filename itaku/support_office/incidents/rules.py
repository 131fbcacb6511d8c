"""The pure rules of the incident record (SO-7): how long it lasted, and when a long detention
suggests the category 「拘束的な言動」.

The MHLW manual and the Tokyo guideline name 不退去・居座り・長時間の電話 as restraining
behaviour without a fixed number; the office's working rule is that a contact of more than
60 minutes is a long detention and the recorder is asked whether to tick 拘束的な言動.
"""

from __future__ import annotations

from datetime import datetime

from itaku.support_office.incidents.models import Behaviour

LONG_DETENTION_MINUTES = 60


def duration_minutes(started_at: datetime, ended_at: datetime | None) -> int | None:
    """Whole minutes from start to end; None while the end is not known."""
    if ended_at is None:
        return None
    return max(0, int((ended_at - started_at).total_seconds() // 60))


def is_long_detention(minutes: int | None) -> bool:
    """More than 60 minutes (SO-7): flagged on the record and in the list."""
    return minutes is not None and minutes > LONG_DETENTION_MINUTES


def suggested_behaviours(minutes: int | None, chosen: list[str]) -> list[str]:
    """The categories to suggest beside those chosen: 拘束的な言動 after a long detention."""
    if is_long_detention(minutes) and Behaviour.RESTRAINING.value not in chosen:
        return [Behaviour.RESTRAINING.value]
    return []


def time_problems(started_at: datetime, ended_at: datetime | None, now: datetime) -> dict:
    """Field errors of the times: the start not in the future, the end not before the start."""
    problems: dict[str, list[str]] = {}
    if started_at > now:
        problems["started_at"] = ["開始日時に未来の日時は入力できません。"]
    if ended_at is not None and ended_at < started_at:
        problems["ended_at"] = ["終了日時は開始日時より後にしてください。"]
    return problems
