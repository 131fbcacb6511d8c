"""The auditor's log (PI-10): only auditors, only their contracts, filters, an audited download."""

from __future__ import annotations

import csv
import io

import pytest

from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_START
from itaku.core import domain, services

pytestmark = pytest.mark.django_db
URL = "/audit/"


@pytest.mark.parametrize(
    "username", ["outsider", "manager", "worker", "supervisor", "requester", "volunteer"]
)
def test_only_auditors_see_the_audit_log(client, world, frozen_today, username):
    client.force_login(world.user(username))
    assert client.get(URL).status_code == 404
    assert client.get(URL + "?format=csv").status_code == 404


def test_the_auditor_sees_only_the_events_of_contracts_they_audit(client, world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.other_contract)
    client.force_login(world.auditor)
    page = client.get(URL)
    assert page.status_code == 200
    shown = {e.contract_id for e in page.context["page"]}
    assert shown == {world.contract.pk}
    assert AuditEvent.objects.filter(contract=world.other_contract).exists()


def test_the_filters_narrow_by_person_action_record_and_period(client, world, frozen_today):
    client.force_login(world.auditor)
    by_manager = client.get(URL, {"username": "manager"}).context["page"]
    assert by_manager.paginator.count > 0
    assert {e.actor_id for e in by_manager} == {world.manager.pk}
    approvals = client.get(URL, {"action": "roster_version.approve"}).context["page"]
    assert {e.action for e in approvals} == {"roster_version.approve"}
    version = world.contract.roster_versions.first()
    record = client.get(
        URL, {"target_type": "core.rosterversion", "target_id": str(version.pk)}
    ).context["page"]
    assert {e.target_id for e in record} == {str(version.pk)}
    assert client.get(URL, {"end": "2000-01-01"}).context["page"].paginator.count == 0
    assert client.get(URL, {"start": "not-a-date"}).status_code == 400


def test_the_download_is_a_csv_excel_opens_and_is_itself_audited(client, world, frozen_today):
    client.force_login(world.auditor)
    response = client.get(URL, {"format": "csv", "action": "roster"})
    body = response.content.decode("utf-8")
    assert response["Content-Disposition"].startswith("attachment;")
    assert body.startswith("\ufeff連番,連鎖")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) > 1 and all(row[6].startswith("roster") for row in rows[1:])
    event = AuditEvent.objects.filter(action="audit.export").latest("occurred_at", "id")
    assert event.actor == world.auditor
    assert event.changes == {"action": "roster"}


def test_a_second_contract_the_auditor_audits_appears_too(client, world, frozen_today):
    services.ward_role_grant(
        actor=world.admin,
        contract=world.other_contract,
        person=world.auditor.person,
        role=domain.Role.AUDITOR,
        valid_from=PERIOD_START,
    )
    client.force_login(world.auditor)
    page = client.get(URL, {"contract": world.other_contract.pk}).context["page"]
    assert {e.contract_id for e in page} == {world.other_contract.pk}


def test_pi10_a_list_pages_read_is_found_by_any_record_it_showed(client, world, frozen_today):
    from itaku.audit.services import audit_reads
    from itaku.core.models import RosterEntry

    shown = [RosterEntry(pk=123), RosterEntry(pk=45)]  # only their ids are recorded
    audit_reads(actor=world.supervisor, contract=world.contract, records=shown)
    client.force_login(world.auditor)

    def found(target_id: str) -> list:
        page = client.get(URL, {"target_id": target_id, "action": "roster_entry.read"})
        return [e.changes["ids"] for e in page.context["page"]]

    assert found("123") == found("45") == [["123", "45"]]
    assert found("12") == found("4") == []  # a whole id, not part of one
    html = client.get(URL, {"action": "roster_entry.read"}).content.decode()
    assert "2件の記録を表示(ID:123、45)" in html
