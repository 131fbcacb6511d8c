"""Filing and moving requests through the services (SO-1, SO-2, SO-3, SO-5, SO-10)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from itaku.audit.models import AuditEvent
from itaku.support_office.dispatch import services
from itaku.support_office.dispatch.models import SupportRequest

from .conftest import at

pytestmark = pytest.mark.django_db


def tap(world, token="tok-1", now=None):  # noqa: S107 - a form token, not a password
    return services.emergency_file(
        actor=world.requester,
        access=world.access(world.requester),
        client_token=token,
        now=now or at(10, 3),
    )


def test_so5_one_tap_files_an_emergency_at_the_usual_place_to_the_minute(world, place):
    filed = tap(world, now=at(10, 3).replace(second=41))
    r = filed.request
    assert filed.created
    assert (r.kind, r.state, r.place, r.number) == ("emergency", "received", place, 1)
    assert r.requested_at == at(10, 3)
    assert r.department == world.requester.person.organisation
    assert AuditEvent.objects.filter(action="so_request.file", target_id=str(r.pk)).exists()


def test_so5_a_repeated_tap_with_the_same_token_files_nothing_more(world, place):
    first = tap(world)
    again = tap(world)
    assert not again.created and again.request.pk == first.request.pk
    assert SupportRequest.objects.count() == 1
    assert tap(world, token="tok-2").request.number == 2


def test_so6_a_field_visit_needs_its_address_and_time(world, place):
    with pytest.raises(ValidationError) as error:
        services.request_file(
            actor=world.requester, access=world.access(world.requester), kind="field_visit"
        )
    assert {"address", "scheduled_at"} <= set(error.value.message_dict)


def test_so4_a_sit_in_needs_its_booked_time_and_keeps_it(world, place):
    access = world.access(world.requester)
    with pytest.raises(ValidationError) as error:
        services.request_file(actor=world.requester, access=access, kind="sit_in")
    assert set(error.value.message_dict) == {"scheduled_at"}
    booked = at(14, day=16)
    filed = services.request_file(
        actor=world.requester, access=access, kind="sit_in", scheduled_at=booked
    )
    assert (filed.request.kind, filed.request.scheduled_at) == ("sit_in", booked)
    assert filed.request.department == world.requester.person.organisation


def test_so1_a_day_outside_the_period_is_refused_without_the_wards_override(world, place):
    outside = at(10, day=5, month=4).replace(year=2027)
    with pytest.raises(ValidationError) as error:
        services.request_file(
            actor=world.requester,
            access=world.access(world.requester),
            kind="sit_in",
            scheduled_at=outside,
        )
    assert "scheduled_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.request_file(
            actor=world.requester,
            access=world.access(world.requester),
            kind="sit_in",
            scheduled_at=outside,
            override_reason="年度をまたぐ継続案件のため",
        )
    assert "override_reason" in error.value.message_dict
    filed = services.request_file(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        kind="sit_in",
        scheduled_at=outside,
        override_reason="年度をまたぐ継続案件のため",
    )
    assert filed.request.outside_period_override
    event = AuditEvent.objects.get(action="so_request.period_override")
    assert event.changes["reason"] == "年度をまたぐ継続案件のため"


def move(world, r, to, now, user=None):
    user = user or world.worker
    return services.request_move(
        actor=user, access=world.access(user), request_id=r.pk, to=to, now=now
    )


def test_so2_the_steps_are_stamped_by_whom_and_audited(world, place):
    r = tap(world).request
    move(world, r, "accepted", at(10, 4))
    move(world, r, "departed", at(10, 5))
    move(world, r, "arrived", at(10, 11))
    done = move(world, r, "completed", at(10, 40))
    assert done.accepted_by == world.worker and done.arrival_minutes == 8
    assert (done.state, done.after_hours_minutes) == ("completed", 0)
    assert list(done.responders.all()) == [world.worker]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "so_request.accepted",
        "so_request.departed",
        "so_request.arrived",
        "so_request.completed",
    } <= actions


def test_so2_a_step_out_of_order_is_refused(world, place):
    r = tap(world).request
    with pytest.raises(ValidationError):
        move(world, r, "arrived", at(10, 5))


def test_so3_work_past_closing_time_is_flagged_with_its_minutes(world, place):
    r = tap(world, now=at(16, 50)).request
    move(world, r, "accepted", at(17, 0))
    move(world, r, "departed", at(17, 1))
    move(world, r, "arrived", at(17, 5))
    done = move(world, r, "completed", at(17, 45))
    assert done.after_hours_minutes == 30  # 17:15 to 17:45


@pytest.mark.parametrize("user", ["requester", "supervisor", "auditor", "nurse", "volunteer"])
def test_so10_only_a_rostered_office_worker_moves_a_request(world, place, user):
    r = tap(world).request
    with pytest.raises(PermissionDenied):
        move(world, r, "accepted", at(10, 4), user=world.user(user))


def test_so10_a_worker_whose_roster_entry_ended_may_not_move_a_request(world, place):
    from django.http import Http404

    r = tap(world).request
    entry = world.worker.person.roster_entries.get(contract=world.contract)
    entry.ended_at = at(9)
    entry.save()
    with pytest.raises(Http404):
        move(world, r, "accepted", at(10, 4))


def test_so5_details_are_added_afterwards_by_the_department(world, place, other_requester):
    r = tap(world).request
    services.request_details_add(
        actor=world.requester,
        access=world.access(world.requester),
        request_id=r.pk,
        risk="high",
        visitor_notes="男性1名、大声",
        details="",
    )
    r.refresh_from_db()
    assert (r.risk, r.visitor_notes) == ("high", "男性1名、大声")
    from django.http import Http404

    with pytest.raises(Http404):
        services.request_details_add(
            actor=other_requester,
            access=world.access(other_requester),
            request_id=r.pk,
            risk="low",
        )


def test_period_days_are_the_worlds(world):
    assert world.contract.period_start == date(2026, 4, 1)


ON_POST_CASES = [
    pytest.param(None, (10, 4), None, id="SO-9 no schedule for the month: not known"),
    pytest.param("approved", (10, 4), True, id="SO-9 accepted inside the worker's shift"),
    pytest.param("approved", (13, 0), False, id="SO-9 accepted after the shift ended (12:00)"),
    pytest.param("approved", (8, 59), False, id="SO-9 one minute before the shift"),
    pytest.param("draft", (10, 4), None, id="SO-9 only a draft schedule: not known"),
]


@pytest.mark.parametrize(("state", "when", "expected"), ON_POST_CASES)
def test_so9_acceptance_records_whether_the_worker_was_on_post(world, place, state, when, expected):
    from itaku.core.models import RosterEntry
    from itaku.support_office.duty.models import DutySchedule, DutyShift

    if state:
        schedule = DutySchedule.objects.create(
            contract=world.contract, year=2026, month=6, version=1, state=state
        )
        DutyShift.objects.create(
            schedule=schedule,
            entry=RosterEntry.objects.get(contract=world.contract, person=world.worker.person),
            starts_at=at(9),
            ends_at=at(12),
        )
    r = tap(world, now=at(8, 50)).request
    accepted = move(world, r, "accepted", at(*when))
    assert accepted.accepted_on_post is expected
    event = AuditEvent.objects.get(action="so_request.accepted", target_id=str(r.pk))
    assert event.changes["accepted_on_post"] is expected
