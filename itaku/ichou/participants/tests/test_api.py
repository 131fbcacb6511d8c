"""The participants endpoint of ``/api/v1/ichou/``: keyset pages that give every participant
once, the year's registration beside each, no health or contact field for anyone, an audited
read, bounded queries, and 404 for an outsider or another contract's person (PI-2)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from itaku.audit.models import AuditEvent
from itaku.ichou.day.tests.test_views import bearer
from itaku.ichou.participants.tests.helpers import FY, participant, registered

pytestmark = pytest.mark.django_db


def _url(world, contract_id=None) -> str:
    return f"/api/v1/ichou/contracts/{contract_id or world.contract.pk}/participants"


def test_pi2_an_outsider_and_another_contract_get_404(client, world, frozen_today):
    registered(world)
    assert client.get(_url(world), **bearer(world.outsider)).status_code == 404
    other = _url(world, world.other_contract.pk)
    assert client.get(other, **bearer(world.manager)).status_code == 404


def test_pages_give_every_participant_once_with_the_years_registration(client, world, frozen_today):
    made = [registered(world, given_name=f"名{i}").participant for i in range(4)]
    made.append(participant(world, given_name="未登録"))
    h = bearer(world.manager)
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 2, "fiscal_year": FY} | ({"cursor": cursor} if cursor else {})
        body = client.get(_url(world), query, **h).json()
        seen += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert [i["id"] for i in seen] == [p.pk for p in made]
    by_id = {i["id"]: i for i in seen}
    assert by_id[made[0].pk]["registration"]["fiscal_year"] == FY
    assert by_id[made[0].pk]["given_name"] == "名0"
    assert by_id[made[-1].pk]["registration"] is None
    only = client.get(_url(world), {"fiscal_year": FY, "registered": "true"}, **h).json()
    assert [i["id"] for i in only["items"]] == [p.pk for p in made[:4]]
    other_year = client.get(_url(world), {"fiscal_year": FY + 1}, **h).json()
    assert all(i["registration"] is None for i in other_year["items"])


def test_ic30_no_health_or_contact_field_reaches_anyone_through_the_list(
    client, world, frozen_today
):
    registered(world)
    for user in (world.manager, world.nurse, world.volunteer):
        item = client.get(_url(world), {"fiscal_year": FY}, **bearer(user)).json()["items"][0]
        text = str(item)
        assert "卵" not in text and "てんかん" not in text, user
        assert not {"allergies", "medical_notes", "guardian_phone", "support_needs"} & set(item)


def test_pi9_each_page_shown_is_an_audited_read(client, world, frozen_today):
    reg = registered(world)
    client.get(_url(world), {"fiscal_year": FY}, **bearer(world.manager))
    event = AuditEvent.objects.filter(action="participant.read").latest("seq")
    assert event.actor_id == world.manager.pk
    assert event.target_id == str(reg.participant.pk)


def test_a_tampered_cursor_or_a_limit_out_of_range_is_refused(client, world, frozen_today):
    registered(world)
    h = bearer(world.manager)
    assert client.get(_url(world), {"cursor": "bm90LWEtY3Vyc29y"}, **h).status_code == 422
    assert client.get(_url(world), {"limit": 0}, **h).status_code == 422
    assert client.get(_url(world), {"fiscal_year": 1999}, **h).status_code == 422


def _queries(client, world) -> int:
    h = bearer(world.manager)
    with CaptureQueriesContext(connection) as seen:
        assert client.get(_url(world), {"fiscal_year": FY}, **h).status_code == 200
    return len(seen)


def test_the_list_takes_the_same_queries_however_many(client, world, frozen_today):
    registered(world)
    one = _queries(client, world)
    for i in range(4):
        registered(world, given_name=f"追加{i}")
    assert _queries(client, world) == one
