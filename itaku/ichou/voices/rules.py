"""Pure rules of the surveys and the opinions (IC-16, 仕様書 7(6)): the summary of a survey's
responses, who may answer a survey, and when an opinion has waited too long. Plain values
only; no database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

SCALE = "scale"
FREE = "free"
POINTS = (1, 2, 3, 4, 5)

PARTICIPANT = "participant"
GUARDIAN = "guardian"
RESPONDENTS = (PARTICIPANT, GUARDIAN)

AUDIENCE_PARTICIPANTS = "participants"
AUDIENCE_GUARDIANS = "guardians"
AUDIENCE_BOTH = "both"

# IC-16: the project's own limit, not the specification's: an opinion still unanswered after
# this many days waits on the manager's home page.
OPINION_WAIT_DAYS = 14


@dataclass(frozen=True)
class Question:
    key: int
    text: str
    kind: str  # SCALE or FREE


@dataclass(frozen=True)
class Response:
    respondent: str
    # The question's key to the point (1–5) or the free text; a skipped question is absent
    # (or None, or an empty text).
    answers: Mapping[int, int | str | None]


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    answered: int = 0
    counts: tuple[int, ...] = (0, 0, 0, 0, 0)  # per point 1..5
    average: Decimal | None = None  # to one decimal, half up; None when nobody answered
    texts: tuple[str, ...] = ()

    @property
    def per_point(self) -> list[tuple[int, int]]:
        """(point, count) from 1 to 5, for a list read top to bottom."""
        return list(zip(POINTS, self.counts, strict=True))


@dataclass(frozen=True)
class Summary:
    total: int
    by_respondent: dict[str, int] = field(default_factory=dict)
    questions: tuple[QuestionSummary, ...] = ()


def average_one_decimal(counts: Sequence[int]) -> Decimal | None:
    """The mean of the points counted ``counts`` (per point 1..5), to one decimal, half up."""
    answered = sum(counts)
    if not answered:
        return None
    total = sum(point * n for point, n in zip(POINTS, counts, strict=True))
    return (Decimal(total) / Decimal(answered)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def survey_summary(questions: Sequence[Question], responses: Iterable[Response]) -> Summary:
    """IC-16: the number of responses by respondent type; per scale question the count per
    point and the average (to one decimal); per free question its texts in the order entered.
    A skipped question counts for nothing; a point outside 1–5 is ignored."""
    rows = list(responses)
    by_respondent = {r: 0 for r in RESPONDENTS}
    for response in rows:
        by_respondent[response.respondent] = by_respondent.get(response.respondent, 0) + 1
    out: list[QuestionSummary] = []
    for question in questions:
        values = [r.answers.get(question.key) for r in rows]
        if question.kind == SCALE:
            counts = [0] * len(POINTS)
            for value in values:
                if isinstance(value, int) and not isinstance(value, bool) and value in POINTS:
                    counts[value - 1] += 1
            out.append(
                QuestionSummary(
                    question=question,
                    answered=sum(counts),
                    counts=tuple(counts),
                    average=average_one_decimal(counts),
                )
            )
        else:
            texts = tuple(v.strip() for v in values if isinstance(v, str) and v.strip())
            out.append(QuestionSummary(question=question, answered=len(texts), texts=texts))
    return Summary(total=len(rows), by_respondent=by_respondent, questions=tuple(out))


def respondent_allowed(audience: str, respondent: str) -> bool:
    """IC-16: a participants' survey takes participants' forms, a guardians' survey guardians'."""
    if respondent not in RESPONDENTS:
        return False
    if audience == AUDIENCE_BOTH:
        return True
    return (audience, respondent) in {
        (AUDIENCE_PARTICIPANTS, PARTICIPANT),
        (AUDIENCE_GUARDIANS, GUARDIAN),
    }


def opinion_waiting_too_long(received_on: date, today: date) -> bool:
    """IC-16: an open opinion received more than ``OPINION_WAIT_DAYS`` days ago."""
    return (today - received_on).days > OPINION_WAIT_DAYS
