"""The participants' services (IC-2, IC-9, IC-30): checks, the blind index, the audit trail
without sealed values, registrations and their renewal, and the audited health read."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from itaku.audit.models import AuditEvent
from itaku.ichou.participants import selectors, services
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.participants.tests.helpers import FY, participant, registered, values
from itaku.privacy.services.names import name_search

pytestmark = pytest.mark.django_db
NUMBER = "1234–5678–9018"


def test_ic30_create_keeps_kana_in_hiragana_and_indexes_the_name(world):
    p = participant(world, family_name_kana="ヤマダ", given_name_kana="ﾀﾛｳ")
    p.refresh_from_db()
    assert (p.family_name_kana, p.given_name_kana) == ("やまだ", "たろう")
    people = Participant.objects.all()
    for query in ("山田太郎", "やまだたろう", "ヤマダ タロウ"):
        assert list(
            name_search(queryset=people, contract_id=world.contract.pk, query=query, prefix=False)
        ) == [p]


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        ("family_name_kana", "Yamada", "family_name_kana"),
        ("given_name_kana", "太郎", "given_name_kana"),
        ("birth_date", date(2026, 6, 16), "birth_date"),
        ("family_name", "", "family_name"),
    ],
    ids=["kana-latin", "kana-kanji", "birth-future", "name-empty"],
)
def test_ic30_create_refuses_bad_values_next_to_the_field(world, field, value, error_field):
    with pytest.raises(ValidationError) as caught:
        participant(world, **{field: value})
    assert error_field in caught.value.message_dict
    assert not Participant.objects.exists()


def test_pi11_a_my_number_in_a_free_text_is_refused_and_audited(world):
    with pytest.raises(ValidationError) as caught:
        participant(world, medical_notes=f"番号 {NUMBER}")
    assert "medical_notes" in caught.value.message_dict
    assert not Participant.objects.exists()
    assert AuditEvent.objects.filter(action="my_number.refuse").exists()


def test_ic30_change_audits_the_fields_changed_never_the_values(world):
    p = participant(world)
    services.participant_change(
        actor=world.manager,
        access=world.access(world.manager),
        participant=p,
        values=values(given_name="花子", given_name_kana="はなこ", allergies="そば"),
    )
    event = AuditEvent.objects.get(action="ic_participant.change")
    assert set(event.changes["fields"]) == {"given_name", "given_name_kana", "allergies"}
    assert "花子" not in str(event.changes) and "そば" not in str(event.changes)
    found = name_search(
        queryset=Participant.objects.all(), contract_id=world.contract.pk, query="山田花子"
    )
    assert list(found) == [p]


def test_only_the_manager_edits_participants(world):
    participant(world)
    with pytest.raises(PermissionDenied):
        services.participant_create(
            actor=world.worker, access=world.access(world.worker), values=values()
        )


@pytest.mark.parametrize(
    ("birth", "group", "warned"),
    [
        (date(2011, 4, 1), "1", False),  # 15 on 1 April 2026
        (date(2011, 4, 2), "1", True),  # 14 on 1 April: closest group, warning
        (date(1991, 4, 2), "1", False),  # 34
        (date(1991, 4, 1), "2", False),  # 35
    ],
    ids=["IC-2-15", "IC-2-14-warning", "IC-2-34", "IC-2-35"],
)
def test_ic2_registration_group_by_age_on_1_april(world, birth, group, warned):
    p = participant(world, birth_date=birth)
    registration, warnings = services.registration_add(
        actor=world.manager, access=world.access(world.manager), participant=p, fiscal_year=FY
    )
    assert registration.group == group
    assert registration.state == Registration.State.APPLIED
    assert bool(warnings) is warned


def test_ic9_the_ward_supervisor_agrees_eligibility(world):
    p = participant(world)
    registration, _ = services.registration_add(
        actor=world.manager, access=world.access(world.manager), participant=p, fiscal_year=FY
    )
    with pytest.raises(PermissionDenied):
        services.registration_agree(
            actor=world.manager, access=world.access(world.manager), registration=registration
        )
    registration = services.registration_agree(
        actor=world.supervisor, access=world.access(world.supervisor), registration=registration
    )
    assert registration.state == Registration.State.REGISTERED
    assert AuditEvent.objects.filter(action="ic_registration.agree").exists()


def test_ic2_move_group_needs_a_reason_and_is_audited(world):
    registration = registered(world)
    access = world.access(world.manager)
    with pytest.raises(ValidationError):
        services.registration_move_group(
            actor=world.manager, access=access, registration=registration, reason=" "
        )
    moved = services.registration_move_group(
        actor=world.manager, access=access, registration=registration, reason="友人と同じ班"
    )
    assert moved.group == "2" and moved.group_reason == "友人と同じ班"
    event = AuditEvent.objects.get(action="ic_registration.move_group")
    assert event.changes["group"] == ["1", "2"]


def test_ic9_withdraw_needs_a_reason(world):
    registration = registered(world)
    access = world.access(world.manager)
    with pytest.raises(ValidationError):
        services.registration_withdraw(
            actor=world.manager, access=access, registration=registration, reason=""
        )
    done = services.registration_withdraw(
        actor=world.manager, access=access, registration=registration, reason="転居"
    )
    assert done.state == Registration.State.WITHDRAWN


def test_ic9_renew_registers_last_years_registered_once_with_the_group_recomputed(world):
    # 34 on 1 April 2025 (group 1), 35 on 1 April 2026 (group 2).
    kept = registered(world, fiscal_year=FY - 1, birth_date=date(1990, 6, 1))
    gone = registered(world, fiscal_year=FY - 1, family_name="佐藤", family_name_kana="さとう")
    services.registration_withdraw(
        actor=world.manager, access=world.access(world.manager), registration=gone, reason="転居"
    )
    assert kept.group == "1"
    access = world.access(world.manager)
    assert services.registrations_renew(actor=world.manager, access=access, fiscal_year=FY) == 1
    assert services.registrations_renew(actor=world.manager, access=access, fiscal_year=FY) == 0
    [renewed] = Registration.objects.filter(fiscal_year=FY)
    assert renewed.participant_id == kept.participant_id
    assert renewed.renewed and renewed.group == "2"
    assert renewed.state == Registration.State.REGISTERED


@pytest.mark.parametrize("who", ["manager", "nurse"])
def test_ic30_health_read_by_manager_and_nurse_is_audited(world, who):
    p = participant(world)
    health = selectors.participant_health(access=world.access(world.user(who)), participant=p)
    assert health["medical_notes"] == "てんかんの発作あり"
    event = AuditEvent.objects.get(action="ic_participant.read_health")
    assert event.actor == world.user(who)
    assert "てんかん" not in str(event.changes)


@pytest.mark.parametrize("who", ["volunteer", "worker", "supervisor", "auditor", "outsider"])
def test_ic30_a_volunteer_and_others_never_read_health(world, who):
    p = participant(world)
    with pytest.raises(Http404):
        selectors.participant_health(access=world.access(world.user(who)), participant=p)
    assert not AuditEvent.objects.filter(action="ic_participant.read_health").exists()


def test_group_sizes_unbalanced_rule():
    # The project's own rule: a difference of more than a third of the larger group.
    assert not selectors.GroupSizes(30, 20).unbalanced
    assert selectors.GroupSizes(30, 19).unbalanced
    assert not selectors.GroupSizes(0, 0).unbalanced
