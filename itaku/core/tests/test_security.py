"""Authentication and session controls (issue 3 §1): lockout per username and address, idle and
absolute session timeouts, audited login events, and the security headers."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from itaku.audit.models import AuditEvent
from itaku.conftest import PASSWORD

pytestmark = pytest.mark.django_db

START = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def attempt(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_that_username_from_that_address_for_15_minutes(
    client, world, time_machine
):
    time_machine.move_to(START, tick=False)
    for _ in range(4):
        assert attempt(client, "manager", "wrong").status_code == 200
    assert attempt(client, "manager", "wrong").status_code == 429  # the fifth locks
    locked = attempt(client, "manager", PASSWORD)
    assert locked.status_code == 429
    assert "ログインを一時停止しています" in locked.content.decode()
    # Not per address alone: the ward's office shares one address.
    assert attempt(client, "worker", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # Not per username alone: the same person from another address is not locked out.
    assert attempt(client, "manager", PASSWORD, ip="10.0.0.2").status_code == 302
    client.post(reverse("logout"))
    time_machine.move_to(START + timedelta(minutes=14), tick=False)
    assert attempt(client, "manager", PASSWORD).status_code == 429
    # A try during the lockout counts as a failure too, so the 15 minutes start again from it.
    time_machine.move_to(START + timedelta(minutes=14 + 14), tick=False)
    assert attempt(client, "manager", PASSWORD).status_code == 429
    time_machine.move_to(START + timedelta(minutes=28 + 16), tick=False)
    assert attempt(client, "manager", PASSWORD).status_code == 302


def test_failures_and_the_lockout_are_audited_without_the_password(client, world):
    for _ in range(5):
        attempt(client, "manager", "wrong-secret")
    failures = AuditEvent.objects.filter(action="auth.login_failed")
    assert failures.count() == 5
    assert failures.first().changes == {"username": "manager", "ip": "10.0.0.1"}
    assert AuditEvent.objects.filter(action="auth.locked_out").count() == 1
    assert not any("wrong-secret" in str(e.changes) for e in AuditEvent.objects.all())


def test_a_success_resets_the_failure_count(client, world):
    for _ in range(4):
        attempt(client, "manager", "wrong")
    assert attempt(client, "manager", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        attempt(client, "manager", "wrong")
    assert attempt(client, "manager", PASSWORD).status_code == 302


def test_login_and_logout_are_audited(client, world):
    attempt(client, "manager", PASSWORD)
    client.post(reverse("logout"))
    actions = list(
        AuditEvent.objects.filter(actor=world.manager)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["auth.login", "auth.logout"]


def test_an_idle_session_ends_after_30_minutes_and_activity_keeps_it(client, world, time_machine):
    time_machine.move_to(START, tick=False)
    attempt(client, "worker", PASSWORD)  # a worker signs in without a second factor
    home = reverse("core:home")
    for minutes in (29, 58, 87):  # each request within 30 minutes of the last
        time_machine.move_to(START + timedelta(minutes=minutes), tick=False)
        assert client.get(home).status_code == 200
    time_machine.move_to(START + timedelta(minutes=87 + 31), tick=False)
    assert client.get(home).status_code == 302


def test_a_session_ends_12_hours_after_login_however_active(client, world, time_machine):
    time_machine.move_to(START, tick=False)
    attempt(client, "worker", PASSWORD)  # a worker signs in without a second factor
    home = reverse("core:home")
    for minutes in range(20, 12 * 60, 20):
        time_machine.move_to(START + timedelta(minutes=minutes), tick=False)
        assert client.get(home).status_code == 200, minutes
    time_machine.move_to(START + timedelta(hours=12, minutes=1), tick=False)
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_new_session_id_is_issued_at_login(client, world):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "attacker-chosen-session-id"
    attempt(client, "manager", PASSWORD)
    assert client.cookies["sessionid"].value != "attacker-chosen-session-id"


def test_pages_carry_the_security_headers(client, world):
    client.force_login(world.manager)
    for url in (reverse("login"), reverse("core:home"), "/api/v1/openapi.json"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


# --- second factor (TOTP) --------------------------------------------------------------------


def code_for(device) -> str:
    """The code the authenticator app shows now (the clock is frozen by time_machine)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


