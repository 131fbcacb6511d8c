"""The activity-day pages and API: an outsider (and another contract) gets 404 on each page and
endpoint, a volunteer or worker cannot open the health notes, the door screen's queries do not
grow with participants, a tap through the page records once per token, and the API marks."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from itaku.core import services as core_services
from itaku.ichou.day import services
from itaku.ichou.day.models import CheckIn
from itaku.ichou.day.tests.helpers import activity_day, entry_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def _report(world, activity):
    return services.accident_report(
        actor=world.nurse,
        access=world.access(world.nurse),
        activity=activity,
        values={"kind": "illness", "happened_at": timezone.now(), "what": "気分が悪くなった"},
    )


def _urls(world, activity, report):
    c, a = world.contract.pk, activity.pk
    return [
        reverse("ichou:day-list", args=[c]),
        reverse("ichou:day-door", args=[c, a]),
        reverse("ichou:day-staffing", args=[c, a]),
        reverse("ichou:day-health", args=[c, a]),
        reverse("ichou:day-prepare", args=[c, a]),
        reverse("ichou:day-log", args=[c, a]),
        reverse("ichou:accident-add", args=[c, a]),
        reverse("ichou:accident", args=[c, report.pk]),
        reverse("ichou:accidents", args=[c]),
    ]


def bearer(user) -> dict[str, str]:
    _, plain = core_services.api_token_issue(actor=user, name="試験")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _api(world, contract_id=None) -> str:
    return f"/api/v1/ichou/contracts/{contract_id or world.contract.pk}"


def test_pi2_an_outsider_gets_404_on_every_day_page_and_endpoint(client, world):
    activity, people = activity_day(world, participants=1)
    report = _report(world, activity)
    client.force_login(world.outsider)
    for url in _urls(world, activity, report):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"step": "close"}).status_code == 404, url
    mark = reverse("ichou:day-mark", args=[world.contract.pk, activity.pk])
    assert client.post(mark, {"step": "checkin", "participant": people[0].pk}).status_code == 404
    h = bearer(world.outsider)
    base = f"{_api(world)}/activities"
    assert client.get(base, **h).status_code == 404
    assert client.get(f"{base}/{activity.pk}/staffing", **h).status_code == 404
    body = {"participant_id": people[0].pk, "client_token": "t"}
    assert (
        client.post(
            f"{base}/{activity.pk}/checkins", body, content_type="application/json", **h
        ).status_code
        == 404
    )
    body = {"participant_id": people[0].pk, "how": "alone"}
    assert (
        client.post(
            f"{base}/{activity.pk}/dismissals", body, content_type="application/json", **h
        ).status_code
        == 404
    )
    assert CheckIn.objects.count() == 0


def test_pi2_an_activity_is_not_found_through_another_contract(client, world):
    activity, _ = activity_day(world, participants=0)
    client.force_login(world.manager)
    other = world.other_contract.pk
    for name in ("ichou:day-door", "ichou:day-log", "ichou:day-health"):
        assert client.get(reverse(name, args=[other, activity.pk])).status_code == 404


def test_ic15_volunteers_and_workers_cannot_see_the_health_notes(client, world):
    activity, people = activity_day(world, participants=1)
    services.checkin_record(
        actor=world.worker,
        access=world.access(world.worker),
        activity=activity,
        participant_id=people[0].pk,
        temperature=36.5,
    )
    url = reverse("ichou:day-health", args=[world.contract.pk, activity.pk])
    for user in (world.volunteer, world.worker):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 404
        assert "そば" not in response.content.decode()
        door = client.get(reverse("ichou:day-door", args=[world.contract.pk, activity.pk]))
        assert door.status_code == 200 and "そば" not in door.content.decode()
    for user in (world.nurse, world.manager):
        client.force_login(user)
        assert "そば" in client.get(url).content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def _fill(world, activity, people):
    for p in people:
        services.checkin_record(
            actor=world.worker,
            access=world.access(world.worker),
            activity=activity,
            participant_id=p.pk,
            temperature=36.5,
        )


def test_the_door_screen_queries_do_not_grow_with_participants(client, world):
    from itaku.ichou.day.tests.helpers import participant

    activity, people = activity_day(world, participants=5)
    _fill(world, activity, people[:3])
    client.force_login(world.worker)
    url = reverse("ichou:day-door", args=[world.contract.pk, activity.pk])
    small = _queries(client, url)
    more = [participant(world, i) for i in range(5, 40)]
    _fill(world, activity, more[:20])
    assert _queries(client, url) == small


def test_ic11_a_tap_through_the_page_records_once_and_answers_json(client, world):
    activity, people = activity_day(world, participants=1)
    client.force_login(world.worker)
    url = reverse("ichou:day-mark", args=[world.contract.pk, activity.pk])
    data = {
        "step": "checkin",
        "participant": people[0].pk,
        "temperature": "36.6",
        "client_token": "abc",
    }
    first = client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")
    again = client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")
    assert first.json()["result"] == "checked_in" and again.status_code == 200
    assert CheckIn.objects.count() == 1
    assert first.json()["staffing"]["participants_present"] == 1


def test_the_api_marks_and_reports_staffing(client, world):
    activity, people = activity_day(world, participants=1)
    h = bearer(world.worker)
    base = f"{_api(world)}/activities"
    listed = client.get(base, **h)
    assert activity.pk in [a["id"] for a in listed.json()]
    body = {"participant_id": people[0].pk, "temperature": 37.8, "client_token": "api-1"}
    first = client.post(
        f"{base}/{activity.pk}/checkins", body, content_type="application/json", **h
    )
    assert first.status_code == 201 and first.json()["result"] == "stay_home"
    again = client.post(
        f"{base}/{activity.pk}/checkins", body, content_type="application/json", **h
    )
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    staff = client.post(
        f"{base}/{activity.pk}/checkins",
        {"entry_id": entry_of(world, world.nurse).pk, "temperature": 36.4},
        content_type="application/json",
        **h,
    )
    assert staff.status_code == 201
    state = client.get(f"{base}/{activity.pk}/staffing", **h).json()
    assert state["participants_present"] == 0 and state["nurses_present"] == 1
    refused = client.post(
        f"{base}/{activity.pk}/dismissals",
        {"participant_id": people[0].pk, "how": "alone"},
        content_type="application/json",
        **h,
    )
    assert refused.status_code == 422


def test_ic24_the_ward_and_its_auditor_read_accident_reports_a_volunteer_never(client, world):
    from itaku.audit.models import AuditEvent

    activity, _ = activity_day(world, participants=1)
    report = _report(world, activity)
    c = world.contract.pk
    listing, detail = (
        reverse("ichou:accidents", args=[c]),
        reverse("ichou:accident", args=[c, report.pk]),
    )
    for user in (world.supervisor, world.auditor, world.manager, world.nurse):
        client.force_login(user)
        assert "体調不良" in client.get(listing).content.decode(), user
        assert "気分が悪くなった" in client.get(detail).content.decode(), user
        event = AuditEvent.objects.filter(action="accident_report.read").latest("seq")
        assert event.actor_id == user.pk and event.target_id == str(report.pk)
    client.force_login(world.volunteer)
    assert client.get(listing).status_code == 404
    assert client.get(detail).status_code == 404


def test_the_accident_list_takes_the_same_queries_however_many(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activity, _ = activity_day(world, participants=1)
    _report(world, activity)
    client.force_login(world.supervisor)
    url = reverse("ichou:accidents", args=[world.contract.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    one = count()
    for _ in range(4):
        _report(world, activity)
    assert count() == one
