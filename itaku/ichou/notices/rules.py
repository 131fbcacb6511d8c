"""The rules of the notices to participants (仕様書 13(4), IC-23) and of the newsletter's photos
(仕様書 7(6)ウ, IC-16), on plain values: no database, table-tested.

IC-23: a notice reaches the ward at least a week (7 calendar days) before it is **sent** — the
send date, not the activity's date, is what counts. Submitted on day ``d``, a notice planned for
``send_on`` is refused when ``d > send_on − 7``.
"""

from __future__ import annotations

from datetime import date, timedelta

from itaku.core.calendar import format_wareki

NOTICE_LEAD_DAYS = 7
# IC-23: the manager is reminded this many days before a draft's submission deadline.
DEADLINE_WARNING_DAYS = 3

DRAFT = "draft"
SUBMITTED = "submitted"
ACKNOWLEDGED = "acknowledged"
RETURNED = "returned"
SENT = "sent"
EDITABLE = frozenset({DRAFT, RETURNED})


def submission_deadline(send_on: date) -> date:
    """The last day a notice to be sent on ``send_on`` may reach the ward (IC-23)."""
    return send_on - timedelta(days=NOTICE_LEAD_DAYS)


def earliest_send_on(submitted_on: date) -> date:
    """The first day a notice submitted on ``submitted_on`` may be sent (IC-23)."""
    return submitted_on + timedelta(days=NOTICE_LEAD_DAYS)


def submission_problem(*, submitted_on: date, send_on: date) -> str | None:
    """None when a notice submitted on ``submitted_on`` reaches the ward a week before
    ``send_on``; otherwise the Japanese message naming the deadline and the earliest send date."""
    deadline = submission_deadline(send_on)
    if submitted_on <= deadline:
        return None
    return (
        f"通知文は送付日の1週間前までに区へ提出します。送付予定日{format_wareki(send_on)}の"
        f"提出期限は{format_wareki(deadline)}でした。今日提出すると、送付できるのは"
        f"{format_wareki(earliest_send_on(submitted_on))}以降です。送付予定日を変えてください。"
    )


def send_problem(*, submitted_on: date, sent_on: date) -> str | None:
    """None when a notice submitted on ``submitted_on`` may go out on ``sent_on`` (a week
    later at the earliest, IC-23); otherwise the message."""
    earliest = earliest_send_on(submitted_on)
    if sent_on >= earliest:
        return None
    return f"区へ提出してから1週間たっていません。送付できるのは{format_wareki(earliest)}以降です。"


def editable(state: str) -> bool:
    """A notice is changed only while it is a draft or after the ward returned it."""
    return state in EDITABLE


def deadline_near(*, state: str, send_on: date, today: date) -> bool:
    """A notice still to be submitted whose deadline is within ``DEADLINE_WARNING_DAYS`` days
    of ``today`` (or already past: its send date must be moved)."""
    if not editable(state):
        return False
    return (submission_deadline(send_on) - today).days <= DEADLINE_WARNING_DAYS


def photo_problem(consents: list[bool]) -> str | None:
    """IC-16: a newsletter photo may show only participants who consented to photos. The
    message counts those who did not and names no one."""
    missing = sum(1 for c in consents if not c)
    if not missing:
        return None
    return (
        f"写真撮影・掲載に同意していない参加者が写っています({missing}人)。"
        "同意のある参加者だけが写っている写真にしてください。"
    )
