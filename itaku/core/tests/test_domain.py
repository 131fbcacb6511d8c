"""The platform's pure rules, table-driven, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core import domain
from itaku.core.calendar import BusinessCalendar
from itaku.core.domain import Action, ContractFacts, ObligationState, Period, Role, RosterGrant

CONTRACT = ContractFacts(period=Period(date(2026, 4, 1), date(2027, 3, 31)), state="active")
IN_PERIOD = date(2026, 6, 15)


def grant(role: Role, **kw) -> RosterGrant:
    values = {
        "role": role,
        "valid_from": date(2026, 4, 1),
        "valid_to": None,
        "pledge_date": date(2026, 3, 25),
        "approved": True,
        "ended": False,
    }
    values.update(kw)
    return RosterGrant(**values)


@pytest.mark.parametrize(
    ("case", "g", "contract", "on", "expected"),
    [
        (
            "SO-10 approved worker with pledge, in period",
            grant(Role.WORKER),
            CONTRACT,
            IN_PERIOD,
            True,
        ),
        (
            "SO-10 worker not yet approved",
            grant(Role.WORKER, approved=False),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
        (
            "SO-17 worker without pledge",
            grant(Role.WORKER, pledge_date=None),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
        (
            "SO-17 pledge made after the day",
            grant(Role.WORKER, pledge_date=date(2026, 6, 16)),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
        (
            "SO-17 pledge made on the day",
            grant(Role.WORKER, pledge_date=IN_PERIOD),
            CONTRACT,
            IN_PERIOD,
            True,
        ),
        (
            "entry not yet started",
            grant(Role.WORKER, valid_from=date(2026, 6, 16)),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
        (
            "entry ended yesterday",
            grant(Role.WORKER, valid_to=date(2026, 6, 14)),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
        ("entry ends today", grant(Role.WORKER, valid_to=IN_PERIOD), CONTRACT, IN_PERIOD, True),
        ("PI-2 entry ended now", grant(Role.WORKER, ended=True), CONTRACT, IN_PERIOD, False),
        (
            "SO-1 contractor before the period",
            grant(Role.MANAGER, valid_from=date(2026, 3, 1)),
            CONTRACT,
            date(2026, 3, 31),
            False,
        ),
        ("SO-1 contractor on the last day", grant(Role.MANAGER), CONTRACT, date(2027, 3, 31), True),
        (
            "SO-1 contractor after the period",
            grant(Role.MANAGER),
            CONTRACT,
            date(2027, 4, 1),
            False,
        ),
        (
            "contractor on an ended contract",
            grant(Role.MANAGER),
            ContractFacts(CONTRACT.period, "ended"),
            IN_PERIOD,
            False,
        ),
        (
            "ward supervisor in period",
            grant(Role.WARD_SUPERVISOR, pledge_date=None, approved=False),
            CONTRACT,
            IN_PERIOD,
            True,
        ),
        (
            "ward keeps reading after the period",
            grant(Role.AUDITOR, pledge_date=None),
            CONTRACT,
            date(2028, 1, 1),
            True,
        ),
        (
            "ward keeps reading after return",
            grant(Role.AUDITOR),
            ContractFacts(CONTRACT.period, "returned"),
            date(2028, 1, 1),
            True,
        ),
        (
            "PI-8 nobody after destruction",
            grant(Role.AUDITOR),
            ContractFacts(CONTRACT.period, "destroyed"),
            IN_PERIOD,
            False,
        ),
        (
            "ward role ended",
            grant(Role.WARD_SUPERVISOR, valid_to=date(2026, 5, 31)),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
        (
            "PI-2 ward role ended now",
            grant(Role.WARD_SUPERVISOR, ended=True),
            CONTRACT,
            IN_PERIOD,
            False,
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_grant_is_active(case, g, contract, on, expected):
    assert domain.grant_is_active(g, contract, on) is expected


ENDED = ContractFacts(CONTRACT.period, "ended")
RETURNED = ContractFacts(CONTRACT.period, "returned")
AFTER = date(2027, 4, 10)


@pytest.mark.parametrize(
    ("role", "action", "contract", "on", "expected"),
    [
        (Role.MANAGER, Action.EDIT_ROSTER, CONTRACT, IN_PERIOD, True),
        (Role.WORKER, Action.EDIT_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.WARD_SUPERVISOR, Action.EDIT_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.WARD_SUPERVISOR, Action.APPROVE_ROSTER, CONTRACT, IN_PERIOD, True),
        (Role.WARD_SUPERVISOR, Action.APPROVE_ROSTER, ENDED, AFTER, False),
        (Role.MANAGER, Action.APPROVE_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.AUDITOR, Action.VIEW_ROSTER, CONTRACT, IN_PERIOD, True),
        (Role.AUDITOR, Action.APPROVE_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.AUDITOR, Action.ACKNOWLEDGE_OBLIGATION, CONTRACT, IN_PERIOD, False),
        (Role.AUDITOR, Action.VIEW_OBLIGATIONS, RETURNED, AFTER, True),
        (Role.DEPARTMENT_REQUESTER, Action.VIEW_CONTRACT, CONTRACT, IN_PERIOD, True),
        (Role.DEPARTMENT_REQUESTER, Action.VIEW_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.DEPARTMENT_REQUESTER, Action.VIEW_OBLIGATIONS, CONTRACT, IN_PERIOD, False),
        (Role.VOLUNTEER, Action.VIEW_CONTRACT, CONTRACT, IN_PERIOD, True),
        (Role.VOLUNTEER, Action.VIEW_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.NURSE, Action.VIEW_OBLIGATIONS, CONTRACT, IN_PERIOD, False),
        (Role.MANAGER, Action.SUBMIT_OBLIGATION, CONTRACT, IN_PERIOD, True),
        (Role.WORKER, Action.SUBMIT_OBLIGATION, CONTRACT, IN_PERIOD, False),
        # SO-13, SO-14: the last days' reports fall due after the period; the ward acknowledges
        # them until the data is returned.
        (Role.WARD_SUPERVISOR, Action.ACKNOWLEDGE_OBLIGATION, ENDED, AFTER, True),
        (Role.WARD_SUPERVISOR, Action.ACKNOWLEDGE_OBLIGATION, RETURNED, AFTER, False),
    ],
)
def test_what_each_role_may_do(role, action, contract, on, expected):
    assert domain.can(action, roles=frozenset({role}), contract=contract, on=on) is expected


def test_no_role_may_do_nothing():
    for action in Action:
        assert not domain.can(action, roles=frozenset(), contract=CONTRACT, on=IN_PERIOD)


def test_every_role_has_a_side_and_actions():
    assert {r.side for r in Role} == set(domain.Side)
    assert set(domain.ROLE_ACTIONS) == set(Role)
    assert all(Action.VIEW_CONTRACT in actions for actions in domain.ROLE_ACTIONS.values())


@pytest.mark.parametrize(
    ("role", "qualifications", "birth", "problem_count"),
    [
        (Role.VOLUNTEER, [], None, 1),  # IC-17: a volunteer needs a birth date
        (Role.VOLUNTEER, [], date(2005, 1, 1), 0),
        (Role.NURSE, [], None, 1),  # IC-18: a nurse needs a licence
        (Role.NURSE, ["nurse_licence"], None, 0),
        (Role.WORKER, ["police_experience"], None, 0),
        (Role.WORKER, ["driving"], None, 1),
    ],
)
def test_roster_entry_problems(role, qualifications, birth, problem_count):
    problems = domain.roster_entry_problems(
        role=role, qualifications=qualifications, birth_date=birth
    )
    assert len(problems) == problem_count


DUE = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("opens", "submitted", "acknowledged", "today", "expected"),
    [
        (date(2026, 6, 12), None, False, date(2026, 6, 11), ObligationState.NOT_DUE),
        (date(2026, 6, 12), None, False, date(2026, 6, 12), ObligationState.DUE),
        (date(2026, 6, 12), None, False, DUE, ObligationState.DUE),
        (date(2026, 6, 12), None, False, date(2026, 6, 16), ObligationState.LATE),
        (date(2026, 6, 12), date(2026, 6, 13), False, date(2026, 6, 16), ObligationState.SUBMITTED),
        (date(2026, 6, 12), date(2026, 6, 17), False, date(2026, 6, 18), ObligationState.SUBMITTED),
        (
            date(2026, 6, 12),
            date(2026, 6, 13),
            True,
            date(2026, 6, 16),
            ObligationState.ACKNOWLEDGED,
        ),
    ],
)
def test_obligation_state(opens, submitted, acknowledged, today, expected):
    state = domain.obligation_state(
        opens_on=opens,
        due_date=DUE,
        submitted_on=submitted,
        acknowledged=acknowledged,
        today=today,
    )
    assert state is expected


@pytest.mark.parametrize(
    ("submitted", "late"),
    [(None, False), (date(2026, 6, 15), False), (date(2026, 6, 16), True)],
)
def test_submitted_late(submitted, late):
    assert domain.is_submitted_late(due_date=DUE, submitted_on=submitted) is late


CAL = BusinessCalendar()


def test_daily_reports_are_scheduled_for_business_days_only():
    # SO-13: one daily report per working day, due the next business day.
    items = domain.schedule_items(
        domain.DueRule.NEXT_BUSINESS_DAY,
        contract_period=Period(date(2026, 4, 27), date(2026, 5, 8)),
        through=date(2026, 12, 31),
        cal=CAL,
    )
    assert [(i.period_start, i.due_date) for i in items] == [
        (date(2026, 4, 27), date(2026, 4, 28)),
        (date(2026, 4, 28), date(2026, 4, 30)),  # 4/29 昭和の日
        (date(2026, 4, 30), date(2026, 5, 1)),
        (date(2026, 5, 1), date(2026, 5, 7)),  # Golden Week and 5/6 振替休日
        (date(2026, 5, 7), date(2026, 5, 8)),
        (date(2026, 5, 8), date(2026, 5, 11)),
    ]


def test_monthly_reports_cover_each_month_up_to_through():
    # SO-14, with the March exception, for a contract of February and March 2026.
    items = domain.schedule_items(
        domain.DueRule.FIFTH_OF_NEXT_MONTH,
        contract_period=Period(date(2026, 2, 2), date(2026, 3, 31)),
        through=date(2026, 12, 31),
        cal=CAL,
    )
    assert [(i.period_start, i.period_end, i.due_date) for i in items] == [
        (date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 5)),
        (date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 31)),
    ]


def test_scheduling_stops_at_through():
    items = domain.schedule_items(
        domain.DueRule.TENTH_OF_NEXT_MONTH,
        contract_period=Period(date(2026, 4, 1), date(2027, 3, 31)),
        through=date(2026, 6, 15),
        cal=CAL,
    )
    assert [i.period_start.month for i in items] == [4, 5, 6]


def test_event_rules_are_not_scheduled_periodically():
    assert (
        domain.schedule_items(
            domain.DueRule.DAYS_BEFORE_EVENT,
            contract_period=Period(date(2026, 4, 1), date(2027, 3, 31)),
            through=date(2027, 3, 31),
            cal=CAL,
        )
        == []
    )


@pytest.mark.parametrize(
    ("rule", "start", "end", "due", "expected"),
    [
        (
            domain.DueRule.NEXT_BUSINESS_DAY,
            date(2026, 6, 12),
            date(2026, 6, 12),
            date(2026, 6, 15),
            date(2026, 6, 12),
        ),
        (
            domain.DueRule.FIFTH_OF_NEXT_MONTH,
            date(2026, 5, 1),
            date(2026, 5, 31),
            date(2026, 6, 5),
            date(2026, 5, 31),
        ),
        (
            domain.DueRule.ONCE_PER_MONTH,
            date(2026, 6, 1),
            date(2026, 6, 30),
            date(2026, 6, 30),
            date(2026, 6, 1),
        ),
        (
            domain.DueRule.BEFORE_MONTH_STARTS,
            date(2026, 7, 1),
            date(2026, 7, 31),
            date(2026, 6, 30),
            date(2026, 5, 31),
        ),
        (
            domain.DueRule.DAYS_BEFORE_EVENT,
            date(2026, 7, 11),
            date(2026, 7, 11),
            date(2026, 7, 3),
            date(2026, 6, 3),
        ),
    ],
)
def test_opens_on(rule, start, end, due, expected):
    assert domain.opens_on(rule, period_start=start, period_end=end, due_date=due) == expected


def test_period_rejects_end_before_start():
    with pytest.raises(ValueError, match="終了日"):
        Period(date(2026, 4, 2), date(2026, 4, 1))


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("active", "ended", True),
        ("ended", "returned", True),
        ("returned", "destroyed", True),
        ("active", "destroyed", False),  # PI-8: destruction only after the data is returned
        ("active", "returned", False),
        ("ended", "active", False),
        ("destroyed", "active", False),
        ("destroyed", "destroyed", False),
        ("active", "active", False),
    ],
)
def test_pi8_contract_state_moves_one_way(current, target, allowed):
    assert domain.can_change_contract_state(current, target) is allowed
