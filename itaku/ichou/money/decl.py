"""What the money and lodging part of いちょう学級 declares to the platform (IC-16, IC-25,
IC-27); gathered by ``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage

KIND = "ichou"

VIEW_MONEY = Action(
    key="ic_view_money",
    label="費用負担・バスハイクの出納・宿泊施設を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER, Role.WORKER}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_MONEY = Action(
    key="ic_edit_money",
    label="費用負担・バスハイクの出納・宿泊施設を登録する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
ACTIONS = [VIEW_MONEY, EDIT_MONEY]

AUDIT_EVENTS = [
    AuditEventKind("ic_cost_sheet.save", "費用の内訳の保存"),
    AuditEventKind("ic_ledger_entry.add", "バスハイクの出納の記帳"),
    AuditEventKind("ic_ledger_entry.reverse", "バスハイクの出納の取消の記帳"),
    AuditEventKind("ic_lodging.create", "宿泊施設の登録"),
    AuditEventKind("ic_lodging.change", "宿泊施設の変更"),
    AuditEventKind("ic_lodging_choice.set", "宿泊施設の選定"),
]

CONTRACT_PAGES = [
    ContractPage("ic_money_costs", "費用負担", "ichou:money_costs", VIEW_MONEY.key, KIND),
    ContractPage("ic_money_lodgings", "宿泊施設", "ichou:money_lodgings", VIEW_MONEY.key, KIND),
]


def _demo(world: Any) -> None:
    from itaku.ichou.money.demo import money_demo_step

    money_demo_step(world)


DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(CostSheet, path="ichou/cost_sheets.csv")(contract, watermark),
        *model_rows(BusHikeLedgerEntry, path="ichou/bus_hike_ledger.csv")(contract, watermark),
        *model_rows(Lodging, path="ichou/lodgings.csv")(contract, watermark),
        *model_rows(LodgingChoice, path="ichou/lodging_choices.csv")(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_money",
            label="費用負担・バスハイクの出納・宿泊施設",
            files=_package_files,
            covers=(
                "ichou.costsheet",
                "ichou.bushikeledgerentry",
                "ichou.lodging",
                "ichou.lodgingchoice",
            ),
            service_kind=KIND,
        )
    ]


PACKAGE_SECTIONS = _package_sections()
