"""いちょう学級's pure rules on the 2026 fiscal year's calendar; no database, no Django models.

Each case is named with the clause it checks (IC-2, IC-3 … IC-7, IC-17, IC-18, IC-25, IC-26,
IC-27, IC-32).
"""

from dataclasses import replace
from datetime import date, time
from fractions import Fraction
from math import ceil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaku.core.domain import Role
from itaku.ichou.domain import (
    INSURANCE_MINIMUMS,
    ActivityKind,
    PlannedActivity,
    Shortfall,
    Staffing,
    age_group,
    counts_as_staff,
    insurance_problems,
    lodging_eligible,
    must_stay_home,
    participant_share,
    programme_problems,
    staffing_required,
    staffing_shortfall,
    ward_collects,
)

FY = 2026
KINDS = [kind.value for kind in ActivityKind]


def cases(table):
    """``pytest.mark.parametrize`` arguments from rows whose first item is the case's name."""
    return {"argvalues": [row[1:] for row in table], "ids": [row[0] for row in table]}


# --- IC-2: age groups on 1 April 2026 ---------------------------------------------------------

AGE_GROUPS = [
    ("IC-2 born 1 April 2011: 15 on 1 April, group 1", date(2011, 4, 1), 1),
    ("IC-2 born 2 April 2011: still 14 on 1 April, not eligible by age", date(2011, 4, 2), None),
    ("IC-2 born 31 March 2011: 15, group 1", date(2011, 3, 31), 1),
    ("IC-2 born 1 April 1992: 34, group 1", date(1992, 4, 1), 1),
    ("IC-2 born 1 April 1991: 35 on 1 April, group 2", date(1991, 4, 1), 2),
    ("IC-2 born 2 April 1991: still 34, group 1", date(1991, 4, 2), 1),
    ("IC-2 born 29 February 2012: 14, not eligible", date(2012, 2, 29), None),
    ("IC-2 born 29 February 1992: 34, group 1", date(1992, 2, 29), 1),
    ("IC-2 born 1950: group 2", date(1950, 7, 7), 2),
    ("IC-2 born 2 April 2026, after the base date: not eligible", date(2026, 4, 2), None),
    ("IC-2 born on the base date itself: 0, not eligible", date(2026, 4, 1), None),
]


@pytest.mark.parametrize(("birth", "group"), **cases(AGE_GROUPS))
def test_ic2_age_group_on_1_april(birth, group):
    assert age_group(birth, FY) == group


def test_ic2_the_base_date_moves_with_the_fiscal_year():
    # Born 2 April 2011: 14 on 1 April 2026, 15 on 1 April 2027.
    assert age_group(date(2011, 4, 2), 2026) is None
    assert age_group(date(2011, 4, 2), 2027) == 1
    assert age_group(date(1991, 4, 2), 2027) == 2


@given(st.dates(date(1920, 1, 1), date(2026, 4, 1)), st.dates(date(1920, 1, 1), date(2026, 4, 1)))
def test_ic2_an_older_person_is_never_in_a_younger_group(a, b):
    older, younger = min(a, b), max(a, b)
    rank = {None: 0, 1: 1, 2: 2}
    assert rank[age_group(older, FY)] >= rank[age_group(younger, FY)]


# --- IC-17, IC-18: staffing -------------------------------------------------------------------

STAFFING = [
    ("IC-18 regular with nobody expected still needs its nurse", "regular", 0, (1, 1)),
    ("IC-17 regular 1 participant", "regular", 1, (1, 1)),
    ("IC-17 regular 2 participants: 1 staff", "regular", 2, (1, 1)),
    ("IC-17 regular 3 participants: 2 staff", "regular", 3, (2, 1)),
    ("IC-17 regular 30 participants: 15 staff", "regular", 30, (15, 1)),
    ("IC-17 regular 31 participants: 16 staff", "regular", 31, (16, 1)),
    ("IC-17 opening ceremony is a regular activity", "opening_ceremony", 31, (16, 1)),
    ("IC-17 closing ceremony is a regular activity", "closing_ceremony", 30, (15, 1)),
    ("IC-18 cooking with 1 participant needs 2 nurses", "cooking", 1, (2, 2)),
    ("IC-17 cooking 3 participants: 2 staff", "cooking", 3, (2, 2)),
    ("IC-17 cooking 4 participants: 3 staff", "cooking", 4, (3, 2)),
    ("IC-17 cooking 30 participants: 20 staff", "cooking", 30, (20, 2)),
    ("IC-17 cooking 31 participants: 21 staff", "cooking", 31, (21, 2)),
    ("IC-17 outing 60 participants: 40 staff", "outing", 60, (40, 2)),
    ("IC-17 bus hike is a day outing: 2 per 3", "bus_hike", 59, (40, 2)),
    ("IC-18 bus hike nurses as a day outing", "bus_hike", 0, (2, 2)),
    ("IC-18 overnight with nobody still needs 3 nurses", "overnight", 0, (3, 3)),
    ("IC-18 overnight 4 participants: the nurses are the staff", "overnight", 4, (3, 3)),
    ("IC-17 overnight 5 participants: 4 staff, 3 of them nurses", "overnight", 5, (4, 3)),
    ("IC-17 overnight 60 participants: 40 staff", "overnight", 60, (40, 3)),
]


