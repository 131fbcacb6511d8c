"""A new app's declarations are its only link to core (``itaku.core.registry``): the test app
``plugin_app`` adds a kind of service, an action, a notification kind, audit events, an
obligation, a home panel and a package section for its sealed model, and every one of them works
without a line of core naming it; taking a declaration away makes ``manage.py check`` fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import transaction
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.audit.services import audit_record
from itaku.conftest import PERIOD_START, TODAY, make_contract
from itaku.core import domain, registry, services
from itaku.core.access import contract_access
from itaku.core.models import Notification
from itaku.core.tests.plugin_app import contributions as plugin
from itaku.core.tests.plugin_app.models import Visit
from itaku.documents.protect import zip_read
from itaku.privacy.files import file_read
from itaku.privacy.services import contract_end as end_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(world):
    """A contract of the test service, staffed by the world's people."""
    contract = make_contract(
        "P-1", world.contract.department, world.contract.contractor, service_kind=plugin.KIND
    )
    services.ward_role_grant(
        actor=world.admin,
        contract=contract,
        person=world.supervisor.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=PERIOD_START,
    )
    services.contract_manager_appoint(
        actor=world.admin,
        contract=contract,
        person=world.manager.person,
        valid_from=PERIOD_START,
        pledge_date=PERIOD_START,
    )
    sup = contract_access(world.supervisor, contract.pk, on=PERIOD_START)
    services.roster_version_decide(
        actor=world.supervisor,
        access=sup,
        version=contract.roster_versions.get(state="submitted"),
        approve=True,
    )
    manager = contract_access(world.manager, contract.pk, on=PERIOD_START)
    services.roster_entry_add(
        actor=world.manager,
        access=manager,
        person=world.worker.person,
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=PERIOD_START,
        pledge_date=PERIOD_START,
    )
    services.roster_version_submit(actor=world.manager, access=manager)
    services.roster_version_decide(
        actor=world.supervisor,
        access=sup,
        version=contract.roster_versions.get(state="submitted"),
        approve=True,
    )
    return contract


def test_its_service_kind_is_a_choice_of_the_contract(visits):
    assert visits.get_service_kind_display() == "訪問支援業務(試験)"


def test_its_action_is_granted_by_the_access_rule_to_the_roles_it_names(world, visits):
    assert contract_access(world.worker, visits.pk, on=TODAY).can(plugin.RECORD_VISIT)
    assert contract_access(world.manager, visits.pk, on=TODAY).can(plugin.VIEW_VISITS)
    assert not contract_access(world.manager, visits.pk, on=TODAY).can(plugin.RECORD_VISIT)
    assert not contract_access(world.supervisor, visits.pk, on=TODAY).can(plugin.VIEW_VISITS)
    # A service's action gives nothing on another kind of contract.
    assert not world.access(world.worker).can(plugin.RECORD_VISIT)
    assert not world.access(world.manager).can(plugin.VIEW_VISITS)


def test_its_obligation_is_declared_for_its_contracts_only(world, visits):
    created = services.obligations_declare_standard(actor=world.admin, contract=visits)
    assert [(o.name, o.clause_id, o.rule) for o in created] == [
        ("訪問の月報", "PI-10", "tenth_of_next_month")
    ]
    others = services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    assert "訪問の月報" not in {o.name for o in others}


def test_its_notification_kind_is_sent_with_its_label(world, visits, mailoutbox):
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with transaction.atomic():
        services.notification_send(
            recipients=[world.supervisor], kind=plugin.VISIT_RECORDED, link="/visits/1/"
        )
    (notice,) = Notification.objects.filter(kind="visit_recorded")
    assert notice.kind_label == "訪問の記録"


def test_a_notification_kind_nobody_declared_is_refused(world):
    with pytest.raises(ValueError, match="not declared"):
        services.notification_send(recipients=[world.supervisor], kind="visit_lost", link="/x/")
    assert not Notification.objects.exists()


def test_its_audit_events_are_in_the_catalogue(world, visits):
    with transaction.atomic():
        audit_record(actor=world.worker, action="visit.record", contract=visits)
    assert AuditEvent.objects.filter(action="visit.record", contract=visits).exists()
    assert registry.audit_events()["visit.record"].label == "訪問の記録"


def test_its_panel_shows_on_the_home_page_of_those_it_concerns(client, world, visits):
    Visit.objects.create(contract=visits, visited_on=TODAY, note="玄関先で面談")
    client.force_login(world.worker)
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-panel="plugin_app"' in page and "1件の訪問" in page
    client.force_login(world.supervisor)
    assert 'data-panel="plugin_app"' not in client.get(reverse("core:home")).content.decode()


