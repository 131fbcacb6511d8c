"""The management commands: ``issue_api_token`` and ``demo_data``."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.core import domain
from itaku.core.access import contract_access, contracts_visible_to
from itaku.core.demo import DEMO_PASSWORD, PERSONAS
from itaku.core.models import ApiToken, Contract, ObligationItem, RosterEntry, User
from itaku.core.selectors import obligation_item_list

pytestmark = pytest.mark.django_db

# Demo data is built for the fiscal year of "today"; this day is a Friday inside FY2026.
DEMO_DAY = date(2026, 11, 20)


# --- issue_api_token -----------------------------------------------------------------------


def test_issue_api_token_prints_a_token_once_that_authenticates(client, world, frozen_today):
    out, err = StringIO(), StringIO()

    call_command("issue_api_token", "manager", stdout=out, stderr=err)

    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    plain = lines[0]
    assert plain not in err.getvalue()
    assert ApiToken.objects.get(user=world.manager).name == "管理コマンドで発行"
    response = client.get("/api/v1/contracts", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["items"]] == [world.contract.pk]


def test_issue_api_token_records_what_the_token_is_for(world):
    call_command(
        "issue_api_token",
        "worker",
        "--name",
        "集計スクリプト",
        stdout=StringIO(),
        stderr=StringIO(),
    )

    assert ApiToken.objects.get(user=world.worker).name == "集計スクリプト"


def test_issue_api_token_refuses_an_unknown_user(world):
    with pytest.raises(CommandError):
        call_command("issue_api_token", "nobody", stdout=StringIO(), stderr=StringIO())

    assert not ApiToken.objects.exists()


def test_issue_api_token_refuses_a_deactivated_user(world):
    world.manager.is_active = False
    world.manager.save(update_fields=["is_active"])

    with pytest.raises(CommandError):
        call_command("issue_api_token", "manager", stdout=StringIO(), stderr=StringIO())

    assert not ApiToken.objects.exists()


# --- demo_data -----------------------------------------------------------------------------


@pytest.fixture
def demo_day(time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    return DEMO_DAY


@pytest.fixture
def demo(demo_day):
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    return {c.service_kind: c for c in Contract.objects.all()}


def table_counts() -> dict[str, int]:
    models = [Contract, User, RosterEntry, ObligationItem, AuditEvent]
    return {model.__name__: model._default_manager.count() for model in models}


def test_demo_data_creates_two_contracts_and_every_persona_can_log_in(client, demo):
    assert set(demo) == {"support_office", "ichou"}
    for persona in PERSONAS:
        # Through the login page, as a person would (the lockout backend needs the request).
        response = client.post(
            reverse("login"), {"username": persona.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, persona.username
        assert response["Location"] == reverse("core:home")
        client.post(reverse("logout"))


def test_demo_data_builds_the_contracts_for_the_current_fiscal_year(demo):
    for contract in demo.values():
        assert (contract.period_start, contract.period_end) == (date(2026, 4, 1), date(2027, 3, 31))


def test_demo_data_refuses_a_database_that_is_not_empty(demo):
    before = table_counts()
    err = StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("demo_data", stdout=StringIO(), stderr=err)

    assert exit_info.value.code not in (0, None)
    assert err.getvalue()
    assert table_counts() == before


def test_demo_data_if_empty_leaves_existing_data_alone(demo):
    before = table_counts()

    call_command("demo_data", "--if-empty", stdout=StringIO(), stderr=StringIO())

    assert table_counts() == before


def test_demo_data_if_empty_fills_an_empty_database(demo_day):
    call_command("demo_data", "--if-empty", stdout=StringIO(), stderr=StringIO())

    assert Contract.objects.count() == 2


@pytest.mark.parametrize(
    ("username", "kinds"),
    [
        ("so-supervisor", {"support_office"}),
        ("so-manager", {"support_office"}),
        ("so-worker", {"support_office"}),
        ("requester", {"support_office"}),
        ("ic-supervisor", {"ichou"}),
        ("ic-manager", {"ichou"}),
        ("ic-nurse", {"ichou"}),
        ("ic-volunteer", {"ichou"}),
        ("auditor", {"support_office", "ichou"}),
        ("outsider", set()),
    ],
)
def test_each_demo_persona_sees_only_the_contracts_it_may(demo, username, kinds):
    user = User.objects.get(username=username)

    visible = contracts_visible_to(user, on=DEMO_DAY)

    assert {c.service_kind for c in visible} == kinds


def test_demo_support_office_has_late_submitted_and_acknowledged_obligations(demo):
    supervisor = User.objects.get(username="so-supervisor")
    access = contract_access(supervisor, demo["support_office"].pk, on=DEMO_DAY)

    rows = obligation_item_list(access=access)

    states = Counter(row.state for row in rows)
    assert states[domain.ObligationState.LATE] >= 1
    assert states[domain.ObligationState.SUBMITTED] >= 1
    assert states[domain.ObligationState.ACKNOWLEDGED] >= 1
    # History stops at the demo day: nothing due from then on is submitted yet, but for the
    # month's training, met when the session was held (SO-8, ``obligation_item_fulfil``).
    assert all(
        row.item.submitted_at is None
        for row in rows
        if row.item.due_date >= DEMO_DAY and row.item.obligation.clause_id != "SO-8"
    )


@pytest.mark.parametrize(
    ("username", "needs_code"),
    [
        ("so-manager", True),
        ("so-supervisor", True),
        ("auditor", True),
        ("admin", True),
        ("so-worker", False),
        ("ic-volunteer", False),
    ],
)
def test_demo_personas_sign_in_with_the_code_demo_code_prints(client, demo, username, needs_code):
    client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    home = client.get(reverse("core:home"))
    if not needs_code:
        assert home.status_code == 200
        with pytest.raises(CommandError):
            call_command("demo_code", username, stdout=StringIO())
        return
    assert home["Location"].startswith(reverse("second-factor"))
    out = StringIO()
    call_command("demo_code", username, stdout=out)
    client.post(reverse("second-factor"), {"code": out.getvalue().strip()})
    assert client.get(reverse("core:home")).status_code == 200


def test_demo_code_is_refused_in_production(demo, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="本番環境"):
        call_command("demo_code", "so-manager", stdout=StringIO())


def test_demo_has_an_export_waiting_for_the_supervisors_approval(client, demo):
    from itaku.privacy.models import ExportRequest

    request = ExportRequest.objects.get()
    assert (request.state, request.requested_by.username) == ("requested", "so-manager")
    client.force_login(User.objects.get(username="so-supervisor"))
    page = client.get(f"/contracts/{request.contract_id}/exports/").content.decode()
    assert f"{request.requested_by.get_full_name()}さんの出力申請" in page
    assert "を承認する</button>" in page
