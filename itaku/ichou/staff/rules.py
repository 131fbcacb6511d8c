"""Pure rules of the staff part, on plain values (no database), table-tested with their clause.

- IC-22 (仕様書 12(1)(2)): the trainings the contractor gives its staff — 事業理解, 安全管理,
  危機管理, 救急対応(応急手当), 知的障害者支援, 保護者対応 — each planned before (shown to the ward)
  and reported after.
- IC-30 (仕様書 20(3)): a privacy training (個人情報保護) every fiscal year, with its report.
- IC-19 (仕様書 9): a responsible person, always reachable.
- IC-20 (仕様書 10(3)): mostly the same staff all year (counts of activities per person).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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
