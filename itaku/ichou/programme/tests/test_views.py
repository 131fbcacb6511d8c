"""The programme pages: an outsider (and a person of another contract) gets 404 on each, the
programme page's queries are bounded however many activities, the activity form adds and
changes, and the contract page links the programme."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.core.models import Notification, RosterEntry
from itaku.ichou.programme import services
from itaku.ichou.programme.models import Activity
from itaku.ichou.programme.tests.helpers import (
    FY,
    approved,
    draft,
    make_ichou,
    submitted,
    valid_values,
)

pytestmark = pytest.mark.django_db


def _urls(world, activity):
    c = world.contract.pk
    return [
        reverse("ichou:programme-index", args=[c]),
        reverse("ichou:programme", args=[c, FY]),
        reverse("ichou:activity-add", args=[c, FY]),
        reverse("ichou:activity", args=[c, activity.pk]),
        reverse("ichou:activity-edit", args=[c, activity.pk]),
    ]


def test_pi2_an_outsider_gets_404_on_every_programme_page(client, world, frozen_today):
    activity = draft(world).activities.first()
    client.force_login(world.outsider)
    for url in _urls(world, activity):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"step": "start"}).status_code == 404, url


def test_pi2_an_activity_is_not_found_through_another_contract(client, world, frozen_today):
    activity = draft(world).activities.first()
    client.force_login(world.manager)
    other = world.other_contract.pk
    for name in ("ichou:activity", "ichou:activity-edit"):
        assert client.get(reverse(name, args=[other, activity.pk])).status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_programme_page_takes_as_many_queries_for_22_activities_as_for_2(
    client, world, frozen_today
):
    programme = draft(world, valid_values()[:2])
    client.force_login(world.manager)
    url = reverse("ichou:programme", args=[world.contract.pk, FY])
    client.get(url)
    few = _queries(client, url)
    access = world.access(world.manager)
    for values in valid_values()[2:]:
        services.activity_add(
            actor=world.manager, access=access, programme=programme, values=values
        )
    for activity in programme.activities.all()[:5]:
        for user in (world.worker, world.nurse):
            entry = RosterEntry.objects.get(contract=world.contract, person=user.person)
            services.staff_assign(
                actor=world.manager, access=access, activity=activity, entry_id=entry.pk
            )
    assert _queries(client, url) == few
    assert client.get(url).content.decode().count("data-activity=") == 22


def test_ic23_a_weather_cancellation_is_recorded_on_the_activity_page(client, world, frozen_today):
    activity = approved(world).activities.filter(date="2026-07-11").first()
    client.force_login(world.manager)
    url = reverse("ichou:activity", args=[world.contract.pk, activity.pk])
    assert "中止を記録する" in client.get(url).content.decode()
    data = {"step": "cancel", "agreed_on": "2026-06-14", "notice_sent_on": "2026-06-15"}
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "荒天により中止しました" in page and 'data-clause="IC-23"' in page


def test_ic8_the_supervisors_are_told_of_a_submission(world, frozen_today):
    submitted(world)
    told = Notification.objects.filter(kind="ic_programme_submitted")
    assert [n.recipient for n in told] == [world.supervisor]


def test_the_manager_starts_adds_and_changes_an_activity(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:programme", args=[world.contract.pk, FY])
    assert "年間プログラムを作り始める" in client.get(url).content.decode()
    assert client.post(url, {"step": "start"}).status_code == 302
    add = reverse("ichou:activity-add", args=[world.contract.pk, FY])
    data = {
        "kind": "regular",
        "group": "1",
        "date": "2026-07-11",
        "start": "09:30",
        "end": "11:00",
        "place": "区立センター",
        "lecturer": "",
        "content": "工作",
        "expected_participants": "30",
    }
    assert client.post(add, data).status_code == 302
    activity = Activity.objects.get()
    assert client.post(add, {**data, "date": "2030-01-01"}).status_code == 400
    edit = reverse("ichou:activity-edit", args=[world.contract.pk, activity.pk])
    assert client.post(edit, {**data, "place": "別の会場"}).status_code == 302
    activity.refresh_from_db()
    assert activity.place == "別の会場"
    page = client.get(url).content.decode()
    assert "第1グループの通常活動が1回です" in page and 'data-clause="IC-4"' in page


def test_the_contract_page_links_the_programme(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.supervisor)
    page = client.get(reverse("core:contract-detail", args=[world.contract.pk]))
    assert reverse("ichou:programme-index", args=[world.contract.pk]) in page.content.decode()


def test_ic8_a_submitted_programme_is_on_the_supervisor_s_home_page(client, world, frozen_today):
    submitted(world)
    client.force_login(world.supervisor)
    page = client.get(reverse("core:home")).content.decode()
    assert "2026年度の年間プログラム(第1版)を承認する" in page
