"""Reporting a leak and following it up: audited, the ward told at once, no personal data in the
notice or its e-mail, no My Number in the narratives (PI-7, PI-5, PI-9, PI-11)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from itaku.audit.models import AuditEvent
from itaku.core.models import Notification
from itaku.core.services.notifications import notification_mail
from itaku.leaks import services
from itaku.leaks.contributions import LEAK_REPORTED
from itaku.leaks.domain import Step
from itaku.leaks.models import LeakIncident

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
DISCOVERED = datetime(2026, 6, 15, 8, 30, tzinfo=TOKYO)
NARRATIVE = {
    "what_happened": "受講者 区民花子さんの連絡先一覧を、保護者 港太郎さんへ誤って送信した。",
    "cause": "宛先の選択を誤った。送信前の確認をしていなかった。",
    "containment": "受信者へ削除を依頼し、削除を電話で確認した。",
}


def report(world, user="worker", **overrides):
    arguments = {
        "discovered_at": DISCOVERED,
        "suspected": False,
        "wrongdoing": False,
        **NARRATIVE,
        "affected": {"participants": 12, "guardians": 3},
    }
    arguments.update(overrides)
    actor = world.user(user)
    return services.leak_record(actor=actor, access=world.access(actor), **arguments)


def test_pi7_a_worker_reports_a_leak_and_it_is_saved_and_audited(world, frozen_today):
    incident = report(world)
    incident.refresh_from_db()
    assert incident.contract == world.contract
    assert incident.recorded_by == world.worker
    assert incident.ward_notified_at == incident.recorded_at  # the ward is told at once
    assert incident.what_happened == NARRATIVE["what_happened"]
    assert incident.affected == {
        "participants": 12,
        "guardians": 3,
        "customers": 0,
        "staff": 0,
        "others": 0,
    }
    event = AuditEvent.objects.get(action="leak.record")
    assert event.actor == world.worker
    assert event.contract == world.contract
    assert event.target_id == str(incident.pk)
    assert event.changes["affected"]["participants"] == 12
    assert event.changes["notified"] == [world.supervisor.pk]
    # The audit log holds no narrative: it is read by auditors and kept for ever.
    for text in NARRATIVE.values():
        assert text not in str(event.changes)


def test_pi6_the_narratives_are_stored_sealed(world, frozen_today):
    from django.db import connection

    incident = report(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT what_happened, cause, containment FROM leaks_leakincident WHERE id = %s",
            [incident.pk],
        )
        stored = " ".join(cursor.fetchone())
    for text in NARRATIVE.values():
        assert text not in stored
    assert "区民花子" not in stored


def test_pi7_every_ward_supervisor_is_notified_at_once_with_a_link(world, frozen_today):
    incident = report(world)
    notification = Notification.objects.get()
    assert notification.recipient == world.supervisor
    assert notification.kind == LEAK_REPORTED.key
    assert notification.link == f"/contracts/{world.contract.pk}/leaks/{incident.pk}/"
    assert notification.contract == world.contract
    assert notification.read_at is None


def test_a_supervisor_who_reports_a_leak_is_not_notified_of_it(world, frozen_today):
    report(world, user="supervisor")
    assert not Notification.objects.exists()


def test_ic30_the_leak_e_mail_holds_none_of_the_records_text_or_names(
    world, frozen_today, mailoutbox, django_capture_on_commit_callbacks
):
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        incident = report(world)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["kantoku@city.example"]
    link = f"/contracts/{world.contract.pk}/leaks/{incident.pk}/"
    # Built from the kind's label and the link only ...
    assert (mail.subject, mail.body) == notification_mail(kind=LEAK_REPORTED, link=link)
    assert "漏えい等の報告" in mail.subject
    assert link in mail.body
    # ... so nothing of the record, the people or the contract reaches the mailbox.
    whole = mail.subject + mail.body
    forbidden = [
        *NARRATIVE.values(),
        "区民花子",
        "港太郎",
        world.worker.get_full_name(),
        world.supervisor.get_full_name(),
        world.contract.title,
        world.contract.number,
        world.contract.contractor.name,
        "12人",
        "受講者",
    ]
    for text in forbidden:
        assert text not in whole, text


def test_no_e_mail_leaves_when_the_report_is_rolled_back(
    world, frozen_today, mailoutbox, django_capture_on_commit_callbacks
):
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report(world)
        raise RuntimeError("the caller's transaction fails after the report")
    assert mailoutbox == []
    assert not Notification.objects.exists()
    assert not LeakIncident.objects.exists()


def test_pi11_a_my_number_in_a_narrative_is_refused_audited_and_nothing_is_saved(
    world, frozen_today
):
    from itaku.privacy.domain import my_number_check_digit

    number = "31415926535" + str(my_number_check_digit("31415926535"))
    with pytest.raises(ValidationError) as info:
        report(world, cause=f"個人番号 {number} が書かれた書類を紛失")
    assert set(info.value.message_dict) == {"cause"}
    assert not LeakIncident.objects.exists()
    assert not Notification.objects.exists()
    event = AuditEvent.objects.get(action="my_number.refuse")
    assert event.changes == {"fields": ["cause"]}
    assert event.contract == world.contract
    assert number not in str(event.changes)


@pytest.mark.parametrize("user", ["auditor", "nurse", "volunteer", "requester"])
def test_only_the_supervisor_manager_and_worker_may_report(world, frozen_today, user):
    with pytest.raises(PermissionDenied):
        report(world, user=user)
    assert not LeakIncident.objects.exists()


def test_an_outsider_cannot_even_reach_the_contract(world, frozen_today):
    with pytest.raises(Http404):
        world.access(world.outsider)


def test_a_future_discovery_and_a_negative_count_are_refused_by_field(world, frozen_today):
    with pytest.raises(ValidationError) as info:
        report(
            world,
            discovered_at=datetime(2026, 6, 16, 9, 0, tzinfo=TOKYO),
            affected={"staff": -2},
        )
    assert set(info.value.message_dict) == {"discovered_at", "staff_affected"}


def follow(world, incident, step, when, user="supervisor"):
    actor = world.user(user)
    return services.leak_follow(
        actor=actor, access=world.access(actor), incident_id=incident.pk, step=step, at=when
    )


def test_pi7_the_supervisor_records_the_follow_up_with_before_and_after(world, frozen_today):
    incident = report(world)
    sent = datetime(2026, 6, 15, 9, 45, tzinfo=TOKYO)
    follow(world, incident, Step.PRELIMINARY, sent)
    incident.refresh_from_db()
    assert incident.preliminary_reported_at == sent
    event = AuditEvent.objects.get(action="leak.preliminary")
    assert event.actor == world.supervisor
    assert event.target_id == str(incident.pk)
    assert event.changes == {
        "preliminary_reported_at": {"before": None, "after": str(sent)},
    }
    # The narratives were not touched and still open.
    assert incident.what_happened == NARRATIVE["what_happened"]


def test_pi7_the_follow_up_runs_in_order_to_closure(world, frozen_today):
    incident = report(world)
    when = datetime(2026, 6, 15, 9, 50, tzinfo=TOKYO)
    with pytest.raises(ValidationError, match="確報を記録してから"):
        follow(world, incident, Step.CLOSED, when)
    with pytest.raises(ValidationError, match="先に速報"):
        follow(world, incident, Step.FINAL, when)
    for step in (Step.PRELIMINARY, Step.FINAL, Step.PERSONS_NOTIFIED, Step.CLOSED):
        follow(world, incident, step, when)
    incident.refresh_from_db()
    assert incident.closed_at == when
    with pytest.raises(ValidationError, match="対応を完了しています"):
        follow(world, incident, Step.PRELIMINARY, when)
    assert AuditEvent.objects.filter(action__startswith="leak.").count() == 5


@pytest.mark.parametrize("user", ["worker", "manager", "auditor"])
def test_only_the_ward_supervisor_follows_up(world, frozen_today, user):
    incident = report(world)
    with pytest.raises(PermissionDenied):
        follow(world, incident, Step.PRELIMINARY, DISCOVERED, user=user)
    incident.refresh_from_db()
    assert incident.preliminary_reported_at is None


def test_an_incident_of_another_contract_is_not_found(world, frozen_today):
    from itaku.conftest import PERIOD_START
    from itaku.core import domain
    from itaku.core import services as core_services

    incident = report(world)
    core_services.ward_role_grant(
        actor=world.admin,
        contract=world.other_contract,
        person=world.auditor.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=PERIOD_START,
    )
    access = world.access(world.auditor, world.other_contract)
    with pytest.raises(Http404):
        services.leak_follow(
            actor=world.auditor,
            access=access,
            incident_id=incident.pk,
            step=Step.PRELIMINARY,
            at=DISCOVERED,
        )


def test_pi7_a_leak_found_after_the_contract_ended_is_still_reported_by_the_ward(
    world, frozen_today
):
    from itaku.core import services as core_services

    core_services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    incident = report(world, user="supervisor")
    follow(world, incident, Step.PRELIMINARY, DISCOVERED + timedelta(hours=1))
    with pytest.raises(Http404):
        world.access(world.worker)  # the contractor's grant ended with the contract
