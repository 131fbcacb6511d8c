"""The money part's pure rules, table-tested without a database: the share, headcount and total
of an activity (IC-27), the ledger's running balance with reversals (IC-16), and the lodging's
verdict with its reason, always the domain's decision (IC-25)."""

from __future__ import annotations

import itertools

import pytest

from itaku.ichou import domain
from itaku.ichou.money import rules

FOUR = rules.Headcount(4, "registered")

# (case id, kind, transport, food, lodging, materials, admissions, rounding, share, collects)
COSTS = [
    ("ic27-outing-full", "outing", 840, 1_200, 0, 0, 0, "down", 2_040, False),
    ("ic27-outing-no-materials", "outing", 840, 1_200, 0, 500, 300, "down", 2_040, False),
    ("ic27-bus-quarter-plus-extras", "bus_hike", 6_000, 1_500, 0, 300, 800, "down", 2_975, True),
    ("ic27-overnight-down", "overnight", 7_001, 4_500, 9_800, 500, 1_000, "down", 6_825, True),
    ("ic27-overnight-up", "overnight", 7_001, 4_500, 9_800, 500, 1_000, "up", 6_826, True),
    ("ic27-overnight-half-up", "overnight", 7_002, 4_500, 9_800, 0, 0, "half_up", 5_326, True),
    ("ic27-regular-none", "regular", 500, 500, 0, 0, 0, "down", 0, False),
    ("ic27-cooking-none", "cooking", 0, 800, 0, 0, 0, "down", 0, False),
]


@pytest.mark.parametrize(
    (
        "kind",
        "transport",
        "food",
        "lodging",
        "materials",
        "admissions",
        "rounding",
        "share",
        "collects",
    ),
    [c[1:] for c in COSTS],
    ids=[c[0] for c in COSTS],
)
def test_ic27_share_total_and_who_collects(
    kind, transport, food, lodging, materials, admissions, rounding, share, collects
):
    result = rules.cost_result(
        kind,
        transport=transport,
        food=food,
        lodging=lodging,
        materials=materials,
        admissions=admissions,
        rounding=rounding,
        people=FOUR,
    )
    assert result.share == share
    assert result.total == share * 4
    assert result.ward_collects is collects
    assert result.has_share is (kind in ("outing", "bus_hike", "overnight"))


# (case id, checked_in, present, registered, expected, count, source)
HEADCOUNTS = [
    ("ic27-present-once-checked-in", 12, 10, 30, 28, 10, "present"),
    ("ic27-all-stayed-home-counts-zero", 3, 0, 30, 28, 0, "present"),
    ("ic27-registered-before-the-day", 0, 0, 30, 28, 30, "registered"),
    ("ic27-registered-day-not-started", None, 0, 30, 28, 30, "registered"),
    ("ic27-expected-when-none-registered", 0, 0, 0, 28, 28, "expected"),
]


@pytest.mark.parametrize(
    ("checked_in", "present", "registered", "expected", "count", "source"),
    [c[1:] for c in HEADCOUNTS],
    ids=[c[0] for c in HEADCOUNTS],
)
def test_ic27_who_is_counted(checked_in, present, registered, expected, count, source):
    people = rules.headcount(
        checked_in=checked_in, present=present, registered=registered, expected=expected
    )
    assert (people.count, people.source) == (count, source)
    assert people.label


R, P = "received", "paid"

# (case id, lines, balances, received, paid)
LEDGERS = [
    ("ic16-empty", [], [], 0, 0),
    (
        "ic16-in-and-out",
        [(R, 126_000, False), (P, 98_000, False)],
        [126_000, 28_000],
        126_000,
        98_000,
    ),
    (
        "ic16-a-payment-reversed",
        [(R, 1_000, False), (P, 300, False), (P, 300, True)],
        [1_000, 700, 1_000],
        1_000,
        0,
    ),
    ("ic16-a-receipt-reversed", [(R, 500, False), (R, 500, True)], [500, 0], 0, 0),
    ("ic16-overdrawn", [(P, 200, False)], [-200], 0, 200),
]


@pytest.mark.parametrize(
    ("lines", "balances", "received", "paid"),
    [c[1:] for c in LEDGERS],
    ids=[c[0] for c in LEDGERS],
)
def test_ic16_running_balance_and_totals(lines, balances, received, paid):
    totals = rules.ledger_totals(rules.Line(*line) for line in lines)
    assert totals.balances == balances
    assert (totals.received, totals.paid) == (received, paid)
    assert totals.balance == received - paid == (balances[-1] if balances else 0)


def test_ic16_an_amount_is_positive():
    with pytest.raises(ValueError):
        rules.ledger_totals([rules.Line(R, 0)])


# (case id, hotel, floors, area, year, diagnosed, published, eligible, clause)
LODGINGS = [
    ("ic25-obliged-published", True, 5, 8_000.0, 1975, None, True, True, "15(1)ア(ア)"),
    ("ic25-obliged-diagnosed", True, 5, 8_000.0, 1975, True, False, True, "15(1)ア(イ)"),
    ("ic25-obliged-nothing", True, 5, 8_000.0, 1975, None, False, False, "15(1)ア"),
    ("ic25-new-standard", True, 6, 6_200.0, 1998, None, False, True, "15(1)イ(ア)"),
    ("ic25-old-small-diagnosed", True, 2, 900.0, 1975, True, False, True, "15(1)イ(イ)"),
    ("ic25-old-small-nothing", True, 2, 900.0, 1975, None, False, False, "15(1)イ"),
    ("ic25-old-small-published-only", False, 2, 900.0, 1975, None, True, False, "15(1)イ"),
    ("ic25-unsafe-rules-out", True, 6, 6_200.0, 2005, False, True, False, "15 ※"),
]


@pytest.mark.parametrize(
    ("hotel", "floors", "area", "year", "diagnosed", "published", "eligible", "clause"),
    [c[1:] for c in LODGINGS],
    ids=[c[0] for c in LODGINGS],
)
def test_ic25_verdict_and_its_clause(
    hotel, floors, area, year, diagnosed, published, eligible, clause
):
    verdict = rules.lodging_verdict(
        hotel_or_ryokan=hotel,
        floors=floors,
        floor_area_m2=area,
        built_year=year,
        diagnosed_safe=diagnosed,
        result_published=published,
    )
    assert (verdict.eligible, verdict.clause) == (eligible, clause)
    assert verdict.reason


def test_ic25_the_verdict_never_contradicts_the_domain():
    for hotel, floors, area, year, diagnosed, published in itertools.product(
        (True, False), (2, 3), (4_999.0, 5_000.0), (1981, 1982), (True, False, None), (True, False)
    ):
        kw = dict(
            hotel_or_ryokan=hotel,
            floors=floors,
            floor_area_m2=area,
            built_year=year,
            diagnosed_safe=diagnosed,
            result_published=published,
        )
        assert rules.lodging_verdict(**kw).eligible == domain.lodging_eligible(**kw)
