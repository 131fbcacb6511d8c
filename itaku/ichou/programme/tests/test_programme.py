"""The annual programme (IC-3 … IC-8, IC-23): problems named with their clause and refusing
submission, approval or return by the ward supervisor with a confirmation step, the activity
obligations due on approval, new versions agreed before the day, weather cancellations, to-dos."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.core.models import ObligationItem
from itaku.ichou.programme import selectors, services
from itaku.ichou.programme.models import Activity, Programme
from itaku.ichou.programme.selectors import programme_todos
from itaku.ichou.programme.tests.helpers import FY, approved, draft, submitted, valid_values

pytestmark = pytest.mark.django_db


def test_ic4_the_demo_programme_passes_every_rule(world, frozen_today):
    programme = draft(world)
    assert selectors.programme_problems(list(programme.activities.all())) == []


def _with(**change) -> list[dict]:
    values = valid_values()
    values[2] = {**values[2], **change}  # group 1's June regular activity
    return values


PROBLEM_CASES = [
    pytest.param({"date": date(2026, 6, 15)}, "IC-4", "土曜日か日曜日", id="IC-4 a Monday"),
    pytest.param(
        {"start": time(10, 0), "end": time(12, 30)}, "IC-4", "時間帯", id="IC-4 outside window"
    ),
    pytest.param({"group": "joint"}, "IC-3", "合同で行える", id="IC-3 regular made joint"),
    pytest.param({"kind": "cooking"}, "IC-5", "調理実習が3回", id="IC-5 one cooking too many"),
]


@pytest.mark.parametrize(("change", "clause", "words"), PROBLEM_CASES)
def test_ic3_ic7_problems_are_named_with_their_clause(world, frozen_today, change, clause, words):
    programme = draft(world, _with(**change))
    problems = selectors.programme_problems(list(programme.activities.all()))
    assert any(p.clause == clause and words in p.message for p in problems), problems


def test_ic8_submission_is_refused_while_problems_remain(world, frozen_today):
    programme = draft(world, _with(date=date(2026, 6, 15)))
    with pytest.raises(ValidationError, match="仕様書に合わない点"):
        services.programme_submit(
            actor=world.manager, access=world.access(world.manager), programme=programme
        )
    programme.refresh_from_db()
    assert programme.state == Programme.State.DRAFT


def test_ic8_the_page_shows_each_problem_with_its_clause_as_read(client, world, frozen_today):
    programme = draft(world, _with(date=date(2026, 6, 15)))
    client.force_login(world.manager)
    page = client.get(reverse("ichou:programme", args=[world.contract.pk, FY]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-clause="IC-4"' in html and "仕様書 6(1)" in html
    assert programme.activities.count() == 22


def test_ic23_approval_adds_each_activity_day_s_schedule_and_notice(world, frozen_today):
    programme = approved(world)
    days = {a.date for a in programme.activities.all()}
    items = ObligationItem.objects.filter(obligation__contract=world.contract)
    for name in services.EVENT_OBLIGATIONS:
        mine = items.filter(obligation__name=name)
        assert {i.period_start for i in mine} == days
    item = items.get(obligation__name="当日のスケジュール・班編成", period_start=date(2026, 7, 11))
    assert item.due_date <= date(2026, 7, 4)  # a week before the activity (IC-23)
    assert AuditEvent.objects.filter(action="ic_programme.approve").count() == 1


def test_ic8_the_supervisor_confirms_before_approving(client, world, frozen_today):
    programme = submitted(world)
    client.force_login(world.supervisor)
    url = reverse("ichou:programme", args=[world.contract.pk, FY])
    asked = client.post(url, {"step": "approve"})
    assert asked.status_code == 200 and "承認します" in asked.content.decode()
    programme.refresh_from_db()
    assert programme.state == Programme.State.SUBMITTED
    done = client.post(url, {"step": "approve", "confirmed": "1"})
    assert done.status_code == 302
    programme.refresh_from_db()
    assert programme.state == Programme.State.APPROVED


def test_ic8_a_return_needs_a_note_and_is_shown(client, world, frozen_today):
    programme = submitted(world)
    client.force_login(world.supervisor)
    url = reverse("ichou:programme", args=[world.contract.pk, FY])
    assert client.post(url, {"step": "return", "note": ""}).status_code == 400
    client.post(url, {"step": "return", "note": "宿泊先を再検討", "confirmed": "1"})
    programme.refresh_from_db()
    assert (programme.state, programme.return_note) == ("returned", "宿泊先を再検討")
    client.force_login(world.manager)
    assert "宿泊先を再検討" in client.get(url).content.decode()


def test_ic8_the_manager_cannot_approve(client, world, frozen_today):
    submitted(world)
    client.force_login(world.manager)
    url = reverse("ichou:programme", args=[world.contract.pk, FY])
    client.post(url, {"step": "approve", "confirmed": "1"})
    assert Programme.objects.get().state == Programme.State.SUBMITTED


def _revise(world, programme) -> Programme:
    return services.programme_revise(
        actor=world.manager,
        access=world.access(world.manager),
        programme=programme,
        reason="会場の都合",
    )


def test_ic3_a_change_after_approval_is_a_new_version_copied(world, frozen_today):
    first = approved(world)
    new = _revise(world, first)
    assert (new.version, new.state) == (2, "draft")
    assert new.activities.count() == first.activities.count()
    first.refresh_from_db()
    assert first.state == Programme.State.APPROVED  # in force until the new one is approved


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        pytest.param(date(2026, 7, 11), True, id="IC-8 a future activity changed: approved"),
        pytest.param(date(2026, 6, 13), False, id="IC-8 an activity of the past: refused"),
    ],
)
def test_ic8_a_new_version_is_approved_only_before_the_day(world, frozen_today, day, ok):
    first = approved(world)
    new = _revise(world, first)
    activity = new.activities.get(date=day, group="1")
    values = {n: getattr(activity, n) for n in services.PLAN_FIELDS}
    services.activity_change(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        values={**values, "place": "別の会場"},
    )
    new = services.programme_submit(
        actor=world.manager, access=world.access(world.manager), programme=new
    )
    decide = dict(
        actor=world.supervisor, access=world.access(world.supervisor), programme=new, approve=True
    )
    if ok:
        services.programme_decide(**decide)
        first.refresh_from_db()
        assert first.state == Programme.State.SUPERSEDED
    else:
        with pytest.raises(ValidationError, match="活動の日より前"):
            services.programme_decide(**decide)


def test_ic23_a_weather_cancellation_is_agreed_before_and_recorded(world, frozen_today):
    programme = approved(world)
    activity = programme.activities.filter(date=date(2026, 7, 11)).first()
    access = world.access(world.manager)
    with pytest.raises(ValidationError):
        services.activity_cancel_for_weather(
            actor=world.manager,
            access=access,
            activity=activity,
            agreed_on=date(2026, 6, 14),
            notice_sent_on=date(2026, 6, 13),
        )
    services.activity_cancel_for_weather(
        actor=world.manager,
        access=access,
        activity=activity,
        agreed_on=date(2026, 6, 14),
        notice_sent_on=date(2026, 6, 15),
    )
    activity.refresh_from_db()
    assert activity.cancelled_for_weather and activity.cancellation_notice_sent_on


def test_ic8_a_submitted_programme_is_in_the_supervisor_s_todos(world, frozen_today):
    submitted(world)
    accesses = [world.access(world.supervisor)]
    [item] = programme_todos(world.supervisor, date(2026, 6, 15), accesses)
    assert "年間プログラム" in item.what and "承認" in item.what
    assert programme_todos(world.manager, date(2026, 6, 15), [world.access(world.manager)]) == []


def test_ic8_the_todos_take_one_query_per_side(world, frozen_today, django_assert_max_num_queries):
    submitted(world)
    accesses = [world.access(world.supervisor)]
    with django_assert_max_num_queries(1):
        programme_todos(world.supervisor, date(2026, 6, 15), accesses)


def test_ic8_activities_cannot_be_added_once_submitted(world, frozen_today):
    programme = submitted(world)
    with pytest.raises(ValidationError):
        services.activity_add(
            actor=world.manager,
            access=world.access(world.manager),
            programme=programme,
            values=valid_values()[0],
        )
    assert Activity.objects.count() == 22


def test_ic29_the_contract_end_package_returns_the_programme(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.programme.decl import PACKAGE_SECTIONS

    approved(world)
    [section] = PACKAGE_SECTIONS
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {
        "ichou/programmes.csv",
        "ichou/activities.csv",
        "ichou/activity_staff.csv",
    }
    assert files["ichou/activities.csv"].decode("utf-8-sig").count("\r\n") >= 22


def test_ic23_a_cancellation_recorded_while_a_new_version_waits_is_kept(world, frozen_today):
    first = approved(world)
    new = _revise(world, first)
    activity = first.activities.filter(date=date(2026, 7, 11)).first()
    services.activity_cancel_for_weather(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        agreed_on=date(2026, 6, 14),
        notice_sent_on=date(2026, 6, 15),
    )
    new = services.programme_submit(
        actor=world.manager, access=world.access(world.manager), programme=new
    )
    services.programme_decide(
        actor=world.supervisor, access=world.access(world.supervisor), programme=new, approve=True
    )
    copy = new.activities.get(date=date(2026, 7, 11), group=activity.group)
    assert copy.cancelled_for_weather and copy.cancellation_agreed_on == date(2026, 6, 14)
