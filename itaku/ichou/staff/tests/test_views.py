"""The staff pages: an outsider (and a person of another contract) gets 404 on each page and
POST, the lists' queries are bounded, the forms keep what was typed with the message next to
the field, the manager submits and the ward supervisor acknowledges, the staff page warns about
the responsible person and counts each person's activities (IC-19 … IC-22, IC-30)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.core import services as core_services
from itaku.ichou.day.tests.helpers import activity_day, entry_of
from itaku.ichou.programme import services as programme_services
from itaku.ichou.programme.tests.helpers import make_ichou
from itaku.ichou.staff.models import ManualVersion, TrainingPlan, TrainingReport
from itaku.ichou.staff.tests.helpers import PNG, entries, manual, plan, plan_values, report

pytestmark = pytest.mark.django_db


def _urls(world):
    c = world.contract.pk
    v, p = manual(world), plan(world)
    return [
        reverse("ichou:staff-roster", args=[c]),
        reverse("ichou:staff-manuals", args=[c]),
        reverse("ichou:staff-manual-acknowledge", args=[c, v.pk]),
        reverse("ichou:staff-training", args=[c]),
        reverse("ichou:staff-training-report", args=[c, p.pk]),
        reverse("ichou:staff-name-tags", args=[c]),
    ]


def test_pi2_an_outsider_gets_404_on_every_staff_page_and_post(client, world, frozen_today):
    urls = _urls(world)
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code in (404, 302), url
        assert client.post(url, {"target": "x"}).status_code == 404, url
    # The acknowledge URL answers a GET with the manuals page, which is a 404 too.
    assert client.get(urls[2], follow=True).status_code == 404


def test_pi2_a_version_or_plan_is_not_found_through_another_contract(client, world, frozen_today):
    v, p = manual(world), plan(world)
    client.force_login(world.supervisor)
    other = world.other_contract.pk
    assert (
        client.post(reverse("ichou:staff-manual-acknowledge", args=[other, v.pk])).status_code
        == 404
    )
    assert client.get(reverse("ichou:staff-training-report", args=[other, p.pk])).status_code == 404
    v.refresh_from_db()
    assert v.state == "submitted"


def test_the_roles_see_the_pages_and_only_the_manager_writes(client, world, frozen_today):
    urls = _urls(world)
    for user in (world.supervisor, world.auditor, world.manager, world.worker, world.nurse):
        client.force_login(user)
        for url in urls[:2] + urls[3:]:
            assert client.get(url).status_code == 200, (user, url)
    client.force_login(world.worker)
    assert client.post(urls[3], plan_values(topic="safety")).status_code == 403
    assert client.post(urls[2]).status_code == 403
    client.force_login(world.volunteer)
    assert client.get(urls[0]).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_take_the_same_queries_however_many(client, world, frozen_today):
    activity, _ = activity_day(world, participants=1)
    access = world.access(world.manager)
    programme_services.staff_assign(
        actor=world.manager,
        access=access,
        activity=activity,
        entry_id=entry_of(world, world.nurse).pk,
    )
    report(world, plan(world, topic="safety"))
    manual(world)
    client.force_login(world.manager)
    c = world.contract.pk
    urls = [
        reverse("ichou:staff-roster", args=[c]),
        reverse("ichou:staff-manuals", args=[c]),
        reverse("ichou:staff-training", args=[c]),
        reverse("ichou:staff-name-tags", args=[c]),
    ]
    few = [_queries(client, u) for u in urls]
    for i in range(5):
        manual(world, kind="crisis")
        report(world, plan(world, topic="crisis", planned_month=4 + i))
    programme_services.staff_assign(
        actor=world.manager,
        access=access,
        activity=activity,
        entry_id=entry_of(world, world.worker).pk,
    )
    assert [_queries(client, u) for u in urls] == few


def test_ic21_the_manager_submits_a_version_and_the_supervisor_acknowledges_it(
    client, world, frozen_today
):
    make_ichou(world)
    url = reverse("ichou:staff-manuals", args=[world.contract.pk])
    client.force_login(world.manager)
    doc = SimpleUploadedFile("危機管理マニュアル.png", PNG, content_type="image/png")
    response = client.post(url, {"kind": "crisis", "summary": "初版", "document": doc})
    assert response.status_code == 302
    version = ManualVersion.objects.get()
    assert (version.kind, version.number, version.state) == ("crisis", 1, "submitted")
    page = client.get(url).content.decode()
    assert "監督職員が受領した版はまだありません" in page and "受領する" not in page
    client.force_login(world.supervisor)
    assert "受領する" in client.get(url).content.decode()
    ack = reverse("ichou:staff-manual-acknowledge", args=[world.contract.pk, version.pk])
    assert client.post(ack).status_code == 302
    page = client.get(url).content.decode()
    assert f'data-current="{version.pk}"' in page


def test_ic21_the_manual_form_keeps_what_was_typed(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:staff-manuals", args=[world.contract.pk])
    response = client.post(url, {"kind": "crisis", "summary": "手順を見直した"})
    assert response.status_code == 400
    assert response.context["form"].errors["document"]
    assert "手順を見直した" in response.content.decode()
    assert ManualVersion.objects.count() == 0


def test_ic22_the_training_page_shows_the_gaps_and_the_form_keeps_what_was_typed(
    client, world, frozen_today
):
    plan(world, topic="safety", planned_month=4)
    client.force_login(world.supervisor)
    url = reverse("ichou:staff-training", args=[world.contract.pk])
    page = client.get(url).content.decode()
    assert "「安全管理」の研修の報告がありません" in page
    assert "「個人情報保護」の研修計画がありません" in page
    assert 'data-clause="IC-30"' in page
    assert "研修計画を登録する" not in page  # the ward sees, the manager writes
    client.force_login(world.manager)
    response = client.post(
        url, plan_values(target="", outline="AEDの実習") | {"topic": "first_aid"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["target"]
    assert "AEDの実習" in response.content.decode()
    response = client.post(url, plan_values(topic="first_aid"))
    assert response.status_code == 302
    assert TrainingPlan.objects.filter(topic="first_aid").exists()


def test_ic22_the_report_page_takes_the_attendees(client, world, frozen_today):
    training = plan(world)
    client.force_login(world.manager)
    url = reverse("ichou:staff-training-report", args=[world.contract.pk, training.pk])
    response = client.post(url, {"held_on": "2026-05-20", "content": "話し合った"})
    assert response.status_code == 400
    assert response.context["form"].errors["attendees"]
    assert "話し合った" in response.content.decode()
    chosen = [str(e.pk) for e in entries(world)]
    response = client.post(
        url, {"held_on": "2026-05-20", "content": "話し合った", "attendees": chosen}
    )
    assert response.status_code == 302
    made = TrainingReport.objects.get()
    assert {str(e.pk) for e in made.attendees.all()} == set(chosen)
    page = client.get(url).content.decode()
    assert "話し合った" in page and "試験 nurse" in page


def test_ic19_ic20_the_staff_page_lists_by_role_warns_and_counts_the_years_activities(
    client, world, frozen_today
):
    activity, _ = activity_day(world, participants=1)
    nurse = entry_of(world, world.nurse)
    programme_services.staff_assign(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        entry_id=nurse.pk,
    )
    client.force_login(world.supervisor)
    response = client.get(reverse("ichou:staff-roster", args=[world.contract.pk]))
    page = response.content.decode()
    # The world's manager has no 知的障害者支援の経験 and no always-reachable phone recorded.
    assert "「知的障害者支援の経験」が資格・経験として登録されていません" in page
    assert "責任者の常に連絡が取れる電話番号が従事者名簿に記録されていません" in page
    assert "看護師免許あり" in page
    groups = dict(response.context["page"].groups)
    [row] = groups["看護師"]
    assert (row.assigned, row.attended) == (1, 0)
    [vol] = groups["ボランティア"]
    assert vol.counts  # born 2000: 18 or over today (IC-17 via counts_as_staff)


def test_ic19_the_warning_goes_once_the_responsible_persons_phone_is_recorded_and_no_one_sees_it(
    client, world, frozen_today
):
    make_ichou(world)
    manager = entry_of(world, world.manager)
    core_services.roster_entry_change(
        actor=world.manager,
        access=world.access(world.manager),
        entry=manager,
        qualifications=manager.qualifications,
        valid_to=manager.valid_to,
        pledge_date=manager.pledge_date,
        contact_phone="090-0000-0001",
    )
    url = reverse("ichou:staff-roster", args=[world.contract.pk])
    for user in (world.supervisor, world.manager, world.worker, world.nurse):
        client.force_login(user)
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "電話番号が従事者名簿に記録されていません" not in page
        # The staff page says whether the phone is there, never the number (the roster shows it
        # to the ward supervisor and the manager).
        assert "090-0000-0001" not in page
