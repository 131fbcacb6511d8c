"""``/api/v1/support-office/``: the same access rule and services as the pages."""

from __future__ import annotations

import pytest

from itaku.core import services as core_services
from itaku.support_office.dispatch.models import SupportRequest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def bearer(user) -> dict[str, str]:
    _, plain = core_services.api_token_issue(actor=user, name="試験")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def base(world) -> str:
    return f"/api/v1/support-office/contracts/{world.contract.pk}/requests"


def create(client, world, user=None, **body):
    body = {"kind": "emergency", "client_token": "api-1", **body}
    return client.post(
        base(world), body, content_type="application/json", **bearer(user or world.requester)
    )


def test_create_list_and_move_through_the_api(client, world, place):
    first = create(client, world)
    assert first.status_code == 201
    again = create(client, world)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    rid = first.json()["id"]
    listed = client.get(
        base(world) + "?state=received&kind=emergency&month=2026-06-01", **bearer(world.worker)
    )
    assert [i["id"] for i in listed.json()["items"]] == [rid]
    moved = client.post(
        f"{base(world)}/{rid}/move",
        {"to": "accepted"},
        content_type="application/json",
        **bearer(world.worker),
    )
    assert moved.status_code == 200 and moved.json()["state"] == "accepted"
    wrong = client.post(
        f"{base(world)}/{rid}/move",
        {"to": "arrived"},
        content_type="application/json",
        **bearer(world.worker),
    )
    assert wrong.status_code == 422


def test_the_list_pages_by_keyset(client, world, place):
    for i in range(3):
        create(client, world, client_token=f"k{i}")
    page = client.get(base(world) + "?limit=2", **bearer(world.worker)).json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = client.get(
        base(world) + f"?limit=2&cursor={page['next_cursor']}", **bearer(world.worker)
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None


def test_an_outsider_gets_404_on_every_endpoint(client, world, place):
    rid = create(client, world).json()["id"]
    h = bearer(world.outsider)
    assert client.get(base(world), **h).status_code == 404
    assert create(client, world, user=world.outsider, client_token="x").status_code == 404
    move = client.post(
        f"{base(world)}/{rid}/move", {"to": "accepted"}, content_type="application/json", **h
    )
    assert move.status_code == 404


def test_another_department_gets_404_on_the_request_and_does_not_see_it(
    client, world, place, other_requester
):
    rid = create(client, world).json()["id"]
    h = bearer(other_requester)
    assert client.get(base(world), **h).json()["items"] == []
    move = client.post(
        f"{base(world)}/{rid}/move", {"to": "accepted"}, content_type="application/json", **h
    )
    assert move.status_code == 404


def test_a_body_that_is_not_json_is_a_422_not_a_500(client, world, place):
    response = client.post(
        base(world), "kind=emergency", content_type="application/json", **bearer(world.requester)
    )
    assert response.status_code == 422
    assert SupportRequest.objects.count() == 0


def test_the_endpoints_are_in_the_schema(client, world):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/support-office/contracts/{contract_id}/requests" in schema["paths"]


def test_a_manager_who_may_not_file_gets_404_not_500(client, world, place):
    assert create(client, world, user=world.manager).status_code == 404
