"""The insurance and chartered-bus part of the demo (``DEMO_STEPS``), through the services: a
policy for the fiscal year meeting every line of the 別表 (IC-26) and a bus rated A for the bus
hike (IC-33), so the home page shows no breach for the demo contract."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.compliance import services
from itaku.ichou.domain import INSURANCE_MINIMUMS


def policy_values(fiscal_year: int) -> dict[str, Any]:
    """A policy for the fiscal year at exactly the 別表's minimums, per day."""
    return {
        "insurer": "みなと損害保険株式会社",
        "policy_number": f"IC-{fiscal_year}-0001",
        "valid_from": date(fiscal_year, 4, 1),
        "valid_to": date(fiscal_year + 1, 3, 31),
        "death": INSURANCE_MINIMUMS["death"],
        "residual_disability": INSURANCE_MINIMUMS["residual_disability"],
        "hospital_amount": INSURANCE_MINIMUMS["hospital_per_day"],
        "hospital_unit": "day",
        "outpatient_per_day": INSURANCE_MINIMUMS["outpatient_per_day"],
        "liability": INSURANCE_MINIMUMS["liability"],
        "covers_travel": True,
    }


def vehicle_values(activity: Any = None) -> dict[str, Any]:
    return {
        "operator": "港観光バス株式会社",
        "vehicle_number": "品川230あ1234",
        "rating": "A",
        "activity": activity,
    }


def compliance_demo_step(world: Any) -> None:
    from itaku.ichou.programme.models import Activity

    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, contract.pk, on=world.working_day)
    services.policy_create(actor=manager, access=access, values=policy_values(world.fiscal_year))
    hike = (
        Activity.objects.filter(programme__contract=contract, kind="bus_hike")
        .exclude(programme__state="superseded")
        .order_by("date")
        .first()
    )
    services.vehicle_create(actor=manager, access=access, values=vehicle_values(hike))
