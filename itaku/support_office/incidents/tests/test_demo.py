"""SO-7: the demo holds a month of incidents and consultations, made through the services."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from itaku.audit.models import AuditEvent
from itaku.privacy.models import NameIndexEntry
from itaku.support_office.incidents.models import Consultation, FollowUp, Incident

pytestmark = pytest.mark.django_db


def test_so7_the_demo_has_a_month_of_incidents_and_consultations(time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    assert Incident.objects.count() >= 5
    assert Consultation.objects.count() >= 3
    assert FollowUp.objects.filter(done_at__isnull=True).exists()
    assert (
        AuditEvent.objects.filter(action="so_incident.record").count() == Incident.objects.count()
    )
    assert NameIndexEntry.objects.filter(target_type="support_office.incident").exists()
