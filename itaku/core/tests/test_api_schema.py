"""Property-based fuzzing of the JSON API, ``/api/v1``, against its own OpenAPI schema.

Schemathesis reads ``/api/v1/openapi.json`` and generates requests for every operation: first its
coverage phase (boundary values, missing and malformed parameters, undocumented methods, a request
without the token), then Hypothesis examples, valid and invalid. Requests go through the WSGI
application in-process, inside the test's transaction, so no server is started and the API sees
the ``world`` the test built. Every request runs on TODAY (``frozen_today``).

Requests carry the contract manager's token through a schemathesis auth provider rather than a
plain header, so that schemathesis leaves it off the cases that test a missing or malformed token.

Checks: the built-in defaults (``not_a_server_error``, ``status_code_conformance``,
``response_schema_conformance``, ``content_type_conformance``, ``negative_data_rejection``,
``positive_data_acceptance``, ``missing_required_header``, ``unsupported_method``,
``ignored_auth``, …). Every operation declares the 401, 404 and 422 it answers with their bodies,
and every date parameter its range as a pattern, so these hold with one exception:
``positive_data_acceptance`` → ``valid_data_accepted``, which also lets a cursor the API never
handed out be a 422: the schema states a cursor's form, not which cursors exist.

A second run holds no token (``anonymous``, no auth provider: a request carries none, or one
schemathesis made up): every operation must answer its declared 401, whatever the parameters,
before it looks at them.

Hypothesis health check ``function_scoped_fixture`` is suppressed: ``world`` and the token are
built once per test, not once per example. That is sound because every operation is a GET that
changes nothing but the token's ``last_used_at``, on which no response depends.
"""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from itaku.core import services
from itaku.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
anonymous = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

# Modest, so the module runs in seconds on SQLite and PostgreSQL.
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# Schemathesis builds its coverage-phase cases when the tests are collected, before any token
# exists, so the auth provider hands out a placeholder and `call` swaps in the fixture's token.
# The provider still matters: schemathesis knows which cases carry the credentials, and leaves
# them off (or mangles them) only in the cases that test a missing or malformed token.
PLACEHOLDER = "Bearer manager-token-placeholder"


@schema.auth(refresh_interval=None)
class ManagerToken:
    def get(self, case, context):
        return PLACEHOLDER

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": data}


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """What Django's test client does around each request: the WSGI handler's
    ``close_old_connections`` would close the connection that holds the test's transaction
    (PostgreSQL; SQLite's in-memory database ignores it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def manager_token(world) -> str:
    _, plain = services.api_token_issue(actor=world.manager, name="schemathesis")
    return f"Bearer {plain}"


def call(case, token: str):
    if (case.headers or {}).get("Authorization") == PLACEHOLDER:
        case.headers["Authorization"] = token
    return case.call()


def valid_data_accepted(ctx, response, case):
    """``positive_data_acceptance``, except that a cursor the API never handed out is a 422."""
    if response.status_code == 422 and (case.query or {}).get("cursor") is not None:
        errors = response.json()["errors"]
        if errors and all(e["loc"] == ["query", "cursor"] for e in errors):
            return None
    return positive_data_acceptance(ctx, response, case)


def validate(case, response) -> None:
    case.validate_response(
        response,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_data_accepted],
    )


def pin_contract(case, contract) -> None:
    """Point a case at ``contract``, unless its contract id is the invalid value under test."""
    value = case.path_parameters.get("contract_id")  # an int, or a string in the coverage phase
    if not isinstance(value, bool) and re.fullmatch(r"-?[0-9]+", str(value)):
        case.path_parameters["contract_id"] = contract.pk


@schema.parametrize()
@FUZZ
def test_every_operation_conforms_to_its_schema(case, manager_token):
    """Contract ids are fuzzed freely here, so contract operations mostly answer 404."""
    validate(case, call(case, manager_token))


@schema.include(path_regex=r"/contracts/\{contract_id\}").parametrize()
@FUZZ
def test_contract_operations_conform_on_a_contract_the_manager_sees(case, world, manager_token):
    """The same on the manager's own contract, so 200 bodies are validated against the schema
    and the obligation filters ``start`` and ``end`` are fuzzed behind the access rule."""
    pin_contract(case, world.contract)
    validate(case, call(case, manager_token))


@anonymous.parametrize()
@FUZZ
def test_without_a_token_every_operation_answers_its_declared_401(case, world):
    """No token, or one schemathesis made up; on the manager's own contract too: no 404 or 422
    that would tell anything before the caller is known."""
    pin_contract(case, world.contract)

    response = case.call()

    if case.method.upper() != case.operation.method.upper():
        assert response.status_code == 405  # the coverage phase's undocumented methods
    else:
        assert response.status_code == 401, response.text
    validate(case, response)
