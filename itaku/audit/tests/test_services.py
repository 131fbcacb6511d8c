"""Writing the audit log: the acting role (PI-9) and one read event per page (PI-9)."""

from __future__ import annotations

import pytest
from django.db import transaction

from itaku.audit import services
from itaku.audit.models import AuditEvent
from itaku.audit.services import audit_reads, audit_record, audit_verify, entity_name
from itaku.core.access import acting_role
from itaku.core.models import Contract, Person, RosterEntry
from itaku.leaks.models import LeakIncident


@pytest.mark.parametrize(
    ("model", "name"),
    [(RosterEntry, "roster_entry"), (Person, "person"), (LeakIncident, "leak_incident")],
)
def test_pi9_a_read_event_is_named_after_the_records_model(model, name):
    assert entity_name(model) == name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "role"),
    [("supervisor", "ward_supervisor"), ("manager", "manager"), ("worker", "worker")],
)
def test_pi9_each_event_records_the_role_its_actor_acted_in(world, frozen_today, persona, role):
    user = world.user(persona)
    with transaction.atomic():
        event = audit_record(actor=user, action="test.event", contract=world.contract)
    assert event.acting_role == role
    with transaction.atomic():
        elsewhere = audit_record(actor=user, action="test.event", contract=world.other_contract)
    assert elsewhere.acting_role == ""  # no role there: the event says so


@pytest.fixture
def no_resolver():
    services.set_acting_role_resolver(None)
    yield
    services.set_acting_role_resolver(acting_role)


@pytest.mark.django_db
def test_pi9_a_given_acting_role_is_recorded_as_given(world, frozen_today):
    with transaction.atomic():
        event = audit_record(
            actor=world.manager, action="test.event", contract=world.contract, acting_role="x"
        )
    assert event.acting_role == "x"


@pytest.mark.django_db
def test_pi9_without_a_resolver_only_the_administrator_is_known(world, frozen_today, no_resolver):
    with transaction.atomic():
        manager = audit_record(actor=world.manager, action="test.event", contract=world.contract)
        admin = audit_record(actor=world.admin, action="test.event")
    assert (manager.acting_role, admin.acting_role) == ("", "administrator")


@pytest.mark.django_db
def test_pi9_one_read_event_names_every_record_shown(world, frozen_today):
    entries = list(RosterEntry.objects.filter(contract=world.contract))
    assert len(entries) > 1
    before = AuditEvent.objects.count()
    (event,) = audit_reads(actor=world.supervisor, contract=world.contract, records=entries)
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.target_type, event.target_id) == (
        "roster_entry.read",
        "core.rosterentry",
        "",
    )
    assert event.changes == {"ids": [str(e.pk) for e in entries]}
    assert event.acting_role == "ward_supervisor"
    assert audit_verify().breaks == []


@pytest.mark.django_db
def test_pi9_records_of_two_kinds_are_one_event_each_and_one_record_is_the_target(
    world, frozen_today
):
    entry = RosterEntry.objects.filter(contract=world.contract).first()
    contracts = list(Contract.objects.all())
    events = audit_reads(
        actor=world.admin, contract=world.contract, records=[contracts[0], entry, contracts[1]]
    )
    assert [(e.action, e.target_id, e.changes) for e in events] == [
        ("contract.read", "", {"ids": [str(contracts[0].pk), str(contracts[1].pk)]}),
        ("roster_entry.read", str(entry.pk), {"ids": [str(entry.pk)]}),
    ]


@pytest.mark.django_db
def test_pi9_nothing_shown_is_no_read_event(world, frozen_today):
    before = AuditEvent.objects.count()
    assert audit_reads(actor=world.supervisor, contract=world.contract, records=[]) == []
    assert AuditEvent.objects.count() == before


def test_the_audit_log_does_not_import_the_access_rule():
    import ast
    from pathlib import Path

    package = Path(services.__file__).parent
    imported = set()
    for path in package.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
    assert "itaku.core.access" not in imported
    assert "itaku.core" in {name.rsplit(".", 1)[0] for name in imported}  # the walk saw core


def test_an_event_no_app_declared_is_refused_and_nothing_is_written(db):
    # One catalogue: the auditor reads every event by its declared label (contributions).
    with pytest.raises(ValueError, match="not declared"), transaction.atomic():
        audit_record(actor=None, action="roster_entry.vanish")
    assert not AuditEvent.objects.filter(action="roster_entry.vanish").exists()


def test_every_event_name_the_code_writes_is_in_the_catalogue():
    # Names written as literals (action="entity.verb") anywhere in the product's code...
    import re
    from pathlib import Path

    from django.contrib import admin

    from itaku.core import registry
    from itaku.core.admin import AuditedAdmin
    from itaku.leaks.domain import Step

    catalogue = registry.audit_events()
    root = Path(__file__).resolve().parents[2]
    written = {
        name
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for name in re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert written and written - set(catalogue) == set()
    # ... and those made up from a name: the admin's saves and the leak follow-up steps.
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, AuditedAdmin):
            for verb in ("create", "change", "delete"):
                assert f"{model._meta.model_name}.{verb}" in catalogue
    assert {f"leak.{step.value}" for step in Step} <= set(catalogue)