@pytest.mark.parametrize(("kind", "n", "required"), **cases(STAFFING))
def test_ic17_ic18_staffing_required(kind, n, required):
    assert staffing_required(kind, n) == required
    assert staffing_required(kind, n) == Staffing(*required)


_RATIOS = {
    "regular": Fraction(1, 2),
    "opening_ceremony": Fraction(1, 2),
    "closing_ceremony": Fraction(1, 2),
    "cooking": Fraction(2, 3),
    "outing": Fraction(2, 3),
    "bus_hike": Fraction(2, 3),
    "overnight": Fraction(2, 3),
}
_NURSES = {"regular": 1, "opening_ceremony": 1, "closing_ceremony": 1, "overnight": 3}


@pytest.mark.parametrize("n", range(61))
@pytest.mark.parametrize("kind", KINDS)
def test_ic17_ic18_staffing_of_0_to_60_for_every_kind(kind, n):
    """IC-17/IC-18: against the ratio of 仕様書 8 computed another way (exact fractions)."""
    nurses = _NURSES.get(kind, 2)
    assert staffing_required(kind, n) == (max(ceil(_RATIOS[kind] * n), nurses), nurses)


@given(st.sampled_from(KINDS), st.integers(0, 500), st.integers(0, 500))
def test_ic17_more_participants_never_need_fewer_staff(kind, a, b):
    small, large = sorted((a, b))
    assert staffing_required(kind, small).staff <= staffing_required(kind, large).staff
    assert staffing_required(kind, small).nurses == staffing_required(kind, large).nurses


@given(st.sampled_from(KINDS), st.integers(0, 500))
def test_ic17_the_requirement_is_the_smallest_that_meets_the_ratio(kind, n):
    staff, nurses = staffing_required(kind, n)
    assert staff >= nurses
    assert staff >= _RATIOS[kind] * n
    assert staff == nurses or staff - 1 < _RATIOS[kind] * n


def test_ic17_a_negative_count_or_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="negative"):
        staffing_required("regular", -1)
    with pytest.raises(ValueError, match="unknown activity kind"):
        staffing_required("picnic", 10)


SHORTFALLS = [
    ("IC-17 31 on a regular day with 16 staff, 1 nurse: staffed", "regular", 31, 16, 1, (0, 0)),
    ("IC-17 one more arrival pushes regular to 17", "regular", 33, 16, 1, (1, 0)),
    ("IC-18 staffed by number but no nurse", "regular", 10, 5, 0, (0, 1)),
    ("IC-18 overnight 60 with 40 staff but 2 nurses", "overnight", 60, 40, 2, (0, 1)),
    ("IC-17 cooking 30 with 18 staff, 2 nurses", "cooking", 30, 18, 2, (2, 0)),
]


@pytest.mark.parametrize(("kind", "n", "staff", "nurses", "missing"), **cases(SHORTFALLS))
def test_ic17_ic18_staffing_shortfall(kind, n, staff, nurses, missing):
    found = staffing_shortfall(kind, participants=n, staff_present=staff, nurses_present=nurses)
    assert found == Shortfall(*missing)


def test_ic18_nurses_are_counted_inside_the_staff_present():
    with pytest.raises(ValueError, match="inside"):
        staffing_shortfall("regular", participants=2, staff_present=1, nurses_present=2)


