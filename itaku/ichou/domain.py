"""Pure rules of いちょう学級 on plain values: age groups (IC-2), the annual programme
(IC-3 … IC-7), staffing (IC-17, IC-18), lodging (IC-25), insurance (IC-26), cost shares (IC-27)
and the health check at the door (IC-32, 仕様書 25(4)).

No database and no Django: the ward's own checks, the services and the pages call these with the
values they have loaded. The names and signatures are fixed (issue 10, "Pure domain rules"). The
specification is 002_d0db182c2c0d7513.txt; each rule cites the clause it reads and says where it
had to choose a reading.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from itaku.core.calendar import age_on
from itaku.core.domain import Role

__all__ = [
    "ACTIVITY_LABELS",
    "DURATION_TOLERANCE",
    "FEVER",
    "INSURANCE_MINIMUMS",
    "ActivityKind",
    "PlannedActivity",
    "Problem",
    "Rounding",
    "Shortfall",
    "Staffing",
    "age_group",
    "counts_as_staff",
    "insurance_problems",
    "lodging_eligible",
    "must_stay_home",
    "participant_share",
    "programme_problems",
    "staffing_required",
    "staffing_shortfall",
    "ward_collects",
]


class ActivityKind(enum.StrEnum):
    """The kinds of activity of 仕様書 6 (the values are the strings the ward's checks pass)."""

    REGULAR = "regular"  # 通常活動 (スポーツ、工作等), 6(1)
    OPENING_CEREMONY = "opening_ceremony"  # 開級式, one of the 7 of 6(1)
    CLOSING_CEREMONY = "closing_ceremony"  # 閉級式, one of the 7 of 6(1)
    COOKING = "cooking"  # 調理実習, 6(2)
    OUTING = "outing"  # 1日外出, 6(3)
    BUS_HIKE = "bus_hike"  # バスハイク, the one 1日外出 of 6(3) that is a bus hike
    OVERNIGHT = "overnight"  # 宿泊事業, 6(4)


ACTIVITY_LABELS: dict[str, str] = {
    ActivityKind.REGULAR: "通常活動",
    ActivityKind.OPENING_CEREMONY: "開級式",
    ActivityKind.CLOSING_CEREMONY: "閉級式",
    ActivityKind.COOKING: "調理実習",
    ActivityKind.OUTING: "1日外出",
    ActivityKind.BUS_HIKE: "バスハイク",
    ActivityKind.OVERNIGHT: "宿泊事業",
}

_CEREMONIES = frozenset({ActivityKind.OPENING_CEREMONY, ActivityKind.CLOSING_CEREMONY})
# 6(1): the 7 regular activities include the two ceremonies.
_REGULAR_CLASS = frozenset({ActivityKind.REGULAR} | _CEREMONIES)
# 6(3): the bus hike is one of the 3 day outings.
_DAY_OUTINGS = frozenset({ActivityKind.OUTING, ActivityKind.BUS_HIKE})
# 6 (preamble): 「1日外出や宿泊事業等プログラムに応じて、2グループ合同で活動を実施することも可」.
_MAY_BE_JOINT = _DAY_OUTINGS | {ActivityKind.OVERNIGHT}


def _kind(kind: str) -> ActivityKind:
    """``kind`` as an ``ActivityKind``; an unknown kind is a programming error, not a rule."""
    try:
        return ActivityKind(kind)
    except ValueError:
        raise ValueError(f"unknown activity kind {kind!r}") from None


# --- IC-2: age groups -------------------------------------------------------------------------

GROUP_1_FROM = 15  # 仕様書 5: 第1グループを15歳以上34歳以下
GROUP_2_FROM = 35  # 仕様書 5: 第2グループを35歳以上


def age_group(birth_date: dt.date, fiscal_year: int) -> int | None:
    """The group by age on 1 April of ``fiscal_year`` (仕様書 5, IC-2): 1 for 15–34, 2 for 35 and
    over, ``None`` when younger than 15 (not eligible by age: a warning, the ward decides).

    The age is ``itaku.core.calendar.age_on`` on 1 April, the one age rule of the platform:
    someone born on 2 April is still the younger age on 1 April, someone born on 1 April is
    already the older one. A birth date after that 1 April is younger than 15 too (``None``).
    """
    base = dt.date(fiscal_year, 4, 1)
    if birth_date > base:
        return None
    age = age_on(birth_date, base)
    if age >= GROUP_2_FROM:
        return 2
    if age >= GROUP_1_FROM:
        return 1
    return None


# --- IC-17, IC-18: staffing -------------------------------------------------------------------


class Staffing(NamedTuple):
    """Staff an activity needs (仕様書 8): ``staff`` counts everyone who counts as staff, the
    nurses included; ``nurses`` is how many of them must be nurses."""

    staff: int
    nurses: int


# 8(1): 通常活動時 1 per 2 participants; 調理実習、1日外出及び宿泊事業時 2 per 3. The ceremonies are
# regular activities (6(1)); the bus hike is a day outing (6(3)).
_RATIO: dict[ActivityKind, tuple[int, int]] = {
    ActivityKind.REGULAR: (1, 2),
    ActivityKind.OPENING_CEREMONY: (1, 2),
    ActivityKind.CLOSING_CEREMONY: (1, 2),
    ActivityKind.COOKING: (2, 3),
    ActivityKind.OUTING: (2, 3),
    ActivityKind.BUS_HIKE: (2, 3),
    ActivityKind.OVERNIGHT: (2, 3),
}
# 8(2): nurses 1 (通常活動), 2 (調理実習及び1日外出), 3 (宿泊事業).
_NURSES: dict[ActivityKind, int] = {
    ActivityKind.REGULAR: 1,
    ActivityKind.OPENING_CEREMONY: 1,
    ActivityKind.CLOSING_CEREMONY: 1,
    ActivityKind.COOKING: 2,
    ActivityKind.OUTING: 2,
    ActivityKind.BUS_HIKE: 2,
    ActivityKind.OVERNIGHT: 3,
}


def staffing_required(kind: str, participants: int) -> Staffing:
    """(staff, nurses) an activity of ``kind`` needs for ``participants`` (仕様書 8, IC-17, IC-18).

    ``participants`` is the number expected (planning) or present (on the day). Staff is
    ⌈n/2⌉ for regular activities and ceremonies and ⌈2n/3⌉ for cooking, day outings (the bus hike
    included) and the overnight trip, and never fewer than the nurses: the nurses count inside
    that number (8(2) 「上記(1)には、必ず看護師を含めること」), and 「必ず」 holds with no
    participant yet expected, so n = 0 still needs the nurse minimum. The responsible person
    (仕様書 9) is a separate requirement: see ``counts_as_staff``.
    """
    activity = _kind(kind)
    if participants < 0:
        raise ValueError(f"participants must not be negative, got {participants}")
    per, of = _RATIO[activity]
    nurses = _NURSES[activity]
    # ⌈per·n/of⌉ in integers, so no float ever rounds a ratio the wrong way.
    staff = -(-per * participants // of)
    return Staffing(staff=max(staff, nurses), nurses=nurses)


class Shortfall(NamedTuple):
    """How many staff (nurses included) and how many nurses are missing."""

    staff: int
    nurses: int


def staffing_shortfall(
    kind: str, *, participants: int, staff_present: int, nurses_present: int
) -> Shortfall:
    """What is missing against ``staffing_required``: ``staff_present`` counts every person who
    counts as staff, nurses included; ``nurses_present`` those of them who are nurses
    (IC-17, IC-18). ``Shortfall(0, 0)`` when the activity is staffed."""
    if nurses_present > staff_present:
        raise ValueError("the nurses present are counted inside the staff present")
    required = staffing_required(kind, participants)
    return Shortfall(
        staff=max(0, required.staff - staff_present),
        nurses=max(0, required.nurses - nurses_present),
    )


VOLUNTEER_FROM = 18  # 8(1): 「この従事者には、18歳以上のボランティアも含まれる」


def counts_as_staff(role: str, birth_date: dt.date | None, on: dt.date) -> bool:
    """Whether a person with roster ``role`` counts towards the staff ratio on day ``on`` (IC-17).

    The reading of 仕様書 8 and 9:
    - ``worker`` (従事者) counts: 8(1) names them 「受講者の援助に従事する者」. The specification
      sets them no age, so the birth date is not read.
    - ``nurse`` (看護師) counts: 8(2) puts the nurses inside the staff of 8(1).
    - ``volunteer`` (ボランティア) counts only from their 18th birthday (8(1) 「18歳以上の
      ボランティア」), on the day of the activity, by ``calendar.age_on``: not on the day before it,
      yes on it. Without a birth date a volunteer cannot be shown to be 18 and does not count.
    - ``manager`` (責任者) does not count: 仕様書 9 makes them a separate post that runs the day
      and talks to guardians and the ward, so they are present on top of the ratio.
    - The ward's roles (監督職員, 所管課職員, 監査) and any value that is not a contractor role
      (a student, a lecturer, a typo) never count: when in doubt, a person does not count.
    """
    try:
        known = Role(role)
    except ValueError:
        return False
    if known in (Role.WORKER, Role.NURSE):
        return True
    if known == Role.VOLUNTEER:
        if birth_date is None or birth_date > on:
            return False
        return age_on(birth_date, on) >= VOLUNTEER_FROM
    return False


# --- IC-27: cost shares -----------------------------------------------------------------------


class Rounding(enum.StrEnum):
    """How a quarter share is brought to whole yen (IC-27: a setting; the default is down)."""

    DOWN = "down"  # 切り捨て
    HALF_UP = "half_up"  # 四捨五入
    UP = "up"  # 切り上げ


def _quarter(amount: int, rounding: Rounding) -> int:
    """``amount / 4`` in whole yen by ``rounding``, in integers."""
    if rounding == Rounding.DOWN:
        return amount // 4
    if rounding == Rounding.UP:
        return -(-amount // 4)
    return (amount + 2) // 4


def participant_share(
    kind: str,
    *,
    transport: int,
    food: int,
    lodging: int = 0,
    materials: int = 0,
    admissions: int = 0,
    rounding: str = Rounding.DOWN,
) -> int:
    """Yen one participant pays for an activity (仕様書 17(2), IC-27). Every amount is the cost
    of one participant, in whole yen.

    - Day outing (17(2)ア): transport and food in full; the contractor bears the rest (17(1)).
    - Overnight trip and bus hike (イ, ウ): a quarter of transport, food and lodging together,
      then brought to whole yen by ``rounding`` (default down, 切り捨て), plus materials and
      admissions in full. The bus hike is a day outing too, but イ and ウ name it: they apply,
      not ア.
    - Regular activities, ceremonies and cooking: 0 (17(1): the contractor bears the cost).
    """
    activity = _kind(kind)
    amounts = {
        "transport": transport,
        "food": food,
        "lodging": lodging,
        "materials": materials,
        "admissions": admissions,
    }
    for name, amount in amounts.items():
        if amount < 0:
            raise ValueError(f"{name} must not be negative, got {amount}")
    if activity == ActivityKind.OUTING:
        return transport + food
    if activity in (ActivityKind.BUS_HIKE, ActivityKind.OVERNIGHT):
        return _quarter(transport + food + lodging, Rounding(rounding)) + materials + admissions
    return 0


def ward_collects(kind: str) -> bool:
    """True when the ward, not the contractor, collects the participant's share: the overnight
    trip and the bus hike (仕様書 17(2) ※ 「発注者が徴収する」, IC-27)."""
    return _kind(kind) in (ActivityKind.BUS_HIKE, ActivityKind.OVERNIGHT)


# --- IC-26: insurance -------------------------------------------------------------------------

# 別表 「受講者及び従事者への保険保証金額」, the minimums (「上記補償額を最低基準とすること」).
# The table prints 入院月額 4,000円 beside 通院日額 1,500円. Decision: it is read as 4,000 yen a day
# (入院日額), the unit of every accident policy and the only one consistent with the outpatient
# line (a month of hospital at 4,000 yen would pay less than three days of outpatient care); the
# policy is recorded per day. 後期障害 is read as 後遺障害 (residual disability), the term of those
# policies.
INSURANCE_MINIMUMS: dict[str, int] = {
    "death": 20_000_000,
    "residual_disability": 30_000_000,
    "hospital_per_day": 4_000,
    "outpatient_per_day": 1_500,
    "liability": 100_000_000,
}
_INSURANCE_LABELS = {
    "death": "傷害保険の死亡保険金額",
    "residual_disability": "傷害保険の後遺障害保険金額",
    "hospital_per_day": "傷害保険の入院保険金(1日あたり)",
    "outpatient_per_day": "傷害保険の通院保険金(1日あたり)",
    "liability": "賠償責任保険の支払限度額",
}


def _yen(amount: int) -> str:
    """An amount as the 別表 prints it: "2,000万円", "1億円", "4,000円"."""
    if amount and amount % 100_000_000 == 0:
        return f"{amount // 100_000_000:,}億円"
    if amount and amount % 10_000 == 0:
        return f"{amount // 10_000:,}万円"
    return f"{amount:,}円"


def insurance_problems(
    *,
    death: int,
    residual_disability: int,
    hospital_per_day: int,
    outpatient_per_day: int,
    liability: int,
    covers_travel: bool,
) -> list[str]:
    """What a policy lacks against the 別表 (仕様書 16, IC-26): empty when it meets every line,
    otherwise one message per shortfall, in the table's order. The cover must include the way
    from home to the meeting place and straight home after the activity (別表 ※)."""
    given = {
        "death": death,
        "residual_disability": residual_disability,
        "hospital_per_day": hospital_per_day,
        "outpatient_per_day": outpatient_per_day,
        "liability": liability,
    }
    problems = []
    for name, minimum in INSURANCE_MINIMUMS.items():
        if given[name] < minimum:
            problems.append(
                f"{_INSURANCE_LABELS[name]}が{given[name]:,}円で、"
                f"別表の最低基準({_yen(minimum)}以上)に足りません。"
            )
    if not covers_travel:
        problems.append(
            "補償の範囲に、自宅から集合場所までと、活動後に自宅へ直接帰るまでの往復が"
            "含まれていません。"
        )
    return problems


# --- IC-25: lodging ---------------------------------------------------------------------------

# 仕様書 15 ※: 耐震改修促進法 obliges hotels and ryokan of 3 floors or more and 5,000 ㎡ or more.
OBLIGED_FLOORS = 3
OBLIGED_AREA_M2 = 5_000.0
# 15(1)イ(ア): 「昭和57年以降に新耐震基準に基づき、建築された建築物」.
NEW_STANDARD_FROM = 1982


def lodging_eligible(
    *,
    hotel_or_ryokan: bool,
    floors: int,
    floor_area_m2: float,
    built_year: int,
    diagnosed_safe: bool | None,
    result_published: bool,
) -> bool:
    """Whether a building may lodge the overnight trip (仕様書 15, IC-25).

    ``diagnosed_safe`` is what a seismic diagnosis (耐震診断書等) found: True safe, False not
    safe, None no diagnosis. ``result_published`` is True when the authority (所管行政庁) has
    published a diagnosis result that shows the building safe.

    The reading:
    - A diagnosis that found the building unsafe rules it out, whatever else holds (15 ※: only a
      building whose safety is objectively shown may be used).
    - 15(1)ア, the buildings 耐震改修促進法 obliges to be diagnosed and to report: the law (附則
      第3条, 要緊急安全確認大規模建築物) obliges hotels and ryokan of ≥ 3 floors and ≥ 5,000 ㎡
      built to the old standard. Such a building needs the published result (ア(ア)) or a
      diagnosis showing it safe (ア(イ)). A hotel of that size built to the new standard is not
      obliged, so it falls under イ and its year shows it safe; the ※ of 15 prints the size only,
      and read alone it would refuse most modern large hotels, which have nothing to publish.
    - 15(1)イ, every other building: built in 1982 (昭和57年) or later to the new standard
      (イ(ア)), or older and diagnosed safe by its owner (イ(イ)). A published result is not one of
      イ's ways; such a building is not obliged, so its owner's diagnosis is the evidence.
    """
    if floors < 1:
        raise ValueError(f"a building has at least one floor, got {floors}")
    if not floor_area_m2 > 0:
        raise ValueError(f"floor area must be positive, got {floor_area_m2}")
    if diagnosed_safe is False:
        return False
    new_standard = built_year >= NEW_STANDARD_FROM
    obliged = (
        hotel_or_ryokan
        and floors >= OBLIGED_FLOORS
        and floor_area_m2 >= OBLIGED_AREA_M2
        and not new_standard
    )
    if obliged:
        return result_published or diagnosed_safe is True
    return new_standard or diagnosed_safe is True


# --- IC-32: the health check at the door ------------------------------------------------------

FEVER = 37.5  # 25(4)イ・ウ: 「発熱(目安37.5度以上)」
# A reading outside this range is a typing error (375, 3.75), never a body temperature.
_PLAUSIBLE = (30.0, 45.0)


def must_stay_home(
    *,
    temperature: float | None,
    strong_symptom: bool,
    mild_symptom: bool,
    higher_risk: bool,
    continuing: bool,
) -> bool:
    """Whether a participant or a staff member is asked to stay home (欠席をお願いする;
    仕様書 25(4), IC-32).

    - ア: a strong symptom (息苦しさ, 強いだるさ, 高熱): yes.
    - A fever, a reading of 37.5 °C or more: yes. 25(4) asks it of a person at higher risk (イ)
      or when it continues (ウ), but at the door nobody can wait to see whether a fever
      continues, so the ward treats any such reading as a reason (issue 10). 37.4 is not.
    - A mild symptom such as a cough: yes for a person at higher risk (基礎疾患等, イ) or when it
      has continued (ウ); otherwise no.
    - ``temperature`` None (not taken yet) is no reason by itself.
    """
    if temperature is not None and not (_PLAUSIBLE[0] <= temperature <= _PLAUSIBLE[1]):
        raise ValueError(f"{temperature} is not a body temperature in °C")
    if strong_symptom:
        return True
    if temperature is not None and temperature >= FEVER:
        return True
    return mild_symptom and (higher_risk or continuing)


# --- IC-3 … IC-7: the annual programme --------------------------------------------------------


@dataclass(frozen=True)
class PlannedActivity:
    """One activity of the year's programme, as planned.

    ``group`` is 1 or 2, or None for a joint activity of both groups. ``start`` and ``end`` are
    times of ``date``; an overnight trip ends on ``end_date``, which defaults to the day after
    ``date`` for it and to ``date`` itself for every other kind.
    """

    kind: str
    date: dt.date
    start: dt.time
    end: dt.time
    group: int | None
    end_date: dt.date | None = None

    def __post_init__(self) -> None:
        _kind(self.kind)
        if self.group not in (1, 2, None):
            raise ValueError(f"group is 1, 2 or None (joint), got {self.group!r}")

    @property
    def last_day(self) -> dt.date:
        """The day the activity ends."""
        if self.end_date is not None:
            return self.end_date
        if self.kind == ActivityKind.OVERNIGHT:
            return self.date + dt.timedelta(days=1)
        return self.date

    @property
    def minutes(self) -> int:
        """How long it lasts, in minutes (negative when it ends before it starts)."""
        begin = dt.datetime.combine(self.date, self.start)
        finish = dt.datetime.combine(self.last_day, self.end)
        return int((finish - begin).total_seconds() // 60)


@dataclass(frozen=True)
class Problem:
    """What is wrong with a programme: the catalogue's clause ID (``clause``, shown as its label),
    a message in Japanese, and the activity concerned (None for a count of the year)."""

    clause: str
    message: str
    activity: PlannedActivity | None = None


# The clause each kind is planned under (仕様書 6(1) … 6(4)).
_CLAUSE: dict[ActivityKind, str] = {
    ActivityKind.REGULAR: "IC-4",
    ActivityKind.OPENING_CEREMONY: "IC-4",
    ActivityKind.CLOSING_CEREMONY: "IC-4",
    ActivityKind.COOKING: "IC-5",
    ActivityKind.OUTING: "IC-6",
    ActivityKind.BUS_HIKE: "IC-6",
    ActivityKind.OVERNIGHT: "IC-7",
}
# 6(1), 6(2): 「午前9時から正午まで又は午後1時から午後4時までの間」.
_WINDOWS = ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(16)))
# 6(1) 「原則1時間30分程度」, 6(2) 「原則2時間程度」, per group. How far "about" stretches is a
# decision: a quarter of an hour either way.
_DURATION = {ActivityKind.REGULAR: 90, ActivityKind.COOKING: 120}
_DURATION.update(dict.fromkeys(_CEREMONIES, 90))
DURATION_TOLERANCE = 15
# 6(3): 「原則午前9時から午後4時まで」; 6(4): 「土曜日午前9時から翌日曜日の午後5時まで」.
_OUTING_HOURS = (dt.time(9), dt.time(16))
_OVERNIGHT_HOURS = (dt.time(9), dt.time(17))
_SATURDAY, _SUNDAY = 5, 6
_WEEKDAYS = "月火水木金土日"


def _when(activity: PlannedActivity) -> str:
    """ "5月9日(土) 10:00〜11:30", how a message names an activity."""
    day = activity.date
    text = f"{day.month}月{day.day}日({_WEEKDAYS[day.weekday()]}) {activity.start:%H:%M}〜"
    if activity.last_day != day:
        last = activity.last_day
        text += f"{last.month}月{last.day}日({_WEEKDAYS[last.weekday()]}) "
    return text + f"{activity.end:%H:%M}"


def _group_name(group: int | None) -> str:
    return "合同" if group is None else f"第{group}グループ"


def _activity_problems(activity: PlannedActivity) -> list[Problem]:
    """What is wrong with one activity on its own: group, day and times."""
    kind = ActivityKind(activity.kind)
    clause = _CLAUSE[kind]
    label = ACTIVITY_LABELS[kind]
    name = f"{label}({_when(activity)}・{_group_name(activity.group)})"
    problems = []

    def problem(clause_id: str, message: str) -> None:
        problems.append(Problem(clause_id, message, activity))

    # IC-3: ceremonies belong to each group; only outings and the overnight trip may be joint.
    if activity.group is None and kind not in _MAY_BE_JOINT:
        if kind in _CEREMONIES:
            problem("IC-3", f"{name}: {label}は合同にせず、グループごとに行います。")
        else:
            problem(
                "IC-3",
                f"{name}: 合同で行えるのは1日外出と宿泊事業です。{label}はグループごとに行います。",
            )

    # Saturday or Sunday only; a holiday on a weekday is still a weekday (6(1) … 6(3)).
    if kind == ActivityKind.OVERNIGHT:
        if activity.date.weekday() != _SATURDAY:
            problem(clause, f"{name}: 宿泊事業は土曜日に始まります。")
        if activity.last_day != activity.date + dt.timedelta(days=1):
            problem(clause, f"{name}: 宿泊事業は翌日の日曜日に終わります。")
    else:
        if activity.date.weekday() not in (_SATURDAY, _SUNDAY):
            problem(clause, f"{name}: 活動日は土曜日か日曜日です(祝日でも平日は不可)。")
        if activity.last_day != activity.date:
            problem(clause, f"{name}: {label}は1日で終わります。")

    if activity.minutes <= 0:
        problem(clause, f"{name}: 終了が開始より前になっています。")
        return problems

    if kind == ActivityKind.OVERNIGHT:
        earliest, latest = _OVERNIGHT_HOURS
        if activity.start < earliest or activity.end > latest:
            problem(clause, f"{name}: 宿泊事業は土曜日9:00から翌日曜日17:00までの間で行います。")
    elif kind in _DAY_OUTINGS:
        earliest, latest = _OUTING_HOURS
        if activity.start < earliest or activity.end > latest:
            problem(clause, f"{name}: {label}は9:00から16:00までの間で行います。")
    else:
        if not any(lo <= activity.start and activity.end <= hi for lo, hi in _WINDOWS):
            problem(
                clause,
                f"{name}: 9:00〜12:00か13:00〜16:00のどちらかの時間帯に収めます。",
            )
        expected = _DURATION[kind]
        if abs(activity.minutes - expected) > DURATION_TOLERANCE:
            problem(
                clause,
                f"{name}: 活動時間が{activity.minutes}分です。"
                f"{label}は1グループにつき{expected}分程度です。",
            )
    return problems


# (clause, what is counted, the kinds counted, how many a year, words for the message).
_COUNTS = (
    ("IC-4", "通常活動", _REGULAR_CLASS, 7, "年7回(開級式と閉級式を含む)"),
    ("IC-4", "開級式", frozenset({ActivityKind.OPENING_CEREMONY}), 1, "年1回"),
    ("IC-4", "閉級式", frozenset({ActivityKind.CLOSING_CEREMONY}), 1, "年1回"),
    ("IC-5", "調理実習", frozenset({ActivityKind.COOKING}), 2, "年2回"),
    ("IC-6", "1日外出", _DAY_OUTINGS, 3, "年3回(バスハイクを含む)"),
    ("IC-6", "バスハイク", frozenset({ActivityKind.BUS_HIKE}), 1, "年1回"),
    ("IC-7", "宿泊事業", frozenset({ActivityKind.OVERNIGHT}), 1, "年1回"),
)


def programme_problems(activities: Sequence[PlannedActivity]) -> list[Problem]:
    """What is wrong with a year's programme (仕様書 6, IC-3 … IC-7), each with its clause ID.

    Each group has, a year, exactly 7 regular activities counting the opening and the closing
    ceremony (one each), 2 cooking classes, 3 day outings of which one is the bus hike, and 1
    overnight trip; a joint activity counts for both groups. Each activity is on a Saturday or a
    Sunday (a holiday on a weekday does not count as a weekend); regular activities, ceremonies
    and cooking lie inside 9:00–12:00 or 13:00–16:00 and last about 90 (cooking 120) minutes
    (± ``DURATION_TOLERANCE``); day outings lie inside 9:00–16:00; the overnight trip lies inside
    Saturday 9:00 to Sunday 17:00. Ceremonies are never joint; only day outings and the
    overnight trip may be.

    First the problems of each activity in the order given, then the counts, group 1 first.
    """
    problems = [p for activity in activities for p in _activity_problems(activity)]
    for group in (1, 2):
        mine = [a for a in activities if a.group in (group, None)]
        for clause, what, kinds, expected, rule in _COUNTS:
            count = sum(1 for a in mine if a.kind in kinds)
            if count != expected:
                problems.append(
                    Problem(
                        clause,
                        f"第{group}グループの{what}が{count}回です。{what}は{rule}です。",
                    )
                )
    return problems


# --- IC-33: chartered buses --------------------------------------------------------------------

# 仕様書 22(4): a tourist bus must be rated 「評価基準Aランク以上」 under
# 「観光バスの環境性能表示に係るガイドライン(平成29年3月16日改正)」. The ranks, best first
# (AAA … C as the ward reads the guideline; "none" is a bus without a rating, which cannot show
# that it meets the clause).
BUS_RATINGS: tuple[str, ...] = ("AAA", "AA", "A", "B", "C", "none")
BUS_RATING_LABELS: dict[str, str] = {
    "AAA": "AAAランク",
    "AA": "AAランク",
    "A": "Aランク",
    "B": "Bランク",
    "C": "Cランク",
    "none": "評価なし・不明",
}
_BUS_RATING_OK = frozenset({"AAA", "AA", "A"})


def bus_rating_ok(rating: str) -> bool:
    """True when a tourist bus's environmental rating is A or better (仕様書 22(4), IC-33); an
    unknown rating is not."""
    return rating in _BUS_RATING_OK
