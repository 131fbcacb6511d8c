"""The staffing plan of an activity (IC-17, IC-18): roster entries assigned by hand, the
shortfall from ``domain.staffing_required`` and ``domain.counts_as_staff`` shown with its clause
and how many of which kind are missing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from itaku.core.models import Person, RosterEntry
from itaku.ichou.programme import selectors, services
from itaku.ichou.programme.tests.helpers import draft

pytestmark = pytest.mark.django_db

DAY = date(2026, 7, 11)  # group 1's July regular activity, 30 expected


def _activity(world):
    return draft(world).activities.get(date=DAY, group="1")


def _assign(world, activity, user):
    entry = RosterEntry.objects.get(contract=world.contract, person=user.person)
    return services.staff_assign(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        entry_id=entry.pk,
    )


def _staffing(activity):
    activity.refresh_from_db()
    return selectors.staffing(activity, list(activity.assignments.select_related("entry__person")))


def test_ic17_ic18_shortfall_names_staff_and_nurses_missing(world, frozen_today):
    activity = _activity(world)
    _assign(world, activity, world.worker)
    staffing = _staffing(activity)
    assert (staffing.required.staff, staffing.required.nurses) == (15, 1)
    assert staffing.shortfall == (14, 1)
    clauses = [c for c, _ in staffing.messages]
    assert clauses == ["IC-17", "IC-18"]
    assert "あと14人" in staffing.messages[0][1] and "看護師があと1人" in staffing.messages[1][1]


@pytest.mark.parametrize(
    ("birth", "counts"),
    [
        pytest.param(date(2008, 7, 11), True, id="IC-17 volunteer 18 on the day counts"),
        pytest.param(date(2008, 7, 12), False, id="IC-17 volunteer 18 the day after does not"),
    ],
)
def test_ic17_a_volunteer_counts_from_the_18th_birthday_on_the_day(
    world, frozen_today, birth, counts
):
    Person.objects.filter(pk=world.volunteer.person.pk).update(birth_date=birth)
    activity = _activity(world)
    _assign(world, activity, world.volunteer)
    staffing = _staffing(activity)
    assert staffing.staff == (1 if counts else 0)
    assert bool(staffing.not_counted) is not counts


def test_ic18_the_nurse_counts_inside_the_staff(world, frozen_today):
    activity = _activity(world)
    _assign(world, activity, world.nurse)
    staffing = _staffing(activity)
    assert (staffing.staff, staffing.nurses, staffing.shortfall) == (1, 1, (14, 0))


def test_ic17_the_manager_is_on_top_of_the_ratio(world, frozen_today):
    activity = _activity(world)
    _assign(world, activity, world.manager)
    assert _staffing(activity).staff == 0


def test_ic17_only_roster_people_and_once(world, frozen_today):
    activity = _activity(world)
    _assign(world, activity, world.worker)
    with pytest.raises(ValidationError):
        _assign(world, activity, world.worker)
    with pytest.raises(ValidationError):
        services.staff_assign(
            actor=world.manager,
            access=world.access(world.manager),
            activity=activity,
            entry_id=RosterEntry.objects.get(
                contract=world.contract, person=world.supervisor.person
            ).pk,
        )


def test_ic17_the_pages_show_the_shortfall_with_its_clause(client, world, frozen_today):
    activity = _activity(world)
    client.force_login(world.manager)
    detail = client.get(reverse("ichou:activity", args=[world.contract.pk, activity.pk]))
    html = detail.content.decode()
    assert 'data-clause="IC-18"' in html and "仕様書 8(2)" in html and "あと15人" in html
    entry = RosterEntry.objects.get(contract=world.contract, person=world.nurse.person)
    client.post(
        reverse("ichou:activity", args=[world.contract.pk, activity.pk]),
        {"step": "assign", "entry": entry.pk},
    )
    page = client.get(reverse("ichou:programme", args=[world.contract.pk, 2026]))
    assert "あと14人" in page.content.decode()
