"""The demo's surveys and opinions: two surveys with about 20 paper forms each (one closed),
8 opinions in both states, two of them waiting past the 14 days on the manager's home page."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.ichou.voices.models import Opinion, Survey

pytestmark = pytest.mark.django_db


def test_ic16_the_demo_has_two_surveys_and_opinions_in_both_states(time_machine):
    time_machine.move_to("2026-11-16 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 11, 16))
    surveys = list(Survey.objects.order_by("pk"))
    assert [s.audience for s in surveys] == ["participants", "guardians"]
    assert all(18 <= s.responses.count() <= 25 for s in surveys)
    assert [s.is_closed for s in surveys] == [True, False]
    states = list(Opinion.objects.values_list("state", flat=True))
    assert len(states) == 8 and set(states) == {"open", "answered"}
    assert Opinion.objects.filter(participant__isnull=False).exists()
