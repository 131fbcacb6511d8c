"""Authentication and session controls (issue 3 §1): lockout per username and address, idle and
absolute session timeouts, audited login events, and the security headers."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

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
    attempt(client, "manager", PASSWORD)
    home = reverse("core:home")
    for minutes in (29, 58, 87):  # each request within 30 minutes of the last
        time_machine.move_to(START + timedelta(minutes=minutes), tick=False)
        assert client.get(home).status_code == 200
    time_machine.move_to(START + timedelta(minutes=87 + 31), tick=False)
    assert client.get(home).status_code == 302


def test_a_session_ends_12_hours_after_login_however_active(client, world, time_machine):
    time_machine.move_to(START, tick=False)
    attempt(client, "manager", PASSWORD)
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