STAFF_COUNTS = [
    ("IC-17 a worker counts", Role.WORKER, None, date(2026, 5, 9), True),
    ("IC-17 a nurse counts", Role.NURSE, date(1980, 1, 1), date(2026, 5, 9), True),
    (
        "IC-17 volunteer the day before the 18th birthday does not count",
        Role.VOLUNTEER,
        date(2008, 5, 9),
        date(2026, 5, 8),
        False,
    ),
    (
        "IC-17 volunteer on the 18th birthday counts",
        Role.VOLUNTEER,
        date(2008, 5, 9),
        date(2026, 5, 9),
        True,
    ),
    ("IC-17 volunteer aged 40 counts", Role.VOLUNTEER, date(1986, 1, 1), date(2026, 5, 9), True),
    (
        "IC-17 volunteer born 29 Feb: not yet 18 on 28 Feb",
        Role.VOLUNTEER,
        date(2008, 2, 29),
        date(2026, 2, 28),
        False,
    ),
    (
        "IC-17 volunteer born 29 Feb: 18 on 1 March",
        Role.VOLUNTEER,
        date(2008, 2, 29),
        date(2026, 3, 1),
        True,
    ),
    ("IC-17 volunteer without a birth date", Role.VOLUNTEER, None, date(2026, 5, 9), False),
    (
        "IC-17 volunteer born after the day",
        Role.VOLUNTEER,
        date(2027, 1, 1),
        date(2026, 5, 9),
        False,
    ),
    ("IC-19 the responsible person is on top", Role.MANAGER, None, date(2026, 5, 9), False),
    ("IC-17 a ward supervisor never counts", Role.WARD_SUPERVISOR, None, date(2026, 5, 9), False),
    ("IC-17 a requester never counts", Role.DEPARTMENT_REQUESTER, None, date(2026, 5, 9), False),
    ("IC-17 an auditor never counts", Role.AUDITOR, None, date(2026, 5, 9), False),
    ("IC-17 a student is not a roster role", "student", date(2000, 1, 1), date(2026, 5, 9), False),
    ("IC-17 the plain string works too", "volunteer", date(2000, 1, 1), date(2026, 5, 9), True),
]


@pytest.mark.parametrize(("role", "birth", "on", "counts"), **cases(STAFF_COUNTS))
def test_ic17_counts_as_staff(role, birth, on, counts):
    assert counts_as_staff(role, birth, on) is counts


# --- IC-27: cost shares -----------------------------------------------------------------------

SHARES = [
    (
        "IC-27 day outing: transport and food in full",
        "outing",
        {"transport": 1200, "food": 1000},
        2200,
    ),
    (
        "IC-27 day outing: lodging, materials and admissions are the contractor's",
        "outing",
        {"transport": 1200, "food": 1000, "lodging": 5000, "materials": 300, "admissions": 800},
        2200,
    ),
    (
        "IC-27 bus hike: a quarter of transport and food, rounded down, plus the rest in full",
        "bus_hike",
        {"transport": 4001, "food": 3000, "materials": 500, "admissions": 1200},
        1750 + 500 + 1200,
    ),
    (
        "IC-27 overnight: a quarter of transport, food and lodging together",
        "overnight",
        {"transport": 6000, "food": 4000, "lodging": 12003},
        5500,
    ),
    (
        "IC-27 overnight: the quarter of the sum, not the sum of quarters",
        "overnight",
        {"transport": 3, "food": 3, "lodging": 2},
        2,
    ),
    ("IC-27 regular: nothing", "regular", {"transport": 500, "food": 500, "materials": 300}, 0),
    ("IC-27 cooking: nothing", "cooking", {"transport": 0, "food": 800, "materials": 300}, 0),
    ("IC-27 opening ceremony: nothing", "opening_ceremony", {"transport": 0, "food": 0}, 0),
    ("IC-27 closing ceremony: nothing", "closing_ceremony", {"transport": 0, "food": 0}, 0),
]


@pytest.mark.parametrize(("kind", "costs", "share"), **cases(SHARES))
def test_ic27_participant_share(kind, costs, share):
    assert participant_share(kind, **costs) == share


ROUNDINGS = [
    ("IC-27 5,500.5 rounded down", "down", 22002, 5500),
    ("IC-27 5,500.5 half up", "half_up", 22002, 5501),
    ("IC-27 5,500.25 half up", "half_up", 22001, 5500),
    ("IC-27 5,500.75 half up", "half_up", 22003, 5501),
    ("IC-27 5,500.25 up", "up", 22001, 5501),
    ("IC-27 exactly 5,500 up", "up", 22000, 5500),
]