@pytest.mark.parametrize(
    ("username", "needs"),
    [
        ("supervisor", True),
        ("manager", True),
        ("auditor", True),
        ("admin", True),
        ("worker", False),
        ("nurse", False),
        ("volunteer", False),
        ("requester", False),
    ],
)
def test_who_must_sign_in_with_a_second_factor(client, world, frozen_today, username, needs):
    response = attempt(client, username, PASSWORD)
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    if needs:
        assert home.status_code == 302
        assert home["Location"].startswith(reverse("second-factor"))
    else:
        assert home.status_code == 200


def test_enrolment_shows_a_local_qr_code_and_a_valid_code_lets_the_manager_in(
    client, world, time_machine
):
    time_machine.move_to(START, tick=False)
    attempt(client, "manager", PASSWORD)
    page = client.get(reverse("second-factor"))
    body = page.content.decode()
    assert "<svg" in body and "2段階認証の設定" in body
    assert "http" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )  # the QR code is drawn here, not fetched
    device = TOTPDevice.objects.get(user=world.manager)
    assert not device.confirmed
    assert client.post(reverse("second-factor"), {"code": "000000"}).status_code == 400
    # A wrong code slows the next try down (throttling); a person retries a moment later.
    time_machine.move_to(START + timedelta(seconds=2), tick=False)
    response = client.post(
        reverse("second-factor"), {"code": code_for(device), "next": "/settings/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/settings/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="auth.second_factor_enrolled", actor=world.manager)


def test_a_used_code_cannot_be_replayed(client, world, time_machine):
    time_machine.move_to(START, tick=False)
    device = TOTPDevice.objects.create(user=world.manager, name="app", confirmed=True)
    code = code_for(device)
    attempt(client, "manager", PASSWORD)
    assert client.post(reverse("second-factor"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    attempt(client, "manager", PASSWORD)
    replay = client.post(reverse("second-factor"), {"code": code})
    assert replay.status_code == 400
    assert "すでに使われています" in replay.content.decode()
    assert client.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(action="auth.second_factor_failed").exists()


def test_the_next_address_after_the_code_stays_on_this_site(client, world, time_machine):
    time_machine.move_to(START, tick=False)
    device = TOTPDevice.objects.create(user=world.manager, name="app", confirmed=True)
    attempt(client, "manager", PASSWORD)
    response = client.post(
        reverse("second-factor"),
        {"code": code_for(device), "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("core:home")


# --- ending sessions -------------------------------------------------------------------------


def signed_in(world, username: str):
    from itaku.conftest import VerifiedClient

    client = VerifiedClient()
    client.force_login(world.user(username))
    assert client.get(reverse("core:home")).status_code == 200
    return client


def test_an_administrator_ends_every_session_of_a_user(world, frozen_today):
    phone, desk, other = (
        signed_in(world, "worker"),
        signed_in(world, "worker"),
        signed_in(world, "nurse"),
    )
    admin = signed_in(world, "admin")
    admin.post(
        reverse("admin:core_user_changelist"),
        {"action": "end_sessions", "_selected_action": [world.worker.pk]},
    )
    assert phone.get(reverse("core:home")).status_code == 302
    assert desk.get(reverse("core:home")).status_code == 302
    assert other.get(reverse("core:home")).status_code == 200
    event = AuditEvent.objects.get(action="auth.sessions_end")
    assert event.changes == {"count": 2}


def test_disabling_an_account_ends_its_sessions(world, frozen_today):
    from itaku.core import services

    session = signed_in(world, "worker")
    services.user_disable(actor=world.admin, user=world.worker)
    assert session.get(reverse("core:home")).status_code == 302
    assert attempt(Client(), "worker", PASSWORD).status_code == 200  # refused at the form


def test_pi2_ending_a_roster_entry_ends_the_persons_sessions(world, frozen_today):
    from itaku.core import services
    from itaku.core.models import RosterEntry, UserSession

    signed_in(world, "worker")
    assert UserSession.objects.filter(user_id=world.worker.pk).exists()
    entry = RosterEntry.objects.get(person__user=world.worker)
    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)
    assert not UserSession.objects.filter(user_id=world.worker.pk).exists()


def test_only_an_administrator_ends_sessions(world):
    from django.core.exceptions import PermissionDenied

    from itaku.core import services

    with pytest.raises(PermissionDenied):
        services.user_sessions_end(actor=world.supervisor, user=world.worker)
    with pytest.raises(PermissionDenied):
        services.user_disable(actor=world.manager, user=world.worker)
