"""Pure rules of the money part on plain values, beside ``itaku.ichou.domain`` (whose
``participant_share``, ``ward_collects`` and ``lodging_eligible`` decide; this module only
counts, sums and says why). Never imports django.db."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from itaku.ichou import domain

# --- IC-27: how many participants pay, and the total ------------------------------------------


@dataclass(frozen=True)
class Headcount:
    count: int
    source: str  # "present", "registered" or "expected"

    @property
    def label(self) -> str:
        return HEADCOUNT_LABELS[self.source]


HEADCOUNT_LABELS = {
    "present": "当日の出席者(受付済み)",
    "registered": "参加登録者",
    "expected": "参加見込み人数",
}


def headcount(*, checked_in: int | None, present: int, registered: int, expected: int) -> Headcount:
    """Who pays (IC-27): those present on the day once the day has participants' check-ins
    (``checked_in`` the number of them, None when the day has not started); before that the
    registered participants of the activity's group, or, with none registered yet, the
    programme's expected number."""
    if checked_in:
        return Headcount(present, "present")
    if registered:
        return Headcount(registered, "registered")
    return Headcount(expected, "expected")


@dataclass(frozen=True)
class CostResult:
    share: int
    headcount: Headcount
    ward_collects: bool
    has_share: bool

    @property
    def total(self) -> int:
        return self.share * self.headcount.count


def cost_result(
    kind: str,
    *,
    transport: int,
    food: int,
    lodging: int,
    materials: int,
    admissions: int,
    rounding: str,
    people: Headcount,
) -> CostResult:
    """The share one participant pays, the total for ``people``, and whether the ward collects
    it (仕様書 17(2), IC-27). Kinds without a share (17(1)) have ``has_share`` False."""
    share = domain.participant_share(
        kind,
        transport=transport,
        food=food,
        lodging=lodging,
        materials=materials,
        admissions=admissions,
        rounding=rounding,
    )
    return CostResult(
        share=share,
        headcount=people,
        ward_collects=domain.ward_collects(kind),
        has_share=kind_has_share(kind),
    )


def kind_has_share(kind: str) -> bool:
    """Participants pay something for a day outing, the bus hike and the overnight trip only
    (17(1): the contractor bears every other activity's cost)."""
    return kind in (
        domain.ActivityKind.OUTING,
        domain.ActivityKind.BUS_HIKE,
        domain.ActivityKind.OVERNIGHT,
    )


# --- IC-16: the bus hike's money book ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A ledger line as the balance reads it: received or paid, the amount, and whether it
    reverses an earlier line (then it counts with the opposite sign)."""

    kind: str  # "received" or "paid"
    amount: int
    reversal: bool = False

    @property
    def signed(self) -> int:
        sign = 1 if self.kind == "received" else -1
        return -sign * self.amount if self.reversal else sign * self.amount


@dataclass(frozen=True)
class LedgerTotals:
    received: int
    paid: int
    balances: list[int]

    @property
    def balance(self) -> int:
        return self.received - self.paid


def ledger_totals(lines: Iterable[Line]) -> LedgerTotals:
    """The running balance after each line, and what was received and paid net of reversals
    (IC-16)."""
    received = paid = running = 0
    balances: list[int] = []
    for line in lines:
        if line.amount <= 0:
            raise ValueError(f"a ledger amount is positive, got {line.amount}")
        sign = -1 if line.reversal else 1
        if line.kind == "received":
            received += sign * line.amount
        else:
            paid += sign * line.amount
        running += line.signed
        balances.append(running)
    return LedgerTotals(received=received, paid=paid, balances=balances)


# --- IC-25: why a lodging may or may not be used ----------------------------------------------


@dataclass(frozen=True)
class LodgingVerdict:
    eligible: bool
    reason: str
    clause: str  # the item of 仕様書 15 the reason rests on


def lodging_verdict(
    *,
    hotel_or_ryokan: bool,
    floors: int,
    floor_area_m2: float,
    built_year: int,
    diagnosed_safe: bool | None,
    result_published: bool,
) -> LodgingVerdict:
    """``domain.lodging_eligible`` with the reason in Japanese and the item of 仕様書 15 it
    rests on (IC-25). The decision is always the domain's."""
    eligible = domain.lodging_eligible(
        hotel_or_ryokan=hotel_or_ryokan,
        floors=floors,
        floor_area_m2=floor_area_m2,
        built_year=built_year,
        diagnosed_safe=diagnosed_safe,
        result_published=result_published,
    )
    new_standard = built_year >= domain.NEW_STANDARD_FROM
    obliged = (
        hotel_or_ryokan
        and floors >= domain.OBLIGED_FLOORS
        and floor_area_m2 >= domain.OBLIGED_AREA_M2
        and not new_standard
    )
    if diagnosed_safe is False:
        verdict = LodgingVerdict(
            False, "耐震診断で安全でないと診断されているため、宿泊施設にできません。", "15 ※"
        )
    elif obliged:
        if result_published:
            verdict = LodgingVerdict(
                True,
                "耐震診断の義務がある建築物(階数3以上・床面積5,000㎡以上の旧耐震基準の"
                "ホテル・旅館)で、所管行政庁が安全であるとの結果を公表しています。",
                "15(1)ア(ア)",
            )
        elif diagnosed_safe:
            verdict = LodgingVerdict(
                True,
                "耐震診断の義務がある建築物で、耐震診断により安全であることが確認されています。",
                "15(1)ア(イ)",
            )
        else:
            verdict = LodgingVerdict(
                False,
                "耐震診断の義務がある建築物(階数3以上・床面積5,000㎡以上の旧耐震基準の"
                "ホテル・旅館)ですが、安全であるとの公表も診断の結果もありません。",
                "15(1)ア",
            )
    elif new_standard:
        verdict = LodgingVerdict(
            True,
            f"{domain.NEW_STANDARD_FROM}年(昭和57年)以降に新耐震基準で建てられた建築物です。",
            "15(1)イ(ア)",
        )
    elif diagnosed_safe:
        verdict = LodgingVerdict(
            True,
            f"{domain.NEW_STANDARD_FROM}年より前の旧耐震基準の建築物ですが、所有者等の耐震診断で"
            "安全であることが確認されています。",
            "15(1)イ(イ)",
        )
    else:
        verdict = LodgingVerdict(
            False,
            f"{domain.NEW_STANDARD_FROM}年より前の旧耐震基準の建築物で、安全であることを示す"
            "耐震診断がありません。",
            "15(1)イ",
        )
    if verdict.eligible != eligible:  # the reasons follow the domain's rule; never contradict it
        raise AssertionError("lodging_verdict disagrees with domain.lodging_eligible")
    return verdict
