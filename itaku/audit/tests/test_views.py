"""The auditor's log (PI-10): only auditors, only their contracts, filters, an audited download."""

from __future__ import annotations

import csv
import io

import pytest

from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_START
from itaku.core import domain, services
from itaku.web.tests.helpers import DATE_RANGE, ODD_DATES, error_next_to

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
    assert body.startswith("\ufeff連番")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) > 1 and all(row[5].startswith("roster") for row in rows[1:])
    event = AuditEvent.objects.filter(action="audit_log.export").latest("seq")
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


@pytest.mark.parametrize("odd", ODD_DATES)
@pytest.mark.parametrize("field", ["start", "end"])
def test_an_odd_period_date_is_an_error_next_to_the_filter_not_a_500(
    client, world, frozen_today, field, odd
):
    # 9999-12-31 as the end overflowed the day after it in audit_event_list: a 500.
    client.force_login(world.auditor)
    response = client.get(URL, {field: odd})
    assert response.status_code == 400
    assert DATE_RANGE in error_next_to(response.content.decode(), f"id_{field}")
