"""The dispatch pages: who gets what, the one tap, the board and its partial with bounded
queries, a department's own requests only (SO-2, SO-5, SO-10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.support_office.dispatch import services
from itaku.support_office.dispatch.models import SupportRequest

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def filed(world, n=1, kind="emergency"):
    out = []
    for i in range(n):
        out.append(
            services.request_file(
                actor=world.requester,
                access=world.access(world.requester),
                kind=kind,
                client_token=f"t{kind}{i}",
                details="大声で職員を責めている来庁者",
                now=at(9, i % 60),
            ).request
        )
    return out


def pages(world, r):
    c = world.contract.pk
    return {
        "board": ("get", reverse("support_office:board", args=[c])),
        "rows": ("get", reverse("support_office:board-rows", args=[c])),
        "list": ("get", reverse("support_office:request-list", args=[c])),
        "new": ("get", reverse("support_office:request-new", args=[c])),
        "detail": ("get", reverse("support_office:request-detail", args=[c, r.pk])),
        "emergency": ("post", reverse("support_office:request-emergency", args=[c])),
        "details": ("post", reverse("support_office:request-details", args=[c, r.pk])),
        "move": ("post", reverse("support_office:request-move", args=[c, r.pk, "accepted"])),
    }


def test_an_outsider_gets_404_on_every_page(client, world, place):
    [r] = filed(world)
    client.force_login(world.outsider)
    for name, (method, url) in pages(world, r).items():
        assert getattr(client, method)(url).status_code == 404, name


def test_another_departments_requester_sees_nothing_of_the_request(
    client, world, place, other_requester
):
    [r] = filed(world)
    client.force_login(other_requester)
    c = world.contract.pk
    for name in ("detail", "details", "move"):
        method, url = pages(world, r)[name]
        assert getattr(client, method)(url).status_code == 404, name
    page = client.get(reverse("support_office:request-list", args=[c])).content.decode()
    assert f"{r.number}号" not in page
    assert client.get(reverse("support_office:board", args=[c])).status_code == 404


def test_so5_the_home_page_shows_the_button_and_one_tap_files_once(client, world, place):
    client.force_login(world.requester)
    home = client.get(reverse("core:home")).content.decode()
    assert "至急来てください" in home
    url = reverse("support_office:request-emergency", args=[world.contract.pk])
    first = client.post(url, {"client_token": "abc"})
    second = client.post(url, {"client_token": "abc"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert SupportRequest.objects.get().place == place


def test_so5_the_board_lists_emergencies_first_with_their_age(client, world, place):
    filed(world, 1, kind="consultation")
    filed(world, 1, kind="emergency")
    client.force_login(world.worker)
    page = client.get(reverse("support_office:board", args=[world.contract.pk])).content.decode()
    assert page.index("緊急対応") < page.index("相談")
    assert "60分" in page  # 9:00 to 10:00 (frozen)
    assert 'hx-trigger="every 3s"' in page


@pytest.mark.parametrize("name", ["board", "rows", "list"])
def test_the_board_and_list_read_in_bounded_queries(
    client, world, place, django_assert_max_num_queries, name
):
    filed(world, 1)
    client.force_login(world.worker)
    url = pages(world, SupportRequest.objects.get())[name][1]
    client.get(url)
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    filed_more = [
        services.request_file(
            actor=world.requester,
            access=world.access(world.requester),
            kind="sit_in",
            scheduled_at=at(13),
            client_token=f"more{i}",
            now=at(9),
        )
        for i in range(30)
    ]
    assert len(filed_more) == 30
    for done in filed_more[:10]:  # rows with a responder: their name must not cost a query each
        services.request_move(
            actor=world.worker,
            access=world.access(world.worker),
            request_id=done.request.pk,
            to="accepted",
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_so2_a_worker_moves_a_request_from_the_board(client, world, place):
    [r] = filed(world)
    client.force_login(world.worker)
    c = world.contract.pk
    response = client.post(
        reverse("support_office:request-move", args=[c, r.pk, "accepted"]), {"back": "board"}
    )
    assert response["Location"] == reverse("support_office:board", args=[c])
    r.refresh_from_db()
    assert (r.state, r.accepted_by) == ("accepted", world.worker)
    wrong = client.post(reverse("support_office:request-move", args=[c, r.pk, "arrived"]))
    assert wrong.status_code == 400


def test_so10_a_requester_may_not_move_a_request(client, world, place):
    [r] = filed(world)
    client.force_login(world.requester)
    url = reverse("support_office:request-move", args=[world.contract.pk, r.pk, "accepted"])
    assert client.post(url).status_code == 403


def test_the_full_form_keeps_what_was_typed_and_says_what_is_wrong(client, world, place):
    client.force_login(world.requester)
    url = reverse("support_office:request-new", args=[world.contract.pk])
    response = client.post(
        url, {"kind": "field_visit", "risk": "unknown", "details": "一緒に訪問してほしい"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "訪問先を入力してください。" in page and "一緒に訪問してほしい" in page


def test_the_detail_page_reads_are_audited_and_have_no_incident_link_before_the_merge(
    client, world, place
):
    from itaku.audit.models import AuditEvent

    [r] = filed(world)
    client.force_login(world.worker)
    page = client.get(reverse("support_office:request-detail", args=[world.contract.pk, r.pk]))
    assert "大声で職員を責めている来庁者" in page.content.decode()
    assert AuditEvent.objects.filter(action="support_request.read").exists()


def test_so5_a_waiting_request_is_in_the_offices_todo_list(world, place):
    from itaku.support_office.dispatch.selectors import to_accept_todos

    [r] = filed(world)
    access = world.access(world.worker)
    [item] = to_accept_todos(world.worker, access.on, [access])
    assert f"依頼 {r.number}号" in item.what
    req = world.access(world.requester)
    assert to_accept_todos(world.requester, req.on, [req]) == []
