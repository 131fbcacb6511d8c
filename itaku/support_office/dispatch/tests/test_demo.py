"""The demo's month of requests: made through the services, with some left open for the board."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.support_office.dispatch.models import Place, SupportRequest, UsualPlace

pytestmark = pytest.mark.django_db


def test_the_demo_has_places_usual_places_months_of_requests_and_open_ones(time_machine):
    time_machine.move_to("2026-06-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 6, 15))
    assert Place.objects.filter(site="shibaura_konan").exists()
    assert UsualPlace.objects.exists()
    assert SupportRequest.objects.filter(state="completed").count() >= 5
    assert SupportRequest.objects.filter(state__in=SupportRequest.OPEN_STATES).exists()
    # Three months of requests, from every 総合支所, so the monthly report's trend and
    # departments show something (issue 9: the demo had one month from one department).
    months = {r.requested_at.astimezone().month for r in SupportRequest.objects.all()}
    assert {4, 5, 6} <= months
    departments = set(SupportRequest.objects.values_list("department__name", flat=True))
    assert len(departments) == 5, departments
