"""SO-7: what the incident service refuses, next to the field, before anything is saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from itaku.support_office.incidents.models import Incident
from itaku.support_office.incidents.tests import factories
from itaku.support_office.incidents.tests.factories import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("values", "field"),
    [
        pytest.param({"ended_at": at(12, 9)}, "ended_at", id="SO-7 end before start"),
        pytest.param(
            {"customer_identified": True}, "customer_name", id="SO-7 identified needs a name"
        ),
        pytest.param({"police": "110"}, "police_contacted_at", id="SO-7 police needs the time"),
    ],
)
def test_so7_incident_record_refuses(world, frozen_today, values, field):
    with pytest.raises(ValidationError) as error:
        factories.incident(world, **values)
    assert field in error.value.message_dict
    assert not Incident.objects.exists()


def test_so7_a_customer_not_identified_leaves_no_name_behind(world, frozen_today):
    incident = factories.incident(world, customer_identified=False, customer_name="港 一郎")
    incident.refresh_from_db()
    assert incident.customer_name == ""


def test_so7_numbers_run_per_contract(world, frozen_today):
    first, second = factories.incident(world), factories.incident(world)
    assert (first.number, second.number) == (1, 2)


def test_so7_a_decision_is_recorded_with_who_and_when(world, frozen_today):
    incident = factories.incident(world, decision=Incident.Decision.HARASSMENT)
    assert incident.decided_by == world.manager and incident.decided_at is not None
    pending = factories.incident(world)
    assert pending.decided_by is None and pending.decided_at is None
