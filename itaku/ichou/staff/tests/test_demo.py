"""The demo's staff records, through the services: both manuals, the operations manual in two
versions (the second waiting for the ward), this year's training plans for every required
topic, the privacy and first-aid trainings reported and one training overdue (IC-21, IC-22,
IC-30); the recruitment's publicities and applicants in every state (IC-20); a responsible
person the staff page has no IC-19 warning about."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.access import contract_access
from itaku.core.demo import demo_data_create
from itaku.core.models import Contract, RosterEntry, User
from itaku.ichou.staff import selectors
from itaku.ichou.staff.models import (
    Applicant,
    ManualVersion,
    Publicity,
    TrainingPlan,
    TrainingReport,
)
from itaku.ichou.staff.rules import REQUIRED_TOPICS, STATUS_LABELS

pytestmark = pytest.mark.django_db


def test_the_demo_staff_records_recruitment_and_responsible_person(time_machine):
    """One demo build (it takes seconds) for the three checks below."""
    time_machine.move_to("2026-11-16 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 11, 16))
    _the_demo_has_both_manuals_the_years_plans_some_reports_and_one_overdue()
    _ic20_the_demo_has_publicities_and_applicants_in_every_state()
    _ic19_the_demos_responsible_person_is_on_the_roster_experienced_and_reachable()


def _the_demo_has_both_manuals_the_years_plans_some_reports_and_one_overdue():
    shelves = selectors.manual_shelves(list(ManualVersion.objects.all()))
    operations, crisis = shelves
    assert [v.number for v in operations.versions] == [2, 1]
    assert operations.current.number == 1 and crisis.current.number == 1
    plans = list(TrainingPlan.objects.select_related("report"))
    assert {p.topic for p in plans} == set(REQUIRED_TOPICS)
    assert {r.plan.topic for r in TrainingReport.objects.all()} == {"privacy", "first_aid"}
    gaps = selectors.training_gaps(plans, plans[0].fiscal_year, date(2026, 11, 16))
    assert [g.topic for g in gaps] == ["safety"]


def _ic20_the_demo_has_publicities_and_applicants_in_every_state():
    assert Publicity.objects.count() == 3
    applicants = list(Applicant.objects.all())
    assert {a.status for a in applicants} == set(STATUS_LABELS)
    assert all(a.entry_id for a in applicants if a.status == "hired")
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, applicants[0].contract_id, on=date(2026, 11, 16))
    [todo] = selectors.recruitment_todos(manager, date(2026, 11, 16), [access])
    assert "1人" in todo.what


def _ic19_the_demos_responsible_person_is_on_the_roster_experienced_and_reachable():
    manager = User.objects.get(username="ic-manager")
    [contract] = Contract.objects.filter(service_kind="ichou")
    access = contract_access(manager, contract.pk, on=date(2026, 11, 16))
    page = selectors.staff_page(access=access, today=date(2026, 11, 16))
    assert [w for w in page.warnings if w.clause == "IC-19"] == []
    entry = RosterEntry.objects.get(contract=contract, person__user=manager)
    assert entry.contact_phone and entry.contact_phone.startswith("090-0000-")
