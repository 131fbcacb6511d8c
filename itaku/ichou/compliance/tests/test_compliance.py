"""Insurance (IC-26) and chartered buses (IC-33): the bus rating rule, the services (audited,
My Number refused, the manager only), a monthly hospital amount compared per day
(docs/decisions/0007), and the breaches on the home page that go when fixed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from itaku.audit.models import AuditEvent
from itaku.ichou import domain
from itaku.ichou.compliance import selectors, services
from itaku.ichou.compliance.demo import policy_values
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.compliance.selectors import compliance_todos
from itaku.ichou.compliance.tests.helpers import policy, vehicle
from itaku.ichou.programme.tests.helpers import FY, make_ichou

TODAY = date(2026, 6, 15)
NUMBER = "1234–5678–9018"


@pytest.mark.parametrize(
    ("rating", "ok"),
    [
        ("AAA", True),
        ("AA", True),
        ("A", True),
        ("B", False),
        ("C", False),
        ("none", False),
        ("", False),
        ("a", False),
    ],
    ids=lambda v: f"IC-33 {v}" if isinstance(v, str) else str(v),
)
def test_ic33_a_bus_must_be_rated_a_or_better(rating, ok):
    assert domain.bus_rating_ok(rating) is ok


def test_ic33_every_rating_offered_is_judged():
    assert [r for r in domain.BUS_RATINGS if domain.bus_rating_ok(r)] == ["AAA", "AA", "A"]


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_ic26_a_policy_is_created_and_audited(world, frozen_today):
    p = policy(world)
    assert selectors.policy_problems(p) == []
    assert AuditEvent.objects.filter(action="ic_policy.create").count() == 1
    services.policy_change(
        actor=world.manager,
        access=world.access(world.manager),
        policy=p,
        values=policy_values(FY) | {"liability": 1},
    )
    assert AuditEvent.objects.filter(action="ic_policy.change").count() == 1
    p.refresh_from_db()
    assert p.liability == 1


@pytestmark_db
@pytest.mark.parametrize(
    ("amount", "short"),
    [(120_000, False), (119_999, True)],
    ids=["IC-26 monthly 120,000 yen is 4,000 a day", "IC-26 monthly one yen short"],
)
def test_ic26_a_monthly_hospital_amount_is_compared_as_its_30th(world, frozen_today, amount, short):
    p = policy(world, hospital_amount=amount, hospital_unit="month")
    problems = selectors.policy_problems(p)
    assert any("入院" in m for m in problems) is short


@pytestmark_db
def test_ic26_the_policy_refuses_a_my_number_and_bad_dates(world, frozen_today):
    make_ichou(world)
    access = world.access(world.manager)
    with pytest.raises(ValidationError):
        services.policy_create(
            actor=world.manager, access=access, values=policy_values(FY) | {"insurer": NUMBER}
        )
    with pytest.raises(ValidationError) as error:
        services.policy_create(
            actor=world.manager,
            access=access,
            values=policy_values(FY) | {"valid_to": date(FY, 1, 1)},
        )
    assert "valid_to" in error.value.error_dict
    assert InsurancePolicy.objects.count() == 0


@pytestmark_db
def test_ic26_only_the_manager_registers(world, frozen_today):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    make_ichou(world)
    with pytest.raises((PermissionDenied, Http404)):
        services.policy_create(
            actor=world.supervisor, access=world.access(world.supervisor), values=policy_values(FY)
        )


@pytestmark_db
def test_ic33_a_bus_is_created_audited_and_refuses_a_my_number(world, frozen_today):
    v = vehicle(world)
    assert AuditEvent.objects.filter(action="ic_vehicle.create").count() == 1
    with pytest.raises(ValidationError):
        vehicle(world, operator=NUMBER)
    with pytest.raises(ValidationError) as error:
        vehicle(world, rating="S")
    assert "rating" in error.value.error_dict
    services.vehicle_change(
        actor=world.manager,
        access=world.access(world.manager),
        vehicle=v,
        values={"operator": "別の会社", "vehicle_number": "1", "rating": "B", "activity": None},
    )
    assert AuditEvent.objects.filter(action="ic_vehicle.change").count() == 1
    assert CharteredVehicle.objects.get().rating == "B"


def _whats(world, user):
    return [i.what for i in compliance_todos(user, TODAY, [world.access(user)])]


@pytestmark_db
def test_ic26_no_policy_covering_today_is_a_breach_until_one_is_registered(world, frozen_today):
    make_ichou(world)
    for user in (world.manager, world.supervisor):
        [what] = _whats(world, user)
        assert "保険" in what
    policy(world)
    assert _whats(world, world.manager) == []
    assert _whats(world, world.supervisor) == []


@pytestmark_db
def test_ic26_an_expired_policy_is_named_as_expired(world, frozen_today):
    policy(world, valid_from=date(2025, 4, 1), valid_to=date(2026, 3, 31))
    [what] = _whats(world, world.manager)
    assert "2026年03月31日で終わっています" in what


@pytestmark_db
def test_ic26_each_problem_of_the_policy_in_force_is_a_breach_until_fixed(world, frozen_today):
    p = policy(world, death=19_999_999, covers_travel=False)
    whats = _whats(world, world.supervisor)
    assert len(whats) == 2 and any("死亡" in w for w in whats)
    services.policy_change(
        actor=world.manager, access=world.access(world.manager), policy=p, values=policy_values(FY)
    )
    assert _whats(world, world.supervisor) == []


@pytestmark_db
def test_ic33_a_bus_below_a_is_a_breach_until_fixed(world, frozen_today):
    policy(world)
    v = vehicle(world, rating="B")
    [what] = _whats(world, world.manager)
    assert "Aランク以上ではありません" in what
    services.vehicle_change(
        actor=world.manager,
        access=world.access(world.manager),
        vehicle=v,
        values={
            "operator": v.operator,
            "vehicle_number": v.vehicle_number,
            "rating": "A",
            "activity": None,
        },
    )
    assert _whats(world, world.manager) == []


@pytestmark_db
def test_ic26_the_breaches_take_two_queries(world, frozen_today, django_assert_max_num_queries):
    policy(world, death=1)
    vehicle(world, rating="C")
    accesses = [world.access(world.manager)]
    with django_assert_max_num_queries(2):
        compliance_todos(world.manager, TODAY, accesses)


@pytestmark_db
def test_ic29_the_contract_end_package_returns_policies_and_buses(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.compliance.decl import PACKAGE_SECTIONS

    policy(world)
    vehicle(world)
    [section] = PACKAGE_SECTIONS
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {"ichou/insurance_policies.csv", "ichou/chartered_vehicles.csv"}
