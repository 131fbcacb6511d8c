"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing.

The office's own records: staff training and the manual (SO-8), what the ward lent (SO-11), the
daily closing (SO-17) and the vehicles (SO-19)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, TodoItem, TodoSource
from itaku.privacy.contract_end import EndItem
from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.office.models import (
    DailyClosing,
    EquipmentItem,
    ManualProposal,
    TrainingSession,
    Vehicle,
)

SUPERVISOR = Role.WARD_SUPERVISOR
MANAGER = Role.MANAGER
WORKER = Role.WORKER

VIEW_OFFICE = Action(
    key="so_view_office",
    label="研修・マニュアル・貸与品・終業時の確認を見る",
    roles=frozenset({SUPERVISOR, Role.AUDITOR, MANAGER, WORKER}),
    service_kind=KIND,
)
RECORD_TRAINING = Action(
    key="so_record_training",
    label="職員研修を記録する",
    roles=frozenset({MANAGER}),
    writes=True,
    service_kind=KIND,
)
PROPOSE_MANUAL = Action(
    key="so_propose_manual",
    label="マニュアルの見直しを提案する",
    roles=frozenset({MANAGER, WORKER}),
    writes=True,
    service_kind=KIND,
)
DECIDE_MANUAL = Action(
    key="so_decide_manual",
    label="マニュアルの見直しの提案の状況を更新する",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)
RECORD_EQUIPMENT = Action(
    key="so_record_equipment",
    label="貸与品の貸与・返却・紛失を記録する",
    roles=frozenset({SUPERVISOR, MANAGER}),
    writes=True,
    service_kind=KIND,
)
RECORD_CLOSING = Action(
    key="so_record_closing",
    label="終業時の確認を記録する",
    roles=frozenset({MANAGER, WORKER}),
    writes=True,
    service_kind=KIND,
)
# SO-19: the papers are shown to the ward on request: the supervisor reads the page.
VIEW_VEHICLES = Action(
    key="so_view_vehicles",
    label="使用車両を見る",
    roles=frozenset({SUPERVISOR, Role.AUDITOR, MANAGER}),
    service_kind=KIND,
)
RECORD_VEHICLE = Action(
    key="so_record_vehicle",
    label="使用車両を登録する",
    roles=frozenset({MANAGER}),
    writes=True,
    service_kind=KIND,
)
CONFIRM_VEHICLE = Action(
    key="so_confirm_vehicle",
    label="使用車両の書類の提示を受けたことを記録する",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)

ACTIONS = [
    VIEW_OFFICE,
    RECORD_TRAINING,
    PROPOSE_MANUAL,
    DECIDE_MANUAL,
    RECORD_EQUIPMENT,
    RECORD_CLOSING,
    VIEW_VEHICLES,
    RECORD_VEHICLE,
    CONFIRM_VEHICLE,
]

AUDIT_EVENTS = [
    AuditEventKind("so_training.record", "職員研修の記録"),
    AuditEventKind("so_manual.propose", "マニュアルの見直しの提案"),
    AuditEventKind("so_manual.status", "マニュアルの見直しの提案の状況の更新"),
    AuditEventKind("so_equipment.lend", "貸与品の登録"),
    AuditEventKind("so_equipment.return", "貸与品の返却の記録"),
    AuditEventKind("so_equipment.lost", "貸与品の紛失の記録"),
    AuditEventKind("so_closing.record", "終業時の確認の記録"),
    AuditEventKind("so_vehicle.record", "使用車両の登録"),
    AuditEventKind("so_vehicle.shown", "使用車両の書類の提示の記録"),
    AuditEventKind("training_session.read", "職員研修の記録の閲覧"),
    AuditEventKind("manual_proposal.read", "マニュアルの見直しの提案の閲覧"),
]

CONTRACT_PAGES = [
    ContractPage("so_trainings", "職員研修", "support_office:training-list", VIEW_OFFICE.key, KIND),
    ContractPage(
        "so_manual", "マニュアルの見直し", "support_office:manual-list", VIEW_OFFICE.key, KIND
    ),
    ContractPage(
        "so_equipment", "貸与品・鍵", "support_office:equipment-list", VIEW_OFFICE.key, KIND
    ),
    ContractPage("so_closing", "終業時の確認", "support_office:closing", VIEW_OFFICE.key, KIND),
    ContractPage("so_vehicles", "使用車両", "support_office:vehicle-list", VIEW_VEHICLES.key, KIND),
]


def _training_todos(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
    from itaku.support_office.office.selectors import training_todos

    return training_todos(user, today, accesses)


def _closing_todos(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
    from itaku.support_office.office.selectors import closing_todos

    return closing_todos(user, today, accesses)


# SO-8: from the 20th without a session, the manager sees it on the home page; SO-17: the last
# business day's closing not recorded, for the workers and the manager.
TODOS = [
    TodoSource("so_training", "職員研修の実施", _training_todos),
    TodoSource("so_closing", "終業時の確認", _closing_todos),
]


def _equipment_back(contract: Any) -> bool:
    from itaku.support_office.office.selectors import equipment_all_back

    return equipment_all_back(contract)


END_ITEMS = [
    EndItem(
        key="so_equipment_returned",
        label="区が貸与した机・パソコン・電話・プリンター・鍵がすべて返却されていること",
        clause="SO-11",
        check=_equipment_back,
        service_kind=KIND,
    )
]


def _demo(world: Any) -> None:
    from itaku.support_office.office.demo import office_demo_step

    office_demo_step(world)


DEMO_STEPS = [_demo]

PACKAGE_SECTIONS = [
    PackageSection(
        key="so_office",
        label="研修・マニュアル・貸与品・終業確認・車両",
        files=lambda contract, watermark: [
            *model_rows(TrainingSession, path="support_office/trainings.csv")(contract, watermark),
            *model_rows(ManualProposal, path="support_office/manual_proposals.csv")(
                contract, watermark
            ),
            *model_rows(EquipmentItem, path="support_office/equipment.csv")(contract, watermark),
            *model_rows(DailyClosing, path="support_office/closings.csv")(contract, watermark),
            *model_rows(Vehicle, path="support_office/vehicles.csv")(contract, watermark),
        ],
        covers=(
            "support_office.trainingsession",
            "support_office.manualproposal",
            "support_office.equipmentitem",
            "support_office.dailyclosing",
            "support_office.vehicle",
        ),
        service_kind=KIND,
    )
]
