"""Keyset pages of the API's lists: every row once, the limit's bounds, the cursor, the access
rule on every page and the read audit per page (``itaku.api_common.keyset_page``).

Every request runs on TODAY (``frozen_today``), a Monday inside the contract period.
"""

from __future__ import annotations

import base64
import json

import pytest

from itaku import api as api_module
from itaku.api_common import DEFAULT_LIMIT, MAX_LIMIT
from itaku.conftest import PERIOD_START, TODAY, make_contract, make_user
from itaku.core import domain, services
from itaku.core.models import Contract, RosterEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

API = "/api/v1"


def bearer(user) -> dict[str, str]:
    _, plain = services.api_token_issue(actor=user, name="試験")
    return {"Authorization": f"Bearer {plain}"}


def get(client, headers, path: str, **query):
    return client.get(API + path, query, headers=headers)


def walk(client, headers, path: str, *, limit: int, **query) -> tuple[list[dict], int]:
    """Every item of a list endpoint, page by page; and how many pages it took."""
    items: list[dict] = []
    cursor = None
    pages = 0
    while True:
        params = {**query, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = get(client, headers, path, **params)
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages
        assert pages < 500, "the pages never end"


def encode(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.fixture
def crowded(world):
    """Sort keys that tie: five more contracts of the supervisor starting on the same day, five
    more workers with the same role and kana, and an ended entry (ended_at is NULL elsewhere)."""
    dept = world.contract.department
    for n in range(5):
        contract = make_contract(f"T-1{n}", dept, world.contract.contractor)
        services.ward_role_grant(
            actor=world.admin,
            contract=contract,
            person=world.supervisor.person,
            role=domain.Role.WARD_SUPERVISOR,
            valid_from=PERIOD_START,
        )
    company = world.contract.contractor
    access = world.access(world.manager)
    for n in range(5):
        services.roster_entry_add(
            actor=world.manager,
            access=access,
            person=make_user(f"worker{n}", company).person,
            role=domain.Role.WORKER,
            qualifications=[],
            valid_from=PERIOD_START,
        )
    entry = world.contract.roster_entries.get(person__user=world.volunteer)
    services.roster_entry_end(actor=world.manager, access=access, entry=entry)
    return world


@pytest.fixture
def scheduled(world):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(actor=world.admin, contract=world.contract, through=TODAY)
    return world


def one_page(client, headers, path: str, **query) -> list[dict]:
    response = get(client, headers, path, limit=MAX_LIMIT, **query)
    assert response.status_code == 200
    assert response.json()["next_cursor"] is None
    return response.json()["items"]


# --- every row exactly once ----------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_walking_the_contracts_page_by_page_gives_each_once_in_order(client, crowded, limit):
    headers = bearer(crowded.supervisor)
    expected = one_page(client, headers, "/contracts")
    assert len(expected) == 6
    assert len({c["period_start"] for c in expected}) == 1  # every sort key ties but the pk

    walked, pages = walk(client, headers, "/contracts", limit=limit)

    assert [c["id"] for c in walked] == [c["id"] for c in expected]
    assert pages == -(-len(expected) // limit)


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_walking_the_roster_page_by_page_gives_each_entry_once_in_order(client, crowded, limit):
    headers = bearer(crowded.manager)
    path = f"/contracts/{crowded.contract.pk}/roster"
    expected = one_page(client, headers, path)
    workers = [e for e in expected if e["role"] == "worker" and not e["ended"]]
    assert len(workers) == 6  # same role, same kana, not ended: only the pk tells them apart
    assert expected[-1]["given_name"] == "volunteer"  # ended entries come last, on every database

    walked, _ = walk(client, headers, path, limit=limit)

    assert [e["id"] for e in walked] == [e["id"] for e in expected]
    assert {e["id"] for e in walked} == set(
        crowded.contract.roster_entries.values_list("pk", flat=True)
    )


@pytest.mark.parametrize("limit", [1, 7])
def test_walking_the_obligations_page_by_page_gives_each_item_once(client, scheduled, limit):
    headers = bearer(scheduled.manager)
    path = f"/contracts/{scheduled.contract.pk}/obligations"
    expected = one_page(client, headers, path)
    due_dates = [r["due_date"] for r in expected]
    assert len(set(due_dates)) < len(due_dates)  # some items share a due date

    walked, _ = walk(client, headers, path, limit=limit)

    assert [r["id"] for r in walked] == [r["id"] for r in expected]


def test_the_pages_of_a_filtered_list_hold_only_what_the_filter_lets_through(client, scheduled):
    headers = bearer(scheduled.manager)
    path = f"/contracts/{scheduled.contract.pk}/obligations"
    query = {"start": "2026-05-01", "end": "2026-05-31"}

    walked, pages = walk(client, headers, path, limit=5, **query)

    assert pages > 1
    assert walked == one_page(client, headers, path, **query)
    assert all("2026-05-01" <= r["due_date"] <= "2026-05-31" for r in walked)


# --- the limit -----------------------------------------------------------------------------


def test_a_list_without_a_limit_gives_the_default_page_size(client, scheduled):
    headers = bearer(scheduled.manager)
    path = f"/contracts/{scheduled.contract.pk}/obligations"
    everything = one_page(client, headers, path)
    assert len(everything) > DEFAULT_LIMIT

    body = get(client, headers, path).json()

    assert [r["id"] for r in body["items"]] == [r["id"] for r in everything[:DEFAULT_LIMIT]]
    assert body["next_cursor"] is not None


@pytest.mark.parametrize("limit", [1, MAX_LIMIT])
def test_a_limit_from_one_to_the_maximum_is_accepted(client, world, limit):
    response = get(client, bearer(world.manager), "/contracts", limit=limit)

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        (0, "1以上の値を指定してください。"),
        (-5, "1以上の値を指定してください。"),
        (MAX_LIMIT + 1, f"{MAX_LIMIT}以下の値を指定してください。"),
        ("十", "整数で指定してください。"),
        ("1.5", "整数で指定してください。"),
    ],
)
@pytest.mark.parametrize("path", ["/contracts", "/contracts/{id}/roster"])
def test_a_limit_outside_its_bounds_is_a_422_that_says_why(client, world, path, limit, message):
    response = get(client, bearer(world.manager), path.format(id=world.contract.pk), limit=limit)

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "指定された値に誤りがあります。"
    assert body["errors"] == [
        {"loc": ["query", "limit"], "msg": message, "type": body["errors"][0]["type"]}
    ]


# --- the cursor ----------------------------------------------------------------------------


def test_the_cursor_names_only_the_last_row_shown_and_no_personal_data(client, crowded):
    response = get(
        client, bearer(crowded.manager), f"/contracts/{crowded.contract.pk}/roster", limit=2
    )
    body = response.json()

    raw = base64.urlsafe_b64decode(body["next_cursor"] + "==").decode()

    assert json.loads(raw) == [body["items"][-1]["id"]]


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("!!!", id="not base64"),
        pytest.param("a" * 65, id="too long"),
        pytest.param("abc", id="base64 of no JSON"),
        pytest.param(encode(["7"]), id="a string for a key"),
        pytest.param(encode([True]), id="a boolean for a key"),
        pytest.param(encode([1, 2]), id="two keys"),
        pytest.param(encode({"pk": 1}), id="an object"),
        pytest.param(encode([2**64]), id="a key too large for the database"),
        pytest.param(encode([0]), id="no row has pk 0"),
    ],
)
@pytest.mark.parametrize("path", ["/contracts", "/contracts/{id}/roster"])
def test_a_tampered_cursor_is_a_422_not_a_server_error(client, world, path, cursor):
    response = get(client, bearer(world.manager), path.format(id=world.contract.pk), cursor=cursor)

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["loc"] == ["query", "cursor"]


