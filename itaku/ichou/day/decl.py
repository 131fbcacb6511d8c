"""What the activity-day part of いちょう学級 declares to the platform (IC-10 … IC-15, IC-31,
IC-32, IC-34); gathered by ``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, NotificationKind, TodoSource

KIND = "ichou"

_DAY_STAFF = frozenset({Role.MANAGER, Role.WORKER, Role.NURSE, Role.VOLUNTEER})

VIEW_DAY = Action(
    key="ic_view_day",
    label="活動日の受付・解散・業務日誌を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR} | _DAY_STAFF),
    service_kind=KIND,
)
RUN_DAY = Action(
    key="ic_run_day",
    label="活動日の受付・解散・準備を記録する",
    roles=_DAY_STAFF,
    writes=True,
    service_kind=KIND,
)
# IC-32: only a nurse decides that someone asked to stay home may stay after all.
OVERRIDE_STAY_HOME = Action(
    key="ic_override_stay_home",
    label="欠席のお願いを看護師の判断で取り消して受付する",
    roles=frozenset({Role.NURSE}),
    writes=True,
    service_kind=KIND,
)
# IC-15, IC-30: emergency contacts, allergies and medical notes on the day: the responsible
# person and the nurses only.
READ_HEALTH = Action(
    key="ic_read_day_health",
    label="当日の参加者の緊急連絡先・アレルギー・医療上の注意を見る",
    roles=frozenset({Role.MANAGER, Role.NURSE}),
    service_kind=KIND,
)
CLOSE_DAY = Action(
    key="ic_close_day",
    label="業務日誌を書き、活動日を終了する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    service_kind=KIND,
)
REPORT_ACCIDENT = Action(
    key="ic_report_accident",
    label="事故報告書を書く",
    roles=frozenset({Role.MANAGER, Role.NURSE, Role.WORKER}),
    writes=True,
    service_kind=KIND,
)
ACKNOWLEDGE_ACCIDENT = Action(
    key="ic_acknowledge_accident",
    label="事故報告書を確認する",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)
# IC-24, IC-31: the reports themselves (what happened, first aid, hospital): those who write
# them, the ward and its auditor; never the volunteers. Each read is audited.
VIEW_ACCIDENTS = Action(
    key="ic_view_accidents",
    label="事故報告書を見る",
    roles=frozenset({Role.MANAGER, Role.NURSE, Role.WORKER, Role.WARD_SUPERVISOR, Role.AUDITOR}),
    service_kind=KIND,
)
ACTIONS = [
    VIEW_DAY,
    VIEW_ACCIDENTS,
    RUN_DAY,
    OVERRIDE_STAY_HOME,
    READ_HEALTH,
    CLOSE_DAY,
    REPORT_ACCIDENT,
    ACKNOWLEDGE_ACCIDENT,
]

STAFFING_SHORT = NotificationKind(
    key="ic_day_staffing_short",
    label="活動日の従事者の不足",
    what="受付した参加者の人数に対して、出席している従事者が必要数に足りません。",
    action="受付の画面を見る",
)
ACCIDENT_REPORTED = NotificationKind(
    key="ic_accident_reported",
    label="事故報告書",
    what="いちょう学級の活動日に事故報告書が書かれました。内容を確認してください。",
    action="事故報告書を確認する",
)
NOTIFICATION_KINDS = [STAFFING_SHORT, ACCIDENT_REPORTED]

AUDIT_EVENTS = [
    AuditEventKind("ic_checkin.record", "受付(健康確認)の記録"),
    AuditEventKind("ic_checkin.override", "看護師の判断による受付"),
    AuditEventKind("ic_dismissal.record", "解散(帰宅・引渡し)の記録"),
    AuditEventKind("ic_day.prepare", "活動日の準備・感染症対策の記録"),
    AuditEventKind("ic_day.log", "業務日誌の記入"),
    AuditEventKind("ic_day.close", "活動日の終了"),
    AuditEventKind("ic_day.carry", "新しい版への活動日の記録の引継ぎ"),
    AuditEventKind("ic_day.health_read", "当日の参加者の緊急連絡先・健康情報の閲覧"),
    AuditEventKind("ic_accident.report", "事故報告書の提出"),
    AuditEventKind("ic_accident.acknowledge", "事故報告書の確認"),
    AuditEventKind("accident_report.read", "事故報告書の閲覧"),
]

CONTRACT_PAGES = [
    ContractPage("ic_days", "活動日(受付・解散)", "ichou:day-list", VIEW_DAY.key, KIND),
    ContractPage("ic_accidents", "事故報告書", "ichou:accidents", VIEW_ACCIDENTS.key, KIND),
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.day.selectors import day_todos

    return day_todos(user, today, accesses)


TODOS = [TodoSource("ic_day", "活動日", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.day.demo import day_demo_step

    day_demo_step(world)


DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(ActivityDay, path="ichou/activity_days.csv")(contract, watermark),
        *model_rows(CheckIn, path="ichou/checkins.csv")(contract, watermark),
        *model_rows(Dismissal, path="ichou/dismissals.csv")(contract, watermark),
        *model_rows(AccidentReport, path="ichou/accident_reports.csv")(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_day",
            label="活動日の受付・解散・業務日誌・事故報告書",
            files=_package_files,
            covers=(
                "ichou.activityday",
                "ichou.checkin",
                "ichou.dismissal",
                "ichou.accidentreport",
            ),
            service_kind=KIND,
        )
    ]


PACKAGE_SECTIONS = _package_sections()


def _routers() -> list[tuple[str, Any]]:
    from itaku.ichou.day.api import router

    return [("/ichou", router)]


API_ROUTERS = _routers()


def _reception_parameters(access: Any, data: Any) -> Any:
    from itaku.ichou.day.documents import reception_parameters

    return reception_parameters(access, data)


def _reception_file(access: Any, parameters: Any) -> Any:
    from itaku.ichou.day.documents import reception_file

    return reception_file(access, parameters)


def _reception_describe(parameters: Any) -> str:
    return f"受付簿(活動 ID {parameters.get('activity', '')})"


def _export_kinds() -> list[Any]:
    from itaku.privacy.exports import ExportKind

    # IC-9, PI-5: the reception book prints participants' names and temperatures, so it leaves
    # only as an approved export (a PDF in an encrypted zip with the watermark), as the name
    # tags do; the requester must be one who runs the day.
    return [
        ExportKind(
            key="ic_reception_book",
            label="受付簿(いちょう学級)",
            needs=RUN_DAY,
            parameters=_reception_parameters,
            file=_reception_file,
            describe=_reception_describe,
        )
    ]


EXPORT_KINDS = _export_kinds()
