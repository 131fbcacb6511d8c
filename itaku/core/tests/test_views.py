"""The platform's pages: who gets what, forms that keep what was typed, headers on every page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.conftest import TODAY
from itaku.core import domain, services
from itaku.core.models import ApiToken, ClosureDay, ObligationItem, RosterEntry
from itaku.web.fields import BoundedDateField, BoundedSplitDateTimeField
from itaku.web.tests.helpers import DATE_RANGE, ODD_DATES, error_next_to

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "1"}  # the button of the confirmation page


@pytest.fixture
def items(world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(actor=world.admin, contract=world.contract, through=TODAY)
    return ObligationItem.objects.filter(obligation__contract=world.contract)


def contract_pages(world, items):
    c = world.contract.pk
    item = items.first().pk
    entry = RosterEntry.objects.get(person__user=world.worker).pk
    version = world.contract.roster_versions.first().pk
    return [
        ("get", reverse("core:contract-detail", args=[c])),
        ("get", reverse("core:roster", args=[c])),
        ("post", reverse("core:roster-entry-add", args=[c])),
        ("get", reverse("core:roster-entry-change", args=[c, entry])),
        ("post", reverse("core:roster-entry-change", args=[c, entry])),
        ("post", reverse("core:roster-entry-end", args=[c, entry])),
        ("post", reverse("core:roster-version-submit", args=[c])),
        ("post", reverse("core:roster-version-decide", args=[c, version, "approve"])),
        ("post", reverse("core:roster-version-decide", args=[c, version, "return"])),
        ("post", reverse("core:obligation-item-act", args=[c, item, "submit"])),
        ("post", reverse("core:obligation-item-act", args=[c, item, "acknowledge"])),
    ]


def test_outsider_gets_404_on_every_contract_page(client, world, items):
    client.force_login(world.outsider)
    for method, url in contract_pages(world, items):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert world.contract.title not in response.content.decode()


def test_a_missing_contract_and_a_forbidden_one_look_the_same(client, world, items):
    client.force_login(world.outsider)
    forbidden = client.get(reverse("core:contract-detail", args=[world.contract.pk]))
    missing = client.get(reverse("core:contract-detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    # The pages differ only in the logout form's CSRF token, which is masked anew on each render.
    assert _without_csrf(forbidden) == _without_csrf(missing)


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_anonymous_users_are_sent_to_the_login_page(client, world, items):
    pages = [("get", reverse("core:home")), ("get", reverse("core:settings"))]
    for method, url in [*pages, *contract_pages(world, items)]:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("supervisor", 200),
        ("auditor", 200),
        ("manager", 200),
        ("worker", 404),
        ("nurse", 404),
        ("volunteer", 404),
        ("requester", 404),
        ("outsider", 404),
    ],
)
def test_who_may_open_the_roster(client, world, frozen_today, user, status):
    client.force_login(world.user(user))
    assert client.get(reverse("core:roster", args=[world.contract.pk])).status_code == status


def test_home_lists_only_the_users_contracts_with_overdue_items(client, world, items):
    client.force_login(world.manager)
    page = client.get(reverse("core:home")).content.decode()
    assert world.contract.title in page
    assert world.other_contract.title not in page
    assert "期限超過" in page
    assert f"{world.contract.title}の提出物" in page  # many open items: counted, linked


def test_the_volunteer_sees_the_contract_without_obligations(client, world, items):
    client.force_login(world.volunteer)
    page = client.get(reverse("core:contract-detail", args=[world.contract.pk])).content.decode()
    assert world.contract.title in page
    assert "提出物と期限" not in page


def test_pi2_an_open_session_loses_the_contract_when_the_entry_ends(client, world, frozen_today):
    client.force_login(world.worker)
    url = reverse("core:contract-detail", args=[world.contract.pk])
    assert client.get(url).status_code == 200
    entry = RosterEntry.objects.get(person__user=world.worker)
    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)
    # The open session has ended: the next request goes to the login page ...
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    # ... and signing in again no longer shows the contract.
    client.force_login(world.worker)
    assert client.get(url).status_code == 404


def test_a_failed_roster_form_keeps_what_was_typed(client, world, frozen_today):
    client.force_login(world.manager)
    response = client.post(
        reverse("core:roster-entry-add", args=[world.contract.pk]),
        {
            "family_name": "入力",
            "given_name": "保持",
            "family_name_kana": "にゅうりょく",
            "given_name_kana": "ほじ",
            "role": "volunteer",
            "valid_from": "2026-06-20",
            "pledge_date": "2026-06-15",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="にゅうりょく"' in page
    assert 'value="2026-06-20"' in page
    assert "ボランティアは生年月日が必要です" in page  # IC-17, from the service, next to the field
    assert not RosterEntry.objects.filter(person__family_name="入力").exists()


def test_the_roster_workflow_through_the_pages(client, world, frozen_today):
    client.force_login(world.manager)
    response = client.post(
        reverse("core:roster-entry-add", args=[world.contract.pk]),
        {
            "family_name": "追加",
            "given_name": "花子",
            "family_name_kana": "ついか",
            "given_name_kana": "はなこ",
            "role": "worker",
            "qualifications": ["police_experience"],
            "valid_from": "2026-06-20",
            "pledge_date": "2026-06-15",
        },
    )
    assert response.status_code == 302
    client.post(reverse("core:roster-version-submit", args=[world.contract.pk]), CONFIRMED)
    version = world.contract.roster_versions.get(state="submitted")
    client.force_login(world.supervisor)
    response = client.post(
        reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "return"]),
        {"note": ""},
    )
    assert response.status_code == 400
    client.post(
        reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "approve"]),
        CONFIRMED,
    )
    version.refresh_from_db()
    assert version.state == "approved"
    assert RosterEntry.objects.get(person__family_name="追加").approved_version == version


def test_a_manager_cannot_approve_through_the_page(client, world, frozen_today):
    client.force_login(world.manager)
    version = world.contract.roster_versions.first()
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "approve"])
    assert client.post(url).status_code == 403


@pytest.mark.usefixtures("generic_hand_in")
def test_submitting_and_acknowledging_an_item_through_the_pages(client, world, items):
    item = items.get(obligation__clause_id="SO-13", period_start=date(2026, 6, 12))
    client.force_login(world.manager)
    client.post(reverse("core:obligation-item-act", args=[world.contract.pk, item.pk, "submit"]))
    client.force_login(world.supervisor)
    client.post(
        reverse("core:obligation-item-act", args=[world.contract.pk, item.pk, "acknowledge"])
    )
    item.refresh_from_db()
    assert item.submitted_by == world.manager
    assert item.acknowledged_by == world.supervisor


def test_an_api_token_is_shown_once_and_stored_hashed(client, world):
    client.force_login(world.manager)
    page = client.post(reverse("core:settings"), {"name": "連携"}).content.decode()
    token = ApiToken.objects.get(user=world.manager)
    plain = page.split('id="new-token">')[1].split("<")[0]
    assert plain.startswith(token.prefix)
    assert services.token_digest(plain) == token.digest
    assert plain not in client.get(reverse("core:settings")).content.decode()


def test_a_token_can_be_revoked_only_by_its_owner(client, world):
    token, _ = services.api_token_issue(actor=world.manager, name="連携")
    client.force_login(world.worker)
    assert client.post(reverse("core:api-token-revoke", args=[token.pk])).status_code == 404
    client.force_login(world.manager)
    client.post(reverse("core:api-token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_pages_with_personal_data_are_never_cached(client, world, frozen_today):
    client.force_login(world.manager)
    for url in [
        reverse("core:home"),
        reverse("core:roster", args=[world.contract.pk]),
        reverse("core:contract-detail", args=[world.contract.pk]),
        reverse("core:settings"),
    ]:
        assert "no-store" in client.get(url)["Cache-Control"]


def test_login_failure_keeps_the_username(client, world):
    response = client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="manager"' in page
    assert "field-error" in page or "error-summary" in page


def test_admin_changes_are_audited(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:core_organisation_add"), {"name": "新しい部署", "kind": "ward"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="organisation.create", actor=world.admin).exists()


def test_the_admin_only_ends_a_contract_and_only_through_its_state_action(client, world):
    client.force_login(world.admin)
    changelist = reverse("admin:core_contract_changelist")
    client.post(changelist, {"action": "mark_ended", "_selected_action": [world.contract.pk]})
    world.contract.refresh_from_db()
    assert world.contract.state == "ended"
    # Return and destruction are the supervisor's contract-end steps (PI-8), not admin actions.
    for action in ("mark_returned", "mark_destroyed"):
        client.post(changelist, {"action": action, "_selected_action": [world.contract.pk]})
    world.contract.refresh_from_db()
    assert world.contract.state == "ended"
    assert AuditEvent.objects.filter(action="contract.state_change", actor=world.admin).exists()


def test_user_names_are_shown_family_name_first(client, world):
    client.force_login(world.manager)
    assert world.manager.get_full_name() == "試験 manager"
    assert "試験 manager" in client.get(reverse("core:settings")).content.decode()


def test_password_change_refuses_a_short_password_in_japanese(client, world):
    client.force_login(world.manager)
    url = reverse("password_change")
    response = client.post(
        url, {"old_password": "wrong", "new_password1": "short", "new_password2": "short"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "エラー：" in page
    assert "12 文字" in page  # the minimum length, in the validator's Japanese message
    new = "a-much-longer-passphrase-2026"
    response = client.post(
        url,
        {
            "old_password": "correct-horse-battery-staple",
            "new_password1": new,
            "new_password2": new,
        },
    )
    assert response.status_code == 302
    world.manager.refresh_from_db()
    assert world.manager.check_password(new)


def test_a_returned_roster_shows_the_reason_and_can_be_resubmitted(client, world, frozen_today):
    services.roster_entry_add(
        actor=world.manager,
        access=world.access(world.manager),
        person=services.NewPerson(family_name="差戻", given_name="試験"),
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=TODAY,
    )
    version = services.roster_version_submit(
        actor=world.manager, access=world.access(world.manager)
    )
    services.roster_version_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        version=version,
        approve=False,
        note="誓約書の写しがありません",
    )
    client.force_login(world.manager)
    page = client.get(reverse("core:roster", args=[world.contract.pk])).content.decode()
    assert "誓約書の写しがありません" in page
    client.post(reverse("core:roster-version-submit", args=[world.contract.pk]), CONFIRMED)
    assert world.contract.roster_versions.filter(state="submitted").count() == 1


def test_pi11_a_my_number_in_a_form_is_refused_next_to_the_field_and_audited(
    client, world, frozen_today
):
    from itaku.privacy.domain import my_number_check_digit

    number = "27182818284" + str(my_number_check_digit("27182818284"))
    client.force_login(world.manager)
    response = client.post(reverse("core:settings"), {"name": f"連携 {number}"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "個人番号(マイナンバー)と思われる" in page
    assert not ApiToken.objects.filter(user=world.manager).exists()
    event = AuditEvent.objects.get(action="my_number.refuse")
    assert event.changes == {"fields": ["name"]}
    assert number not in str(event.changes)

    client.force_login(world.supervisor)
    services.roster_entry_add(
        actor=world.manager,
        access=world.access(world.manager),
        person=services.NewPerson(family_name="番号", given_name="試験"),
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=TODAY,
    )
    version = services.roster_version_submit(
        actor=world.manager, access=world.access(world.manager)
    )
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "return"])
    response = client.post(url, {"note": f"番号 {number} の方の書類", **CONFIRMED})
    assert response.status_code == 400
    assert "個人番号(マイナンバー)と思われる" in response.content.decode()
    version.refresh_from_db()
    assert version.state == "submitted"


def test_pi9_the_roster_page_is_one_access_event_naming_each_line_shown(
    client, world, frozen_today
):
    client.force_login(world.supervisor)
    client.get(reverse("core:roster", args=[world.contract.pk]))
    read = AuditEvent.objects.get(action="roster_entry.read", actor=world.supervisor)
    entries = RosterEntry.objects.filter(contract=world.contract)
    assert sorted(read.changes["ids"]) == sorted(
        str(pk) for pk in entries.values_list("pk", flat=True)
    )
    assert (read.contract_id, read.target_type) == (world.contract.pk, "core.rosterentry")


def test_so10_a_roster_line_is_changed_through_its_page_into_a_new_draft(
    client, world, frozen_today
):
    entry = RosterEntry.objects.get(person__user=world.worker)
    url = reverse("core:roster-entry-change", args=[world.contract.pk, entry.pk])
    client.force_login(world.manager)
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="police_experience"' in page.content.decode()
    bad = client.post(url, {"valid_to": "2026-01-01", "pledge_date": "2026-03-25"})
    assert bad.status_code == 400
    assert "従事終了日は従事開始日以降" in bad.content.decode()
    client.post(
        url,
        {
            "qualifications": ["police_experience"],
            "valid_to": "2026-09-30",
            "pledge_date": "2026-03-25",
        },
    )
    entry.refresh_from_db()
    assert entry.valid_to == date(2026, 9, 30)
    assert world.contract.roster_versions.filter(state="draft").exists()


@pytest.mark.parametrize(
    ("username", "status"),
    [("outsider", 404), ("worker", 404), ("supervisor", 403), ("auditor", 403)],
)
def test_only_the_manager_may_open_the_change_page(client, world, frozen_today, username, status):
    entry = RosterEntry.objects.get(person__user=world.worker)
    client.force_login(world.user(username))
    response = client.get(reverse("core:roster-entry-change", args=[world.contract.pk, entry.pk]))
    # 404 for who may not see the roster at all; 403 for the ward, who sees it but does not edit.
    assert response.status_code == status


def test_a_post_only_address_opened_by_get_leads_back_to_its_page(client, world, frozen_today):
    # After a timed-out form is sent, signing in returns to that address by GET.
    client.force_login(world.manager)
    add = reverse("core:roster-entry-add", args=[world.contract.pk])
    response = client.get(add)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:roster", args=[world.contract.pk])
    assert client.put(add).status_code == 405


ROSTER_ADD = {
    "family_name": "日付",
    "given_name": "範囲",
    "family_name_kana": "ひづけ",
    "given_name_kana": "はんい",
    "role": "volunteer",
    "birth_date": "2000-01-01",
    "valid_from": "2026-06-20",
    "pledge_date": "2026-06-15",
}


@pytest.mark.parametrize("odd", ODD_DATES)
@pytest.mark.parametrize("field", ["birth_date", "valid_from", "valid_to", "pledge_date"])
def test_an_odd_date_on_the_roster_form_is_an_error_next_to_the_field(
    client, world, frozen_today, field, odd
):
    client.force_login(world.manager)
    response = client.post(
        reverse("core:roster-entry-add", args=[world.contract.pk]), {**ROSTER_ADD, field: odd}
    )
    assert response.status_code == 400
    assert DATE_RANGE in error_next_to(response.content.decode(), f"id_{field}")
    assert not RosterEntry.objects.filter(person__family_name="日付").exists()


@pytest.mark.parametrize("field", ["valid_to", "pledge_date"])
def test_an_odd_date_on_the_roster_change_form_is_an_error_next_to_the_field(
    client, world, frozen_today, field
):
    entry = RosterEntry.objects.get(person__user=world.worker)
    client.force_login(world.manager)
    response = client.post(
        reverse("core:roster-entry-change", args=[world.contract.pk, entry.pk]),
        {"valid_to": "2026-09-30", "pledge_date": "2026-03-25", field: "0001-01-01"},
    )
    assert response.status_code == 400
    assert DATE_RANGE in error_next_to(response.content.decode(), f"id_{field}")
    entry.refresh_from_db()
    assert (entry.valid_to, entry.pledge_date) == (None, date(2026, 3, 25))
    assert not world.contract.roster_versions.filter(state="draft").exists()


@pytest.mark.parametrize("odd", ["0001-01-01", "2101-01-01"])
def test_an_odd_date_typed_in_the_admin_is_an_error_and_nothing_is_saved(client, world, odd):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:core_closureday_add"), {"date": odd, "reason": "試験の休庁日"}
    )
    assert response.status_code == 200  # the admin shows its form again
    assert DATE_RANGE in response.content.decode()
    assert not ClosureDay.objects.exists()
    assert not AuditEvent.objects.filter(action="closureday.create").exists()


def test_every_date_and_datetime_of_our_admin_pages_is_bounded(world, rf):
    request = rf.get("/")
    request.user = world.admin
    checked = set()
    for model, model_admin in admin.site._registry.items():
        if not type(model_admin).__module__.startswith("itaku."):
            continue  # third-party admins (django-otp, axes) are theirs
        for obj in (None, model._default_manager.first()):  # the add and the change form
            for name, field in model_admin.get_form(request, obj=obj).base_fields.items():
                try:
                    db_field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if isinstance(db_field, models.DateTimeField):
                    assert isinstance(field, BoundedSplitDateTimeField), (model, name)
                elif isinstance(db_field, models.DateField):
                    assert isinstance(field, BoundedDateField), (model, name)
                else:
                    continue
                checked.add(f"{model._meta.model_name}.{name}")
    assert {
        "closureday.date",
        "person.birth_date",
        "contract.period_start",
        "contract.period_end",
        "user.date_joined",
        "user.last_login",
    } <= checked
