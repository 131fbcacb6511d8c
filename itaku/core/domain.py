"""Pure rules of the platform: roles, the access rule on plain values, obligation states.

Nothing here touches the database; ``itaku.core.access`` translates the same rule into a query and
a property test checks that the two agree (PI-2, PI-3, SO-10).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Self

from itaku.core import deadlines
from itaku.core.calendar import BusinessCalendar


@dataclass(frozen=True)
class Period:
    """An inclusive span of days, such as a contract period (SO-1, IC-1)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("期間の終了日が開始日より前です。")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class Choice(enum.StrEnum):
    """A string enum whose members carry a Japanese label, usable as Django ``choices``.

    Kept free of Django so the domain stays importable without it (STYLE.md).
    """

    _value_: str
    label: str

    if TYPE_CHECKING:
        # What the checker should see is what the class does once built: ``Role("manager")``
        # looks a member up by its value (enum swaps in ``Enum.__new__``). The two-argument
        # ``__new__`` below only runs while the class body's ``(value, label)`` pairs are made
        # into members, and no caller can reach it.
        def __new__(cls, value: str) -> Self: ...

    else:

        def __new__(cls, value: str, label: str) -> Self:
            member = str.__new__(cls, value)
            member._value_ = value
            member.label = label
            return member

    def __str__(self) -> str:
        return self.value

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Side(enum.Enum):
    WARD = "ward"
    CONTRACTOR = "contractor"


class Role(Choice):
    """Roles on a contract's roster (DESIGN.md, "Who uses it")."""

    WARD_SUPERVISOR = "ward_supervisor", "監督職員"
    DEPARTMENT_REQUESTER = "department_requester", "所管課職員"
    AUDITOR = "auditor", "監査"
    MANAGER = "manager", "責任者"
    WORKER = "worker", "従事者"
    NURSE = "nurse", "看護師"
    VOLUNTEER = "volunteer", "ボランティア"

    @property
    def side(self) -> Side:
        return Side.WARD if self in WARD_ROLES else Side.CONTRACTOR


WARD_ROLES = frozenset({Role.WARD_SUPERVISOR, Role.DEPARTMENT_REQUESTER, Role.AUDITOR})
CONTRACTOR_ROLES = frozenset(set(Role) - WARD_ROLES)


class Qualification(Choice):
    """Qualifications recorded on a roster entry."""

    POLICE_EXPERIENCE = "police_experience", "警察等の実務経験"  # SO-9
    NURSE_LICENCE = "nurse_licence", "看護師免許"  # IC-18
    DISABILITY_SUPPORT = "disability_support", "知的障害者支援の経験"  # IC-19


class ContractState(Choice):
    ACTIVE = "active", "履行中"
    ENDED = "ended", "終了"
    RETURNED = "returned", "返却済み"
    DESTROYED = "destroyed", "廃棄済み"


# A contract moves one way only: it ends, its data is returned to the ward, then destroyed (PI-8).
CONTRACT_TRANSITIONS: dict[ContractState, frozenset[ContractState]] = {
    ContractState.ACTIVE: frozenset({ContractState.ENDED}),
    ContractState.ENDED: frozenset({ContractState.RETURNED}),
    ContractState.RETURNED: frozenset({ContractState.DESTROYED}),
    ContractState.DESTROYED: frozenset(),
}


def can_change_contract_state(current: str, target: str) -> bool:
    """Whether a contract in state ``current`` may move to ``target``."""
    return ContractState(target) in CONTRACT_TRANSITIONS[ContractState(current)]


@dataclass(frozen=True)
class Action:
    """Something a user may do on a contract, declared by the app it belongs to in its
    ``contributions.ACTIONS`` (``itaku.core.registry``), with the roles that hold it.

    - ``writes``: a read goes on for the ward after the period until the data is destroyed; a
      write needs the contract running, inside its period.
    - ``after_period``: the contract states in which a write goes on after the period. Only the
      ward holds a grant then (a contractor's grant ends with the period): the last days' reports
      fall due after it (SO-13, SO-14); a leak may come to light after it (PI-7); return and
      destruction happen after it (PI-8).
    - ``before_period``: the roles that may do it from the award date (契約締結日), before the
      period starts: the contractor prepares the roster and the first schedule, the ward approves
      them (SO-10). Before the period nothing else is allowed.
    - ``service_kind``: an action of one service (a dispatch, a roll call) is done only on that
      kind of contract; "" for the platform's actions, done on every contract.
    """

    key: str
    label: str
    roles: frozenset[Role]
    writes: bool = False
    after_period: frozenset[ContractState] = frozenset()
    before_period: frozenset[Role] = frozenset()
    service_kind: str = ""


