"""The returned 参加予定表 recorded (IC-9 仕様書 7(2)ア): the service sets a registration's
planned activities (audited) and refuses another group's, year's or contract's activity; the
registration page's form keeps the ticks; the activity page counts the planned against the
registered of its group(s) in bounded queries, no names; the door screen marks 予定外; the
plans follow their activity to a new approved version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.ichou.participants import services
from itaku.ichou.participants.models import ParticipationPlan
from itaku.ichou.participants.tests.helpers import registered
from itaku.ichou.programme.models import Activity
from itaku.ichou.programme.tests.helpers import approved

pytestmark = pytest.mark.django_db


def _world(world, n: int = 1):
    programme = approved(world)
    people = [
        registered(world, family_name=f"予定{i}", family_name_kana="よてい" + "あいうえお"[i])
        for i in range(n)
    ]
    own = programme.activities.filter(group="1").order_by("date").first()
    joint = programme.activities.filter(group="joint").order_by("date").first()
    other = programme.activities.filter(group="2").order_by("date").first()
    return programme, people, own, joint, other


def _set(world, registration, ids):
    return services.participation_plan_set(
        actor=world.manager,
        access=world.access(world.manager),
        registration=registration,
        activity_ids=ids,
    )


def test_ic9_the_plan_is_set_exactly_and_audited(world):
    _, [r], own, joint, _ = _world(world)
    assert r.group == "1"
    _set(world, r, [own.pk, joint.pk])
    _set(world, r, [str(joint.pk)])
    assert set(ParticipationPlan.objects.values_list("activity_id", flat=True)) == {joint.pk}
    events = AuditEvent.objects.filter(action="ic_participation_plan.set").order_by("pk")
    assert [e.changes for e in events] == [
        {"added": sorted([own.pk, joint.pk]), "removed": []},
        {"added": [], "removed": [own.pk]},
    ]


@pytest.mark.parametrize("which", ["other_group", "other_contract", "not_a_number"])
def test_ic9_the_plan_refuses_an_activity_not_of_the_registration(world, which):
    _, [r], own, _, other = _world(world)
    if which == "other_contract":
        foreign = Activity.objects.create(
            programme=type(own.programme).objects.create(
                contract=world.other_contract, fiscal_year=r.fiscal_year, state="approved"
            ),
            kind="regular",
            date=own.date,
            start=own.start,
            end=own.end,
            group="1",
        )
        ids = [own.pk, foreign.pk]
    elif which == "other_group":
        ids = [own.pk, other.pk]
    else:
        ids = ["x"]
    with pytest.raises(ValidationError):
        _set(world, r, ids)
    assert not ParticipationPlan.objects.exists()
    assert not AuditEvent.objects.filter(action="ic_participation_plan.set").exists()


def test_ic9_only_the_manager_records_the_plan(world):
    _, [r], own, _, _ = _world(world)
    with pytest.raises(PermissionDenied):
        services.participation_plan_set(
            actor=world.worker,
            access=world.access(world.worker),
            registration=r,
            activity_ids=[own.pk],
        )


def test_ic9_the_registration_page_records_the_ticks_and_shows_them_again(client, world):
    _, [r], own, joint, other = _world(world)
    url = reverse("ichou:registration", args=[world.contract.pk, r.pk])
    client.force_login(world.manager)
    page = client.get(url).content.decode()
    assert f'value="{own.pk}"' in page and f'value="{joint.pk}"' in page
    assert f'value="{other.pk}"' not in page
    response = client.post(url, {"step": "plan", "plan-activities": [own.pk, joint.pk]})
    assert response.status_code == 302
    assert ParticipationPlan.objects.filter(registration=r).count() == 2
    again = client.get(url).content.decode()
    assert again.count("checked") >= 2
    bad = client.post(url, {"step": "plan", "plan-activities": [other.pk]})
    assert bad.status_code == 400
    assert ParticipationPlan.objects.filter(registration=r).count() == 2


def _count_page(client, world, activity):
    url = reverse("ichou:activity", args=[world.contract.pk, activity.pk])
    with CaptureQueriesContext(connection) as seen:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(seen)


def test_ic9_the_activity_page_counts_the_planned_against_the_registered_bounded(client, world):
    _, people, own, joint, _ = _world(world, n=2)
    _set(world, people[0], [own.pk])
    client.force_login(world.supervisor)
    page, small = _count_page(client, world, own)
    assert 'data-plan-count="1/2"' in page
    assert "予定0" not in page  # counts only: no participant's name
    page, _ = _count_page(client, world, joint)
    assert 'data-plan-count="0/2"' in page
    more = [registered(world, family_name=f"追加{i}") for i in range(3)]
    for r in more:
        _set(world, r, [own.pk])
    page, large = _count_page(client, world, own)
    assert 'data-plan-count="4/5"' in page and large == small


def test_ic9_the_door_screen_marks_who_did_not_plan_to_come(client, world):
    _, people, own, joint, _ = _world(world, n=3)
    _set(world, people[0], [own.pk])  # coming
    _set(world, people[1], [joint.pk])  # returned a sheet without this activity
    # people[2]: no sheet recorded, not marked
    client.force_login(world.volunteer)
    page = client.get(reverse("ichou:day-door", args=[world.contract.pk, own.pk])).content.decode()
    assert page.count('data-unplanned="1"') == 1
    assert "予定外" in page


def test_ic9_plans_follow_their_activity_to_a_new_approved_version(world):
    from itaku.ichou.programme import services as programme_services

    programme, [r], own, _, _ = _world(world)
    _set(world, r, [own.pk])
    manager, supervisor = world.access(world.manager), world.access(world.supervisor)
    new = programme_services.programme_revise(
        actor=world.manager, access=manager, programme=programme, reason="講師の変更"
    )
    programme_services.programme_submit(actor=world.manager, access=manager, programme=new)
    programme_services.programme_decide(
        actor=world.supervisor, access=supervisor, programme=new, approve=True
    )
    [plan] = ParticipationPlan.objects.all()
    assert plan.activity.programme_id == new.pk and plan.activity.date == own.date


def test_ic29_the_contract_end_package_returns_the_plans(world):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.participants.decl import PACKAGE_SECTIONS

    _, [r], own, joint, _ = _world(world)
    _set(world, r, [own.pk, joint.pk])
    [section] = PACKAGE_SECTIONS
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    plans = files["ichou/participation_plans.csv"].decode("utf-8-sig")
    assert plans.count("\r\n") == 4  # the watermark, the heading and two plans
