"""PI-7: an open incident's next follow-up step waits in the ward supervisor's to-do list."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse

from itaku.conftest import TODAY
from itaku.core.selectors import contract_list
from itaku.core.todo import todo_list
from itaku.leaks.domain import Step
from itaku.leaks.tests.test_services import TOKYO, follow, report

pytestmark = pytest.mark.django_db


def leak_items(user):
    items = todo_list(user=user, today=TODAY, accesses=contract_list(user=user))
    return [t for t in items if t.what.startswith("漏えい等事案")]


def test_pi7_the_next_step_waits_for_the_supervisor_until_the_incident_is_closed(
    world, frozen_today
):
    incident = report(world)
    [item] = leak_items(world.supervisor)
    assert item.what == f"漏えい等事案 #{incident.pk} の速報を記録(期限 令和8年6月19日)"
    assert item.url == reverse("leaks:incident-detail", args=[world.contract.pk, incident.pk])
    for name in ("manager", "auditor", "worker", "outsider"):
        assert leak_items(world.user(name)) == [], name
    follow(world, incident, Step.PRELIMINARY, datetime(2026, 6, 15, 9, 45, tzinfo=TOKYO))
    [item] = leak_items(world.supervisor)
    assert "確報" in item.what
