"""Pure rules of the staff part, on plain values (no database), table-tested with their clause.

- IC-22 (仕様書 12(1)(2)): the trainings the contractor gives its staff — 事業理解, 安全管理,
  危機管理, 救急対応(応急手当), 知的障害者支援, 保護者対応 — each planned before (shown to the ward)
  and reported after.
- IC-30 (仕様書 20(3)): a privacy training (個人情報保護) every fiscal year, with its report.
- IC-19 (仕様書 9): a responsible person, always reachable.
- IC-20 (仕様書 10(3)): mostly the same staff all year (counts of activities per person);
  10(4): the contractor recruits the volunteers and nurses (the applicants' pipeline, the hire
  rule, how many are still needed).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from itaku.ichou.domain import counts_as_staff

MANUAL_KINDS = {"operations": "運営マニュアル", "crisis": "危機管理マニュアル"}

# 仕様書 12(1) names these (and ends with 等); 20(3) adds the privacy training.
TOPIC_LABELS = {
    "understanding": "いちょう学級の事業理解",
    "safety": "安全管理",
    "crisis": "危機管理",
    "first_aid": "救急対応(応急手当)",
    "disability": "知的障害者支援(障害者理解)",
    "guardians": "保護者対応",
    "privacy": "個人情報保護",
}
TOPICS = tuple(TOPIC_LABELS)
TOPIC_CLAUSES = {t: ("IC-30" if t == "privacy" else "IC-22") for t in TOPICS}
# Every topic is required each fiscal year: 12(1) lists what is 必要な研修, and 20(3) asks for
# the privacy training (the ward's 職場研修マニュアル) to be given and reported.
REQUIRED_TOPICS = TOPICS


def month_end(fiscal_year: int, month: int) -> date:
    """The last day of ``month`` in fiscal year ``fiscal_year`` (April … March of the next
    calendar year)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month}")
    year = fiscal_year if month >= 4 else fiscal_year + 1
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class PlannedTraining:
    topic: str
    month: int
    reported: bool
    key: Any = None


@dataclass(frozen=True)
class TrainingGap:
    clause: str
    message: str
    topic: str
    key: Any = None


def training_gaps(
    *, fiscal_year: int, plans: Sequence[PlannedTraining], today: date
) -> list[TrainingGap]:
    """What the year's trainings still lack on ``today``: each required topic without a plan
    (IC-22; the privacy training IC-30), then each planned training whose month has ended
    without a report."""
    gaps: list[TrainingGap] = []
    planned = {p.topic for p in plans}
    for topic in REQUIRED_TOPICS:
        if topic not in planned:
            gaps.append(
                TrainingGap(
                    TOPIC_CLAUSES[topic],
                    f"{fiscal_year}年度の「{TOPIC_LABELS[topic]}」の研修計画がありません。",
                    topic,
                )
            )
    for plan in plans:
        if not plan.reported and month_end(fiscal_year, plan.month) < today:
            gaps.append(
                TrainingGap(
                    TOPIC_CLAUSES.get(plan.topic, "IC-22"),
                    f"{plan.month}月に予定した「{TOPIC_LABELS.get(plan.topic, plan.topic)}」"
                    "の研修の報告がありません。",
                    plan.topic,
                    plan.key,
                )
            )
    return gaps


@dataclass(frozen=True)
class StaffWarning:
    clause: str
    message: str


def responsible_warnings(
    *, managers: int, managers_with_experience: int, phone_recorded: bool
) -> list[StaffWarning]:
    """IC-19: a responsible person (責任者) is on the roster, has experience supporting people with
    intellectual disabilities, and is always reachable: ``phone_recorded`` says whether a
    responsible person on the roster has the always-reachable phone recorded. Without any
    responsible person only that is said."""
    if managers == 0:
        return [StaffWarning("IC-19", "責任者が従事者名簿に登録されていません。")]
    out: list[StaffWarning] = []
    if managers_with_experience == 0:
        out.append(
            StaffWarning(
                "IC-19", "責任者に「知的障害者支援の経験」が資格・経験として登録されていません。"
            )
        )
    if not phone_recorded:
        out.append(
            StaffWarning(
                "IC-19",
                "責任者の常に連絡が取れる電話番号が従事者名簿に記録されていません。"
                "従事者名簿の記載の変更で記録してください。",
            )
        )
    return out


def continuity(
    entries: Iterable[Any], assigned: Iterable[Any], attended: Iterable[Any]
) -> dict[Any, tuple[int, int]]:
    """IC-20: for each entry, the number of activities it was assigned to and attended this
    year (each given as one item per activity)."""
    counts: dict[Any, list[int]] = {e: [0, 0] for e in entries}
    for e in assigned:
        if e in counts:
            counts[e][0] += 1
    for e in attended:
        if e in counts:
            counts[e][1] += 1
    return {e: (a, b) for e, (a, b) in counts.items()}


# --- IC-20 (仕様書 10(4)): recruiting volunteers and nurses ------------------------------------
# 「従事者となるボランティア及び看護師は、受注者が主となって広報活動を行い、必要な人数を集めること」

RECRUIT_ROLES = {"volunteer": "ボランティア", "nurse": "看護師"}
CHANNEL_LABELS = {
    "ward_news": "区報",
    "university": "大学のボランティアセンター",
    "nurse_association": "看護師会",
    "sns": "SNS・ホームページ",
    "word_of_mouth": "口コミ・紹介",
    "other": "その他",
}

