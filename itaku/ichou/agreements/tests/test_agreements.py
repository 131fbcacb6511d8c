"""The 協議記録 (IC-35) and the quarterly confirmation (IC-28) through their services: numbered,
sealed, audited, confirmed by the ward and then unchangeable (a new record supersedes it), the
steps of the other parts pointing only to their own contract's record; a quarter requested only
after it ends, confirmed or returned by the ward, invoiced only after the confirmation."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from itaku.audit.models import AuditEvent
from itaku.ichou.agreements import selectors, services
from itaku.ichou.agreements.demo import agreement_values
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.ichou.agreements.tests.helpers import AFTER_Q1, agreement, confirmed, requested
from itaku.ichou.programme.tests.helpers import make_ichou

pytestmark = pytest.mark.django_db
NUMBER = "1234–5678–9018"


def _other_contract_record(world) -> Agreement:
    from itaku.core.models import Contract

    Contract.objects.filter(pk=world.other_contract.pk).update(service_kind="ichou")
    world.other_contract.refresh_from_db()
    return Agreement.objects.create(
        contract=world.other_contract,
        number=1,
        agreed_on=date(2026, 5, 1),
        kind="group_move",
        subject="別の契約",
        content="別の契約の協議",
        ward_attendees="区",
        contractor_attendees="別の受注者",
    )


def test_ic35_records_are_numbered_per_contract_sealed_and_audited(world, frozen_today):
    first = agreement(world, "eligibility")
    second = agreement(world, "group_move", by=world.supervisor)
    assert (first.number, second.number) == (1, 2)
    assert AuditEvent.objects.filter(action="ic_agreement.record").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM ichou_agreement WHERE id = %s", [first.pk])
        stored = cursor.fetchone()[0]
    assert "参加" not in stored
    first.refresh_from_db()
    assert first.content == agreement_values("eligibility")["content"]


def test_ic35_a_record_needs_its_fields_and_refuses_a_my_number_and_a_future_day(
    world, frozen_today
):
    make_ichou(world)
    access = world.access(world.manager)
    with pytest.raises(ValidationError) as caught:
        services.agreement_record(
            actor=world.manager,
            access=access,
            values=agreement_values("other") | {"subject": " ", "kind": "x"},
        )
    assert set(caught.value.message_dict) == {"subject", "kind"}
    with pytest.raises(ValidationError) as caught:
        services.agreement_record(
            actor=world.manager,
            access=access,
            values=agreement_values("other") | {"agreed_on": date(2026, 6, 16)},
        )
    assert "agreed_on" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.agreement_record(
            actor=world.manager,
            access=access,
            values=agreement_values("other") | {"content": f"番号 {NUMBER}"},
        )
    assert not Agreement.objects.exists()


def test_ic35_only_the_ward_supervisor_confirms_and_then_it_cannot_change(world, frozen_today):
    record = agreement(world)
    with pytest.raises((PermissionDenied, Http404)):
        services.agreement_confirm(
            actor=world.manager, access=world.access(world.manager), agreement=record
        )
    changed = services.agreement_change(
        actor=world.manager,
        access=world.access(world.manager),
        agreement=record,
        values=agreement_values("other") | {"subject": "直した件名"},
    )
    assert changed.subject == "直した件名"
    services.agreement_confirm(
        actor=world.supervisor, access=world.access(world.supervisor), agreement=record
    )
    assert AuditEvent.objects.filter(action="ic_agreement.confirm").count() == 1
    with pytest.raises(ValidationError):
        services.agreement_change(
            actor=world.manager,
            access=world.access(world.manager),
            agreement=record,
            values=agreement_values("other"),
        )
    with pytest.raises(ValidationError):
        services.agreement_confirm(
            actor=world.supervisor, access=world.access(world.supervisor), agreement=record
        )
    record.refresh_from_db()
    assert record.subject == "直した件名"


def test_ic35_a_confirmed_record_is_superseded_once_by_a_new_one(world, frozen_today):
    old = confirmed(world)
    unconfirmed = agreement(world)
    access = world.access(world.manager)
    new = services.agreement_record(
        actor=world.manager,
        access=access,
        values=agreement_values("other") | {"content": "改めた内容"},
        supersedes=old,
    )
    assert new.supersedes == old and new.number == 3
    old.refresh_from_db()
    assert old.superseded_by == new
    with pytest.raises(ValidationError):
        services.agreement_record(
            actor=world.manager, access=access, values=agreement_values("other"), supersedes=old
        )
    with pytest.raises(ValidationError):
        services.agreement_record(
            actor=world.manager,
            access=access,
            values=agreement_values("other"),
            supersedes=unconfirmed,
        )


def test_ic35_the_outsider_and_the_nurse_cannot_record(world, frozen_today):
    make_ichou(world)
    for user in (world.nurse, world.worker):
        with pytest.raises((PermissionDenied, Http404)):
            services.agreement_record(
                actor=user, access=world.access(user), values=agreement_values("other")
            )


def test_ic35_a_step_accepts_only_its_own_contracts_record(world, frozen_today):
    own = agreement(world, "group_move")
    other = _other_contract_record(world)
    access = world.access(world.manager)
    assert services.agreement_for_step(access=access, agreement=None) is None
    assert services.agreement_for_step(access=access, agreement=str(own.pk)) == own
    with pytest.raises(ValidationError) as caught:
        services.agreement_for_step(access=access, agreement=other)
    assert "agreement" in caught.value.message_dict


def test_ic35_the_step_choices_offer_the_contracts_records_of_the_kind(world, frozen_today):
    wanted = agreement(world, "cancellation")
    agreement(world, "other")
    _other_contract_record(world)
    choices = selectors.agreement_choices(world.contract, "cancellation")
    assert [pk for pk, _ in choices] == [str(wanted.pk)]
    assert "区の確認前" in choices[0][1]


# ---- the steps of the other parts --------------------------------------------------------------


def _registration(world):
    from itaku.ichou.participants import services as p_services
    from itaku.ichou.participants.tests.helpers import participant

    person = participant(world)
    registration, _ = p_services.registration_add(
        actor=world.manager,
        access=world.access(world.manager),
        participant=person,
        fiscal_year=2026,
    )
    return registration


def test_ic35_eligibility_and_group_move_point_to_an_agreement(world, frozen_today):
    from itaku.ichou.participants import services as p_services

    registration = _registration(world)
    eligibility = confirmed(world, "eligibility")
    p_services.registration_agree(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        registration=registration,
        agreement=eligibility,
    )
    move = agreement(world, "group_move")
    p_services.registration_move_group(
        actor=world.manager,
        access=world.access(world.manager),
        registration=registration,
        reason="人数の調整",
        agreement=str(move.pk),
    )
    registration.refresh_from_db()
    assert registration.eligibility_agreement == eligibility
    assert registration.group_agreement == move
    event = AuditEvent.objects.filter(action="ic_registration.move_group").last()
    assert event.changes["agreement"] == move.number


def test_ic35_a_group_move_refuses_another_contracts_agreement(world, frozen_today):
    from itaku.ichou.participants import services as p_services

    registration = _registration(world)
    other = _other_contract_record(world)
    with pytest.raises(ValidationError):
        p_services.registration_move_group(
            actor=world.manager,
            access=world.access(world.manager),
            registration=registration,
            reason="人数の調整",
            agreement=other,
        )
    registration.refresh_from_db()
    assert registration.group_agreement is None and not registration.group_reason


def test_ic35_revision_and_weather_cancellation_point_to_an_agreement(world, frozen_today):
    from itaku.ichou.programme import services as g_services
    from itaku.ichou.programme.tests.helpers import approved

    programme = approved(world)
    access = world.access(world.manager)
    activity = programme.activities.filter(date__gte=date(2026, 6, 15)).first()
    cancel = agreement(world, "cancellation", agreed_on=date(2026, 6, 15))
    g_services.activity_cancel_for_weather(
        actor=world.manager,
        access=access,
        activity=activity,
        agreed_on=date(2026, 6, 15),
        notice_sent_on=date(2026, 6, 15),
        agreement=cancel,
    )
    activity.refresh_from_db()
    assert activity.cancellation_agreement == cancel
    change = agreement(world, "programme_change")
    new = g_services.programme_revise(
        actor=world.manager, access=access, programme=programme, reason="日の変更", agreement=change
    )
    assert new.agreement == change
    copy = new.activities.get(date=activity.date, start=activity.start, group=activity.group)
    assert copy.cancellation_agreement == cancel
    other = _other_contract_record(world)
    with pytest.raises(ValidationError):
        g_services.programme_revise(
            actor=world.manager, access=access, programme=programme, reason="x", agreement=other
        )


# ---- the quarters (IC-28) ---------------------------------------------------------------------


def test_ic28_a_quarter_is_requested_only_after_it_ends(world, frozen_today):
    make_ichou(world)
    with pytest.raises(ValidationError):
        services.quarter_request(
            actor=world.manager, access=world.access(world.manager), fiscal_year=2026, quarter=1
        )
    q = requested(world)
    assert q.state == QuarterConfirmation.State.REQUESTED
    assert set(q.figures) == {
        "planned",
        "held",
        "cancelled",
        "attendance",
        "work_logs",
        "accidents",
    }
    assert AuditEvent.objects.filter(action="ic_quarter.request").count() == 1
    with pytest.raises(ValidationError):
        requested(world)


def test_ic28_the_figures_count_the_quarters_activities(world, frozen_today):
    from itaku.ichou.programme.tests.helpers import approved

    programme = approved(world)
    q1 = programme.activities.filter(date__lte=date(2026, 6, 30)).count()
    figures = selectors.quarter_figures(contract=world.contract, fiscal_year=2026, quarter=1)
    assert figures["planned"] == q1 > 0
    assert figures["held"] == figures["attendance"] == figures["accidents"] == 0


def test_ic28_the_ward_confirms_or_returns_and_a_returned_quarter_is_asked_again(
    world, frozen_today
):
    q = requested(world)
    ward = world.access(world.supervisor, on=AFTER_Q1)
    with pytest.raises((PermissionDenied, Http404)):
        services.quarter_decide(
            actor=world.manager,
            access=world.access(world.manager, on=AFTER_Q1),
            confirmation=q,
            confirm=True,
        )
    with pytest.raises(ValidationError):
        services.quarter_decide(actor=world.supervisor, access=ward, confirmation=q, confirm=False)
    q = services.quarter_decide(
        actor=world.supervisor, access=ward, confirmation=q, confirm=False, reason="数が違う"
    )
    assert q.state == QuarterConfirmation.State.RETURNED
    q = requested(world)
    assert q.state == QuarterConfirmation.State.REQUESTED
    q = services.quarter_decide(actor=world.supervisor, access=ward, confirmation=q, confirm=True)
    assert q.state == QuarterConfirmation.State.CONFIRMED
    assert AuditEvent.objects.filter(action="ic_quarter.return").count() == 1
    assert AuditEvent.objects.filter(action="ic_quarter.confirm").count() == 1


def test_ic28_the_invoice_is_recorded_only_after_the_confirmation(world, frozen_today):
    q = requested(world)
    mgr = world.access(world.manager, on=AFTER_Q1)
    invoice = {"number": "INV-1", "invoice_date": date(2026, 7, 1), "amount": 3_300_000}
    with pytest.raises(ValidationError):
        services.quarter_invoice(actor=world.manager, access=mgr, confirmation=q, **invoice)
    services.quarter_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor, on=AFTER_Q1),
        confirmation=q,
        confirm=True,
    )
    with pytest.raises(ValidationError) as caught:
        services.quarter_invoice(
            actor=world.manager, access=mgr, confirmation=q, **invoice | {"amount": 0}
        )
    assert "amount" in caught.value.message_dict
    q = services.quarter_invoice(actor=world.manager, access=mgr, confirmation=q, **invoice)
    assert (q.invoice_number, q.invoice_amount) == ("INV-1", 3_300_000)
    assert AuditEvent.objects.filter(action="ic_quarter.invoice").count() == 1
    with pytest.raises(ValidationError):
        services.quarter_invoice(actor=world.manager, access=mgr, confirmation=q, **invoice)


# ---- the home page ----------------------------------------------------------------------------


def _todos(world, user, on=AFTER_Q1):
    from itaku.core.access import contract_accesses

    return selectors.agreement_todos(user, on, contract_accesses(user, on=on))


def test_ic35_ic28_the_ward_supervisor_sees_what_waits_and_the_manager_a_return(
    world, frozen_today
):
    record = agreement(world)
    q = requested(world)
    ward = _todos(world, world.supervisor)
    assert [i.action_label for i in ward] == ["協議記録を確認する", "履行を確認する"]
    assert _todos(world, world.manager) == []
    services.agreement_confirm(
        actor=world.supervisor, access=world.access(world.supervisor), agreement=record
    )
    services.quarter_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor, on=AFTER_Q1),
        confirmation=q,
        confirm=False,
        reason="確認して",
    )
    assert _todos(world, world.supervisor) == []
    assert [i.action_label for i in _todos(world, world.manager)] == ["確認して依頼し直す"]
    assert _todos(world, world.outsider) == []


def test_ic35_the_todos_take_two_queries(world, frozen_today, django_assert_max_num_queries):
    from itaku.core.access import contract_accesses

    agreement(world)
    requested(world)
    accesses = contract_accesses(world.supervisor, on=AFTER_Q1)
    with django_assert_max_num_queries(2):
        selectors.agreement_todos(world.supervisor, AFTER_Q1, accesses)


def test_ic35_the_contract_end_package_returns_agreements_and_quarters(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.agreements.decl import PACKAGE_SECTIONS

    agreement(world)
    requested(world)
    [section] = PACKAGE_SECTIONS
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {"ichou/agreements.csv", "ichou/quarter_confirmations.csv"}
