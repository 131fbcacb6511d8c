"""Reads that serve several contracts at once keep each contract's rows apart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from itaku.conftest import PERIOD_START, TODAY
from itaku.core import domain, selectors, services
from itaku.core.models import ObligationItem

pytestmark = pytest.mark.django_db


def test_home_deadlines_keep_each_contracts_items_apart_and_skip_roles_without_them(
    world, frozen_today
):
    for contract in (world.contract, world.other_contract):
        services.obligations_declare_standard(actor=world.admin, contract=contract)
        services.obligation_items_schedule(
            actor=world.admin, contract=contract, through=TODAY + timedelta(days=14)
        )
    services.ward_role_grant(
        actor=world.admin,
        contract=world.other_contract,
        person=world.auditor.person,
        role=domain.Role.AUDITOR,
        valid_from=PERIOD_START,
    )
    # Submit one overdue item of the first contract only.
    submitted = world.contract.obligations.get(clause_id="SO-13").items.get(
        period_start=date(2026, 6, 10)
    )
    services.obligation_item_submit(
        actor=world.manager, access=world.access(world.manager), item=submitted
    )

    found = selectors.deadlines(accesses=selectors.contract_list(user=world.auditor))
    counts = {c.contract: c for c in found.per_contract}
    mine, other = counts[world.contract], counts[world.other_contract]
    assert mine.overdue > 0 and other.overdue == mine.overdue + 1
    assert (mine.due_today, other.due_today) == (1, 1)
    assert found.overdue_count == mine.overdue + other.overdue
    assert found.overdue_contracts == {world.contract.pk, world.other_contract.pk}
    # Many open items (two months of daily reports): counted, and no row of an item is built.
    assert not found.in_full
    assert (found.overdue, found.due_today) == ([], [])
    # The next seven days: a count per contract, with the first day, each contract apart.
    week = {c.contract: c for c in found.coming}
    assert set(week) == {world.contract, world.other_contract}
    expected = world.contract.obligations.filter(
        items__due_date__gt=TODAY, items__due_date__lte=TODAY + timedelta(days=7)
    ).count()
    assert week[world.contract].count == mine.coming == expected > 0
    assert week[world.contract].first_due > TODAY
    assert found.coming_count == 2 * expected

    # Few open items: listed one by one, each contract's apart, with their states.
    ObligationItem.objects.filter(due_date__lt=TODAY - timedelta(days=3)).update(
        submitted_at=timezone.now(), acknowledged_at=timezone.now()
    )
    found = selectors.deadlines(accesses=selectors.contract_list(user=world.auditor))
    assert found.in_full

    def of(rows, contract):
        return [d.row for d in rows if d.contract == contract]

    mine, other = of(found.overdue, world.contract), of(found.overdue, world.other_contract)
    assert mine and all(r.item.obligation.contract_id == world.contract.pk for r in mine)
    assert submitted.pk not in [r.item.pk for r in mine + other]
    assert len(found.overdue) == found.overdue_count
    assert [r.item.due_date for r in of(found.due_today, world.contract)] == [TODAY]
    assert all(r.state == domain.ObligationState.LATE for r in mine + other)
    # The department requester does not follow obligations: nothing at all.
    none = selectors.deadlines(accesses=selectors.contract_list(user=world.requester))
    assert (none.overdue, none.due_today, none.coming) == ([], [], [])
