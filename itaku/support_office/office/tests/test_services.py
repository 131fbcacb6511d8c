"""The office's services: each write audited in its transaction with dates and flags, never the
sealed texts; the rules they refuse (SO-8, SO-11, SO-17, SO-19)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from itaku.audit.models import AuditEvent
from itaku.core.registry import audit_events
from itaku.support_office.office import services
from itaku.support_office.office.decl import AUDIT_EVENTS
from itaku.support_office.office.tests.conftest import PROPOSAL, TRAINER

pytestmark = pytest.mark.django_db


def test_every_write_is_audited_with_a_declared_event_and_no_sealed_text(world, office):
    sup = world.access(world.supervisor)
    services.manual_status_change(
        actor=world.supervisor, access=sup, proposal_id=office.proposal.pk, status="adopted"
    )
    services.equipment_lost(
        actor=world.manager,
        access=world.access(world.manager),
        item_id=office.key.pk,
        lost_on=date(2026, 6, 12),
        note="駅で落とした",
    )
    services.vehicle_shown(actor=world.supervisor, access=sup, vehicle_id=office.vehicle.pk)
    declared = audit_events()
    for kind in AUDIT_EVENTS:
        assert kind.key in declared
    written = set(AuditEvent.objects.values_list("action", flat=True))
    wanted = {
        "so_training.record",
        "so_manual.propose",
        "so_manual.status",
        "so_equipment.lend",
        "so_equipment.lost",
        "so_closing.record",
        "so_vehicle.record",
        "so_vehicle.shown",
        "obligation_item.fulfil",
    }
    assert wanted <= written
    for event in AuditEvent.objects.all():
        for secret in (TRAINER, PROPOSAL, "駅で落とした"):
            assert secret not in str(event.changes)


def test_so17_one_closing_a_day(world, office):
    with pytest.raises(ValidationError, match="記録済み"):
        services.closing_record(
            actor=world.manager,
            access=world.access(world.manager),
            day=office.closing.day,
            documents_locked=True,
            cabinet_locked=True,
            keys_returned=True,
            papers_shredded=True,
        )


def test_so11_a_returned_item_is_not_returned_again(world, office):
    sup = world.access(world.supervisor)
    services.equipment_return(
        actor=world.supervisor, access=sup, item_id=office.key.pk, returned_on=date(2026, 6, 12)
    )
    with pytest.raises(ValidationError, match="記録済み"):
        services.equipment_return(
            actor=world.supervisor, access=sup, item_id=office.key.pk, returned_on=date(2026, 6, 12)
        )


def test_so19_a_diesel_vehicle_outside_the_rules_is_refused(world, frozen_today):
    with pytest.raises(ValidationError, match="ディーゼル車規制"):
        services.vehicle_record(
            actor=world.manager,
            access=world.access(world.manager),
            registration="品川 100 い 1",
            power="diesel",
            diesel_compliant=False,
        )


def test_only_the_supervisor_moves_a_proposal_on(world, office):
    with pytest.raises(PermissionDenied):
        services.manual_status_change(
            actor=world.manager,
            access=world.access(world.manager),
            proposal_id=office.proposal.pk,
            status="adopted",
        )
