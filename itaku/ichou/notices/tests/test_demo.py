"""The demo's notices and newsletters: notices for the demo year's activities in each state
(IC-23), two newsletters with photos of consenting participants only, the first published
(IC-16)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from itaku.core.demo import demo_data_create
from itaku.ichou.notices import rules
from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice

pytestmark = pytest.mark.django_db


def test_ic23_ic16_the_demo_has_notices_in_each_state_and_two_newsletters(time_machine):
    time_machine.move_to("2026-06-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 6, 15))
    states = set(Notice.objects.values_list("state", flat=True))
    assert states == {"draft", "submitted", "acknowledged", "returned", "sent"}
    assert all(n.activity_id for n in Notice.objects.all())
    for n in Notice.objects.filter(state="sent"):
        assert n.submitted_at is not None and n.sent_on is not None
        assert n.sent_on - n.submitted_at.date() >= timedelta(days=rules.NOTICE_LEAD_DAYS)
    assert any(
        rules.deadline_near(state=n.state, send_on=n.send_on, today=date(2026, 6, 15))
        for n in Notice.objects.filter(state="draft")
    )
    newsletters = list(Newsletter.objects.order_by("issue_number"))
    assert [n.state for n in newsletters] == ["published", "draft"]
    photos = NewsletterPhoto.objects.all()
    assert photos.count() == 4
    assert all(p.photo_consent for photo in photos for p in photo.participants.all())