GrantTable = Mapping[str, Action]


# ASVS V6: the roles that approve, run or inspect a contract sign in with a second factor.
SECOND_FACTOR_ROLES = frozenset({Role.WARD_SUPERVISOR, Role.MANAGER, Role.AUDITOR})


def needs_second_factor(*, roles: frozenset[Role], is_administrator: bool) -> bool:
    """Whether someone holding ``roles`` today must sign in with a one-time code (TOTP)."""
    return is_administrator or bool(roles & SECOND_FACTOR_ROLES)


@dataclass(frozen=True)
class ContractFacts:
    """What the access rule needs to know about a contract. ``awarded_on`` (契約締結日) opens
    the preparation before the period; None when it is the first day of the period."""

    period: Period
    state: str
    awarded_on: date | None = None
    service_kind: str = ""

    @property
    def preparation_starts(self) -> date:
        return min(self.awarded_on or self.period.start, self.period.start)


# SO-10: after the award and before the period, the contractor's manager prepares the roster and
# the first duty schedule; no other contractor role is let in before the period.
PREPARING_ROLES = frozenset({Role.MANAGER})


@dataclass(frozen=True)
class RosterGrant:
    """What the access rule needs to know about one roster entry."""

    role: Role
    valid_from: date
    valid_to: date | None
    pledge_date: date | None
    approved: bool
    ended: bool = False


def grant_is_active(grant: RosterGrant, contract: ContractFacts, on: date) -> bool:
    """The access rule for one roster entry on one day.

    - Nobody sees a contract whose data has been destroyed (PI-8), and an ended entry gives
      nothing from the moment it is ended (PI-2).
    - Ward side: the entry has started and not ended; the ward keeps read access after the
      contract period until the data is destroyed.
    - Contractor side: the entry is in an approved roster version (SO-10), a pledge was made on or
      before the day (SO-17, PI-2), the entry has started and not ended, the day is inside the
      contract period (SO-1, IC-1) and the contract is still active. The manager's entry also
      gives access from the award date, to prepare (SO-10; what may be done then is ``can``'s).
    - The entry's dates and pledge are the terms in force (``terms_in_force``): a change that
      widens access waits for the ward's approval (SO-10).
    """
    if contract.state == ContractState.DESTROYED or grant.ended:
        return False
    in_entry = grant.valid_from <= on and (grant.valid_to is None or on <= grant.valid_to)
    if not in_entry:
        return False
    if grant.role in WARD_ROLES:
        return True
    return (
        grant.approved
        and grant.pledge_date is not None
        and grant.pledge_date <= on
        and on <= contract.period.end
        and (
            on >= contract.period.start
            or (grant.role in PREPARING_ROLES and on >= contract.preparation_starts)
        )
        and contract.state == ContractState.ACTIVE
    )


def active_roles(grants: list[RosterGrant], contract: ContractFacts, on: date) -> frozenset[Role]:
    """The roles a person holds on a contract on a day."""
    return frozenset(g.role for g in grants if grant_is_active(g, contract, on))


def can(
    action: Action,
    *,
    roles: frozenset[Role],
    contract: ContractFacts,
    on: date,
    grants: GrantTable,
) -> bool:
    """May someone holding ``roles`` (already filtered by ``grant_is_active``) do ``action``?

    ``grants`` is the table of every declared action by key (``registry.grant_table()``): an
    action nobody declared gives nothing, whatever the caller's object says, and a service's
    action nothing on another service's contract. Before the period
    only what the action allows to its ``before_period`` roles (SO-10), and the ward's reads;
    writes need the contract running inside its period, or one of the action's
    ``after_period`` states (SO-13, SO-14, PI-7, PI-8); reads go on for the ward until the data
    is destroyed.
    """
    declared = grants.get(action.key)
    if declared is None or not (roles & declared.roles):
        return False
    if declared.service_kind and declared.service_kind != contract.service_kind:
        return False
    if on < contract.period.start:
        if contract.state != ContractState.ACTIVE:
            return False
        ward_read = not declared.writes and bool(roles & declared.roles & WARD_ROLES)
        return ward_read or bool(roles & declared.before_period)
    if not declared.writes:
        return True
    if on > contract.period.end or contract.state != ContractState.ACTIVE:
        return contract.state in declared.after_period
    return True