APPLIED = "applied"
INTERVIEW = "interview"
HIRED = "hired"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
STATUS_LABELS = {
    APPLIED: "応募",
    INTERVIEW: "面談",
    HIRED: "採用",
    REJECTED: "不採用",
    WITHDRAWN: "辞退",
}
# 応募 → 面談 → 採用 / 不採用 / 辞退: a decision is final (a hired person's later changes are the
# roster's); an applicant may be turned down or withdraw before the interview, never hired
# without one.
_NEXT: dict[str, frozenset[str]] = {
    APPLIED: frozenset({INTERVIEW, REJECTED, WITHDRAWN}),
    INTERVIEW: frozenset({HIRED, REJECTED, WITHDRAWN}),
    HIRED: frozenset(),
    REJECTED: frozenset(),
    WITHDRAWN: frozenset(),
}
NEEDS_REASON = frozenset({REJECTED, WITHDRAWN})
# The manager's to-do: an applicant left in 応募 longer than this without an interview.
INTERVIEW_WAIT_DAYS = 14


def applicant_next_states(status: str) -> frozenset[str]:
    """IC-20: the states an applicant in ``status`` may move to; none for a decided or an
    unknown status (when in doubt, nothing moves)."""
    return _NEXT.get(status, frozenset())


def applicant_move_problems(
    *, current: str, target: str, reason: str, on: date, since: date, today: date
) -> dict[str, list[str]]:
    """IC-20: why an applicant in ``current`` (last dated ``since``) cannot move to ``target`` on
    ``on``, by form field: a move the pipeline does not allow, a 不採用 or 辞退 without its
    reason, a date before the last step or after today."""
    problems: dict[str, list[str]] = {}
    if target not in applicant_next_states(current):
        now = STATUS_LABELS.get(current, current)
        to = STATUS_LABELS.get(target, target)
        problems["target"] = [f"「{now}」の応募者を「{to}」にはできません。"]
    if target in NEEDS_REASON and not reason.strip():
        problems["reason"] = [f"{STATUS_LABELS[target]}の理由を入力してください。"]
    if on > today:
        problems["on"] = ["今日より後の日付にはできません。"]
    elif on < since:
        problems["on"] = [f"前の段階の日({since.year}年{since.month}月{since.day}日)より前です。"]
    return problems


def first_activity_on(activity_dates: Iterable[date], start: date) -> date:
    """The day an applicant who starts on ``start`` first works: the first activity on or after
    it, or ``start`` itself when the programme has none left."""
    return min((d for d in activity_dates if d >= start), default=start)


def hire_problems(*, role: str, birth_date: date | None, licence: bool, on: date) -> list[str]:
    """IC-20 with IC-17 and IC-18: why an applicant for ``role`` cannot be 採用 to work from day
    ``on``: a volunteer under 18 on it (or without a birth date) does not count as staff
    (``counts_as_staff``); a nurse without a licence does not count as a nurse."""
    if role not in RECRUIT_ROLES:
        return ["ボランティアか看護師の応募者だけを採用できます。"]
    problems: list[str] = []
    if role == "volunteer":
        day = f"{on.year}年{on.month}月{on.day}日"
        if birth_date is None:
            problems.append(
                "生年月日が登録されていません。ボランティアは18歳以上であることを確かめて採用します。"
            )
        elif not counts_as_staff(role, birth_date, on):
            problems.append(
                f"最初に従事する{day}に18歳未満です。18歳未満のボランティアは従事者に数えません。"
            )
    if role == "nurse" and not licence:
        problems.append("看護師免許を確認できていません。免許のある看護師だけを採用できます。")
    return problems


def waits_for_interview(*, status: str, applied_on: date, today: date) -> bool:
    """IC-20: an applicant still in 応募 more than ``INTERVIEW_WAIT_DAYS`` days after applying."""
    return status == APPLIED and (today - applied_on).days > INTERVIEW_WAIT_DAYS


@dataclass(frozen=True)
class RecruitmentNeed:
    """How many the remaining activities need at most (``staff`` nurses included, ``nurses``)
    against the active roster, and how many are still to be found."""

    staff_peak: int
    nurse_peak: int
    staff_on_roster: int
    nurses_on_roster: int
    activities: int

    @property
    def nurses_short(self) -> int:
        return max(0, self.nurse_peak - self.nurses_on_roster)

    @property
    def others_short(self) -> int:
        # Each nurse still to be found also counts as staff (8(2)): the rest is volunteers'.
        return max(0, self.staff_peak - self.staff_on_roster - self.nurses_short)


def recruitment_need(
    required: Iterable[tuple[int, int]], *, staff_on_roster: int, nurses_on_roster: int
) -> RecruitmentNeed:
    """IC-20 (10(4) 必要な人数): the peak of the activities' ``staffing_required`` (staff,
    nurses), each taken separately, against the roster's people who count as staff and its
    licensed nurses. The busiest activity needs everyone at once; the others need fewer."""
    needs = list(required)
    return RecruitmentNeed(
        staff_peak=max((s for s, _ in needs), default=0),
        nurse_peak=max((n for _, n in needs), default=0),
        staff_on_roster=staff_on_roster,
        nurses_on_roster=nurses_on_roster,
        activities=len(needs),
    )
