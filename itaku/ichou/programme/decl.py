"""What the annual programme part of いちょう学級 declares to the platform; gathered by
``itaku.ichou.contributions``. Lists named as the registry's points."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, NotificationKind, TodoSource

KIND = "ichou"

VIEW_PROGRAMME = Action(
    key="ic_view_programme",
    label="年間プログラムを見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER, Role.WORKER, Role.NURSE}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_PROGRAMME = Action(
    key="ic_edit_programme",
    label="年間プログラムを作る・提出する・従事者を割り当てる",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
DECIDE_PROGRAMME = Action(
    key="ic_decide_programme",
    label="年間プログラムを承認する・差し戻す",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    before_period=frozenset({Role.WARD_SUPERVISOR}),
    service_kind=KIND,
)
ACTIONS = [VIEW_PROGRAMME, EDIT_PROGRAMME, DECIDE_PROGRAMME]

PROGRAMME_SUBMITTED = NotificationKind(
    key="ic_programme_submitted",
    label="年間プログラムの提出",
    what="年間プログラムが提出されました。内容を確認し、承認するか差し戻してください。",
    action="年間プログラムを確認する",
)
PROGRAMME_DECIDED = NotificationKind(
    key="ic_programme_decided",
    label="年間プログラムの承認・差戻し",
    what="提出した年間プログラムが承認されたか、差し戻されました。結果を確認してください。",
    action="年間プログラムを確認する",
)
PROGRAMME_CHANGED = NotificationKind(
    key="ic_programme_changed",
    label="承認済みの年間プログラムの変更",
    what="承認済みの年間プログラムの変更(新しい版)が作られました。提出を待って確認してください。",
    action="年間プログラムを確認する",
)
NOTIFICATION_KINDS = [PROGRAMME_SUBMITTED, PROGRAMME_DECIDED, PROGRAMME_CHANGED]

AUDIT_EVENTS = [
    AuditEventKind("ic_programme.start", "年間プログラムの作成"),
    AuditEventKind("ic_programme.revise", "承認済み年間プログラムの変更(新しい版)"),
    AuditEventKind("ic_programme.carry", "新しい版への活動の記録(費用・宿泊・通知文など)の引継ぎ"),
    AuditEventKind("ic_programme.submit", "年間プログラムの提出"),
    AuditEventKind("ic_programme.approve", "年間プログラムの承認"),
    AuditEventKind("ic_programme.return", "年間プログラムの差戻し"),
    AuditEventKind("ic_activity.add", "活動の追加"),
    AuditEventKind("ic_activity.change", "活動の変更"),
    AuditEventKind("ic_activity.remove", "活動の削除"),
    AuditEventKind("ic_activity.weather_cancel", "荒天による活動の中止の記録"),
    AuditEventKind("ic_activity.staff_assign", "活動への従事者の割当て"),
    AuditEventKind("ic_activity.staff_unassign", "活動の従事者の割当ての取消し"),
]

CONTRACT_PAGES = [
    ContractPage(
        "ic_programme", "年間プログラム", "ichou:programme-index", VIEW_PROGRAMME.key, KIND
    )
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.programme.selectors import programme_todos

    return programme_todos(user, today, accesses)


TODOS = [TodoSource("ic_programme", "年間プログラム", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.programme.demo import programme_demo_step

    programme_demo_step(world)


DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.programme.models import Activity, Programme, StaffAssignment
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(Programme, path="ichou/programmes.csv")(contract, watermark),
        *model_rows(Activity, path="ichou/activities.csv", contract_path="programme__contract")(
            contract, watermark
        ),
        *model_rows(
            StaffAssignment,
            path="ichou/activity_staff.csv",
            contract_path="activity__programme__contract",
        )(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_programme",
            label="年間プログラム",
            files=_package_files,
            covers=("ichou.programme", "ichou.activity", "ichou.staffassignment"),
            service_kind=KIND,
        )
    ]


# The contract-end package returns the programme, its activities and the staff planned on them.
PACKAGE_SECTIONS = _package_sections()
