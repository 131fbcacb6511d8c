"""An obligation met by a record kept in the system (SO-8: a training held), without the
submit/acknowledge cycle: the month's item is marked, audited, once."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.audit.models import AuditEvent
from itaku.core import services
from itaku.core.contributions import SUBMIT_OBLIGATION
from itaku.core.models import ObligationItem

pytestmark = pytest.mark.django_db

NAME = "職員研修の実施"


def _fulfil(world, day, user=None):
    user = user or world.manager
    return services.obligation_item_fulfil(
        actor=user,
        access=world.access(user),
        action=SUBMIT_OBLIGATION,
        name=NAME,
        day=day,
        by="training:1",
    )


def test_so8_fulfil_marks_the_months_item_once_and_audits_it(world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    item = _fulfil(world, date(2026, 6, 10))
    assert item is not None
    assert (item.period_start, item.period_end) == (date(2026, 6, 1), date(2026, 6, 30))
    assert item.submitted_by == world.manager and item.submitted_at is not None
    again = _fulfil(world, date(2026, 6, 12))
    assert again.pk == item.pk and again.submitted_at == item.submitted_at
    events = AuditEvent.objects.filter(action="obligation_item.fulfil")
    assert events.count() == 1
    assert events.get().changes == {"by": "training:1", "day": "2026-06-10"}
    assert ObligationItem.objects.filter(obligation__name=NAME).count() == 1


def test_so8_fulfil_uses_an_item_already_scheduled(world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=date(2026, 7, 31)
    )
    scheduled = ObligationItem.objects.get(obligation__name=NAME, period_start=date(2026, 5, 1))
    assert _fulfil(world, date(2026, 5, 20)).pk == scheduled.pk


def test_fulfil_without_the_obligation_is_none(world, frozen_today):
    assert _fulfil(world, date(2026, 6, 10)) is None
    assert not AuditEvent.objects.filter(action="obligation_item.fulfil").exists()


def test_fulfil_checks_the_callers_action(world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises((PermissionDenied, Http404)):
        _fulfil(world, date(2026, 6, 10), user=world.worker)
