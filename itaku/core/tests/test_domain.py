"""The platform's pure rules, table-driven, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from itaku.core import domain
from itaku.core.calendar import BusinessCalendar
from itaku.core.contributions import (
    ACKNOWLEDGE_OBLIGATION,
    APPROVE_ROSTER,
    EDIT_ROSTER,
    SUBMIT_OBLIGATION,
    VIEW_CONTRACT,
    VIEW_OBLIGATIONS,
    VIEW_ROSTER,
)
from itaku.core.contributions import ACTIONS as CORE_ACTIONS
from itaku.core.domain import (
    Action,
    ContractFacts,
    GrantTerms,
    ObligationState,
    Period,
    Role,
    RosterGrant,
)

CONTRACT = ContractFacts(
    period=Period(date(2026, 4, 1), date(2027, 3, 31)), state="active", awarded_on=date(2026, 2, 16)
)
IN_PERIOD = date(2026, 6, 15)
PREPARING = date(2026, 3, 10)  # after the award, before the period (SO-10)
# The table of grants as the access rule is given it: core's declared actions, plain values.
GRANTS = {action.key: action for action in CORE_ACTIONS}


def can(action: Action, role: Role, contract: ContractFacts, on: date) -> bool:
    return domain.can(action, roles=frozenset({role}), contract=contract, on=on, grants=GRANTS)


def grant(role: Role, **kw) -> RosterGrant:
    approved = RosterGrant(
        role=role,
        valid_from=date(2026, 4, 1),
        valid_to=None,
        pledge_date=date(2026, 3, 25),
        approved=True,
        ended=False,
    )
    return replace(approved, **kw)


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
            grant(Role.WORKER, valid_from=date(2026, 3, 1)),
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
        (Role.MANAGER, EDIT_ROSTER, CONTRACT, IN_PERIOD, True),
        (Role.WORKER, EDIT_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.WARD_SUPERVISOR, EDIT_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.WARD_SUPERVISOR, APPROVE_ROSTER, CONTRACT, IN_PERIOD, True),
        (Role.WARD_SUPERVISOR, APPROVE_ROSTER, ENDED, AFTER, False),
        (Role.MANAGER, APPROVE_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.AUDITOR, VIEW_ROSTER, CONTRACT, IN_PERIOD, True),
        (Role.AUDITOR, APPROVE_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.AUDITOR, ACKNOWLEDGE_OBLIGATION, CONTRACT, IN_PERIOD, False),
        (Role.AUDITOR, VIEW_OBLIGATIONS, RETURNED, AFTER, True),
        (Role.DEPARTMENT_REQUESTER, VIEW_CONTRACT, CONTRACT, IN_PERIOD, True),
        (Role.DEPARTMENT_REQUESTER, VIEW_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.DEPARTMENT_REQUESTER, VIEW_OBLIGATIONS, CONTRACT, IN_PERIOD, False),
        (Role.VOLUNTEER, VIEW_CONTRACT, CONTRACT, IN_PERIOD, True),
        (Role.VOLUNTEER, VIEW_ROSTER, CONTRACT, IN_PERIOD, False),
        (Role.NURSE, VIEW_OBLIGATIONS, CONTRACT, IN_PERIOD, False),
        (Role.MANAGER, SUBMIT_OBLIGATION, CONTRACT, IN_PERIOD, True),
        (Role.WORKER, SUBMIT_OBLIGATION, CONTRACT, IN_PERIOD, False),
        # SO-13, SO-14: the last days' reports fall due after the period; the ward acknowledges
        # them until the data is returned.
        (Role.WARD_SUPERVISOR, ACKNOWLEDGE_OBLIGATION, ENDED, AFTER, True),
        (Role.WARD_SUPERVISOR, ACKNOWLEDGE_OBLIGATION, RETURNED, AFTER, False),
    ],
)
def test_what_each_role_may_do(role, action, contract, on, expected):
    assert can(action, role, contract, on) is expected


@pytest.mark.parametrize(
    ("case", "role", "action", "expected"),
    [
        ("SO-10 the manager prepares the roster", Role.MANAGER, EDIT_ROSTER, True),
        ("SO-10 the manager reads the roster it prepares", Role.MANAGER, VIEW_ROSTER, True),
        ("SO-10 the manager submits the first schedule", Role.MANAGER, SUBMIT_OBLIGATION, True),
        ("SO-10 the ward approves the roster", Role.WARD_SUPERVISOR, APPROVE_ROSTER, True),
        (
            "SO-10 the ward acknowledges the schedule",
            Role.WARD_SUPERVISOR,
            ACKNOWLEDGE_OBLIGATION,
            True,
        ),
        ("SO-10 the ward reads before the period", Role.AUDITOR, VIEW_ROSTER, True),
        ("SO-10 nothing else before the period: a worker", Role.WORKER, VIEW_CONTRACT, False),
        ("SO-10 nothing else before the period: obligations", Role.WORKER, VIEW_OBLIGATIONS, False),
        ("SO-10 nothing else before the period: a nurse", Role.NURSE, VIEW_CONTRACT, False),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_so10_before_the_period_only_the_preparation_is_allowed(case, role, action, expected):
    assert can(action, role, CONTRACT, PREPARING) is expected


@pytest.mark.parametrize(
    ("case", "g", "on", "expected"),
    [
        (
            "SO-10 the manager from the award date",
            grant(Role.MANAGER, valid_from=date(2026, 2, 16), pledge_date=date(2026, 2, 16)),
            PREPARING,
            True,
        ),
        (
            "SO-10 the manager not before the award",
            grant(Role.MANAGER, valid_from=date(2026, 2, 1), pledge_date=date(2026, 2, 1)),
            date(2026, 2, 15),
            False,
        ),
        (
            "SO-10 a worker not before the period",
            grant(Role.WORKER, valid_from=date(2026, 2, 16), pledge_date=date(2026, 2, 16)),
            PREPARING,
            False,
        ),
        (
            "SO-10 the manager's pledge still needed",
            grant(Role.MANAGER, valid_from=date(2026, 2, 16), pledge_date=date(2026, 3, 20)),
            PREPARING,
            False,
        ),
        ("SO-1 the manager's last day of the period", grant(Role.MANAGER), date(2027, 3, 31), True),
        ("SO-1 the manager not the day after", grant(Role.MANAGER), date(2027, 4, 1), False),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_so10_the_manager_is_let_in_from_the_award_date(case, g, on, expected):
    assert domain.grant_is_active(g, CONTRACT, on) is expected


def test_an_action_nobody_declared_gives_nothing():
    # The table is the check: an object made up by a caller, even with every role, gives nothing.
    made_up = Action(key="made_up", label="架空", roles=frozenset(Role))
    for role in Role:
        assert not can(made_up, role, CONTRACT, IN_PERIOD)
    # And the declared roles are the table's, not the caller's copy.
    widened = Action(key=EDIT_ROSTER.key, label="", roles=frozenset(Role), writes=True)
    assert not can(widened, Role.WORKER, CONTRACT, IN_PERIOD)


def test_a_services_action_is_done_only_on_that_kind_of_contract():
    roll_call = Action(
        key="roll_call", label="出欠を取る", roles=frozenset({Role.WORKER}), service_kind="ichou"
    )
    grants = {**GRANTS, roll_call.key: roll_call}
    for kind, allowed in [("ichou", True), ("support_office", False), ("", False)]:
        contract = ContractFacts(CONTRACT.period, "active", service_kind=kind)
        assert (
            domain.can(
                roll_call,
                roles=frozenset({Role.WORKER}),
                contract=contract,
                on=IN_PERIOD,
                grants=grants,
            )
            is allowed
        )


def test_no_role_may_do_nothing():
    for action in CORE_ACTIONS:
        assert not domain.can(
            action, roles=frozenset(), contract=CONTRACT, on=IN_PERIOD, grants=GRANTS
        )


def test_every_role_has_a_side_and_sees_the_contract():
    assert {r.side for r in Role} == set(domain.Side)
    assert all(can(VIEW_CONTRACT, role, CONTRACT, IN_PERIOD) for role in Role)


def terms(valid_to=None, pledge=None, quals=()):
    return GrantTerms(valid_to=valid_to, pledge_date=pledge, qualifications=frozenset(quals))


MAY = date(2026, 5, 31)
JUNE = date(2026, 6, 30)
PLEDGED = date(2026, 3, 25)


@pytest.mark.parametrize(
    ("case", "granted", "proposed", "in_force"),
    [
        (
            "SO-10 an end in the past takes effect at once",
            terms(None, PLEDGED),
            terms(MAY, PLEDGED),
            terms(MAY, PLEDGED),
        ),
        (
            "SO-10 an earlier end takes effect at once",
            terms(JUNE, PLEDGED),
            terms(MAY, PLEDGED),
            terms(MAY, PLEDGED),
        ),
        (
            "SO-10 clearing the end waits for the ward",
            terms(MAY, PLEDGED),
            terms(None, PLEDGED),
            terms(MAY, PLEDGED),
        ),
        (
            "SO-10 a later end waits for the ward",
            terms(MAY, PLEDGED),
            terms(JUNE, PLEDGED),
            terms(MAY, PLEDGED),
        ),
        (
            "SO-17 a pledge waits for the ward",
            terms(None, None),
            terms(None, PLEDGED),
            terms(None, None),
        ),
        (
            "SO-17 an earlier pledge waits for the ward",
            terms(None, date(2026, 4, 10)),
            terms(None, PLEDGED),
            terms(None, date(2026, 4, 10)),
        ),
        (
            "SO-17 a later pledge takes effect at once",
            terms(None, PLEDGED),
            terms(None, date(2026, 4, 10)),
            terms(None, date(2026, 4, 10)),
        ),
        (
            "SO-17 taking the pledge away takes effect at once",
            terms(None, PLEDGED),
            terms(None, None),
            terms(None, None),
        ),
        (
            "SO-9 a new qualification waits for the ward",
            terms(quals=["nurse_licence"]),
            terms(quals=["nurse_licence", "police_experience"]),
            terms(quals=["nurse_licence"]),
        ),
        (
            "SO-9 a qualification taken away goes at once",
            terms(quals=["police_experience"]),
            terms(quals=[]),
            terms(quals=[]),
        ),
        (
            "SO-10 a mixed change: the narrowing now, the widening later",
            terms(MAY, PLEDGED, ["police_experience"]),
            terms(None, PLEDGED, []),
            terms(MAY, PLEDGED, []),
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_so10_a_change_that_widens_access_waits_for_the_ward(case, granted, proposed, in_force):
    assert domain.terms_in_force(granted=granted, proposed=proposed) == in_force


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


@pytest.mark.parametrize(
    ("birth_date", "problem"),
    [
        (None, None),
        (date(1950, 4, 1), None),
        (date(2026, 6, 15), None),  # today
        (date(2026, 6, 16), "生年月日が今日より後になっています。"),
        (date(2030, 1, 1), "生年月日が今日より後になっています。"),
    ],
)
def test_a_birth_date_is_not_after_today(birth_date, problem):
    assert domain.birth_date_problem(birth_date=birth_date, today=date(2026, 6, 15)) == problem


def test_a_choice_is_found_by_its_value_and_carries_its_japanese_label():
    assert Role("manager") is Role.MANAGER
    assert Role.MANAGER.label == "責任者"
    assert str(Role.MANAGER) == Role.MANAGER.value == "manager"
    assert Role.choices()[0] == ("ward_supervisor", "監督職員")
    assert Role.values() == [role.value for role in Role]
    with pytest.raises(ValueError):
        Role("責任者")
