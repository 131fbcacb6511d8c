"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.duty.models import DutySchedule, DutyShift

PACKAGE_SECTIONS = [
    PackageSection(
        key="so_duty",
        label="勤務予定表",
        files=lambda contract, watermark: [
            *model_rows(DutySchedule, path="support_office/duty_schedules.csv")(
                contract, watermark
            ),
            *model_rows(
                DutyShift, path="support_office/duty_shifts.csv", contract_path="schedule__contract"
            )(contract, watermark),
        ],
        covers=("support_office.dutyschedule", "support_office.dutyshift"),
        service_kind=KIND,
    )
]
