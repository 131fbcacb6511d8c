"""The world of the compliance tests: the test world's contract as a いちょう学級 contract, with
a policy meeting the 別表 and a bus rated A (the demo's values)."""

from __future__ import annotations

from typing import Any

from itaku.ichou.compliance import services
from itaku.ichou.compliance.demo import policy_values, vehicle_values
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.programme.tests.helpers import FY, make_ichou


def policy(world: Any, **change: Any) -> InsurancePolicy:
    make_ichou(world)
    return services.policy_create(
        actor=world.manager,
        access=world.access(world.manager),
        values=policy_values(FY) | change,
    )


def vehicle(world: Any, **change: Any) -> CharteredVehicle:
    make_ichou(world)
    return services.vehicle_create(
        actor=world.manager, access=world.access(world.manager), values=vehicle_values() | change
    )
