"""Notifications: a row per recipient, an e-mail of the kind's label and a link only, the user's
own list, marking as read, and the unread count in the header (PI-5, PI-18, IC-30)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from itaku.audit.models import AuditEvent
from itaku.core import services
from itaku.core.contributions import ROSTER_SUBMITTED
from itaku.core.models import Notification, RosterEntry
from itaku.core.services.notifications import notification_mail
from itaku.leaks.contributions import LEAK_REPORTED
from itaku.privacy.contributions import EXPORT_APPROVED, EXPORT_REQUESTED

pytestmark = pytest.mark.django_db

LINK = "/contracts/1/somewhere/7/"


def send(*users, kind=EXPORT_REQUESTED, link=LINK, contract=None):
    return services.notification_send(recipients=users, kind=kind, link=link, contract=contract)


def test_ic30_the_e_mail_says_the_kind_and_the_link_and_nothing_else(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ITAKU_BASE_URL = "https://itaku.city.example/"
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(world.supervisor, world.manager)  # the manager has no address: no e-mail
    assert Notification.objects.filter(kind="export_requested").count() == 2
    assert [m.to for m in mailoutbox] == [["kantoku@city.example"]]
    mail = mailoutbox[0]
    assert mail.subject == "【委託業務運営システム】出力の申請"
    assert "https://itaku.city.example/contracts/1/somewhere/7/" in mail.body
    assert world.supervisor.get_full_name() not in mail.body
    assert world.contract.title not in mail.body


def test_ic30_the_e_mail_of_a_notice_about_a_contract_names_neither_it_nor_anyone(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # The page names the contract; a mailbox is not behind the login, so the e-mail does not.
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = send(world.supervisor, kind=LEAK_REPORTED, contract=world.contract)
    assert notice.contract == world.contract
    [mail] = mailoutbox
    assert (mail.subject, mail.body) == notification_mail(kind=LEAK_REPORTED, link=LINK)
    whole = mail.subject + mail.body
    for told in [
        world.contract.title,
        world.contract.number,
        world.supervisor.get_full_name(),
        world.manager.get_full_name(),
        LEAK_REPORTED.what,
    ]:
        assert told not in whole


def test_one_e_mail_per_address_so_recipients_never_see_each_other(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    for user, address in [(world.supervisor, "a@city.example"), (world.auditor, "b@city.example")]:
        user.email = address
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(world.supervisor, world.auditor, world.supervisor)
    assert sorted(m.to[0] for m in mailoutbox) == ["a@city.example", "b@city.example"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)
    assert Notification.objects.count() == 2  # the same person twice is notified once


def test_nothing_is_sent_for_a_change_that_is_rolled_back(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send(world.supervisor)
        raise RuntimeError
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_a_broken_mail_server_does_not_break_the_committed_change(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    world.supervisor.email = "kantoku@city.example"
    world.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(world.supervisor)
    assert Notification.objects.filter(recipient=world.supervisor).exists()


def test_disabled_accounts_are_not_notified(world):
    world.nurse.is_active = False
    world.nurse.save()
    send(world.nurse, world.supervisor)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [world.supervisor.pk]


@pytest.mark.parametrize("link", ["https://elsewhere.example/", "//elsewhere.example/x", "x/y"])
def test_a_link_off_the_site_is_refused(world, link):
    with pytest.raises(ValueError):
        send(world.supervisor, link=link)
    assert not Notification.objects.exists()


def test_the_list_shows_only_the_users_own_notifications_newest_first(client, world):
    send(world.supervisor, kind=ROSTER_SUBMITTED, link="/first/")
    send(world.supervisor, kind=LEAK_REPORTED, link="/second/")
    send(world.manager, kind=EXPORT_APPROVED, link="/not-yours/")
    client.force_login(world.supervisor)
    page = client.get(reverse("core:notification-list")).content.decode()
    assert page.index('href="/second/"') < page.index('href="/first/"')
    assert "名簿の提出" in page and "漏えい等の報告" in page
    assert "/not-yours/" not in page
    assert "出力の承認" not in page


def test_a_notice_says_what_happened_on_which_contract_and_links_by_what_to_do(
    client, world, time_machine
):
    time_machine.move_to(timezone.now())
    link = f"/contracts/{world.contract.pk}/exports/"
    send(world.supervisor, kind=EXPORT_REQUESTED, link=link, contract=world.contract)
    time_machine.shift(3 * 3600 + 60)
    client.force_login(world.supervisor)
    page = client.get(reverse("core:notification-list")).content.decode()
    assert world.contract.title in page and f"契約番号 {world.contract.number}" in page
    assert EXPORT_REQUESTED.what in page
    assert f'href="{link}">申請を確認する<' in page
    assert "3時間前" in page and "未読" in page


def test_a_notice_about_no_contract_says_no_contract(client, world):
    send(world.supervisor)
    client.force_login(world.supervisor)
    page = client.get(reverse("core:notification-list")).content.decode()
    assert "出力の申請" in page
    assert "<dt>契約</dt>" not in page and world.contract.title not in page


def test_a_notice_stays_listed_when_its_contract_is_no_longer_the_users_but_its_link_is_404(
    client, world, frozen_today
):
    link = reverse("core:contract-detail", args=[world.contract.pk])
    send(world.worker, kind=ROSTER_SUBMITTED, link=link, contract=world.contract)
    client.force_login(world.worker)
    assert client.get(link).status_code == 200
    entry = RosterEntry.objects.get(contract=world.contract, person=world.worker.person)
    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)
    client.force_login(world.worker)  # ending the entry ended the worker's sessions (PI-2)
    page = client.get(reverse("core:notification-list")).content.decode()
    assert world.contract.title in page and f'href="{link}"' in page  # it is theirs
    assert client.get(link).status_code == 404  # the target's own access check


def test_the_list_reads_the_contracts_in_the_same_query_however_many_notices(client, world):
    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("core:notification-list"))
        return len(queries)

    client.force_login(world.supervisor)
    send(world.supervisor, contract=world.contract)
    one = queries_for_the_list()
    for contract in [world.contract, world.other_contract] * 3:
        send(world.supervisor, kind=LEAK_REPORTED, contract=contract)
    assert queries_for_the_list() == one


def test_marking_read_through_the_page_is_audited_and_lowers_the_count(client, world):
    (notification,) = send(world.supervisor)
    send(world.supervisor)
    client.force_login(world.supervisor)
    assert "未読2件" in client.get(reverse("core:home")).content.decode()
    response = client.post(reverse("core:notification-read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEvent.objects.filter(
        action="notification.read", actor=world.supervisor, target_id=str(notification.pk)
    ).exists()
    assert "未読1件" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("core:notification-read-all"))
    page = client.get(reverse("core:home")).content.decode()
    assert "未読" not in page
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_another_users_notification_is_404_and_stays_unread(client, world):
    (notification,) = send(world.manager)
    client.force_login(world.worker)
    response = client.post(reverse("core:notification-read", args=[notification.pk]))
    assert response.status_code == 404
    client.post(reverse("core:notification-read-all"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_header_count_is_one_query_and_absent_when_signed_out(client, world):
    send(world.manager)
    client.force_login(world.manager)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("core:settings"))
    counted = [q["sql"] for q in queries if "core_notification" in q["sql"]]
    assert len(counted) == 1
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("login")).content.decode()
    assert not [q for q in queries if "core_notification" in q["sql"]]
    assert "お知らせ" not in page


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    (notification,) = send(world.manager)
    for method, url in [
        ("get", reverse("core:notification-list")),
        ("post", reverse("core:notification-read", args=[notification.pk])),
        ("post", reverse("core:notification-read-all")),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_migration_names_the_contract_of_the_notices_sent_before_from_their_link(world):
    fill = importlib.import_module("itaku.core.migrations.0005_notification_contract").fill
    pk = world.contract.pk
    old = [
        send(world.supervisor, kind=kind, link=link)[0]
        for kind, link in [
            (LEAK_REPORTED, f"/contracts/{pk}/leaks/3/"),
            (EXPORT_REQUESTED, f"/contracts/{pk + 1000}/exports/"),  # no such contract
            (EXPORT_APPROVED, "/settings/"),
        ]
    ]
    fill(apps, None)
    assert [Notification.objects.get(pk=n.pk).contract_id for n in old] == [pk, None, None]
