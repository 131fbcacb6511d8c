"""The auditor's log (PI-10): only auditors, only their contracts, filters, an audited download."""

from __future__ import annotations

import csv
import io
import re

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
    by_manager = client.get(URL, {"actor": world.manager.pk}).context["page"]
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


def test_the_page_hands_out_no_file_any_more(client, world, frozen_today):
    client.force_login(world.auditor)
    response = client.get(URL, {"format": "csv", "action": "roster"})
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(action="audit_log.export").exists()


def _export_form(page) -> dict[str, str]:
    """The hidden fields of the page's 「出力を申請」 form, as a browser would send them."""
    import re

    html = page.content.decode()
    form = html[html.index('<input type="hidden" name="kind" value="audit_log"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_the_auditors_copy_is_an_approved_export_of_the_filtered_events(
    client, world, frozen_today
):
    from itaku.documents.protect import zip_read
    from itaku.privacy.models import ExportRequest

    client.force_login(world.auditor)
    chosen = {"action": "roster_entry.add", "actor": str(world.manager.pk), "start": "2026-04-01"}
    page = client.get(URL, chosen)
    assert "出力を申請" in page.content.decode()
    fields = _export_form(page)
    assert fields == {"kind": "audit_log", **chosen}
    last = AuditEvent.objects.filter(action="roster_entry.add").latest("id").id
    response = client.post(
        f"/contracts/{world.contract.pk}/exports/request/",
        {**fields, "file_format": "csv", "purpose": "年次監査の資料"},
    )
    assert response.status_code == 302
    request = ExportRequest.objects.get()
    assert request.requested_by == world.auditor and request.state == "requested"
    assert request.parameters == {
        "contract_id": world.contract.pk,
        "action": "roster_entry.add",
        "actor": world.manager.pk,
        "start": "2026-04-01",
        "until_id": last,
    }
    # Not before a supervisor of the contract approves.
    made = client.post(f"/contracts/{world.contract.pk}/exports/{request.pk}/file/")
    assert made.status_code == 302
    request.refresh_from_db()
    assert request.state == "requested"

    client.force_login(world.supervisor)
    listing = client.get(f"/contracts/{world.contract.pk}/exports/").content.decode()
    assert "監査記録" in listing and "操作:名簿への追加" in listing
    assert f"操作者:{world.manager.get_full_name()}" in listing
    client.post(f"/contracts/{world.contract.pk}/exports/{request.pk}/approve/")
    # An event that matches but comes after the request is not in the file.
    services.roster_entry_add(
        actor=world.manager,
        access=world.access(world.manager),
        person=world.outsider.person,
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=PERIOD_START,
        pledge_date=PERIOD_START,
    )
    assert AuditEvent.objects.filter(action="roster_entry.add", id__gt=last).exists()

    client.force_login(world.auditor)
    page = client.post(f"/contracts/{world.contract.pk}/exports/{request.pk}/file/")
    password = page.context["password"]
    download = client.get(f"/contracts/{world.contract.pk}/exports/{request.pk}/download/")
    [(name, content)] = zip_read(data=download.content, password=password).items()
    assert name.endswith(".csv")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert world.auditor.get_full_name() in lines[0][0] and "年次監査の資料" in lines[0][0]
    assert lines[1][:2] == ["連番", "連鎖"]
    rows = lines[2:]
    assert rows and all(row[6] == "roster_entry.add" for row in rows)
    expected = AuditEvent.objects.filter(
        contract=world.contract, action="roster_entry.add", actor=world.manager, id__lte=last
    ).count()
    assert len(rows) == expected
    assert ExportRequest.objects.get().row_count == expected


def test_an_auditor_of_several_contracts_asks_for_one_contract_at_a_time(
    client, world, frozen_today
):
    services.ward_role_grant(
        actor=world.admin,
        contract=world.other_contract,
        person=world.auditor.person,
        role=domain.Role.AUDITOR,
        valid_from=PERIOD_START,
    )
    client.force_login(world.auditor)
    everything = client.get(URL).content.decode()
    assert 'value="audit_log"' not in everything
    assert "契約を選んで絞り込んでください" in everything
    one = client.get(URL, {"contract": world.other_contract.pk})
    assert f"/contracts/{world.other_contract.pk}/exports/request/" in one.content.decode()


def test_only_an_auditor_of_the_contract_may_ask_for_its_log(client, world, frozen_today):
    from itaku.privacy.models import ExportRequest

    for user in (world.manager, world.supervisor, world.outsider):
        client.force_login(user)
        response = client.post(
            f"/contracts/{world.contract.pk}/exports/request/",
            {"kind": "audit_log", "file_format": "csv", "purpose": "見たい"},
        )
        assert response.status_code in (400, 403, 404)
    assert not ExportRequest.objects.exists()


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


def _choices(page, field: str) -> dict[str, str]:
    """A filter's options, value → text, as the page offers them."""
    return {str(value): str(label) for value, label in page.context["form"][field].field.choices}


def test_the_filters_are_chosen_from_the_catalogue_the_people_and_the_records_seen(
    client, world, frozen_today
):
    from itaku.core.registry import audit_events

    services.obligations_declare_standard(actor=world.admin, contract=world.other_contract)
    client.force_login(world.auditor)
    page = client.get(URL)
    html = page.content.decode()
    # Every event of the catalogue, by its label, in groups.
    kinds = {
        key: label
        for _group, events in page.context["form"]["action"].field.choices[1:]
        for key, label in events
    }
    assert kinds == {key: kind.label for key, kind in audit_events().items()}
    assert '<option value="roster_entry.add">名簿への追加</option>' in html
    # The people who acted on the audited contract, by name, with their user id as the value.
    people = _choices(page, "actor")
    shown = set(
        AuditEvent.objects.filter(contract=world.contract).values_list("actor_id", flat=True)
    )
    assert set(people) - {""} == {str(pk) for pk in shown}
    assert people[str(world.manager.pk)] == world.manager.get_full_name()
    assert str(world.outsider.pk) not in people
    # The kinds of record, by their names.
    records = _choices(page, "target_type")
    assert records["core.rosterentry"] == "従事者名簿の記載"
    assert "core.obligation" not in records  # only in the other contract's log


def test_a_code_typed_into_the_url_is_not_a_choice(client, world, frozen_today):
    client.force_login(world.auditor)
    for wrong in ({"action": "roster"}, {"actor": "99999"}, {"target_type": "core.person"}):
        response = client.get(URL, wrong)
        assert response.status_code == 400, wrong


def test_a_kind_of_event_is_matched_whole(client, world, frozen_today):
    from django.db import transaction

    from itaku.audit.services import audit_record
    from itaku.core.registry import AuditEventKind
    from itaku.core.tests.plugins import extra_contributions

    kinds = [AuditEventKind("test.hold", "保留"), AuditEventKind("test.holdover", "持ち越し")]
    with extra_contributions("audit_more", AUDIT_EVENTS=kinds):
        with transaction.atomic():
            audit_record(actor=world.manager, action="test.hold", contract=world.contract)
            audit_record(actor=world.manager, action="test.holdover", contract=world.contract)
        client.force_login(world.auditor)
        page = client.get(URL, {"action": "test.hold"}).context["page"]
    assert [e.action for e in page] == ["test.hold"]


def test_a_reversed_period_is_an_error_next_to_it_not_an_empty_list(client, world, frozen_today):
    from itaku.audit.forms import REVERSED_PERIOD

    client.force_login(world.auditor)
    response = client.get(URL, {"start": "2026-06-10", "end": "2026-06-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert REVERSED_PERIOD in error_next_to(html, "id_end")
    assert "0件" not in html and "該当する記録はありません" not in html
    assert 'value="audit_log"' not in html  # nor an export of it
    one_day = client.get(URL, {"start": "2026-06-01", "end": "2026-06-01"})
    assert one_day.status_code == 200


def test_the_log_reads_who_did_what_to_which_record_in_words(client, world, frozen_today):
    services.roster_entry_add(
        actor=world.manager,
        access=world.access(world.manager),
        person=world.outsider.person,
        role=domain.Role.WORKER,
        qualifications=[domain.Qualification.NURSE_LICENCE],
        valid_from=PERIOD_START,
        pledge_date=PERIOD_START,
    )
    event = AuditEvent.objects.filter(action="roster_entry.add").latest("id")
    client.force_login(world.auditor)
    html = client.get(URL, {"action": "roster_entry.add", "actor": world.manager.pk}).content
    html = html.decode()
    rows = [r for r in html.split("<tr ")[1:] if f"（ID:{event.target_id}）" in r]
    assert len(rows) == 1
    row = rows[0][: rows[0].index("</tr>")]
    assert row.startswith('data-action="roster_entry.add"')
    assert "名簿への追加" in row
    assert world.manager.get_full_name() in row and "責任者" in row
    assert f'従事者名簿の記載<span class="nowrap">（ID:{event.target_id}）</span>' in row
    text = re.sub(r"<[^>]+>", "", row)
    assert "役割: (なし) → 従事者" in text
    assert "資格・経験: (なし) → 看護師免許" in text
    assert "従事開始日: (なし) → 令和8年4月1日" in text
    for code in ("'before'", "core.rosterentry<", ">roster_entry.add<", "worker"):
        assert code not in row
