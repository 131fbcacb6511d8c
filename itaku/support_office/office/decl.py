"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.office.models import (
    DailyClosing,
    EquipmentItem,
    ManualProposal,
    TrainingSession,
    Vehicle,
)

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
