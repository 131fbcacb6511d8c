"""The JSON API, ``/api/v1``: bearer tokens, the access rule on every contract endpoint,
obligation states, the business calendar, the schema and the caching headers.

Every request runs on TODAY (``frozen_today``), a Monday inside the contract period.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

import pytest
from django.core import serializers
from django.db.models import Max
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from itaku import api as api_module
from itaku.api_common import DATE_PATTERN, DEFAULT_LIMIT, MAX_LIMIT
from itaku.audit.models import AuditEvent
from itaku.conftest import TODAY
from itaku.core import services
from itaku.core.calendar import EARLIEST_DATE, LATEST_DATE
from itaku.core.models import ApiToken, ClosureDay, Contract

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

API = "/api/v1"
CONTRACT_ENDPOINTS = ["/contracts/{id}", "/contracts/{id}/roster", "/contracts/{id}/obligations"]


def bearer(user) -> dict[str, str]:
    _, plain = services.api_token_issue(actor=user, name="試験")
    return {"Authorization": f"Bearer {plain}"}


def missing_contract_id() -> int:
    return (Contract.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1000


# --- authentication ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/contracts",
        *CONTRACT_ENDPOINTS,
        "/calendar/business-day?date=2026-06-15",
        "/calendar/next-business-day?date=2026-06-15",
    ],
)
def test_every_endpoint_answers_401_without_a_token(client, world, path):
    response = client.get(API + path.format(id=world.contract.pk))

    assert response.status_code == 401


def test_a_token_that_was_never_issued_is_refused(client, world):
    headers = bearer(world.manager)
    forged = headers["Authorization"][:-1] + ("A" if headers["Authorization"][-1] != "A" else "B")

    response = client.get(f"{API}/contracts", headers={"Authorization": forged})

    assert response.status_code == 401


def test_a_token_stops_working_once_it_is_revoked(client, world):
    token, plain = services.api_token_issue(actor=world.manager, name="試験")
    headers = {"Authorization": f"Bearer {plain}"}
    assert client.get(f"{API}/contracts", headers=headers).status_code == 200

    services.api_token_revoke(actor=world.manager, token=token)

    assert client.get(f"{API}/contracts", headers=headers).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(client, world):
    headers = bearer(world.manager)
    assert client.get(f"{API}/contracts", headers=headers).status_code == 200
    world.manager.is_active = False
    world.manager.save(update_fields=["is_active"])

    assert client.get(f"{API}/contracts", headers=headers).status_code == 401


def test_a_logged_in_session_is_not_enough_for_the_api(client, world):
    # Only bearer tokens authenticate: a browser session must not be usable cross-site.
    client.force_login(world.manager)

    assert client.get(f"{API}/contracts").status_code == 401


def test_a_valid_token_authenticates_and_records_when_it_was_used(client, world):
    token, plain = services.api_token_issue(actor=world.manager, name="試験")
    assert token.last_used_at is None

    response = client.get(f"{API}/contracts", headers={"Authorization": f"Bearer {plain}"})

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == timezone.now()


def test_the_database_keeps_only_the_digest_of_a_token(world):
    token, plain = services.api_token_issue(actor=world.manager, name="試験")

    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert plain not in [str(value) for value in row.values()]
    assert row["digest"] == hashlib.sha256(plain.encode()).hexdigest()
    # Nor anywhere else the issue touched: not in the token row as text, not in the audit log.
    assert plain not in serializers.serialize("json", ApiToken.objects.all())
    assert plain not in serializers.serialize("json", AuditEvent.objects.all())


# --- the access rule -----------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTRACT_ENDPOINTS)
def test_outsider_gets_the_same_404_for_a_real_contract_and_a_missing_one(client, world, path):
    headers = bearer(world.outsider)

    real = client.get(API + path.format(id=world.contract.pk), headers=headers)
    missing = client.get(API + path.format(id=missing_contract_id()), headers=headers)

    assert real.status_code == 404
    assert missing.status_code == 404
    assert real.content == missing.content
    assert real["Content-Type"] == missing["Content-Type"]


@pytest.mark.parametrize("path", CONTRACT_ENDPOINTS)
def test_a_manager_gets_404_for_another_contractors_contract(client, world, path):
    headers = bearer(world.manager)

    other = client.get(API + path.format(id=world.other_contract.pk), headers=headers)
    missing = client.get(API + path.format(id=missing_contract_id()), headers=headers)

    assert other.status_code == 404
    assert other.content == missing.content


@pytest.mark.parametrize(
    ("persona", "roles"),
    [
        ("supervisor", ["ward_supervisor"]),
        ("requester", ["department_requester"]),
        ("auditor", ["auditor"]),
        ("manager", ["manager"]),
        ("worker", ["worker"]),
        ("nurse", ["nurse"]),
        ("volunteer", ["volunteer"]),
    ],
)
def test_every_rostered_persona_sees_the_contract_with_its_own_roles(client, world, persona, roles):
    response = client.get(
        f"{API}/contracts/{world.contract.pk}", headers=bearer(world.user(persona))
    )

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == world.contract.pk
    assert body["number"] == world.contract.number
    assert body["contractor"]["name"] == world.contract.contractor.name
    assert body["my_roles"] == roles


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("supervisor", 200),
        ("auditor", 200),
        ("worker", 404),
        ("nurse", 404),
        ("volunteer", 404),
        ("requester", 404),
        ("outsider", 404),
    ],
)
def test_only_the_manager_and_the_ward_supervisors_read_the_roster(client, world, persona, status):
    headers = bearer(world.user(persona))

    response = client.get(f"{API}/contracts/{world.contract.pk}/roster", headers=headers)

    assert response.status_code == status
    if status == 200:
        names = {row["given_name"] for row in response.json()["items"]}
        assert {"manager", "worker", "nurse", "volunteer"} <= names
        assert "outsider" not in names
    else:
        # A persona who sees the contract but not its roster learns nothing more than an outsider.
        missing = client.get(f"{API}/contracts/{missing_contract_id()}/roster", headers=headers)
        assert response.content == missing.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("worker", 200),
        ("supervisor", 200),
        ("auditor", 200),
        ("nurse", 404),
        ("volunteer", 404),
        ("requester", 404),
    ],
)
def test_obligations_are_shown_only_to_those_who_follow_them(client, world, persona, status):
    response = client.get(
        f"{API}/contracts/{world.contract.pk}/obligations", headers=bearer(world.user(persona))
    )

    assert response.status_code == status


def test_the_contract_list_of_an_outsider_is_empty(client, world):
    response = client.get(f"{API}/contracts", headers=bearer(world.outsider))

    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


def test_the_contract_list_of_a_manager_holds_only_their_own_contract(client, world):
    response = client.get(f"{API}/contracts", headers=bearer(world.manager))

    assert response.status_code == 200
    body = response.json()
    assert [(c["id"], c["my_roles"]) for c in body["items"]] == [(world.contract.pk, ["manager"])]
    assert body["next_cursor"] is None


def test_ending_a_roster_entry_ends_api_access_at_the_next_request(client, world):
    headers = bearer(world.worker)
    url = f"{API}/contracts/{world.contract.pk}"
    assert client.get(url, headers=headers).status_code == 200
    entry = world.contract.roster_entries.get(person__user=world.worker)

    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)

    assert client.get(url, headers=headers).status_code == 404
    assert client.get(f"{API}/contracts", headers=headers).json()["items"] == []


# --- obligations ---------------------------------------------------------------------------


@pytest.fixture
def scheduled(world):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(actor=world.admin, contract=world.contract, through=TODAY)
    return world


def obligations(client, world, query: str = "") -> list[dict]:
    """Every obligation item, on one page of the largest size (the world has fewer)."""
    separator = "&" if query else "?"
    response = client.get(
        f"{API}/contracts/{world.contract.pk}/obligations{query}{separator}limit=200",
        headers=bearer(world.manager),
    )
    assert response.status_code == 200
    assert response.json()["next_cursor"] is None
    return response.json()["items"]


def daily_report(rows: list[dict], day: date) -> dict:
    (row,) = [r for r in rows if r["clause_id"] == "SO-13" and r["period_start"] == day.isoformat()]
    return row


def test_obligations_carry_their_clause_and_come_by_due_date(client, scheduled):
    rows = obligations(client, scheduled)

    assert {"SO-13", "SO-14"} <= {r["clause_id"] for r in rows}
    due_dates = [r["due_date"] for r in rows]
    assert due_dates == sorted(due_dates)


def test_friday_daily_report_is_due_on_monday(client, scheduled):
    row = daily_report(obligations(client, scheduled), date(2026, 6, 12))

    assert row["due_date"] == "2026-06-15"
    assert row["state"] == "due"


def test_an_unsubmitted_daily_report_past_its_due_date_is_late(client, scheduled):
    row = daily_report(obligations(client, scheduled), date(2026, 6, 10))

    assert row["due_date"] == "2026-06-11"
    assert row["state"] == "late"
    assert row["submitted_late"] is False


def test_the_monthly_report_of_the_current_month_is_not_due_yet(client, scheduled):
    (june,) = [
        r
        for r in obligations(client, scheduled)
        if r["clause_id"] == "SO-14" and r["period_start"] == "2026-06-01"
    ]

    assert june["period_end"] == "2026-06-30"
    assert june["state"] == "not_due"


def test_a_late_submission_shows_as_submitted_late_then_acknowledged(client, scheduled):
    world = scheduled
    row = daily_report(obligations(client, world), date(2026, 6, 10))
    item = world.contract.obligations.get(clause_id="SO-13").items.get(pk=row["id"])

    services.obligation_item_submit(
        actor=world.manager, access=world.access(world.manager), item=item
    )
    submitted = daily_report(obligations(client, world), date(2026, 6, 10))
    services.obligation_item_acknowledge(
        actor=world.supervisor, access=world.access(world.supervisor), item=item
    )
    acknowledged = daily_report(obligations(client, world), date(2026, 6, 10))

    assert (submitted["state"], submitted["submitted_late"]) == ("submitted", True)
    assert (acknowledged["state"], acknowledged["submitted_late"]) == ("acknowledged", True)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 6, 11), date(2026, 6, 15)),
        (date(2026, 6, 12), None),
        (None, date(2026, 5, 7)),
        (date(2026, 6, 15), date(2026, 6, 15)),
    ],
)
def test_obligations_can_be_filtered_by_due_date(client, scheduled, start, end):
    everything = obligations(client, scheduled)
    query = "&".join(
        f"{name}={value.isoformat()}" for name, value in [("start", start), ("end", end)] if value
    )

    filtered = obligations(client, scheduled, f"?{query}")

    expected = [
        r
        for r in everything
        if (start is None or r["due_date"] >= start.isoformat())
        and (end is None or r["due_date"] <= end.isoformat())
    ]
    assert filtered
    assert len(filtered) < len(everything)
    assert filtered == expected


def test_a_malformed_filter_date_is_a_422(client, scheduled):
    response = client.get(
        f"{API}/contracts/{scheduled.contract.pk}/obligations?start=15.06.2026",
        headers=bearer(scheduled.manager),
    )

    assert response.status_code == 422


# --- business calendar ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param("2026-05-06", False, id="振替休日 after 憲法記念日 on a Sunday"),
        pytest.param("2026-05-07", True, id="the Thursday after Golden Week"),
        pytest.param("2026-06-13", False, id="a Saturday"),
        pytest.param("2026-12-29", False, id="年末年始 on a Tuesday"),
        pytest.param("2026-06-15", True, id="an ordinary Monday"),
    ],
)
def test_business_day_tells_whether_the_ward_office_is_open(client, world, day, expected):
    response = client.get(f"{API}/calendar/business-day?date={day}", headers=bearer(world.manager))

    assert response.status_code == 200
    assert response.json() == {"date": day, "is_business_day": expected}


def test_a_ward_closure_day_is_not_a_business_day(client, world):
    ClosureDay.objects.create(date=date(2026, 6, 12), reason="庁舎点検")
    headers = bearer(world.manager)

    closed = client.get(f"{API}/calendar/business-day?date=2026-06-12", headers=headers)
    after = client.get(f"{API}/calendar/next-business-day?date=2026-06-11", headers=headers)

    assert closed.json()["is_business_day"] is False
    assert after.json()["next_business_day"] == "2026-06-15"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param("2026-05-01", "2026-05-07", id="across Golden Week"),
        pytest.param("2026-06-12", "2026-06-15", id="Friday to Monday"),
        pytest.param("2026-12-28", "2027-01-04", id="across 年末年始"),
        pytest.param("2026-06-15", "2026-06-16", id="strictly after a business day"),
    ],
)
def test_next_business_day_skips_holidays_and_closures(client, world, day, expected):
    response = client.get(
        f"{API}/calendar/next-business-day?date={day}", headers=bearer(world.manager)
    )

    assert response.status_code == 200
    assert response.json() == {"date": day, "next_business_day": expected}


@pytest.mark.parametrize("endpoint", ["business-day", "next-business-day"])
@pytest.mark.parametrize(
    "query",
    ["?date=2026-02-30", "?date=tomorrow", "?date=", "", "?date=9999-12-31", "?date=0001-01-01"],
)
def test_a_malformed_or_missing_date_is_a_422(client, world, endpoint, query):
    response = client.get(f"{API}/calendar/{endpoint}{query}", headers=bearer(world.manager))

    assert response.status_code == 422


# --- schema and headers --------------------------------------------------------------------


def test_the_openapi_schema_is_public_and_documents_bearer_auth(client, db):
    # The schema describes the API, not anyone's data; clients read it before they hold a token.
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert {
        f"{API}/contracts",
        f"{API}/contracts/{{contract_id}}",
        f"{API}/contracts/{{contract_id}}/roster",
        f"{API}/contracts/{{contract_id}}/obligations",
        f"{API}/calendar/business-day",
        f"{API}/calendar/next-business-day",
    } <= set(schema["paths"])
    schemes = schema["components"]["securitySchemes"]
    assert [(s["type"], s["scheme"]) for s in schemes.values()] == [("http", "bearer")]
    (name,) = schemes
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert operation["security"] == [{name: []}]


@pytest.mark.parametrize(
    ("persona", "path", "status"),
    [
        (None, "/contracts", 401),
        ("manager", "/contracts", 200),
        ("manager", "/contracts/{id}/roster", 200),
        ("outsider", "/contracts/{id}", 404),
        ("manager", "/calendar/business-day?date=bad", 422),
        (None, "/openapi.json", 200),
    ],
)
def test_no_api_response_may_be_stored_by_a_cache(client, world, persona, path, status):
    headers = bearer(world.user(persona)) if persona else {}

    response = client.get(API + path.format(id=world.contract.pk), headers=headers)

    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("value", ["0", "1718409600", "2026-06-15T00:00:00Z", "20260615"])
def test_query_dates_must_be_written_yyyy_mm_dd(client, world, value):
    for url in (
        f"{API}/calendar/business-day?date={value}",
        f"{API}/calendar/next-business-day?date={value}",
        f"{API}/contracts/{world.contract.pk}/obligations?start={value}",
    ):
        assert client.get(url, headers=bearer(world.manager)).status_code == 422, url


def test_pi9_the_roster_read_through_the_api_is_audited_per_line(client, world, monkeypatch):
    # What audit_reads writes is the audit app's; here: it is called with exactly the lines shown.
    calls = []
    monkeypatch.setattr(
        api_module, "audit_reads", lambda **kw: calls.append((kw["actor"], kw["records"]))
    )

    response = client.get(
        f"{API}/contracts/{world.contract.pk}/roster", headers=bearer(world.auditor)
    )

    assert response.status_code == 200
    shown = [row["id"] for row in response.json()["items"]]
    assert [(actor, [r.pk for r in records]) for actor, records in calls] == [
        (world.auditor, shown)
    ]


# --- errors and the ranges of dates --------------------------------------------------------


def test_a_401_says_in_japanese_that_a_token_is_needed(client, world):
    response = client.get(f"{API}/contracts")

    assert response.status_code == 401
    assert response.json() == {"detail": "API トークンがないか、無効です。"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_404_says_only_that_nothing_was_found(client, world):
    response = client.get(f"{API}/contracts/{world.contract.pk}", headers=bearer(world.outsider))

    assert response.status_code == 404
    assert response.json() == {"detail": "見つかりません。"}


@pytest.mark.parametrize(
    "url",
    [
        "/calendar/business-day?date={day}",
        "/calendar/next-business-day?date={day}",
        "/contracts/{id}/obligations?start={day}",
        "/contracts/{id}/obligations?end={day}",
    ],
)
@pytest.mark.parametrize(
    ("day", "status"),
    [
        (EARLIEST_DATE - timedelta(days=1), 422),
        (EARLIEST_DATE, 200),
        (LATEST_DATE, 200),
        (LATEST_DATE + timedelta(days=1), 422),
    ],
)
def test_dates_are_accepted_from_earliest_to_latest_date_and_no_further(
    client, world, url, day, status
):
    response = client.get(
        API + url.format(id=world.contract.pk, day=day.isoformat()), headers=bearer(world.manager)
    )

    assert response.status_code == status
    if status == 422:
        (error,) = response.json()["errors"]
        assert error["msg"] == "日付は1900年1月1日から2100年12月31日までの日を指定してください。"


def test_every_operation_declares_its_errors_and_the_body_of_each(client, db):
    schema = client.get(f"{API}/openapi.json").json()

    declared = {
        path.removeprefix(API): {
            code: response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            for code, response in operation["responses"].items()
            if not code.startswith("2")  # a success: 200, or 201 for a creation
        }
        for path, operations in schema["paths"].items()
        for operation in operations.values()
    }

    errors = {"401": "ErrorOut", "422": "ValidationErrorOut"}
    with_404 = {**errors, "404": "ErrorOut"}
    core = {
        "/contracts": errors,
        "/contracts/{contract_id}": with_404,
        "/contracts/{contract_id}/roster": with_404,
        "/contracts/{contract_id}/obligations": with_404,
        "/calendar/business-day": errors,
        "/calendar/next-business-day": errors,
        "/visits/count": errors,  # the test app's router (itaku.core.tests.plugin_app)
    }
    assert {path: declared[path] for path in core} == core
    # The apps' own routers (API_ROUTERS): the same errors, a 404 wherever a contract is named.
    for path, codes in declared.items():
        if path not in core:
            assert codes == (with_404 if "{contract_id}" in path else errors), path


def test_every_list_declares_its_limit_and_cursor(client, db):
    schema = client.get(f"{API}/openapi.json").json()

    for path in ["/contracts", "/contracts/{contract_id}/roster"]:
        (operation,) = schema["paths"][API + path].values()
        params = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, MAX_LIMIT)
        assert params["limit"]["default"] == DEFAULT_LIMIT
        assert "cursor" in params
        page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert set(schema["components"]["schemas"][page.rsplit("/", 1)[1]]["required"]) == {
            "items",
            "next_cursor",
        }


def test_every_date_parameter_declares_the_range_it_accepts(client, db):
    schema = client.get(f"{API}/openapi.json").json()

    dates = [
        next(s for s in [p["schema"], *p["schema"].get("anyOf", [])] if s.get("format") == "date")
        for operations in schema["paths"].values()
        for operation in operations.values()
        for p in operation["parameters"]
        if p["name"] in {"date", "start", "end"}
    ]

    assert len(dates) == 4
    for declared in dates:
        assert declared["formatMinimum"] == EARLIEST_DATE.isoformat()
        assert declared["formatMaximum"] == LATEST_DATE.isoformat()
        assert declared["pattern"] == DATE_PATTERN


@given(day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_the_date_pattern_of_the_schema_matches_exactly_the_dates_the_api_accepts(day):
    assert bool(re.match(DATE_PATTERN, day.isoformat())) == (EARLIEST_DATE <= day <= LATEST_DATE)
