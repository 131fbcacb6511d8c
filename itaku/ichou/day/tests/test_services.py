"""The activity day's rules through the services: every case of 仕様書 25(4) at the door (IC-32),
the nurse's override, the idempotent token, dismissal and closing (IC-12, IC-13), the staffing
warning (IC-17), accident reports (IC-15), and the day records following a new version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from itaku.audit.models import AuditEvent
from itaku.core.models import Notification
from itaku.ichou.day import selectors, services
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.day.tests.helpers import activity_day, entry_of, participant
from itaku.ichou.programme import services as programme_services

pytestmark = pytest.mark.django_db
R = CheckIn.Result


def _checkin(world, activity, person, user=None, **kw):
    user = user or world.worker
    return services.checkin_record(
        actor=user, access=world.access(user), activity=activity, participant_id=person.pk, **kw
    )


CASES = [
    # (clause, higher risk, temperature, strong, mild, continuing, result)
    ("IC-32 25(4)ア strong symptom", "", 36.5, True, False, False, R.STAY_HOME),
    ("IC-32 25(4)イ higher risk with fever", "ぜんそく", 37.5, False, False, False, R.STAY_HOME),
    (
        "IC-32 25(4)イ higher risk with mild symptom",
        "ぜんそく",
        36.5,
        False,
        True,
        False,
        R.STAY_HOME,
    ),
    ("IC-32 25(4)ウ continuing mild symptom", "", 36.6, False, True, True, R.STAY_HOME),
    ("IC-32 door reading any fever 37.8", "", 37.8, False, False, False, R.STAY_HOME),
    ("IC-32 37.4 is no fever", "", 37.4, False, False, False, R.CHECKED_IN),
    ("IC-32 mild symptom alone", "", 36.5, False, True, False, R.CHECKED_IN),
    ("IC-32 healthy", "", 36.2, False, False, False, R.CHECKED_IN),
    ("IC-32 no reading yet", "", None, False, False, False, R.CHECKED_IN),
]


@pytest.mark.parametrize(
    "clause,risk,temp,strong,mild,cont,result", CASES, ids=[c[0] for c in CASES]
)
def test_ic32_checkin_applies_the_health_rule(
    world, frozen_today, clause, risk, temp, strong, mild, cont, result
):
    activity, _ = activity_day(world, participants=0)
    person = participant(world, 1, higher_risk=risk)
    marked = _checkin(
        world,
        activity,
        person,
        temperature=temp,
        strong_symptom=strong,
        mild_symptom=mild,
        continuing=cont,
        questionnaire=True,
    )
    assert marked.record.result == result
    assert marked.record.higher_risk == bool(risk)
    assert AuditEvent.objects.filter(action="ic_checkin.record").count() == 1


def test_ic32_staff_are_checked_the_same_way_with_their_own_risk_flag(world, frozen_today):
    activity, _ = activity_day(world, participants=0)
    access = world.access(world.manager)
    marked = services.checkin_record(
        actor=world.manager,
        access=access,
        activity=activity,
        entry_id=entry_of(world, world.worker).pk,
        temperature=36.5,
        mild_symptom=True,
        higher_risk=True,
    )
    assert marked.record.result == R.STAY_HOME


def test_ic32_only_a_nurse_overrides_a_stay_home_with_a_reason(world, frozen_today):
    activity, people = activity_day(world, participants=2)
    with pytest.raises(PermissionDenied):
        _checkin(world, activity, people[0], temperature=37.8, override_reason="様子を見る")
    with pytest.raises(PermissionDenied):
        _checkin(
            world, activity, people[0], user=world.manager, temperature=37.8, override_reason="x"
        )
    marked = _checkin(
        world,
        activity,
        people[0],
        user=world.nurse,
        temperature=37.8,
        override_reason="再検温で36.9度、看護師が付き添う",
    )
    assert marked.record.result == R.OVERRIDDEN
    assert marked.record.overridden_by == world.nurse
    assert AuditEvent.objects.filter(action="ic_checkin.override").count() == 1
    blocked = _checkin(world, activity, people[1], temperature=38.0).record
    assert blocked.result == R.STAY_HOME
    with pytest.raises(PermissionDenied):
        services.checkin_override(
            actor=world.worker, access=world.access(world.worker), checkin=blocked, reason="x"
        )
    with pytest.raises(ValidationError):
        services.checkin_override(
            actor=world.nurse, access=world.access(world.nurse), checkin=blocked, reason=" "
        )
    services.checkin_override(
        actor=world.nurse, access=world.access(world.nurse), checkin=blocked, reason="再検温"
    )
    blocked.refresh_from_db()
    assert blocked.result == R.OVERRIDDEN


def test_ic11_a_repeated_tap_with_one_token_records_once(world, frozen_today):
    activity, people = activity_day(world, participants=1)
    first = _checkin(world, activity, people[0], temperature=36.5, client_token="tok-1")
    again = _checkin(world, activity, people[0], temperature=36.5, client_token="tok-1")
    assert first.created and not again.created
    assert again.record.pk == first.record.pk
    assert CheckIn.objects.count() == 1
    d1 = services.dismissal_record(
        actor=world.worker,
        access=world.access(world.worker),
        activity=activity,
        participant_id=people[0].pk,
        how="alone",
        client_token="tok-2",
    )
    d2 = services.dismissal_record(
        actor=world.worker,
        access=world.access(world.worker),
        activity=activity,
        participant_id=people[0].pk,
        how="alone",
        client_token="tok-2",
    )
    assert d1.created and not d2.created and Dismissal.objects.count() == 1


def test_ic11_a_participant_not_registered_for_the_group_is_refused(world, frozen_today):
    activity, _ = activity_day(world, participants=0)
    other = participant(world, 5, group="2")
    with pytest.raises(ValidationError):
        _checkin(world, activity, other, temperature=36.5)


def test_ic12_hand_over_needs_name_relation_and_staff(world, frozen_today):
    activity, people = activity_day(world, participants=1)
    _checkin(world, activity, people[0], temperature=36.5)
    access = world.access(world.worker)
    with pytest.raises(ValidationError) as refused:
        services.dismissal_record(
            actor=world.worker,
            access=access,
            activity=activity,
            participant_id=people[0].pk,
            how="handed_over",
        )
    assert set(refused.value.message_dict) == {"handed_to_name", "handed_to_relation", "staff"}
    services.dismissal_record(
        actor=world.worker,
        access=access,
        activity=activity,
        participant_id=people[0].pk,
        how="handed_over",
        handed_to_name="山田 一郎",
        handed_to_relation="父",
        staff_id=entry_of(world, world.worker).pk,
    )
    d = Dismissal.objects.get()
    assert d.handed_to_name == "山田 一郎"
    assert "山田" not in str(AuditEvent.objects.filter(action="ic_dismissal.record").get().changes)


def _log(world, activity, **kw):
    values = {"log_events": "予定どおり", "locked": True, "keys_returned": True, **kw}
    return services.day_log_write(
        actor=world.manager, access=world.access(world.manager), activity=activity, values=values
    )


def test_ic12_close_is_refused_while_a_checked_in_participant_is_not_dismissed(world, frozen_today):
    activity, people = activity_day(world, participants=2)
    _checkin(world, activity, people[0], temperature=36.5)
    _checkin(world, activity, people[1], temperature=38.2)  # stays home: not to dismiss
    _log(world, activity)
    access = world.access(world.manager)
    with pytest.raises(ValidationError, match="1人"):
        services.day_close(actor=world.manager, access=access, activity=activity)
    services.dismissal_record(
        actor=world.worker,
        access=world.access(world.worker),
        activity=activity,
        participant_id=people[0].pk,
        how="alone",
    )
    day = services.day_close(actor=world.manager, access=access, activity=activity)
    assert day.closed_at is not None
    with pytest.raises(ValidationError):
        _checkin(world, activity, participant(world, 9), temperature=36.5)


def test_ic13_close_needs_the_work_log_and_keys_returned(world, frozen_today):
    activity, _ = activity_day(world, participants=0)
    access = world.access(world.manager)
    services.day_prepare(
        actor=world.worker, access=world.access(world.worker), activity=activity, checked={}
    )
    with pytest.raises(ValidationError, match="業務日誌"):
        services.day_close(actor=world.manager, access=access, activity=activity)
    _log(world, activity, keys_returned=False)
    with pytest.raises(ValidationError, match="鍵"):
        services.day_close(actor=world.manager, access=access, activity=activity)
    with pytest.raises(PermissionDenied):
        services.day_close(actor=world.worker, access=world.access(world.worker), activity=activity)


def test_pi11_the_work_log_refuses_a_my_number(world, frozen_today):
    activity, _ = activity_day(world, participants=0)
    with pytest.raises(ValidationError):
        _log(world, activity, log_events="番号 1234 5678 9018")


def test_ic17_an_arrival_above_the_staff_present_warns_the_manager(world, frozen_today):
    activity, people = activity_day(world, participants=3)
    access = world.access(world.manager)
    services.checkin_record(
        actor=world.manager,
        access=access,
        activity=activity,
        entry_id=entry_of(world, world.nurse).pk,
        temperature=36.4,
    )
    _checkin(world, activity, people[0], temperature=36.5)
    _checkin(world, activity, people[1], temperature=36.5)
    assert not selectors.staffing_get(access=access, activity=activity).short
    assert not Notification.objects.filter(kind="ic_day_staffing_short").exists()
    _checkin(world, activity, people[2], temperature=36.5)
    state = selectors.staffing_get(access=access, activity=activity)
    assert state.short and state.required.staff == 2 and state.staff_present == 1
    sent = Notification.objects.get(kind="ic_day_staffing_short")
    assert sent.recipient == world.manager


def test_ic15_an_accident_report_tells_the_supervisor_its_kind_only(world, frozen_today):
    from django.utils import timezone

    activity, _ = activity_day(world, participants=0)
    report = services.accident_report(
        actor=world.nurse,
        access=world.access(world.nurse),
        activity=activity,
        values={"kind": "injury", "happened_at": timezone.now(), "what": "転んで膝をすりむいた"},
    )
    sent = Notification.objects.get(kind="ic_accident_reported")
    assert sent.recipient == world.supervisor and str(report.pk) in sent.link
    assert "膝" not in sent.link
    services.accident_acknowledge(
        actor=world.supervisor, access=world.access(world.supervisor), report=report
    )
    assert AccidentReport.objects.get().acknowledged_by == world.supervisor
    with pytest.raises(PermissionDenied):
        services.accident_report(
            actor=world.volunteer,
            access=world.access(world.volunteer),
            activity=activity,
            values={"kind": "injury", "happened_at": timezone.now(), "what": "x"},
        )


def test_ic15_health_notes_for_manager_and_nurse_only_audited(world, frozen_today):
    from django.http import Http404

    activity, people = activity_day(world, participants=1)
    _checkin(world, activity, people[0], temperature=36.5)
    notes = selectors.day_health_list(
        actor=world.nurse, access=world.access(world.nurse), activity=activity
    )
    assert notes[0].allergies == "そば"
    assert AuditEvent.objects.filter(action="ic_day.health_read").count() == 1
    for user in (world.volunteer, world.worker, world.supervisor):
        with pytest.raises(Http404):
            selectors.day_health_list(actor=user, access=world.access(user), activity=activity)


def test_day_records_follow_the_activity_to_a_new_approved_version(world, frozen_today):
    activity, people = activity_day(world, participants=1)
    _checkin(world, activity, people[0], temperature=36.5)
    old = activity.programme
    manager, supervisor = world.manager, world.supervisor
    new = programme_services.programme_revise(
        actor=manager, access=world.access(manager), programme=old, reason="講師の変更"
    )
    later = new.activities.exclude(date=activity.date).filter(date__gt=activity.date).last()
    values = {n: getattr(later, n) for n in programme_services.PLAN_FIELDS}
    values["lecturer"] = "新しい講師"
    programme_services.activity_change(
        actor=manager, access=world.access(manager), activity=later, values=values
    )
    programme_services.programme_submit(actor=manager, access=world.access(manager), programme=new)
    programme_services.programme_decide(
        actor=supervisor, access=world.access(supervisor), programme=new, approve=True
    )
    day = ActivityDay.objects.get()
    assert day.activity.programme_id == new.pk
    assert day.activity.date == activity.date
    assert AuditEvent.objects.filter(action="ic_day.carry").count() == 1


def test_ic13_ic15_todos_name_an_unclosed_day_and_an_accident_to_acknowledge(world, frozen_today):
    from django.utils import timezone

    from itaku.core.access import contract_accesses

    activity, people = activity_day(world, participants=1)
    _checkin(world, activity, people[0], temperature=36.5)
    services.accident_report(
        actor=world.nurse,
        access=world.access(world.nurse),
        activity=activity,
        values={"kind": "illness", "happened_at": timezone.now(), "what": "気分が悪い"},
    )
    later = frozen_today.replace(year=2027, month=3, day=1)

    def todos(user):
        return [t.what for t in selectors.day_todos(user, later, contract_accesses(user, on=later))]

    assert any("業務日誌" in w for w in todos(world.manager))
    assert todos(world.supervisor) == ["いちょう学級の事故報告書を確認する"]
    assert todos(world.volunteer) == []


def test_ic32_a_second_lower_reading_does_not_undo_a_stay_home(world, frozen_today):
    activity, people = activity_day(world, participants=1)
    first = _checkin(world, activity, people[0], temperature=37.8).record
    assert first.result == R.STAY_HOME
    with pytest.raises(ValidationError, match="看護師"):
        _checkin(world, activity, people[0], temperature=36.6)
    first.refresh_from_db()
    assert first.result == R.STAY_HOME and first.temperature is not None
    assert CheckIn.objects.count() == 1


def test_ic17_only_a_person_the_roster_lets_work_that_day_checks_in_as_staff(world, frozen_today):
    from django.utils import timezone

    activity, _ = activity_day(world, participants=0)
    access = world.access(world.manager)

    def staff(entry):
        return services.checkin_record(
            actor=world.manager, access=access, activity=activity, entry_id=entry.pk
        )

    with pytest.raises(ValidationError, match="従事者名簿"):
        staff(entry_of(world, world.supervisor))  # the ward is not the contractor's staff
    ended = entry_of(world, world.volunteer)
    ended.ended_at = timezone.now()
    ended.save(update_fields=["ended_at"])
    with pytest.raises(ValidationError, match="従事者名簿"):
        staff(ended)
    assert staff(entry_of(world, world.worker)).record.result == R.CHECKED_IN