@pytest.mark.parametrize(("rounding", "total", "share"), **cases(ROUNDINGS))
def test_ic27_rounding_is_a_setting(rounding, total, share):
    assert participant_share("overnight", transport=total, food=0, rounding=rounding) == share


@given(
    st.sampled_from(KINDS),
    *(st.integers(0, 1_000_000) for _ in range(5)),
)
def test_ic27_a_participant_never_pays_more_than_the_costs(kind, a, b, c, d, e):
    share = participant_share(kind, transport=a, food=b, lodging=c, materials=d, admissions=e)
    assert 0 <= share <= a + b + c + d + e


def test_ic27_a_negative_cost_is_refused():
    with pytest.raises(ValueError, match="food"):
        participant_share("outing", transport=100, food=-1)


@pytest.mark.parametrize(
    ("kind", "ward"),
    [("bus_hike", True), ("overnight", True), ("outing", False), ("regular", False)],
    ids=lambda v: f"IC-27 {v}",
)
def test_ic27_the_ward_collects_the_overnight_and_bus_hike_shares(kind, ward):
    assert ward_collects(kind) is ward


# --- IC-26: insurance -------------------------------------------------------------------------

ENOUGH = dict(INSURANCE_MINIMUMS, covers_travel=True)


def test_ic26_a_policy_at_every_minimum_meets_the_table():
    assert insurance_problems(**ENOUGH) == []


SHORT = [
    ("IC-26 death one yen short", "death", "死亡", "2,000万円"),
    ("IC-26 residual disability one yen short", "residual_disability", "後遺障害", "3,000万円"),
    ("IC-26 hospital one yen short a day", "hospital_per_day", "入院", "4,000円"),
    ("IC-26 outpatient one yen short a day", "outpatient_per_day", "通院", "1,500円"),
    ("IC-26 liability one yen short", "liability", "賠償責任", "1億円"),
]


@pytest.mark.parametrize(("field", "word", "minimum"), **cases(SHORT))
def test_ic26_each_minimum_one_yen_short_is_one_message(field, word, minimum):
    amount = INSURANCE_MINIMUMS[field] - 1
    problems = insurance_problems(**(ENOUGH | {field: amount}))
    assert len(problems) == 1
    assert word in problems[0]
    assert minimum in problems[0]
    assert f"{amount:,}円" in problems[0]


def test_ic26_a_policy_without_the_way_there_and_back_is_one_message():
    problems = insurance_problems(**(ENOUGH | {"covers_travel": False}))
    assert len(problems) == 1
    assert "自宅" in problems[0]


def test_ic26_a_policy_short_everywhere_says_so_line_by_line():
    nothing = dict.fromkeys(INSURANCE_MINIMUMS, 0)
    assert len(insurance_problems(**nothing, covers_travel=False)) == 6


# --- IC-25: lodging ---------------------------------------------------------------------------

BIG_OLD_HOTEL = {"hotel_or_ryokan": True, "floors": 3, "floor_area_m2": 5000.0, "built_year": 1975}
SMALL_INN = {"hotel_or_ryokan": True, "floors": 2, "floor_area_m2": 900.0}
NO_EVIDENCE = {"diagnosed_safe": None, "result_published": False}

LODGING = [
    ("IC-25 obliged hotel, published result", BIG_OLD_HOTEL, None, True, True),
    ("IC-25 obliged hotel, diagnosis safe", BIG_OLD_HOTEL, True, False, True),
    ("IC-25 obliged hotel, no evidence", BIG_OLD_HOTEL, None, False, False),
    ("IC-25 obliged hotel, diagnosis unsafe though published", BIG_OLD_HOTEL, False, True, False),
    (
        "IC-25 2 floors is not obliged: old, published only, not enough",
        BIG_OLD_HOTEL | {"floors": 2},
        None,
        True,
        False,
    ),
    (
        "IC-25 4,999.9 m2 is not obliged: old, diagnosis safe",
        BIG_OLD_HOTEL | {"floor_area_m2": 4999.9},
        True,
        False,
        True,
    ),
    (
        "IC-25 not a hotel or ryokan is not obliged: old, published only",
        BIG_OLD_HOTEL | {"hotel_or_ryokan": False},
        None,
        True,
        False,
    ),
    (
        "IC-25 a large hotel of the new standard is not obliged: its year suffices",
        BIG_OLD_HOTEL | {"built_year": 2005},
        None,
        False,
        True,
    ),
    (
        "IC-25 small inn built 1982: new standard",
        SMALL_INN | {"built_year": 1982},
        None,
        False,
        True,
    ),
    (
        "IC-25 small inn built 1981, no diagnosis",
        SMALL_INN | {"built_year": 1981},
        None,
        False,
        False,
    ),
    (
        "IC-25 small inn built 1981, diagnosed safe",
        SMALL_INN | {"built_year": 1981},
        True,
        False,
        True,
    ),
    (
        "IC-25 small inn built 1981, diagnosed unsafe",
        SMALL_INN | {"built_year": 1981},
        False,
        False,
        False,
    ),
    ("IC-25 new small inn diagnosed unsafe", SMALL_INN | {"built_year": 1995}, False, False, False),
]


