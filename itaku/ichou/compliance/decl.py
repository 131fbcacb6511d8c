"""What the insurance and chartered-vehicle part of いちょう学級 declares to the platform (IC-26,
IC-33); gathered by ``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, TodoSource

KIND = "ichou"

VIEW_COMPLIANCE = Action(
    key="ic_view_compliance",
    label="保険・貸切バスを見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER, Role.WORKER, Role.NURSE}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_COMPLIANCE = Action(
    key="ic_edit_compliance",
    label="保険・貸切バスを登録する・変更する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
ACTIONS = [VIEW_COMPLIANCE, EDIT_COMPLIANCE]

AUDIT_EVENTS = [
    AuditEventKind("ic_policy.create", "保険の登録"),
    AuditEventKind("ic_policy.change", "保険の変更"),
    AuditEventKind("ic_vehicle.create", "貸切バスの登録"),
    AuditEventKind("ic_vehicle.change", "貸切バスの変更"),
]

CONTRACT_PAGES = [
    ContractPage("ic_policies", "保険", "ichou:policies", VIEW_COMPLIANCE.key, KIND),
    ContractPage("ic_vehicles", "貸切バス", "ichou:vehicles", VIEW_COMPLIANCE.key, KIND),
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.compliance.selectors import compliance_todos

    return compliance_todos(user, today, accesses)


# IC-26, IC-33: a breach (no cover today, a policy short of the 別表, a bus below A) waits on the
# manager's and the ward supervisor's home page until it is fixed.
TODOS = [TodoSource("ic_compliance", "保険・貸切バス", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.compliance.demo import compliance_demo_step

    compliance_demo_step(world)


DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(InsurancePolicy, path="ichou/insurance_policies.csv")(contract, watermark),
        *model_rows(CharteredVehicle, path="ichou/chartered_vehicles.csv")(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_compliance",
            label="保険・貸切バス",
            files=_package_files,
            covers=("ichou.insurancepolicy", "ichou.charteredvehicle"),
            service_kind=KIND,
        )
    ]


PACKAGE_SECTIONS = _package_sections()