@dataclass(frozen=True)
class GrantTerms:
    """The terms of a roster entry that decide its access: when it ends (None: open), when the
    pledge was made (None: none yet) and the qualifications it counts with."""

    valid_to: date | None
    pledge_date: date | None
    qualifications: frozenset[str]


def terms_narrowest(a: GrantTerms, b: GrantTerms) -> GrantTerms:
    """The terms that give no more than either: the earlier end, the later pledge (no pledge is
    the narrowest), the qualifications both have."""
    if a.valid_to is None or b.valid_to is None:
        valid_to = a.valid_to if b.valid_to is None else b.valid_to
    else:
        valid_to = min(a.valid_to, b.valid_to)
    if a.pledge_date is None or b.pledge_date is None:
        pledge_date = None
    else:
        pledge_date = max(a.pledge_date, b.pledge_date)
    return GrantTerms(
        valid_to=valid_to,
        pledge_date=pledge_date,
        qualifications=a.qualifications & b.qualifications,
    )


def terms_in_force(*, granted: GrantTerms, proposed: GrantTerms) -> GrantTerms:
    """The terms that give access: the narrowest of what the ward granted and what the contractor
    proposes now (SO-10, PI-2).

    So a change that narrows access (an earlier or a first end date, a later or no pledge, a
    qualification taken away) takes effect at once, and one that widens it (a later or no end
    date, a pledge, a new qualification) only when the ward approves a roster version holding it.
    On a change ``granted`` is the terms in force until then; on approval, the approved terms.
    """
    return terms_narrowest(granted, proposed)


def birth_date_problem(*, birth_date: date | None, today: date) -> str | None:
    """Why a birth date typed for a person cannot be right, or None (the date range itself is
    the form field's, ``itaku.web.fields``)."""
    if birth_date is not None and birth_date > today:
        return "生年月日が今日より後になっています。"
    return None


def roster_entry_problems(
    *, role: Role, qualifications: list[str], birth_date: date | None
) -> list[str]:
    """Reasons a roster entry cannot be accepted as it stands."""
    problems = []
    # IC-17: a volunteer counts as staff only from 18, so the birth date must be known.
    if role == Role.VOLUNTEER and birth_date is None:
        problems.append("ボランティアは生年月日が必要です(18歳以上のみ人員に数えます)。")
    # IC-18: a nurse counts towards the nurse minimum only with a licence.
    if role == Role.NURSE and Qualification.NURSE_LICENCE not in qualifications:
        problems.append("看護師は看護師免許の登録が必要です。")
    unknown = set(qualifications) - set(Qualification.values())
    if unknown:
        problems.append("不明な資格があります。")
    return problems


# IC-19: the responsible person's always-reachable phone. Typed with or without hyphens, in
# full-width or half-width digits, domestic (0…) or from abroad (+81…); kept in one form.
_DASHES = re.compile(r"[-\s\u2010-\u2015\u2212\u30fc\uff70]+")
_PHONE = re.compile(r"0[1-9][0-9]*(?:-[0-9]+)*")
PHONE_DIGITS = (10, 11)
PHONE_PROBLEM = (
    "電話番号は 090-1234-5678 や 03-1234-5678 のように、0 から始まる10桁か11桁の数字で"
    "入力してください(+81 から始めても構いません)。"
)


def phone_normalise(text: str) -> str:
    """A typed phone number in the form it is kept: half-width, hyphens for any dash or space
    between the digits, and +81 written as the domestic 0 (+81-90-1234-5678 → 090-1234-5678).
    Text that is no phone number comes back only trimmed and made half-width, for
    ``phone_problem`` to refuse (and the My Number guard to read)."""
    value = _DASHES.sub("-", unicodedata.normalize("NFKC", text).strip())
    if value.startswith("+81"):
        national = value[3:].lstrip("-")
        if national.startswith("(0)"):
            national = national[3:].lstrip("-")
        value = "0" + national
    return value


