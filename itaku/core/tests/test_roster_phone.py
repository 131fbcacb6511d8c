"""IC-19 (仕様書 9(1)ウ): the responsible person is 常に連絡が可能な者, so the roster keeps an
always-reachable phone: typed as a Japanese number, kept sealed, audited without the number,
applied at once, and shown only to the ward supervisor and the contractor's manager."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from itaku.audit.labels import change_lines
from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_START
from itaku.core import domain, services
from itaku.core.models import RosterEntry
from itaku.privacy.keys import data_key_destroy
from itaku.privacy.services import MY_NUMBER_MESSAGE
from itaku.web.tests.helpers import error_next_to

PHONE = "090-1234-5678"

# ---- the rule, on plain values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("090-1234-5678", "090-1234-5678"),
        ("09012345678", "09012345678"),
        ("03-1234-5678", "03-1234-5678"),
        ("0120-123-456", "0120-123-456"),
        ("０９０－１２３４－５６７８", "090-1234-5678"),  # full-width
        ("090ー1234ー5678", "090-1234-5678"),  # a long vowel mark for the hyphen
        ("090 1234 5678", "090-1234-5678"),
        (" 090-1234-5678 ", "090-1234-5678"),
        ("+81-90-1234-5678", "090-1234-5678"),
        ("+819012345678", "09012345678"),
        ("+81 3 1234 5678", "03-1234-5678"),
        ("+81(0)90-1234-5678", "090-1234-5678"),
    ],
    ids=lambda v: f"IC-19 {v}",
)
def test_ic19_a_japanese_phone_is_kept_in_one_form(typed, kept):
    assert domain.phone_normalise(typed) == kept
    assert domain.phone_problem(kept) is None


@pytest.mark.parametrize(
    "typed",
    [
        "090-1234-56789",  # 12 digits
        "0901234",  # 7 digits
        "00-1234-5678",  # an international prefix, not a number
        "90-1234-5678",  # no leading 0
        "-090-1234-5678",
        "090-1234-5678-",
        "+1-202-555-0100",  # abroad
        "090(1234)5678",
        "電話 090-1234-5678",
        "abc",
    ],
    ids=lambda v: f"IC-19 refused {v}",
)
def test_ic19_what_is_no_japanese_phone_is_refused(typed):
    assert domain.phone_problem(domain.phone_normalise(typed)) == domain.PHONE_PROBLEM


def test_ic19_ten_digits_are_a_phone_too():
    # A landline (03-1234-5678) has ten digits; the rule does not tell mobile from landline.
    assert domain.phone_problem("090-1234-567") is None


# ---- the services --------------------------------------------------------------------------


def new_person(**kw) -> services.NewPerson:
    person = services.NewPerson(
        family_name="新規", given_name="太郎", family_name_kana="しんき", given_name_kana="たろう"
    )
    return replace(person, **kw)


def add(world, **kw) -> RosterEntry:
    values = {
        "actor": world.manager,
        "access": world.access(world.manager),
        "person": new_person(),
        "role": domain.Role.WORKER,
        "qualifications": [],
        "valid_from": PERIOD_START,
        "pledge_date": date(2026, 6, 1),
    }
    values.update(kw)
    return services.roster_entry_add(**values)


def manager_entry(world) -> RosterEntry:
    return RosterEntry.objects.get(person__user=world.manager, contract=world.contract)


def change(world, entry: RosterEntry, **kw) -> RosterEntry:
    values = {
        "actor": world.manager,
        "access": world.access(world.manager),
        "entry": entry,
        "qualifications": entry.qualifications,
        "valid_to": entry.valid_to,
        "pledge_date": entry.pledge_date,
    }
    values.update(kw)
    return services.roster_entry_change(**values)


def stored(entry: RosterEntry) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM core_rosterentry WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


def audited(action: str, entry: RosterEntry) -> AuditEvent:
    return AuditEvent.objects.filter(action=action, target_id=str(entry.pk)).latest("pk")


@pytest.mark.django_db
def test_ic19_the_phone_is_stored_sealed_and_reads_back_as_kept(world, frozen_today):
    entry = add(world, contact_phone="＋81 90 1234 5678")
    raw = stored(entry)
    assert raw and "1234" not in raw and "5678" not in raw
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone == PHONE


@pytest.mark.django_db
def test_ic19_without_a_phone_nothing_is_stored(world, frozen_today):
    entry = add(world)  # the callers that know nothing of the phone keep working
    assert stored(entry) is None
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone is None


@pytest.mark.django_db
def test_ic19_the_audit_log_says_the_phone_was_recorded_changed_removed_never_the_number(
    world, frozen_today
):
    entry = add(world, contact_phone=PHONE)
    change(world, entry, contact_phone="03-1111-2222")
    changed = audited("roster_entry.change", entry)
    change(world, entry, contact_phone="")
    cleared = audited("roster_entry.change", entry)
    events = [audited("roster_entry.add", entry), changed, cleared]
    assert [e.changes["contact_phone"] for e in events] == ["set", "changed", "cleared"]
    for event in events:
        assert "1234" not in str(event.changes) and "1111" not in str(event.changes)
    lines = change_lines("core.rosterentry", events[1].changes)
    lines = [(line.label, line.value) for line in lines]
    assert ("常に連絡が取れる電話番号", "変更しました") in lines
    # The version sent to the ward is a JSON snapshot kept in clear: the phone stays out of it.
    manager = world.access(world.manager)
    version = services.roster_version_submit(actor=world.manager, access=manager)
    assert "contact_phone" not in str(version.snapshot)


@pytest.mark.django_db
def test_ic19_ending_or_changing_a_line_with_a_phone_says_nothing_of_the_phone(world, frozen_today):
    entry = add(world, contact_phone=PHONE)
    entry = RosterEntry.objects.defer("contact_phone").get(pk=entry.pk)  # as the pages load it
    change(world, entry, valid_to=date(2026, 9, 30))
    assert "contact_phone" not in audited("roster_entry.change", entry).changes
    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)
    assert "contact_phone" not in audited("roster_entry.end", entry).changes
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone == PHONE


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["090-1234", "1234-5678-9012-3", "電話してください"])
def test_ic19_a_bad_phone_is_refused_next_to_the_field_and_nothing_is_saved(
    world, frozen_today, typed
):
    count = RosterEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        add(world, contact_phone=typed)
    assert error.value.message_dict["contact_phone"] == [domain.PHONE_PROBLEM]
    assert RosterEntry.objects.count() == count
    entry = manager_entry(world)
    with pytest.raises(ValidationError) as error:
        change(world, entry, contact_phone=typed)
    assert error.value.message_dict["contact_phone"] == [domain.PHONE_PROBLEM]
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone is None


@pytest.mark.django_db
def test_pi11_a_my_number_typed_as_the_phone_is_refused_and_audited(world, frozen_today):
    with pytest.raises(ValidationError) as error:
        add(world, contact_phone="1234 5678 9018")
    assert error.value.message_dict["contact_phone"] == [MY_NUMBER_MESSAGE]
    event = AuditEvent.objects.get(action="my_number.refuse")
    assert event.changes["fields"] == ["contact_phone"] and "9018" not in str(event.changes)


@pytest.mark.django_db
def test_pi11_a_phone_from_abroad_is_not_taken_for_a_my_number(world, frozen_today):
    # +81 and ten digits make twelve, and about one in ten such numbers has a My Number's
    # check digit: the guard reads the phone as it is kept (0 and ten digits).
    typed = "+81-90-0000-0000"
    assert domain.phone_normalise(typed) == "090-0000-0000"
    from itaku.privacy.domain import contains_my_number

    assert contains_my_number(typed)
    entry = add(world, contact_phone=typed)
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone == "090-0000-0000"


@pytest.mark.django_db
def test_ic19_a_phone_change_applies_at_once_without_a_version_to_resubmit(world, frozen_today):
    # The phone is no term of access (domain.GrantTerms): a change of it widens nothing.
    entry = manager_entry(world)
    versions = world.contract.roster_versions.count()
    change(world, entry, contact_phone=PHONE)
    entry = RosterEntry.objects.get(pk=entry.pk)
    assert entry.contact_phone == PHONE
    assert not entry.awaits_approval
    assert world.contract.roster_versions.count() == versions  # no draft to submit
    assert "version" not in audited("roster_entry.change", entry).changes


@pytest.mark.django_db
def test_ic19_a_change_that_does_not_name_the_phone_leaves_it(world, frozen_today):
    entry = add(world, contact_phone=PHONE)
    change(world, entry, valid_to=date(2026, 9, 30))  # contact_phone not given: None
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone == PHONE


@pytest.mark.django_db
def test_ic19_the_administrator_appoints_the_manager_with_the_phone(world, frozen_today):
    contract = world.other_contract
    person = world.outsider.person
    person.organisation = contract.contractor
    person.save()
    entry = services.contract_manager_appoint(
        actor=world.admin,
        contract=contract,
        person=person,
        valid_from=PERIOD_START,
        pledge_date=date(2026, 3, 25),
        contact_phone="090-0000-0001",
    )
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone == "090-0000-0001"
    assert audited("roster_entry.add", entry).changes["contact_phone"] == "set"
    with pytest.raises(ValidationError) as error:
        services.contract_manager_appoint(
            actor=world.admin,
            contract=contract,
            person=person,
            valid_from=PERIOD_START,
            pledge_date=None,
            contact_phone="0000",
        )
    assert "contact_phone" in error.value.message_dict


# ---- the roster page -----------------------------------------------------------------------


def roster_page(client, world, user) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(reverse("core:roster", args=[world.contract.pk]))
    return response.status_code, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("user", "status", "sees"),
    [
        ("manager", 200, True),
        ("supervisor", 200, True),
        ("auditor", 200, False),  # reads the roster, not its phones
        ("worker", 404, False),
        ("nurse", 404, False),
        ("volunteer", 404, False),
        ("requester", 404, False),
        ("outsider", 404, False),
    ],
)
def test_ic19_the_phone_is_shown_to_the_manager_and_the_ward_supervisor_only(
    client, world, frozen_today, user, status, sees
):
    change(world, manager_entry(world), contact_phone=PHONE)
    got, page = roster_page(client, world, world.user(user))
    assert got == status
    assert (PHONE in page) is sees
    assert ("常に連絡が取れる電話番号" in page) is sees


@pytest.mark.django_db
def test_ic19_the_manager_adds_and_changes_the_phone_through_the_pages(client, world, frozen_today):
    client.force_login(world.manager)
    data = {
        "family_name": "追加",
        "given_name": "花子",
        "family_name_kana": "ついか",
        "given_name_kana": "はなこ",
        "role": "worker",
        "valid_from": "2026-06-15",
        "contact_phone": "090-1234",
    }
    url = reverse("core:roster-entry-add", args=[world.contract.pk])
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert domain.PHONE_PROBLEM in error_next_to(page, "id_contact_phone")
    assert 'value="090-1234"' in page  # what was typed stays
    response = client.post(url, {**data, "contact_phone": "０９０１２３４５６７８"})
    assert response.status_code == 302
    entry = RosterEntry.objects.get(person__family_name="追加")
    assert entry.contact_phone == "09012345678"

    change_url = reverse("core:roster-entry-change", args=[world.contract.pk, entry.pk])
    assert 'value="09012345678"' in client.get(change_url).content.decode()
    response = client.post(change_url, {"contact_phone": "03-1234-5678"})
    assert response.status_code == 302
    assert RosterEntry.objects.get(pk=entry.pk).contact_phone == "03-1234-5678"
    assert "03-1234-5678" in roster_page(client, world, world.manager)[1]


@pytest.mark.django_db
def test_pi8_after_the_contracts_key_is_destroyed_the_roster_still_reads(
    client, world, frozen_today
):
    change(world, manager_entry(world), contact_phone=PHONE)
    with transaction.atomic():
        data_key_destroy(actor=world.admin, contract=world.contract)
    status, page = roster_page(client, world, world.supervisor)
    assert status == 200
    assert "読めません(鍵を破棄済み)" in page
    assert PHONE not in page
    assert "試験 manager" in page  # the roster itself is not sealed and stays (PI-8)
    # The administrator's page of the contract, which lists its roster lines, still opens.
    client.force_login(world.admin)
    admin_url = reverse("admin:core_contract_change", args=[world.contract.pk])
    assert client.get(admin_url).status_code == 200
