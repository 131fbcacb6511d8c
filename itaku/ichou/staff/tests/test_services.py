"""The staff services: a manual's versions are numbered per kind and never overwritten, the
current one is the latest the ward acknowledged (IC-21); training plans and reports with the
attendees of the roster (IC-22, IC-30); each write audited; only the manager writes, only the
ward supervisor acknowledges; the home page's training to-dos."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from itaku.audit.models import AuditEvent
from itaku.core.models import RosterEntry
from itaku.ichou.staff import selectors, services
from itaku.ichou.staff.models import ManualVersion, TrainingPlan, TrainingReport
from itaku.ichou.staff.selectors import training_todos
from itaku.ichou.staff.tests.helpers import PNG, entries, manual, plan, plan_values, report

pytestmark = pytest.mark.django_db
NUMBER = "1234–5678–9018"


def _ack(world, version):
    return services.manual_acknowledge(
        actor=world.supervisor, access=world.access(world.supervisor), version=version
    )


def test_ic21_a_new_version_never_overwrites_the_old_and_the_current_is_the_latest_acknowledged(
    world, frozen_today
):
    first = manual(world)
    assert selectors.manual_shelves([first])[0].current is None
    _ack(world, first)
    second = manual(world, summary="手順を加えた")
    crisis = manual(world, kind="crisis")
    assert (first.number, second.number, crisis.number) == (1, 2, 1)
    assert first.document_id != second.document_id
    first.refresh_from_db()
    assert first.state == ManualVersion.State.ACKNOWLEDGED
    shelves = selectors.manual_shelves(list(ManualVersion.objects.all()))
    operations = shelves[0]
    assert operations.current == first  # the second waits for the ward
    assert [v.number for v in operations.versions] == [2, 1]
    _ack(world, second)
    operations = selectors.manual_shelves(list(ManualVersion.objects.all()))[0]
    assert operations.current == second
    assert AuditEvent.objects.filter(action="ic_manual.submit").count() == 3
    assert AuditEvent.objects.filter(action="ic_manual.acknowledge").count() == 2


def test_ic21_a_version_is_acknowledged_once_and_only_by_the_ward_supervisor(world, frozen_today):
    version = manual(world)
    with pytest.raises(PermissionDenied):
        services.manual_acknowledge(
            actor=world.manager, access=world.access(world.manager), version=version
        )
    _ack(world, version)
    with pytest.raises(PermissionDenied):
        _ack(world, version)


def test_ic21_only_the_manager_submits_and_a_file_is_required(world, frozen_today):
    manual(world)
    for user in (world.worker, world.supervisor, world.nurse):
        with pytest.raises(PermissionDenied):
            services.manual_submit(
                actor=user,
                access=world.access(user),
                kind="crisis",
                summary="",
                document=("a.png", PNG),
            )
    with pytest.raises(ValidationError) as refused:
        services.manual_submit(
            actor=world.manager,
            access=world.access(world.manager),
            kind="crisis",
            summary="",
            document=None,
        )
    assert "document" in refused.value.message_dict


def test_pi11_a_my_number_in_a_manual_summary_is_refused(world, frozen_today):
    manual(world)
    with pytest.raises(ValidationError):
        manual(world, summary=f"番号 {NUMBER}")
    assert ManualVersion.objects.count() == 1


def test_ic22_a_plan_and_its_report_with_the_attendees_are_audited(world, frozen_today):
    made = report(world)
    assert set(made.attendees.all()) == set(entries(world))
    assert made.content == "事例で話し合った"
    assert AuditEvent.objects.filter(action="ic_training_plan.create").count() == 1
    assert AuditEvent.objects.filter(action="ic_training_report.create").count() == 1
    with pytest.raises(ValidationError):
        report(world, made.plan)  # once per plan
    assert TrainingReport.objects.count() == 1


def test_ic22_a_plan_needs_a_topic_of_the_list_a_month_and_a_target(world, frozen_today):
    for change, field in [
        ({"topic": "cooking"}, "topic"),
        ({"planned_month": 13}, "planned_month"),
        ({"target": " "}, "target"),
        ({"fiscal_year": None}, "fiscal_year"),
    ]:
        with pytest.raises(ValidationError) as refused:
            plan(world, **change)
        assert field in refused.value.message_dict
    assert TrainingPlan.objects.count() == 0


def test_ic22_a_report_names_only_this_contracts_staff_and_a_past_day(world, frozen_today):
    training = plan(world)
    access = world.access(world.manager)
    other = RosterEntry.objects.exclude(contract=world.contract).first()
    cases = [
        ({"attendees": [other.pk] if other else [999999]}, "attendees"),
        ({"attendees": []}, "attendees"),
        (
            {"attendees": [RosterEntry.objects.get(contract=world.contract, role="auditor").pk]},
            "attendees",
        ),
        ({"held_on": date(2026, 7, 1)}, "held_on"),
    ]
    for change, field in cases:
        values = {
            "held_on": date(2026, 5, 1),
            "content": "x",
            "attendees": [e.pk for e in entries(world)],
        } | change
        with pytest.raises(ValidationError) as refused:
            services.training_report_create(
                actor=world.manager, access=access, plan=training, values=values
            )
        assert field in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.training_plan_create(
            actor=world.worker, access=world.access(world.worker), values=plan_values()
        )


def _todos(world, user, today):
    return training_todos(user, today, [world.access(user)])


def test_ic22_ic30_the_missing_plans_and_overdue_reports_wait_on_the_home_page(world, frozen_today):
    today = date(2026, 6, 15)
    training = plan(world, topic="privacy", planned_month=5)
    [missing, overdue] = _todos(world, world.manager, today)
    assert "研修計画がないテーマが6件" in missing.what
    assert "個人情報保護" in overdue.what
    assert len(_todos(world, world.supervisor, today)) == 2
    assert _todos(world, world.worker, today) == []
    report(world, training)
    assert len(_todos(world, world.manager, today)) == 1


def test_ic22_the_todos_take_one_query_however_many_plans(
    world, frozen_today, django_assert_max_num_queries
):
    for topic in ("privacy", "safety", "crisis"):
        plan(world, topic=topic, planned_month=4)
    access = world.access(world.manager)
    with django_assert_max_num_queries(1):
        items = training_todos(world.manager, date(2026, 6, 15), [access])
    assert len(items) == 4


def test_pi8_the_return_package_holds_the_manuals_plans_reports_and_attendees(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.staff.decl import PACKAGE_SECTIONS

    manual(world)
    made = report(world)
    [section] = [s for s in PACKAGE_SECTIONS if s.key == "ic_staff"]
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {
        "ichou/manual_versions.csv",
        "ichou/training_plans.csv",
        "ichou/training_reports.csv",
        "ichou/training_attendees.csv",
    }
    assert "事例で話し合った" in files["ichou/training_reports.csv"].decode("utf-8-sig")
    attendees = files["ichou/training_attendees.csv"].decode("utf-8-sig")
    assert attendees.count("\r\n") >= made.attendees.count() + 1


def test_ic21_a_submitted_version_waits_on_the_supervisors_home_page(world, frozen_today):
    from itaku.ichou.staff.selectors import manual_todos

    version = manual(world)
    today = date(2026, 6, 15)
    [item] = manual_todos(world.supervisor, today, [world.access(world.supervisor)])
    assert "運営マニュアル 第1版" in item.what
    assert manual_todos(world.manager, today, [world.access(world.manager)]) == []
    _ack(world, version)
    assert manual_todos(world.supervisor, today, [world.access(world.supervisor)]) == []
