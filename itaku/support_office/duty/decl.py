"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from typing import Any

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

from itaku.core.domain import Action, Role  # noqa: E402
from itaku.core.registry import AuditEventKind, ContractPage, NotificationKind  # noqa: E402

VIEW_DUTY = Action(
    key="so_view_duty",
    label="勤務予定表を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_DUTY = Action(
    key="so_edit_duty",
    label="勤務予定表を作る・提出する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
DECIDE_DUTY = Action(
    key="so_decide_duty",
    label="勤務予定表を承認する・差し戻す",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    before_period=frozenset({Role.WARD_SUPERVISOR}),
    service_kind=KIND,
)
ACTIONS = [VIEW_DUTY, EDIT_DUTY, DECIDE_DUTY]

DUTY_SUBMITTED = NotificationKind(
    key="so_duty_submitted",
    label="勤務予定表の提出",
    what="勤務予定表が提出されました。内容を確認し、承認するか差し戻してください。",
    action="勤務予定表を確認する",
)
DUTY_DECIDED = NotificationKind(
    key="so_duty_decided",
    label="勤務予定表の承認・差戻し",
    what="提出した勤務予定表が承認されたか、差し戻されました。結果を確認してください。",
    action="勤務予定表を確認する",
)
DUTY_CHANGED = NotificationKind(
    key="so_duty_changed",
    label="承認済みの勤務予定表の変更",
    what="承認済みの勤務予定表の変更(新しい版)が作られました。提出を待って確認してください。",
    action="勤務予定表を確認する",
)
NOTIFICATION_KINDS = [DUTY_SUBMITTED, DUTY_DECIDED, DUTY_CHANGED]

AUDIT_EVENTS = [
    AuditEventKind("so_duty.start", "勤務予定表の作成"),
    AuditEventKind("so_duty.revise", "承認済み勤務予定表の変更(新しい版)"),
    AuditEventKind("so_duty.shift_add", "勤務予定表への勤務の追加"),
    AuditEventKind("so_duty.shift_remove", "勤務予定表からの勤務の削除"),
    AuditEventKind("so_duty.submit", "勤務予定表の提出"),
    AuditEventKind("so_duty.approve", "勤務予定表の承認"),
    AuditEventKind("so_duty.return", "勤務予定表の差戻し"),
]

CONTRACT_PAGES = [
    ContractPage("so_duty", "勤務予定表", "support_office:duty-index", VIEW_DUTY.key, KIND)
]

from itaku.core.registry import TodoSource  # noqa: E402


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.support_office.duty.selectors import duty_todos

    return duty_todos(user, today, accesses)


TODOS = [TodoSource("so_duty", "勤務予定表", _todos)]


def _demo(world: Any) -> None:
    from itaku.support_office.duty.demo import duty_demo_step

    duty_demo_step(world)


DEMO_STEPS = [_demo]
