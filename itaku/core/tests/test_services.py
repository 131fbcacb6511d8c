"""Roster, obligation and token services: each writes its change and its audit record together,
and refuses what the access rule does not allow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_START, TODAY
from itaku.core import domain, services
from itaku.core.access import contract_access, contracts_visible_to
from itaku.core.models import ObligationItem, RosterEntry, User

pytestmark = pytest.mark.django_db


def new_person(**kw) -> services.NewPerson:
    person = services.NewPerson(
        family_name="新規", given_name="太郎", family_name_kana="しんき", given_name_kana="たろう"
    )
    return replace(person, **kw)


def add_worker(world, **kw) -> RosterEntry:
    values = {
        "actor": world.manager,
        "access": world.access(world.manager),
        "person": new_person(),
        "role": domain.Role.WORKER,
        "qualifications": ["police_experience"],
        "valid_from": PERIOD_START,
        "pledge_date": date(2026, 6, 1),
    }
    values.update(kw)
    return services.roster_entry_add(**values)


def test_adding_a_person_opens_a_new_draft_version_and_is_audited(world):
    before = world.contract.roster_versions.count()
    entry = add_worker(world)
    draft = world.contract.roster_versions.get(state="draft")
    assert world.contract.roster_versions.count() == before + 1
    assert entry.approved_version is None
    event = AuditEvent.objects.get(action="roster_entry.add", target_id=str(entry.pk))
    assert event.actor == world.manager
    assert event.contract == world.contract
    assert event.changes["version"] == draft.number
    assert event.changes["role"] == {"before": None, "after": "worker"}
    assert AuditEvent.objects.filter(action="person.register", target_id=str(entry.person.pk))


def test_a_second_change_joins_the_open_draft(world):
    add_worker(world)
    add_worker(world, person=new_person(given_name="次郎"))
    assert world.contract.roster_versions.filter(state="draft").count() == 1


def test_so10_a_new_entry_gives_access_only_after_the_ward_approves(world):
    user = User.objects.create_user(username="newcomer", password=None)
    entry = add_worker(world)
    entry.person.user = user
    entry.person.save()
    assert not contracts_visible_to(user, on=TODAY).exists()
    version = services.roster_version_submit(
        actor=world.manager, access=world.access(world.manager)
    )
    assert [row["entry_id"] for row in version.snapshot].count(entry.pk) == 1
    assert not contracts_visible_to(user, on=TODAY).exists()
    services.roster_version_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        version=version,
        approve=True,
    )
    assert list(contracts_visible_to(user, on=TODAY)) == [world.contract]
    assert AuditEvent.objects.filter(action="roster_version.approve", target_id=str(version.pk))


def test_so10_a_returned_version_needs_a_reason_and_stays_on_record(world):
    add_worker(world)
    version = services.roster_version_submit(
        actor=world.manager, access=world.access(world.manager)
    )
    with pytest.raises(ValidationError):
        services.roster_version_decide(
            actor=world.supervisor,
            access=world.access(world.supervisor),
            version=version,
            approve=False,
            note="  ",
        )
    services.roster_version_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        version=version,
        approve=False,
        note="資格の記載が不足しています",
    )
    version.refresh_from_db()
    assert version.state == "returned"
    assert version.decision_note == "資格の記載が不足しています"
    again = services.roster_version_submit(actor=world.manager, access=world.access(world.manager))
    version.refresh_from_db()
    assert version.state == "returned"
    assert (again.number, again.state) == (version.number + 1, "submitted")


def test_only_a_submitted_version_can_be_decided(world):
    add_worker(world)
    draft = world.contract.roster_versions.get(state="draft")
    with pytest.raises(ValidationError):
        services.roster_version_decide(
            actor=world.supervisor,
            access=world.access(world.supervisor),
            version=draft,
            approve=True,
        )


def test_submitting_with_nothing_changed_is_refused(world):
    with pytest.raises(ValidationError, match="提出する変更がありません"):
        services.roster_version_submit(actor=world.manager, access=world.access(world.manager))


@pytest.mark.parametrize(
    ("user", "service"),
    [
        ("worker", "add"),
        ("supervisor", "add"),
        ("auditor", "add"),
        ("manager", "approve"),
        ("auditor", "approve"),
        ("worker", "approve"),
    ],
)
def test_roles_without_the_right_are_refused(world, user, service):
    actor = world.user(user)
    access = world.access(actor)
    with pytest.raises(PermissionDenied):
        if service == "add":
            add_worker(world, actor=actor, access=access)
        else:
            services.roster_version_decide(
                actor=actor,
                access=access,
                version=world.contract.roster_versions.first(),
                approve=True,
            )


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"role": domain.Role.VOLUNTEER, "qualifications": []}, "qualifications"),  # IC-17
        ({"role": domain.Role.NURSE, "qualifications": []}, "qualifications"),  # IC-18
        ({"valid_from": date(2026, 3, 31)}, "valid_from"),  # SO-1
        ({"valid_to": date(2026, 3, 31)}, "valid_to"),
        ({"role": domain.Role.WARD_SUPERVISOR}, "person"),
    ],
)
def test_invalid_entries_are_refused_with_the_field_named(world, kw, field):
    with pytest.raises(ValidationError) as info:
        add_worker(world, **kw)
    assert field in info.value.message_dict
    assert not RosterEntry.objects.filter(person__given_name="太郎").exists()


def test_pi2_ending_an_entry_ends_access_at_once(world):
    entry = RosterEntry.objects.get(person__user=world.worker, contract=world.contract)
    assert contract_access(world.worker, world.contract.pk, on=TODAY)
    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)
    with pytest.raises(Http404):
        contract_access(world.worker, world.contract.pk)
    entry.refresh_from_db()
    assert entry.ended_at is not None
    assert AuditEvent.objects.filter(action="roster_entry.end", target_id=str(entry.pk)).exists()
    assert world.contract.roster_versions.filter(state="draft").exists()


def test_changing_an_entry_records_before_and_after(world):
    entry = RosterEntry.objects.get(person__user=world.worker, contract=world.contract)
    services.roster_entry_change(
        actor=world.manager,
        access=world.access(world.manager),
        entry=entry,
        qualifications=["police_experience", "disability_support"],
        valid_to=date(2026, 9, 30),
        pledge_date=entry.pledge_date,
    )
    event = AuditEvent.objects.get(action="roster_entry.change", target_id=str(entry.pk))
    assert event.changes["valid_to"] == {"before": None, "after": "2026-09-30"}
    assert "pledge_date" not in event.changes


def test_a_failed_service_leaves_no_audit_record(world, monkeypatch):
    # The failure comes after the entry and its audit record were both written, inside the
    # service's transaction: both must go (a failure in validation would prove nothing).
    from itaku.core.services import roster

    real = roster._audit_entry

    def audit_then_fail(**kw):
        real(**kw)
        assert RosterEntry.objects.filter(pk=kw["entry"].pk).exists()
        raise RuntimeError("a failure after the save")

    monkeypatch.setattr(roster, "_audit_entry", audit_then_fail)
    entries, events = RosterEntry.objects.count(), AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        add_worker(world)
    assert RosterEntry.objects.count() == entries
    assert AuditEvent.objects.count() == events


def test_obligations_are_declared_once_with_their_clauses(world):
    created = services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    assert {o.clause_id for o in created} == {"SO-8", "SO-10", "SO-13", "SO-14"}
    assert services.obligations_declare_standard(actor=world.admin, contract=world.contract) == []


def test_scheduling_is_idempotent_and_uses_the_ward_closure_days(world):
    from itaku.core.models import ClosureDay

    ClosureDay.objects.create(date=date(2026, 4, 2), reason="庁舎点検(試験)")
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    first = services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=date(2026, 4, 30)
    )
    again = services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=date(2026, 4, 30)
    )
    assert first > 0 and again == 0
    daily = ObligationItem.objects.filter(obligation__clause_id="SO-13")
    # SO-13: the report for 1 April is due on the next open day, skipping the closure on 2 April.
    assert daily.get(period_start=date(2026, 4, 1)).due_date == date(2026, 4, 3)
    assert not daily.filter(period_start=date(2026, 4, 2)).exists()


def test_ic23_event_items_are_due_a_week_before(world):
    world.contract.service_kind = "ichou"
    world.contract.save()
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    obligation = world.contract.obligations.filter(rule="days_before_event").first()
    item = services.obligation_item_add_for_event(
        actor=world.admin, obligation=obligation, event_day=date(2026, 7, 11)
    )
    assert item.due_date == date(2026, 7, 3)  # one week before a Saturday: the Friday before


def test_submit_then_acknowledge(world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(actor=world.admin, contract=world.contract, through=TODAY)
    item = ObligationItem.objects.get(obligation__clause_id="SO-13", period_start=date(2026, 6, 10))
    with pytest.raises(ValidationError):
        services.obligation_item_acknowledge(
            actor=world.supervisor, access=world.access(world.supervisor), item=item
        )
    with pytest.raises(PermissionDenied):
        services.obligation_item_submit(
            actor=world.worker, access=world.access(world.worker), item=item
        )
    services.obligation_item_submit(
        actor=world.manager, access=world.access(world.manager), item=item
    )
    event = AuditEvent.objects.get(action="obligation_item.submit", target_id=str(item.pk))
    assert event.changes == {"late": True}  # due 11 June, submitted 15 June
    with pytest.raises(ValidationError):
        services.obligation_item_submit(
            actor=world.manager, access=world.access(world.manager), item=item
        )
    services.obligation_item_acknowledge(
        actor=world.supervisor, access=world.access(world.supervisor), item=item
    )
    item.refresh_from_db()
    assert item.acknowledged_by == world.supervisor


def test_an_item_of_another_contract_cannot_be_submitted(world):
    services.obligations_declare_standard(actor=world.admin, contract=world.other_contract)
    services.obligation_items_schedule(
        actor=world.admin, contract=world.other_contract, through=TODAY
    )
    foreign = ObligationItem.objects.filter(obligation__contract=world.other_contract).first()
    with pytest.raises(ObligationItem.DoesNotExist):
        services.obligation_item_submit(
            actor=world.manager, access=world.access(world.manager), item=foreign
        )


def test_ward_roles_are_granted_only_by_an_administrator(world):
    with pytest.raises(PermissionDenied):
        services.ward_role_grant(
            actor=world.supervisor,
            contract=world.other_contract,
            person=world.supervisor.person,
            role=domain.Role.WARD_SUPERVISOR,
            valid_from=PERIOD_START,
        )
    entry = services.ward_role_grant(
        actor=world.admin,
        contract=world.other_contract,
        person=world.supervisor.person,
        role=domain.Role.AUDITOR,
        valid_from=PERIOD_START,
    )
    assert AuditEvent.objects.filter(action="ward_role.grant", target_id=str(entry.pk)).exists()


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    from itaku.audit.services import audit_record

    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="test.outside")
    assert not AuditEvent.objects.exists()


def test_ending_a_contract_ends_contractor_access_but_not_the_wards(world):
    services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    assert not contracts_visible_to(world.manager, on=TODAY).exists()
    assert list(contracts_visible_to(world.auditor, on=TODAY)) == [world.contract]
    event = AuditEvent.objects.get(action="contract.state_change")
    assert event.changes == {"state": {"before": "active", "after": "ended"}}


def test_a_contract_cannot_skip_a_state_or_be_ended_by_a_non_administrator(world):
    access = world.access(world.supervisor)
    with pytest.raises(ValidationError, match="廃棄済み"):
        services.contract_state_change(
            actor=world.supervisor, contract=world.contract, to="destroyed", access=access
        )
    with pytest.raises(PermissionDenied):
        services.contract_state_change(actor=world.supervisor, contract=world.contract, to="ended")
    world.contract.refresh_from_db()
    assert world.contract.state == "active"


@pytest.mark.parametrize("to", ["returned", "destroyed"])
def test_pi8_not_even_an_administrator_returns_or_destroys_a_contract_by_its_state(world, to):
    services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    if to == "destroyed":
        services.contract_state_change(
            actor=world.supervisor,
            contract=world.contract,
            to="returned",
            access=world.access(world.supervisor),
        )
    with pytest.raises(PermissionDenied):
        services.contract_state_change(actor=world.admin, contract=world.contract, to=to)


def test_pi11_a_my_number_typed_as_a_name_is_refused_and_nothing_is_saved(world):
    from itaku.privacy.domain import my_number_check_digit

    number = "16180339887" + str(my_number_check_digit("16180339887"))
    people = world.contract.contractor.people.count()
    with pytest.raises(ValidationError) as info:
        add_worker(world, person=new_person(given_name=number))
    assert "given_name" in info.value.message_dict
    assert world.contract.contractor.people.count() == people
    assert AuditEvent.objects.get(action="my_number.refuse").changes == {"fields": ["given_name"]}


def test_a_person_born_after_today_is_not_put_on_the_roster(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        services.roster_entry_add(
            actor=world.manager,
            access=world.access(world.manager),
            person=services.NewPerson(
                family_name="未来", given_name="太郎", birth_date=date(2030, 1, 1)
            ),
            role=domain.Role.WORKER,
            qualifications=[],
            valid_from=TODAY,
        )
    assert refused.value.message_dict == {"birth_date": ["生年月日が今日より後になっています。"]}
    assert not RosterEntry.objects.filter(person__family_name="未来").exists()