def test_a_cursor_naming_a_row_the_caller_may_not_see_is_refused_like_a_forged_one(client, world):
    headers = bearer(world.manager)
    hidden = encode([world.other_contract.pk])
    missing = encode([Contract.objects.order_by("-pk").first().pk + 1000])

    refused = get(client, headers, "/contracts", cursor=hidden)
    forged = get(client, headers, "/contracts", cursor=missing)

    assert refused.status_code == forged.status_code == 422
    assert refused.content == forged.content


def test_a_cursor_from_another_contracts_roster_does_not_open_this_one(client, world):
    # The other contract's entries are not in this roster, so its pks are no cursor here.
    other = RosterEntry.objects.create(
        contract=world.other_contract,
        person=world.outsider.person,
        role=domain.Role.WORKER,
        valid_from=PERIOD_START,
    )
    path = f"/contracts/{world.contract.pk}/roster"

    response = get(client, bearer(world.manager), path, cursor=encode([other.pk]))

    assert response.status_code == 422


# --- the access rule on every page ---------------------------------------------------------


def test_an_outsider_with_a_managers_cursor_still_gets_404(client, crowded):
    path = f"/contracts/{crowded.contract.pk}/roster"
    cursor = get(client, bearer(crowded.manager), path, limit=2).json()["next_cursor"]
    assert cursor

    response = get(client, bearer(crowded.outsider), path, limit=2, cursor=cursor)

    assert response.status_code == 404


def test_an_outsider_walking_the_contracts_sees_nothing(client, crowded):
    headers = bearer(crowded.outsider)
    cursor = get(client, bearer(crowded.supervisor), "/contracts", limit=2).json()["next_cursor"]

    first = get(client, headers, "/contracts", limit=2)
    with_cursor = get(client, headers, "/contracts", limit=2, cursor=cursor)

    assert first.json() == {"items": [], "next_cursor": None}
    assert with_cursor.status_code == 422  # the row it names is not one the outsider may see


def test_access_that_ends_between_two_pages_ends_at_the_next_page(client, scheduled):
    world = scheduled
    headers = bearer(world.worker)
    path = f"/contracts/{world.contract.pk}/obligations"
    cursor = get(client, headers, path, limit=5).json()["next_cursor"]
    entry = world.contract.roster_entries.get(person__user=world.worker)

    services.roster_entry_end(actor=world.manager, access=world.access(world.manager), entry=entry)

    assert get(client, headers, path, limit=5, cursor=cursor).status_code == 404


# --- the read audit (PI-9) -----------------------------------------------------------------


@pytest.fixture
def audited_reads(monkeypatch) -> list[tuple]:
    """The calls the API makes to ``audit_reads``, each still made."""
    calls: list[tuple] = []
    real = api_module.audit_reads

    def spy(*, actor, contract, records):
        calls.append((actor, contract, [r.pk for r in records]))
        real(actor=actor, contract=contract, records=records)

    monkeypatch.setattr(api_module, "audit_reads", spy)
    return calls


def test_pi9_each_roster_page_is_one_audited_read_of_the_entries_it_shows(
    client, crowded, audited_reads
):
    path = f"/contracts/{crowded.contract.pk}/roster"

    walked, pages = walk(client, bearer(crowded.auditor), path, limit=3)

    assert len(audited_reads) == pages
    shown = [[e["id"] for e in walked[i : i + 3]] for i in range(0, len(walked), 3)]
    assert [records for _, _, records in audited_reads] == shown
    assert {(actor, contract) for actor, contract, _ in audited_reads} == {
        (crowded.auditor, crowded.contract)
    }
