"""Reads that serve several contracts at once keep each contract's rows apart."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.conftest import PERIOD_START, TODAY
from itaku.core import domain, selectors, services

pytestmark = pytest.mark.django_db


def test_home_summaries_group_open_items_by_contract_and_skip_roles_without_them(
    world, frozen_today
):
    for contract in (world.contract, world.other_contract):
        services.obligations_declare_standard(actor=world.admin, contract=contract)
        services.obligation_items_schedule(actor=world.admin, contract=contract, through=TODAY)
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

    summaries = selectors.obligation_summaries(accesses=selectors.contract_list(user=world.auditor))

    assert set(summaries) == {world.contract.pk, world.other_contract.pk}
    mine, other = summaries[world.contract.pk], summaries[world.other_contract.pk]
    assert all(r.item.obligation.contract_id == world.contract.pk for r in mine.overdue)
    assert submitted.pk not in [r.item.pk for r in mine.overdue]
    assert len(other.overdue) == len(mine.overdue) + 1
    assert [r.item.due_date for r in mine.due_today] == [TODAY]
    assert all(r.state == domain.ObligationState.LATE for r in mine.overdue)
    assert all(r.item.due_date > TODAY for r in mine.this_week)
    # The department requester does not follow obligations: no summary at all.
    assert (
        selectors.obligation_summaries(accesses=selectors.contract_list(user=world.requester)) == {}
    )