@pytest.mark.parametrize(("building", "safe", "published", "eligible"), **cases(LODGING))
def test_ic25_lodging_eligible(building, safe, published, eligible):
    assert lodging_eligible(**building, diagnosed_safe=safe, result_published=published) is eligible


def test_ic25_a_building_with_no_floor_or_no_area_is_a_typing_error():
    with pytest.raises(ValueError, match="floor"):
        lodging_eligible(**(BIG_OLD_HOTEL | {"floors": 0}), **NO_EVIDENCE)
    with pytest.raises(ValueError, match="area"):
        lodging_eligible(**(BIG_OLD_HOTEL | {"floor_area_m2": 0.0}), **NO_EVIDENCE)


# --- IC-32: the health check at the door (仕様書 25(4)) ---------------------------------------

HEALTH = [
    # (name, temperature, strong, mild, higher_risk, continuing, stays home)
    ("IC-32 well, 36.5", 36.5, False, False, False, False, False),
    ("IC-32 ア strong symptom at 36.2", 36.2, True, False, False, False, True),
    ("IC-32 ア strong symptom, no reading yet", None, True, False, False, False, True),
    ("IC-32 fever 37.5 exactly", 37.5, False, False, False, False, True),
    ("IC-32 37.4 is not a fever", 37.4, False, False, False, False, False),
    ("IC-32 37.8 at the door", 37.8, False, False, False, False, True),
    ("IC-32 イ fever at higher risk", 37.6, False, False, True, False, True),
    ("IC-32 ウ fever that continues", 37.9, False, False, False, True, True),
    ("IC-32 mild symptom alone", 36.6, False, True, False, False, False),
    ("IC-32 イ mild symptom at higher risk", 36.6, False, True, True, False, True),
    ("IC-32 ウ mild symptom that continues", 36.6, False, True, False, True, True),
    ("IC-32 higher risk without a symptom", 36.8, False, False, True, False, False),
    ("IC-32 continuing flag without a symptom", 36.8, False, False, False, True, False),
    ("IC-32 no reading and nothing else", None, False, False, False, False, False),
    ("IC-32 no reading, mild at higher risk", None, False, True, True, False, True),
    ("IC-32 37.4 with a mild symptom alone", 37.4, False, True, False, False, False),
]


@pytest.mark.parametrize(
    ("temperature", "strong", "mild", "risk", "continuing", "home"), **cases(HEALTH)
)
def test_ic32_must_stay_home(temperature, strong, mild, risk, continuing, home):
    assert (
        must_stay_home(
            temperature=temperature,
            strong_symptom=strong,
            mild_symptom=mild,
            higher_risk=risk,
            continuing=continuing,
        )
        is home
    )


@pytest.mark.parametrize("reading", [375.0, 3.75, float("nan")], ids=lambda r: f"IC-32 {r}")
def test_ic32_a_reading_that_is_no_body_temperature_is_refused(reading):
    with pytest.raises(ValueError, match="temperature"):
        must_stay_home(
            temperature=reading,
            strong_symptom=False,
            mild_symptom=False,
            higher_risk=False,
            continuing=False,
        )


