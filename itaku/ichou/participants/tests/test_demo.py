"""The demo's participants: 30 in both groups, a few with allergies or higher risk, 2 waiting for
the ward's agreement, most with their participation plan returned (IC-2, IC-9)."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.access import contract_access
from itaku.core.demo import demo_data_create
from itaku.core.models import User
from itaku.ichou.participants import selectors
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity
from itaku.web.kana import kana_normalise

pytestmark = pytest.mark.django_db


def test_ic9_the_demo_has_participants_in_both_groups_and_two_waiting(time_machine):
    time_machine.move_to("2026-06-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 6, 15))
    people = list(Participant.objects.all())
    assert len(people) == 30
    assert all(kana_normalise(p.family_name_kana) == p.family_name_kana for p in people)
    assert any(p.allergies for p in people) and any(p.higher_risk for p in people)
    registrations = Registration.objects.filter(fiscal_year=2026)
    assert {r.group for r in registrations} == {"1", "2"}
    assert registrations.filter(state="applied").count() == 2
    assert registrations.filter(state="registered").count() == 28
    # Most returned their 参加予定表: every eighth did not; each left out one activity in five.
    planned = {r.pk for r in registrations if r.plans.exists()}
    assert len(planned) == 25
    activity = Activity.objects.filter(programme__state="approved", group="1").first()
    access = contract_access(
        User.objects.get(username="ic-manager"), activity.programme.contract_id
    )
    count = selectors.plan_count(access=access, activity=activity)
    assert 0 < count.planned < count.registered
