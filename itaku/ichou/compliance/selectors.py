"""Reads of the insurance policies and chartered buses through the access rule (anything not
allowed answers 404), and the rules of ``itaku.ichou.domain`` applied to what is stored: each
policy's shortfalls against the 別表 (IC-26), each bus's rating (IC-33), and the breaches the
home page lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from itaku.core.access import ContractAccess
from itaku.core.domain import Role
from itaku.ichou import domain
from itaku.ichou.compliance.decl import EDIT_COMPLIANCE, VIEW_COMPLIANCE
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy

# docs/decisions/0007: a monthly hospital amount is compared as its 30th, rounded down.
DAYS_A_MONTH = 30


def hospital_per_day(policy: InsurancePolicy) -> int:
    """The policy's hospital amount per day, as ``domain.insurance_problems`` takes it."""
    if policy.hospital_unit == InsurancePolicy.HospitalUnit.PER_MONTH:
        return policy.hospital_amount // DAYS_A_MONTH
    return policy.hospital_amount


def policy_problems(policy: InsurancePolicy) -> list[str]:
    """``domain.insurance_problems`` of a stored policy (IC-26)."""
    return domain.insurance_problems(
        death=policy.death,
        residual_disability=policy.residual_disability,
        hospital_per_day=hospital_per_day(policy),
        outpatient_per_day=policy.outpatient_per_day,
        liability=policy.liability,
        covers_travel=policy.covers_travel,
    )


def covers(policy: InsurancePolicy, on: date) -> bool:
    return policy.valid_from <= on <= policy.valid_to


@dataclass(frozen=True)
class Breach:
    clause: str
    message: str
    url_name: str


def judged_on(contract: Any, today: date) -> date:
    """The day whose cover is checked: today, or the period's first day while it has not begun
    (IC-26: the policy covers the activities from the first)."""
    return max(today, contract.period_start)


def breaches(
    policies: list[InsurancePolicy], vehicles: list[CharteredVehicle], on: date
) -> list[Breach]:
    """What breaks 仕様書 16 or 22 on day ``on``: no policy covering the day (an expired one named
    as such), each problem of each policy in force, each bus rated below A.

    Before the contract's period, pass its first day as ``on``: the cover must be there from
    the first activity (``judged_on``)."""
    out: list[Breach] = []
    current = [p for p in policies if covers(p, on)]
    day = "今日" if on == timezone.localdate() else f"{on:%Y年%m月%d日}"
    if not current:
        ended = [p for p in policies if p.valid_to < on]
        if ended:
            last = max(ended, key=lambda p: p.valid_to)
            out.append(
                Breach(
                    "IC-26",
                    f"保険の期間が{last.valid_to:%Y年%m月%d日}で終わっています。"
                    f"{day}を含む保険を登録してください。",
                    "ichou:policies",
                )
            )
        else:
            out.append(
                Breach("IC-26", f"{day}を含む期間の保険が登録されていません。", "ichou:policies")
            )
    for policy in current:
        for problem in policy_problems(policy):
            out.append(
                Breach(
                    "IC-26", f"保険(証券番号 {policy.policy_number}): {problem}", "ichou:policies"
                )
            )
    for vehicle in vehicles:
        if not domain.bus_rating_ok(vehicle.rating):
            out.append(
                Breach(
                    "IC-33",
                    f"貸切バス(車両番号 {vehicle.vehicle_number})の環境性能が"
                    f"{vehicle.get_rating_display()}で、Aランク以上ではありません。",
                    "ichou:vehicles",
                )
            )
    return out


def policies_of(*, access: ContractAccess) -> QuerySet[InsurancePolicy]:
    access.require(VIEW_COMPLIANCE)
    return InsurancePolicy.objects.filter(contract=access.contract).select_related("certificate")


def vehicles_of(*, access: ContractAccess) -> QuerySet[CharteredVehicle]:
    access.require(VIEW_COMPLIANCE)
    return CharteredVehicle.objects.filter(contract=access.contract).select_related(
        "activity", "document"
    )


def policy_get(*, access: ContractAccess, policy_id: Any) -> InsurancePolicy:
    from itaku.web.lookup import get_or_404

    return get_or_404(policies_of(access=access), pk=policy_id)


def vehicle_get(*, access: ContractAccess, vehicle_id: Any) -> CharteredVehicle:
    from itaku.web.lookup import get_or_404

    return get_or_404(vehicles_of(access=access), pk=vehicle_id)


def _watches(access: ContractAccess) -> bool:
    return access.can(EDIT_COMPLIANCE) or (
        Role.WARD_SUPERVISOR in access.roles and access.can(VIEW_COMPLIANCE)
    )


def compliance_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """The home page's breaches for the manager and the ward supervisor of a いちょう学級
    contract; two queries however many contracts."""
    from django.urls import reverse

    from itaku.core.registry import TodoItem

    watched = {a.contract.pk: a for a in accesses if _watches(a)}
    if not watched:
        return []
    policies: dict[int, list[InsurancePolicy]] = {pk: [] for pk in watched}
    vehicles: dict[int, list[CharteredVehicle]] = {pk: [] for pk in watched}
    for p in InsurancePolicy.objects.filter(contract_id__in=watched):
        policies[p.contract_id].append(p)
    for v in CharteredVehicle.objects.filter(contract_id__in=watched):
        vehicles[v.contract_id].append(v)
    items: list[Any] = []
    for pk, access in watched.items():
        on = judged_on(access.contract, today)
        for breach in breaches(policies[pk], vehicles[pk], on):
            items.append(
                TodoItem(
                    access.contract,
                    breach.message,
                    today,
                    reverse(breach.url_name, args=[pk]),
                    "保険を確認する" if breach.clause == "IC-26" else "貸切バスを確認する",
                )
            )
    return items
