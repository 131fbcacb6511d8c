"""The audit tests write events of their own, declared as any app declares its events."""

from __future__ import annotations

import pytest

from itaku.core.registry import AuditEventKind
from itaku.core.tests.plugins import extra_contributions

TEST_EVENTS = ["test.event", "test.before_the_split", "test.hold", "test.meanwhile"]


@pytest.fixture(autouse=True)
def _test_events():
    events = [AuditEventKind(key, f"試験の記録({key})") for key in TEST_EVENTS]
    with extra_contributions("audit_tests", AUDIT_EVENTS=events):
        yield
