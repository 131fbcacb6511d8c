"""The access rule as a query agrees with the rule on plain values, for random rosters.

``domain.grant_is_active`` is the rule as written (PI-2, PI-3, SO-10); ``access.active_entry_q``
is its translation to SQL. Hypothesis draws random users, roles, dates, pledges, approvals and
contract states, and the set of visible contracts must equal what the rule says: access ⇔ rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from itaku.core import domain
from itaku.core.access import contract_access, contract_accesses, contracts_visible_to
from itaku.core.models import (
    Contract,
    Organisation,
    Person,
    RosterEntry,
    RosterVersion,
    User,
    contract_facts,
)

BASE = date(2026, 4, 1)
# current, past, future, as offsets from BASE: (award, start, end)
PERIODS = [(-10, 0, 30), (-22, -20, -1), (2, 10, 20)]


# Mostly active contracts and live, approved entries, so that the rare combinations that tell the
# rule and the query apart (a pledge after the day, the last day of the period) are drawn often.
STATES = ["active", "active", "active", "ended", "returned", "destroyed"]


def day(offset: int) -> date:
    return BASE + timedelta(days=offset)


entry_strategy = st.fixed_dictionaries(
    {
        "user": st.integers(0, 2),
        "contract": st.integers(0, 2),
        "role": st.sampled_from(list(domain.Role)),
        "valid_from": st.integers(-22, 32),
        "length": st.one_of(st.none(), st.integers(0, 30)),
        "pledge": st.one_of(st.none(), st.integers(-22, 32)),
        # The roster as the contractor wrote it, which must not matter (SO-10: only the terms
        # the ward granted give access).
        "proposed_length": st.one_of(st.none(), st.integers(0, 30)),
        "proposed_pledge": st.one_of(st.none(), st.integers(-22, 32)),
        "approved": st.sampled_from([True, True, True, False]),
        "ended": st.sampled_from([False, False, False, True]),
    }
)


class AccessRuleAgreesWithQuery(TestCase):
    contracts: list[Contract]
    versions: list[RosterVersion]
    users: list[User]

    @classmethod
    def setUpTestData(cls) -> None:
        ward = Organisation.objects.create(name="区(試験)", kind="ward")
        company = Organisation.objects.create(name="会社(試験)", kind="contractor")
        cls.contracts = [
            Contract.objects.create(
                title=f"契約{i}",
                number=f"H-{i}",
                awarded_on=day(w),
                period_start=day(a),
                period_end=day(b),
                service_kind="ichou",
                department=ward,
                contractor=company,
                payment_cycle="quarterly",
            )
            for i, (w, a, b) in enumerate(PERIODS)
        ]
        cls.versions = [
            RosterVersion.objects.create(contract=c, number=1, state="approved")
            for c in cls.contracts
        ]
        cls.users = []
        for i in range(3):
            user = User.objects.create_user(username=f"u{i}", password=None)
            Person.objects.create(
                organisation=company if i else ward,
                user=user,
                family_name="試験",
                given_name=str(i),
            )
            cls.users.append(user)

    @settings(max_examples=400, deadline=None)
    @given(
        entries=st.lists(entry_strategy, min_size=1, max_size=8),
        states=st.lists(st.sampled_from(STATES), min_size=3, max_size=3),
        on=st.integers(-22, 32),
    )
    def test_visible_contracts_are_exactly_those_the_rule_allows(self, entries, states, on):
        on_day = day(on)
        for contract, state in zip(self.contracts, states, strict=True):
            contract.state = state
            contract.save(update_fields=["state"])
        RosterEntry.objects.all().delete()
        for e in entries:
            start = day(e["valid_from"])
            RosterEntry.objects.create(
                contract=self.contracts[e["contract"]],
                person=self.users[e["user"]].person,
                role=e["role"].value,
                valid_from=start,
                granted_valid_to=(
                    None if e["length"] is None else start + timedelta(days=e["length"])
                ),
                granted_pledge_date=None if e["pledge"] is None else day(e["pledge"]),
                valid_to=(
                    None
                    if e["proposed_length"] is None
                    else start + timedelta(days=e["proposed_length"])
                ),
                pledge_date=None if e["proposed_pledge"] is None else day(e["proposed_pledge"]),
                approved_version=self.versions[e["contract"]] if e["approved"] else None,
                ended_at=_moment() if e["ended"] else None,
            )

        for user in self.users:
            expected: dict[int, frozenset[domain.Role]] = {}
            for contract in self.contracts:
                grants = [
                    entry.as_domain()
                    for entry in RosterEntry.objects.filter(contract=contract, person__user=user)
                ]
                roles = domain.active_roles(grants, contract_facts(contract), on_day)
                if roles:
                    expected[contract.pk] = roles
            visible = set(contracts_visible_to(user, on=on_day).values_list("pk", flat=True))
            assert visible == set(expected)
            listed = {a.contract.pk: a.roles for a in contract_accesses(user, on=on_day)}
            assert listed == expected
            for contract in self.contracts:
                if contract.pk in expected:
                    assert (
                        contract_access(user, contract.pk, on=on_day).roles == expected[contract.pk]
                    )
                else:
                    with self.assertRaises(Http404):
                        contract_access(user, contract.pk, on=on_day)


def _moment():
    return timezone.now()


class InactiveAccountsSeeNothing(TestCase):
    def test_a_disabled_account_loses_every_contract(self) -> None:
        ward = Organisation.objects.create(name="区(試験)", kind="ward")
        company = Organisation.objects.create(name="会社(試験)", kind="contractor")
        contract = Contract.objects.create(
            title="契約",
            number="H-9",
            awarded_on=day(0),
            period_start=day(0),
            period_end=day(30),
            service_kind="ichou",
            department=ward,
            contractor=company,
            payment_cycle="quarterly",
        )
        user = User.objects.create_user(username="ward", password=None)
        person = Person.objects.create(
            organisation=ward, user=user, family_name="試", given_name="験"
        )
        RosterEntry.objects.create(
            contract=contract, person=person, role="ward_supervisor", valid_from=day(0)
        )
        assert list(contracts_visible_to(user, on=day(10))) == [contract]
        user.is_active = False
        user.save()
        assert list(contracts_visible_to(user, on=day(10))) == []


def test_an_access_answers_from_the_contract_as_it_is_now() -> None:
    """``ContractAccess.can`` keeps its answers, but by the contract's state and period as they
    are at the question: a service that ends the contract within a request sees the end."""
    from itaku.core.access import ContractAccess
    from itaku.core.contributions import SUBMIT_OBLIGATION

    contract = Contract(
        title="契約", number="H-1", awarded_on=day(0), period_start=day(0), period_end=day(30),
        state="active", service_kind="ichou",
    )  # fmt: skip
    access = ContractAccess(
        user=None, contract=contract, roles=frozenset({domain.Role.MANAGER}), on=day(10)
    )
    assert access.can(SUBMIT_OBLIGATION)
    contract.state = "ended"
    assert not access.can(SUBMIT_OBLIGATION)
    contract.state = "active"
    contract.period_end = day(5)  # the period now ended before the day of the access
    assert not access.can(SUBMIT_OBLIGATION)
    contract.period_end = day(30)
    assert access.can(SUBMIT_OBLIGATION)


def test_answers_kept_for_one_access_are_not_given_to_another() -> None:
    """The answers are shared by every access of the process, so they must be keyed by all the
    rule reads: the roles, the contract's facts (its service kind included) and the day."""
    from itaku.core.access import ContractAccess
    from itaku.core.contributions import SUBMIT_OBLIGATION

    def contract(kind: str) -> Contract:
        return Contract(
            title="契約", number=f"H-{kind}", awarded_on=day(0), period_start=day(0),
            period_end=day(30), state="active", service_kind=kind,
        )  # fmt: skip

    ichou, office = contract("ichou"), contract("support_office")
    manager, auditor = frozenset({domain.Role.MANAGER}), frozenset({domain.Role.AUDITOR})
    assert ContractAccess(user=None, contract=ichou, roles=manager, on=day(10)).can(
        SUBMIT_OBLIGATION
    )
    assert not ContractAccess(user=None, contract=ichou, roles=auditor, on=day(10)).can(
        SUBMIT_OBLIGATION
    )
    assert not ContractAccess(user=None, contract=ichou, roles=manager, on=day(31)).can(
        SUBMIT_OBLIGATION
    )
    # The same roles and period on another service's contract: the service's own actions only.
    from itaku.ichou.programme.decl import EDIT_PROGRAMME

    assert ContractAccess(user=None, contract=ichou, roles=manager, on=day(10)).can(EDIT_PROGRAMME)
    assert not ContractAccess(user=None, contract=office, roles=manager, on=day(10)).can(
        EDIT_PROGRAMME
    )
