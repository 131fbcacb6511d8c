"""The leak pages: who gets what, a form that keeps what was typed, the deadlines on the incident
page and on the home page (PI-3, PI-7, PI-9)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.leaks import services
from itaku.leaks.models import LeakIncident
from itaku.web.tests.helpers import DATETIME_RANGE, error_next_to

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
SECRET = "区民花子さんの相談記録を紛失"


@pytest.fixture
def incident(world, frozen_today):
    return services.leak_record(
        actor=world.manager,
        access=world.access(world.manager),
        discovered_at=datetime(2026, 6, 15, 8, 0, tzinfo=TOKYO),
        suspected=True,
        wrongdoing=False,
        what_happened=SECRET,
        affected={"customers": 1},
    )


def pages(world, incident):
    c, i = world.contract.pk, incident.pk
    return {
        "list": ("get", reverse("leaks:incident-list", args=[c])),
        "detail": ("get", reverse("leaks:incident-detail", args=[c, i])),
        "record-form": ("get", reverse("leaks:incident-record", args=[c])),
        "record": ("post", reverse("leaks:incident-record", args=[c])),
        "follow": ("post", reverse("leaks:incident-follow", args=[c, i, "preliminary"])),
    }


def status_codes(client, world, incident, user):
    client.force_login(world.user(user))
    return {
        name: getattr(client, method)(url).status_code
        for name, (method, url) in pages(world, incident).items()
    }


def test_outsider_gets_404_on_every_leak_page(client, world, incident):
    client.force_login(world.outsider)
    for method, url in pages(world, incident).values():
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert SECRET not in response.content.decode()
        assert world.contract.title not in response.content.decode()


def test_an_incident_of_another_contract_is_404_on_this_contracts_address(client, world, incident):
    client.force_login(world.supervisor)
    url = reverse("leaks:incident-detail", args=[world.other_contract.pk, incident.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        # 400: the empty report form comes back with its errors.
        (
            "supervisor",
            {"list": 200, "detail": 200, "record-form": 200, "record": 400, "follow": 400},
        ),
        ("manager", {"list": 200, "detail": 200, "record-form": 200, "record": 400, "follow": 403}),
        # The worker reports, but neither sees the incidents nor follows them up.
        ("worker", {"list": 404, "detail": 404, "record-form": 200, "record": 400, "follow": 404}),
        # The auditor reads, and records nothing.
        ("auditor", {"list": 200, "detail": 200, "record-form": 403, "record": 403, "follow": 403}),
        ("nurse", {"list": 404, "detail": 404, "record-form": 403, "record": 403, "follow": 404}),
        (
            "requester",
            {"list": 404, "detail": 404, "record-form": 403, "record": 403, "follow": 404},
        ),
    ],
)
def test_who_may_do_what_on_the_leak_pages(client, world, incident, user, expected):
    assert status_codes(client, world, incident, user) == expected


def test_anonymous_users_are_sent_to_the_login_page(client, world, incident):
    for method, url in pages(world, incident).values():
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_contract_page_links_to_the_leak_pages_by_role(client, world, frozen_today):
    url = reverse("core:contract-detail", args=[world.contract.pk])
    record = reverse("leaks:incident-record", args=[world.contract.pk])
    listing = reverse("leaks:incident-list", args=[world.contract.pk])
    for user, shows_record, shows_list in [
        ("worker", True, False),
        ("auditor", False, True),
        ("supervisor", True, True),
        ("volunteer", False, False),
    ]:
        client.force_login(world.user(user))
        page = client.get(url).content.decode()
        assert (f'href="{record}"' in page) is shows_record, user
        assert (f'href="{listing}"' in page) is shows_list, user


def test_pi7_a_worker_reports_through_the_form_and_lands_on_the_contract(
    client, world, frozen_today
):
    client.force_login(world.worker)
    response = client.post(
        reverse("leaks:incident-record", args=[world.contract.pk]),
        {
            "discovered_at": "2026-06-15T09:10",
            "certainty": "confirmed",
            "wrongdoing": "on",
            "what_happened": "名簿を置き忘れた",
            "participants_affected": "4",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:contract-detail", args=[world.contract.pk])
    incident = LeakIncident.objects.get()
    assert incident.wrongdoing and not incident.suspected
    assert incident.participants_affected == 4
    assert incident.guardians_affected == 0  # left empty: none known
    assert incident.discovered_at == datetime(2026, 6, 15, 9, 10, tzinfo=TOKYO)
    page = client.get(response["Location"]).content.decode()
    assert f"受付番号 {incident.pk}" in page


def test_a_failed_report_keeps_what_was_typed_and_says_what_is_wrong(client, world, frozen_today):
    client.force_login(world.manager)
    response = client.post(
        reverse("leaks:incident-record", args=[world.contract.pk]),
        {
            "discovered_at": "2026-06-20T09:00",  # in the future
            "certainty": "suspected",
            "what_happened": "",
            "cause": "宛先の確認漏れ",
            "containment": "回収済み",
            "guardians_affected": "2",
            "staff_affected": "-1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "入力内容を確認してください" in page
    assert 'value="2026-06-20T09:00"' in page
    assert "宛先の確認漏れ</textarea>" in page
    assert "回収済み</textarea>" in page
    assert 'value="suspected" required id="id_certainty_1" checked' in page
    assert 'value="2"' in page
    assert "入力してください。" in error_next_to(page, "id_what_happened")  # 概要
    assert "0以上の数を入力してください。" in error_next_to(page, "id_staff_affected")
    assert not LeakIncident.objects.exists()

    # The field errors come first; once they are right, the service finds the future date.
    response = client.post(
        reverse("leaks:incident-record", args=[world.contract.pk]),
        {
            "discovered_at": "2026-06-20T09:00",
            "certainty": "suspected",
            "what_happened": "書類の紛失",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "発覚日時に未来の日時は入れられません" in page
    assert "書類の紛失</textarea>" in page


def test_pi11_a_my_number_in_the_form_is_refused_next_to_the_field(client, world, frozen_today):
    from itaku.privacy.domain import my_number_check_digit

    number = "14142135623" + str(my_number_check_digit("14142135623"))
    client.force_login(world.worker)
    response = client.post(
        reverse("leaks:incident-record", args=[world.contract.pk]),
        {
            "discovered_at": "2026-06-15T09:00",
            "certainty": "confirmed",
            "what_happened": f"番号 {number} の書類",
        },
    )
    assert response.status_code == 400
    assert "個人番号(マイナンバー)と思われる" in response.content.decode()
    assert not LeakIncident.objects.exists()
    assert AuditEvent.objects.get(action="my_number.refuse").changes == {
        "fields": ["what_happened"]
    }


def test_pi7_the_incident_page_shows_the_three_deadlines_and_records_the_read(
    client, world, incident
):
    client.force_login(world.auditor)
    page = client.get(reverse("leaks:incident-detail", args=[world.contract.pk, incident.pk]))
    html = page.content.decode()
    assert SECRET in html
    assert "令和8年6月17日(水)〜令和8年6月19日(金)" in html  # 速報, days 3 to 5
    assert "令和8年7月14日(火)" in html  # 確報, day 30
    assert "速やかに" in html  # 本人への通知
    assert "を記録する" not in html  # the auditor follows nothing up
    read = AuditEvent.objects.get(action="leak_incident.read", actor=world.auditor)
    assert read.target_id == str(incident.pk)
    assert read.contract == world.contract


def test_pi7_the_supervisor_follows_up_through_the_buttons(client, world, incident):
    client.force_login(world.supervisor)
    detail = reverse("leaks:incident-detail", args=[world.contract.pk, incident.pk])
    assert "速報を記録する" in client.get(detail).content.decode()
    url = reverse("leaks:incident-follow", args=[world.contract.pk, incident.pk, "final"])
    response = client.post(url, {"final-at": "2026-06-15T09:30"})
    assert response.status_code == 400
    assert "先に速報を記録してください" in response.content.decode()
    assert 'value="2026-06-15T09:30"' in response.content.decode()

    url = reverse("leaks:incident-follow", args=[world.contract.pk, incident.pk, "preliminary"])
    response = client.post(url, {"preliminary-at": "2026-06-15T09:30"})
    assert response.status_code == 302
    assert response["Location"] == detail
    incident.refresh_from_db()
    assert incident.preliminary_reported_at == datetime(2026, 6, 15, 9, 30, tzinfo=TOKYO)
    page = client.get(detail).content.decode()
    assert "速報を記録しました" in page
    assert "速報を記録する" not in page
    assert "確報を記録する" in page


def test_an_unknown_step_is_404_and_a_get_goes_back_to_the_incident(client, world, incident):
    client.force_login(world.supervisor)
    c, i = world.contract.pk, incident.pk
    bogus = reverse("leaks:incident-follow", args=[c, i, "ward_notice"])
    assert client.post(bogus, {"ward_notice-at": "2026-06-15T09:30"}).status_code == 404
    url = reverse("leaks:incident-follow", args=[c, i, "preliminary"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("leaks:incident-detail", args=[c, i])


def test_the_list_shows_dates_and_counts_but_no_narrative(client, world, incident):
    client.force_login(world.manager)
    page = client.get(reverse("leaks:incident-list", args=[world.contract.pk])).content.decode()
    assert f"#{incident.pk}" in page
    assert "おそれ" in page
    assert "令和8年6月19日(金)" in page  # the 速報 is next
    assert SECRET not in page
    assert not AuditEvent.objects.filter(action__endswith=".read").exists()


def test_pi7_the_home_page_shows_open_incidents_to_who_may_see_them(client, world, incident):
    client.force_login(world.supervisor)
    page = client.get(reverse("core:home")).content.decode()
    assert "対応中の漏えい等事案（1件）" in page
    assert "令和8年6月19日(金)" in page
    assert SECRET not in page
    for user in ("worker", "nurse", "outsider"):
        client.force_login(world.user(user))
        assert "漏えい等事案" not in client.get(reverse("core:home")).content.decode(), user


def test_pages_with_leak_narratives_are_never_cached(client, world, incident):
    client.force_login(world.supervisor)
    url = reverse("leaks:incident-detail", args=[world.contract.pk, incident.pk])
    assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.parametrize(
    "odd", ["0001-01-01T00:00", "1899-12-31T23:59", "2101-01-01T00:00", "9999-12-31T23:59"]
)
def test_an_odd_discovery_date_is_an_error_next_to_the_field_not_a_500(
    client, world, frozen_today, odd
):
    # 0001-01-01 once overflowed the time-zone arithmetic of leak_record: a 500.
    client.force_login(world.worker)
    response = client.post(
        reverse("leaks:incident-record", args=[world.contract.pk]),
        {"discovered_at": odd, "certainty": "confirmed", "what_happened": "名簿を置き忘れた"},
    )
    assert response.status_code == 400
    assert DATETIME_RANGE in error_next_to(response.content.decode(), "id_discovered_at")
    assert not LeakIncident.objects.exists()


def test_an_odd_follow_up_date_is_an_error_next_to_the_field(client, world, incident):
    client.force_login(world.supervisor)
    url = reverse("leaks:incident-follow", args=[world.contract.pk, incident.pk, "preliminary"])
    response = client.post(url, {"preliminary-at": "0001-01-01T00:00"})
    assert response.status_code == 400
    assert DATETIME_RANGE in error_next_to(response.content.decode(), "id_preliminary-at")
    incident.refresh_from_db()
    assert incident.preliminary_reported_at is None


def test_the_report_form_offers_the_browsers_picker_within_the_range(client, world, frozen_today):
    client.force_login(world.worker)
    page = client.get(reverse("leaks:incident-record", args=[world.contract.pk])).content.decode()
    assert 'type="datetime-local" name="discovered_at"' in page
    assert 'min="1900-01-01T00:00"' in page and 'max="2100-12-31T23:59"' in page
