"""Fixtures of the dispatch tests: the contract's places, the requester's usual place, and a
requester of another department on the same contract."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from itaku.conftest import PERIOD_START, make_user
from itaku.core import domain, services
from itaku.core.models import Organisation
from itaku.support_office.dispatch.models import Place, UsualPlace

TOKYO = ZoneInfo("Asia/Tokyo")


def at(hour: int, minute: int = 0, day: int = 15, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def place(world):
    counter = Place.objects.create(contract=world.contract, site="shiba", name="1階 区民課 窓口")
    UsualPlace.objects.create(contract=world.contract, person=world.requester.person, place=counter)
    return counter


@pytest.fixture
def other_requester(world):
    """A requester of another department, on the same contract."""
    dept = Organisation.objects.create(name="麻布地区総合支所 区民課(試験)", kind="ward")
    user = make_user("other_requester", dept)
    services.ward_role_grant(
        actor=world.admin,
        contract=world.contract,
        person=user.person,
        role=domain.Role.DEPARTMENT_REQUESTER,
        valid_from=PERIOD_START,
    )
    return user
