"""The recruitment services (IC-20, 仕様書 10(4)): a publicity and an applicant, each audited;
the applicant moves only along 応募 → 面談 → 採用 / 不採用 / 辞退; the hire puts the person
on the roster through the core service as a new entry waiting for the ward's approval; an
under-18 volunteer or a nurse without a licence is not hired; only the manager writes; the
home page's to-do for an applicant waiting more than 14 days for an interview."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from itaku.audit.models import AuditEvent
from itaku.core.models import RosterEntry
from itaku.ichou.staff import services
from itaku.ichou.staff.models import Applicant, Publicity
from itaku.ichou.staff.selectors import recruitment_need, recruitment_todos
from itaku.ichou.staff.tests.helpers import (
    applicant,
    applicant_values,
    interviewed,
    nurse_applicant,
    publicity,
    publicity_values,
)

pytestmark = pytest.mark.django_db
NUMBER = "1234–5678–9018"


def _hire(world, person, valid_from=date(2026, 6, 20), **kw):
    return services.applicant_hire(
        actor=world.manager,
        access=world.access(world.manager),
        applicant=person,
        valid_from=valid_from,
        **kw,
    )


def _move(world, person, target, reason="", on=date(2026, 6, 12)):
    return services.applicant_move(
        actor=world.manager,
        access=world.access(world.manager),
        applicant=person,
        target=target,
        on=on,
        reason=reason,
    )


def test_ic20_a_publicity_and_an_applicant_are_recorded_sealed_and_audited(world, frozen_today):
    source = publicity(world)
    person = applicant(world, publicity=source.pk)
    assert person.status == "applied" and person.publicity == source
    stored = Applicant.objects.get()
    assert stored.full_name == "応募 花子" and stored.email == "hanako@example.jp"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT family_name, phone FROM ichou_applicant")
        raw = cursor.fetchone()
    assert "応募" not in raw[0] and "1234" not in raw[1]
    assert AuditEvent.objects.filter(action="ic_publicity.create").count() == 1
    event = AuditEvent.objects.get(action="ic_applicant.create")
    assert "花子" not in str(event.changes)


def test_ic20_a_publicity_needs_a_role_a_channel_a_past_day_and_places(world, frozen_today):
    for change, field in [
        ({"role": "worker"}, "role"),
        ({"channel": "tv"}, "channel"),
        ({"published_on": date(2026, 6, 16)}, "published_on"),
        ({"places": 0}, "places"),
    ]:
        with pytest.raises(ValidationError) as refused:
            publicity(world, **change)
        assert field in refused.value.message_dict
    assert Publicity.objects.count() == 0


def test_ic20_an_applicant_names_a_publicity_of_this_contract_and_role(world, frozen_today):
    nurses = publicity(world, role="nurse", channel="nurse_association")
    with pytest.raises(ValidationError) as refused:
        applicant(world, publicity=nurses.pk)
    assert "看護師の募集です" in refused.value.message_dict["publicity"][0]
    with pytest.raises(ValidationError) as refused:
        applicant(world, publicity=999999)
    assert "publicity" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        applicant(world, birth_date=None, family_name_kana="ABC")
    assert {"birth_date", "family_name_kana"} <= set(refused.value.message_dict)
    assert Applicant.objects.count() == 0


def test_ic20_only_the_manager_records(world, frozen_today):
    publicity(world)
    for user in (world.supervisor, world.worker, world.auditor):
        with pytest.raises(PermissionDenied):
            services.applicant_create(
                actor=user, access=world.access(user), values=applicant_values()
            )
    with pytest.raises(PermissionDenied):
        services.publicity_create(
            actor=world.nurse, access=world.access(world.nurse), values=publicity_values()
        )


def test_ic20_the_hire_puts_the_person_on_the_roster_waiting_for_the_wards_approval(
    world, frozen_today
):
    person = interviewed(world, applicant(world))
    assert person.interview_on == date(2026, 6, 10)
    hired = _hire(world, person, pledge_date=date(2026, 6, 12))
    assert hired.status == "hired" and hired.decided_on == date(2026, 6, 15)
    entry = RosterEntry.objects.get(pk=hired.entry_id)
    assert (entry.contract, entry.role, entry.valid_from) == (
        world.contract,
        "volunteer",
        date(2026, 6, 20),
    )
    assert entry.person.full_name == "応募 花子" and entry.person.birth_date == date(2000, 4, 2)
    assert entry.approved_version_id is None  # the ward approves it as any entry
    assert AuditEvent.objects.filter(action="roster_entry.add", target_id=str(entry.pk)).exists()
    event = AuditEvent.objects.get(action="ic_applicant.hire")
    assert event.changes["entry"] == entry.pk


def test_ic20_ic18_a_hired_nurse_gets_the_licence_and_one_without_it_is_refused(
    world, frozen_today
):
    nurse = _hire(world, interviewed(world, nurse_applicant(world)))
    assert RosterEntry.objects.get(pk=nurse.entry_id).qualifications == ["nurse_licence"]
    unlicensed = interviewed(world, nurse_applicant(world, has_licence=False))
    with pytest.raises(ValidationError) as refused:
        _hire(world, unlicensed)
    assert "看護師免許" in str(refused.value)
    unlicensed.refresh_from_db()
    assert unlicensed.status == "interview" and unlicensed.entry is None


def test_ic20_ic17_an_under_18_volunteer_is_not_hired_until_18_on_the_first_day(
    world, frozen_today
):
    young = interviewed(world, applicant(world, birth_date=date(2008, 7, 1)))
    before = RosterEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        _hire(world, young, valid_from=date(2026, 6, 20))
    assert "18歳未満" in str(refused.value)
    assert RosterEntry.objects.count() == before
    assert not AuditEvent.objects.filter(action="ic_applicant.hire").exists()
    hired = _hire(world, young, valid_from=date(2026, 7, 1))
    assert hired.status == "hired"


def test_ic20_illegal_moves_are_refused_and_nothing_changes(world, frozen_today):
    person = applicant(world)
    with pytest.raises(ValidationError) as refused:
        _hire(world, person)  # no interview yet
    assert "target" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _move(world, person, "hired")
    with pytest.raises(ValidationError) as refused:
        _move(world, person, "rejected")
    assert "reason" in refused.value.message_dict
    _move(world, person, "rejected", reason="活動日に参加できない")
    person.refresh_from_db()
    assert (person.status, person.reason, person.decided_on) == (
        "rejected",
        "活動日に参加できない",
        date(2026, 6, 12),
    )
    for target in ("interview", "withdrawn"):
        with pytest.raises(ValidationError):
            _move(world, person, target, reason="x")
    assert AuditEvent.objects.filter(action="ic_applicant.reject").count() == 1
    assert not AuditEvent.objects.filter(action="ic_applicant.withdraw").exists()


def test_ic20_a_withdrawal_after_the_interview_is_audited(world, frozen_today):
    person = interviewed(world, applicant(world))
    _move(world, person, "withdrawn", reason="日程が合わなくなった")
    assert AuditEvent.objects.filter(action="ic_applicant.interview").count() == 1
    event = AuditEvent.objects.get(action="ic_applicant.withdraw")
    assert event.changes["status"] == ["interview", "withdrawn"]
    assert "日程" not in str(event.changes)


def test_pi11_a_my_number_in_an_applicant_or_a_reason_is_refused(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        applicant(world, phone=NUMBER)
    assert "phone" in refused.value.message_dict
    person = applicant(world)
    with pytest.raises(ValidationError):
        _move(world, person, "rejected", reason=f"番号 {NUMBER}")
    person.refresh_from_db()
    assert person.status == "applied"


def test_ic20_an_applicant_waiting_more_than_14_days_is_a_todo_for_the_manager(
    world, frozen_today, django_assert_max_num_queries
):
    applicant(world, applied_on=date(2026, 5, 31))
    applicant(world, applied_on=date(2026, 5, 20))
    applicant(world, applied_on=date(2026, 6, 1))  # 14 days: not yet
    interviewed(world, applicant(world, applied_on=date(2026, 5, 1)))
    today = date(2026, 6, 15)
    access = world.access(world.manager)
    with django_assert_max_num_queries(1):
        [item] = recruitment_todos(world.manager, today, [access])
    assert "面談していない応募者が2人います" in item.what and "花子" not in item.what
    assert item.since == date(2026, 6, 3)
    for user in (world.supervisor, world.nurse, world.volunteer):
        assert recruitment_todos(user, today, [world.access(user)]) == []


def test_ic20_the_need_is_the_peak_of_the_remaining_activities_against_the_roster(
    world, frozen_today
):
    from itaku.ichou.programme.tests.helpers import approved

    approved(world)
    need = recruitment_need(access=world.access(world.manager), today=date(2026, 6, 15))
    assert need.activities > 0
    # The world's roster: a worker, a licensed nurse and a volunteer of 26 count; the manager not.
    assert (need.staff_on_roster, need.nurses_on_roster) == (3, 1)
    assert need.nurse_peak == 3  # the overnight trip (IC-18)
    assert need.nurses_short == 2
    assert need.others_short == need.staff_peak - 3 - 2


def test_pi8_the_return_package_holds_the_publicities_and_applicants(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.staff.decl import PACKAGE_SECTIONS

    applicant(world, publicity=publicity(world).pk)
    [section] = [s for s in PACKAGE_SECTIONS if s.key == "ic_recruitment"]
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {"ichou/publicities.csv", "ichou/applicants.csv"}
    assert "花子" in files["ichou/applicants.csv"].decode("utf-8-sig")