@given(
    st.one_of(st.none(), st.floats(30.0, 45.0)),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_ic32_a_strong_symptom_or_a_fever_always_keeps_one_home(t, strong, mild, risk, cont):
    home = must_stay_home(
        temperature=t, strong_symptom=strong, mild_symptom=mild, higher_risk=risk, continuing=cont
    )
    if strong or (t is not None and t >= 37.5):
        assert home
    # One more symptom or risk never lets someone in who was kept home.
    if home:
        assert must_stay_home(
            temperature=t, strong_symptom=True, mild_symptom=mild, higher_risk=risk, continuing=cont
        )
        assert must_stay_home(
            temperature=t,
            strong_symptom=strong,
            mild_symptom=True,
            higher_risk=True,
            continuing=cont,
        )


# --- IC-3 … IC-7: the annual programme of 2026 ------------------------------------------------


def one(
    kind: str,
    day: date,
    start: time,
    end: time,
    group: int | None,
    end_date: date | None = None,
) -> PlannedActivity:
    return PlannedActivity(kind, day, start, end, group, end_date)


G1 = (time(10), time(11, 30))
G2 = (time(13, 30), time(15))
COOK_1 = (time(9, 30), time(11, 30))
COOK_2 = (time(13, 30), time(15, 30))
DAY = (time(9), time(16))

# A programme that meets 仕様書 6, on Saturdays and Sundays of fiscal 2026.
REGULAR_DAYS = [date(2026, 6, 13), date(2026, 7, 11), date(2026, 9, 12), date(2026, 10, 10)]
PROGRAMME = (
    [
        one("opening_ceremony", date(2026, 5, 9), *G1, 1),
        one("opening_ceremony", date(2026, 5, 9), *G2, 2),
    ]
    + [one("regular", day, *G1, 1) for day in REGULAR_DAYS]
    + [one("regular", day, *G2, 2) for day in REGULAR_DAYS]
    + [one("regular", date(2027, 1, 17), *G1, 1), one("regular", date(2027, 1, 17), *G2, 2)]
    + [
        one("closing_ceremony", date(2027, 3, 13), *G1, 1),
        one("closing_ceremony", date(2027, 3, 13), *G2, 2),
    ]
    + [one("cooking", day, *COOK_1, 1) for day in (date(2026, 12, 12), date(2027, 2, 13))]
    + [one("cooking", day, *COOK_2, 2) for day in (date(2026, 12, 12), date(2027, 2, 13))]
    + [
        one("outing", date(2026, 6, 27), *DAY, None),
        one("outing", date(2026, 10, 25), *DAY, 1),
        one("outing", date(2026, 10, 25), *DAY, 2),
        one("bus_hike", date(2026, 11, 28), *DAY, None),
        one("overnight", date(2026, 8, 22), time(9), time(17), None),
    ]
)


def test_ic4_to_ic7_a_programme_that_meets_clause_6_has_no_problem():
    assert programme_problems(PROGRAMME) == []


def activity_clauses(activity):
    """The clauses of the problems ``programme_problems`` finds with ``activity`` itself."""
    return sorted({p.clause for p in programme_problems([activity]) if p.activity is not None})


def at(start: tuple[int, int], end: tuple[int, int]) -> tuple[time, time]:
    return time(*start), time(*end)


SAT = date(2026, 5, 9)
SUN = date(2026, 5, 10)

ACTIVITIES = [
    # IC-3: who may be joint.
    ("IC-3 a joint opening ceremony", one("opening_ceremony", SAT, *G1, None), ["IC-3"]),
    ("IC-3 a joint closing ceremony", one("closing_ceremony", SAT, *G1, None), ["IC-3"]),
    ("IC-3 a joint regular activity", one("regular", SAT, *G1, None), ["IC-3"]),
    ("IC-3 a joint cooking class", one("cooking", SAT, *COOK_1, None), ["IC-3"]),
    ("IC-3 a joint outing is fine", one("outing", SAT, *DAY, None), []),
    ("IC-3 a joint bus hike is fine", one("bus_hike", SUN, *DAY, None), []),
    ("IC-3 a joint overnight trip is fine", one("overnight", SAT, time(9), time(17), None), []),
    ("IC-3 an outing of one group is fine", one("outing", SAT, *DAY, 2), []),
    # Saturday or Sunday; a weekday holiday is still a weekday.
    ("IC-4 Sunday", one("regular", SUN, *G1, 1), []),
    ("IC-4 Sunday holiday 憲法記念日 3 May", one("regular", date(2026, 5, 3), *G1, 1), []),
    ("IC-4 Monday holiday 海の日 20 July", one("regular", date(2026, 7, 20), *G1, 1), ["IC-4"]),
    ("IC-4 a Friday", one("regular", date(2026, 5, 8), *G1, 1), ["IC-4"]),
    ("IC-5 cooking on 国民の休日 22 Sep", one("cooking", date(2026, 9, 22), *COOK_1, 1), ["IC-5"]),
    ("IC-6 outing on スポーツの日 12 Oct", one("outing", date(2026, 10, 12), *DAY, 1), ["IC-6"]),
    ("IC-6 bus hike on a Wednesday", one("bus_hike", date(2026, 11, 25), *DAY, None), ["IC-6"]),
    # The two windows, to the minute.
    ("IC-4 9:00-10:30", one("regular", SAT, *at((9, 0), (10, 30)), 1), []),
    ("IC-4 10:30-12:00 ends at noon", one("regular", SAT, *at((10, 30), (12, 0)), 1), []),
    ("IC-4 10:31-12:01 past noon", one("regular", SAT, *at((10, 31), (12, 1)), 1), ["IC-4"]),
    ("IC-4 8:59-10:29 before 9", one("regular", SAT, *at((8, 59), (10, 29)), 1), ["IC-4"]),
    ("IC-4 11:30-13:00 across lunch", one("regular", SAT, *at((11, 30), (13, 0)), 1), ["IC-4"]),
    ("IC-4 13:00-14:30", one("regular", SAT, *at((13, 0), (14, 30)), 2), []),
    ("IC-4 12:59-14:29 before 13", one("regular", SAT, *at((12, 59), (14, 29)), 2), ["IC-4"]),
    ("IC-4 14:30-16:00 ends at 16", one("regular", SAT, *at((14, 30), (16, 0)), 2), []),
    ("IC-4 14:31-16:01 past 16", one("regular", SAT, *at((14, 31), (16, 1)), 2), ["IC-4"]),
    (
        "IC-5 cooking 12:00-14:00 across lunch",
        one("cooking", SAT, *at((12, 0), (14, 0)), 1),
        ["IC-5"],
    ),
    ("IC-5 cooking 14:00-16:00", one("cooking", SUN, *at((14, 0), (16, 0)), 2), []),
    # About 90 and 120 minutes (± 15).
    ("IC-4 75 minutes is about 90", one("regular", SAT, *at((10, 0), (11, 15)), 1), []),
    ("IC-4 105 minutes is about 90", one("regular", SAT, *at((10, 0), (11, 45)), 1), []),
    ("IC-4 74 minutes is too short", one("regular", SAT, *at((10, 0), (11, 14)), 1), ["IC-4"]),
    ("IC-4 106 minutes is too long", one("regular", SAT, *at((10, 0), (11, 46)), 1), ["IC-4"]),
    ("IC-4 a ceremony of 3 hours", one("opening_ceremony", SAT, *at((9, 0), (12, 0)), 1), ["IC-4"]),
    ("IC-5 105 minutes is about 120", one("cooking", SAT, *at((10, 0), (11, 45)), 1), []),
    ("IC-5 135 minutes is about 120", one("cooking", SAT, *at((9, 0), (11, 15)), 1), []),
    ("IC-5 104 minutes is too short", one("cooking", SAT, *at((10, 0), (11, 44)), 1), ["IC-5"]),
    ("IC-5 136 minutes is too long", one("cooking", SAT, *at((9, 0), (11, 16)), 1), ["IC-5"]),
    ("IC-4 ends before it starts", one("regular", SAT, *at((11, 0), (10, 0)), 1), ["IC-4"]),
    # Day outings 9:00-16:00.
    ("IC-6 outing 8:59", one("outing", SAT, *at((8, 59), (16, 0)), 1), ["IC-6"]),
    ("IC-6 outing until 16:01", one("outing", SAT, *at((9, 0), (16, 1)), 1), ["IC-6"]),
    ("IC-6 a shorter outing inside the hours", one("outing", SAT, *at((10, 0), (15, 0)), 1), []),
    ("IC-6 bus hike 9:00-16:00 on a Sunday", one("bus_hike", SUN, *DAY, None), []),
    ("IC-6 outing over two days", one("outing", SAT, *DAY, 1, SUN), ["IC-6"]),
    # The overnight trip, Saturday 9:00 to Sunday 17:00.
    ("IC-7 overnight from Sunday", one("overnight", SUN, time(9), time(17), None), ["IC-7"]),
    ("IC-7 overnight from 8:59", one("overnight", SAT, *at((8, 59), (17, 0)), None), ["IC-7"]),
    ("IC-7 overnight until 17:01", one("overnight", SAT, *at((9, 0), (17, 1)), None), ["IC-7"]),
    (
        "IC-7 overnight ending on Monday",
        one("overnight", SAT, time(9), time(17), None, date(2026, 5, 11)),
        ["IC-7"],
    ),
    ("IC-7 overnight the same day", one("overnight", SAT, time(9), time(17), None, SAT), ["IC-7"]),
    ("IC-7 overnight 10:00 to 15:00 next day", one("overnight", SAT, time(10), time(15), 1), []),
]


@pytest.mark.parametrize(("activity", "clauses"), **cases(ACTIVITIES))
def test_ic3_to_ic7_each_activity(activity, clauses):
    assert activity_clauses(activity) == clauses


def test_ic4_the_problem_names_the_activity_in_japanese():
    holiday = one("regular", date(2026, 7, 20), *G1, 1)
    [problem] = programme_problems([*PROGRAMME[1:], holiday])[:1]
    assert problem.activity == holiday
    assert "7月20日(月)" in problem.message
    assert "土曜日か日曜日" in problem.message
    assert "IC-" not in problem.message


def without(kind, group):
    """``PROGRAMME`` without the first activity of ``kind`` held by ``group`` (None: joint)."""
    index = next(i for i, a in enumerate(PROGRAMME) if a.kind == kind and a.group == group)
    return PROGRAMME[:index] + PROGRAMME[index + 1 :]


def counts(programme):
    """(clause, message) of the count problems: those of no one activity."""
    return [(p.clause, p.message) for p in programme_problems(programme) if p.activity is None]


def test_ic4_group_1_with_6_regular_activities():
    assert counts(without("regular", 1)) == [
        ("IC-4", "第1グループの通常活動が6回です。通常活動は年7回(開級式と閉級式を含む)です。")
    ]


def test_ic4_an_opening_ceremony_turned_regular_lacks_the_ceremony_only():
    index = PROGRAMME.index(one("opening_ceremony", date(2026, 5, 9), *G2, 2))
    programme = list(PROGRAMME)
    programme[index] = replace(programme[index], kind="regular")
    assert counts(programme) == [("IC-4", "第2グループの開級式が0回です。開級式は年1回です。")]


def test_ic5_a_third_cooking_class_for_group_2():
    extra = one("cooking", date(2027, 3, 14), *COOK_2, 2)
    assert counts([*PROGRAMME, extra]) == [
        ("IC-5", "第2グループの調理実習が3回です。調理実習は年2回です。")
    ]


def test_ic6_a_bus_hike_turned_outing_counts_3_outings_but_no_bus_hike():
    programme = [replace(a, kind="outing") if a.kind == "bus_hike" else a for a in PROGRAMME]
    assert counts(programme) == [
        ("IC-6", "第1グループのバスハイクが0回です。バスハイクは年1回です。"),
        ("IC-6", "第2グループのバスハイクが0回です。バスハイクは年1回です。"),
    ]


def test_ic6_a_group_outing_missing_for_group_1():
    assert counts(without("outing", 1)) == [
        ("IC-6", "第1グループの1日外出が2回です。1日外出は年3回(バスハイクを含む)です。")
    ]


def test_ic7_no_overnight_trip_for_either_group():
    assert counts(without("overnight", None)) == [
        ("IC-7", "第1グループの宿泊事業が0回です。宿泊事業は年1回です。"),
        ("IC-7", "第2グループの宿泊事業が0回です。宿泊事業は年1回です。"),
    ]


def test_ic3_a_joint_activity_counts_for_both_groups():
    # The joint outing of 27 June is one of the 3 outings of each group: dropping it leaves 2.
    assert [c for c, _ in counts(without("outing", None))] == ["IC-6", "IC-6"]


def test_ic4_an_empty_programme_lacks_everything_for_both_groups():
    clauses = [c for c, _ in counts([])]
    assert clauses == ["IC-4", "IC-4", "IC-4", "IC-5", "IC-6", "IC-6", "IC-7"] * 2


def test_ic3_a_planned_activity_refuses_an_unknown_group_or_kind():
    with pytest.raises(ValueError, match="group"):
        one("regular", SAT, *G1, 3)
    with pytest.raises(ValueError, match="kind"):
        one("picnic", SAT, *G1, 1)