def phone_problem(text: str) -> str | None:
    """Why ``text`` (as ``phone_normalise`` left it) is no Japanese phone number, or None:
    10 or 11 digits starting with 0 (not 00), hyphens only between digits."""
    if not _PHONE.fullmatch(text):
        return PHONE_PROBLEM
    if sum(c.isdigit() for c in text) not in PHONE_DIGITS:
        return PHONE_PROBLEM
    return None


class DueRule(Choice):
    """How an obligation's due date is computed (``itaku.core.deadlines``)."""

    NEXT_BUSINESS_DAY = "next_business_day", "翌開庁日まで"  # SO-13
    FIFTH_OF_NEXT_MONTH = "fifth_of_next_month", "翌月5日まで(3月分は3月31日)"  # SO-14
    TENTH_OF_NEXT_MONTH = "tenth_of_next_month", "翌月10日まで"  # IC-24
    DAYS_BEFORE_EVENT = "days_before_event", "実施日の所定日数前まで"  # IC-23
    ONCE_PER_MONTH = "once_per_month", "毎月1回以上"  # SO-8
    BEFORE_MONTH_STARTS = "before_month_starts", "前月中(月の開始前)"  # SO-10


class ObligationState(Choice):
    NOT_DUE = "not_due", "未到来"
    DUE = "due", "提出待ち"
    SUBMITTED = "submitted", "提出済み"
    ACKNOWLEDGED = "acknowledged", "確認済み"
    LATE = "late", "期限超過"


def obligation_state(
    *,
    opens_on: date,
    due_date: date,
    submitted_on: date | None,
    acknowledged: bool,
    today: date,
) -> ObligationState:
    """The state of one obligation item on ``today``.

    An item is not due before it opens (a report opens on the last day it covers; a lead-time
    item opens a month before its due date), due until its due date, late after it while nothing
    was submitted. A submitted item stays submitted (``is_submitted_late`` says if it was late).
    """
    if acknowledged:
        return ObligationState.ACKNOWLEDGED
    if submitted_on is not None:
        return ObligationState.SUBMITTED
    if today > due_date:
        return ObligationState.LATE
    if today < opens_on:
        return ObligationState.NOT_DUE
    return ObligationState.DUE


def is_submitted_late(*, due_date: date, submitted_on: date | None) -> bool:
    return submitted_on is not None and submitted_on > due_date


@dataclass(frozen=True)
class ScheduledItem:
    """One occurrence of a periodic obligation: the span it covers and when it is due."""

    period_start: date
    period_end: date
    due_date: date


def schedule_items(
    rule: DueRule, *, contract_period: Period, through: date, cal: BusinessCalendar
) -> list[ScheduledItem]:
    """The occurrences of a periodic obligation over the contract period, up to ``through``.

    Daily reports: one per business day of the period (SO-13). Monthly items: one per month the
    period touches (SO-8, SO-10, SO-14, IC-24). Event-based items (IC-23) are added per event.
    """
    last = min(through, contract_period.end)
    items: list[ScheduledItem] = []
    if rule == DueRule.NEXT_BUSINESS_DAY:
        for day in cal.business_days(contract_period.start, last):
            items.append(ScheduledItem(day, day, deadlines.due_next_business_day(day, cal=cal)))
        return items
    monthly = {
        DueRule.FIFTH_OF_NEXT_MONTH: deadlines.due_fifth_of_next_month,
        DueRule.TENTH_OF_NEXT_MONTH: deadlines.due_tenth_of_next_month,
        DueRule.ONCE_PER_MONTH: deadlines.due_once_per_month,
        DueRule.BEFORE_MONTH_STARTS: deadlines.due_before_month_starts,
    }
    if rule not in monthly:
        return items
    year, month = contract_period.start.year, contract_period.start.month
    while date(year, month, 1) <= last:
        first, end = deadlines.month_bounds(year, month)
        items.append(ScheduledItem(first, end, monthly[rule](year, month, cal=cal)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return items


def opens_on(rule: DueRule, *, period_start: date, period_end: date, due_date: date) -> date:
    """The day an item starts to be asked for: reports when the span they cover ends, lead-time
    items (schedules, notices) a month before they are due, monthly training from the 1st."""
    if rule in (DueRule.BEFORE_MONTH_STARTS, DueRule.DAYS_BEFORE_EVENT):
        return due_date - timedelta(days=30)
    if rule == DueRule.ONCE_PER_MONTH:
        return period_start
    return period_end
