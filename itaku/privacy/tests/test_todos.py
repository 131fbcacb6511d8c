"""The privacy app's part of the home page's to-do list: export requests to decide (never one's
own), approved exports to make, contract-end items to confirm (PI-5, PI-8, PI-18)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.conftest import PERIOD_START, TODAY, make_user
from itaku.core import domain, services
from itaku.core.selectors import contract_list
from itaku.core.tests.plugins import extra_contributions
from itaku.core.todo import todo_list
from itaku.privacy import contract_end
from itaku.privacy.services import contract_end as end_services
from itaku.privacy.services import exports as svc

pytestmark = pytest.mark.django_db


def whats(user):
    return [t.what for t in todo_list(user=user, today=TODAY, accesses=contract_list(user=user))]


def request_roster(world, by):
    return svc.export_request(
        actor=by,
        access=world.access(by),
        kind="roster",
        file_format="xlsx",
        purpose="区への月次報告に添付するため",
    )


def test_pi18_an_export_request_waits_for_the_supervisors_but_not_its_requester(
    world, frozen_today
):
    request = request_roster(world, world.manager)
    expected = f"{world.manager.get_full_name()}さんの出力申請(従事者名簿)を承認または不承認"
    [item] = todo_list(
        user=world.supervisor, today=TODAY, accesses=contract_list(user=world.supervisor)
    )
    assert item.what == expected
    url = reverse("privacy:export-list", args=[world.contract.pk])
    assert item.url == f"{url}#export-{request.pk}"
    for user in (world.manager, world.auditor, world.worker, world.outsider):
        assert expected not in whats(user)


def test_pi18_a_supervisor_never_sees_their_own_request_to_approve(world, frozen_today):
    colleague = make_user("supervisor2", world.contract.department)
    services.ward_role_grant(
        actor=world.admin,
        contract=world.contract,
        person=colleague.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=PERIOD_START,
    )
    request_roster(world, world.supervisor)
    assert not [w for w in whats(world.supervisor) if "出力申請" in w]
    assert whats(colleague) == [
        f"{world.supervisor.get_full_name()}さんの出力申請(従事者名簿)を承認または不承認"
    ]


def test_pi18_once_approved_the_request_waits_for_its_requester_to_make_the_file(
    client, world, frozen_today
):
    request = request_roster(world, world.manager)
    client.force_login(world.supervisor)
    client.post(reverse("privacy:export-approve", args=[world.contract.pk, request.pk]))
    assert not [w for w in whats(world.supervisor) if "出力申請" in w]
    made = f"承認された出力申請 #{request.pk}(従事者名簿)のファイルを作成"
    assert [w for w in whats(world.manager) if "出力申請" in w] == [made]
    svc.export_produce(
        actor=world.manager, access=world.access(world.manager), request_id=request.pk
    )
    assert made not in whats(world.manager)


def test_pi8_a_manual_end_item_waits_for_the_supervisor_once_the_contract_ended(
    world, frozen_today
):
    item = contract_end.EndItem(
        key="so11_equipment", label="貸与物・鍵の返却", clause="SO-11", check=None
    )
    expected = "契約終了の確認項目「貸与物・鍵の返却」を確認"
    with extra_contributions("support_office_test", END_ITEMS=[item]):
        assert expected not in whats(world.supervisor)  # the contract still runs
        services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
        assert expected in whats(world.supervisor)
        assert expected not in whats(world.auditor)
        end_services.end_item_confirm(
            actor=world.supervisor,
            access=world.access(world.supervisor),
            item_key="so11_equipment",
            note="机・PC 3台・鍵2本の返却を確認",
        )
        assert expected not in whats(world.supervisor)