def test_its_page_is_linked_from_the_contract_page_for_those_who_may_open_it(client, world, visits):
    link = reverse("privacy:attachment-list", kwargs={"contract_id": visits.pk})
    client.force_login(world.worker)
    page = client.get(reverse("core:contract-detail", kwargs={"contract_id": visits.pk}))
    assert f'href="{link}">訪問記録の資料</a>' in page.content.decode()
    # The supervisor holds no VIEW_VISITS; a contract of another kind has no such page.
    client.force_login(world.supervisor)
    page = client.get(reverse("core:contract-detail", kwargs={"contract_id": visits.pk}))
    assert "訪問記録の資料" not in page.content.decode()
    client.force_login(world.worker)
    other = reverse("core:contract-detail", kwargs={"contract_id": world.contract.pk})
    assert "訪問記録の資料" not in client.get(other).content.decode()


def test_its_sealed_records_go_back_in_the_return_package(world, visits, frozen_today):
    Visit.objects.create(contract=visits, visited_on=TODAY, note="玄関先で面談")
    services.contract_state_change(actor=world.admin, contract=visits, to="ended")
    visits.refresh_from_db()
    sup = contract_access(world.supervisor, visits.pk, on=TODAY)
    package, password = end_services.package_build(
        actor=world.supervisor, access=sup, purpose="return", sections=[]
    )
    assert "visits" in package.sections
    files = zip_read(data=file_read(kind="packages", name=str(package.pk)), password=password)
    assert "玄関先で面談" in files["visits.csv"].decode("utf-8-sig")
    # Only for its own kind of contract.
    other = (
        end_services.package_build(
            actor=world.supervisor,
            access=world.access(world.supervisor),
            purpose="return",
            sections=[],
        )
        if world.contract.state != "active"
        else None
    )
    assert other is None or "visits" not in other[0].sections


def test_its_api_router_answers_under_the_platforms_token_and_access_rule(client, world, visits):
    from itaku.core.tests.test_api import bearer

    Visit.objects.create(contract=visits, visited_on=TODAY, note="玄関先で面談")
    assert client.get("/api/v1/visits/count").status_code == 401
    seen = client.get("/api/v1/visits/count", headers=bearer(world.worker))
    assert (seen.status_code, seen.json()) == (200, 1)
    assert client.get("/api/v1/visits/count", headers=bearer(world.outsider)).json() == 0


def test_without_its_package_section_manage_py_check_fails(monkeypatch):
    call_command("check")  # complete as declared
    monkeypatch.setattr(plugin, "PACKAGE_SECTIONS", [])
    with pytest.raises(SystemCheckError, match=r"plugin_app\.visit holds sealed fields"):
        call_command("check")


@pytest.mark.parametrize(
    ("point", "broken", "message"),
    [
        ("ACTIONS", [domain.Action(key="view_visits", label="x", roles=frozenset())], "no role"),
        ("AUDIT_EVENTS", [plugin.AuditEventKind("visit.record", "")], "has no label"),
        ("AUDIT_EVENTS", [plugin.AuditEventKind("visitrecord", "訪問")], "<entity>.<verb>"),
        (
            "OBLIGATIONS",
            [plugin.ObligationDecl(plugin.KIND, "訪問の月報", "第3条", "tenth_of_next_month")],
            "not a clause ID",
        ),
        ("NOTIFICATION_KINDS", [plugin.NotificationKind("visit_recorded", "")], "label"),
        (
            "NOTIFICATION_KINDS",
            [plugin.NotificationKind("visit_recorded", "訪問の記録", "記録されました。", " ")],
            "an action",
        ),
        (
            "CONTRACT_PAGES",
            [plugin.ContractPage("visits", "訪問", "privacy:attachment-list", "no_such_action")],
            "undeclared action",
        ),
        (
            "CONTRACT_PAGES",
            [plugin.ContractPage("visits", "訪問", "core:home", plugin.VIEW_VISITS.key)],
            "takes no contract_id",
        ),
    ],
)
def test_an_incomplete_declaration_makes_manage_py_check_fail(monkeypatch, point, broken, message):
    monkeypatch.setattr(plugin, point, broken)
    registry.clear_caches()
    try:
        with pytest.raises(SystemCheckError, match=message):
            call_command("check")
    finally:
        monkeypatch.undo()
        registry.clear_caches()


def test_a_misspelt_extension_point_makes_manage_py_check_fail(monkeypatch):
    monkeypatch.setattr(plugin, "PANEL", [], raising=False)
    with pytest.raises(SystemCheckError, match="PANEL, which is no extension point"):
        call_command("check")


def test_no_module_of_core_names_the_app():
    core = Path(__file__).resolve().parents[1]
    sources = [p for p in core.rglob("*.py") if "tests" not in p.relative_to(core).parts]
    assert sources and not [p for p in sources if "plugin_app" in p.read_text(encoding="utf-8")]
