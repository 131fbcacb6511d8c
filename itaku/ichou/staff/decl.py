"""What the staff part of いちょう学級 declares to the platform (IC-19 … IC-22, IC-30): the
manuals as versioned documents, the training plans and reports, the staff page and the name
tags; the recruitment of volunteers and nurses (IC-20, 応募者・募集); gathered by
``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, NotificationKind, TodoSource

KIND = "ichou"

VIEW_STAFF = Action(
    key="ic_view_staff",
    label="従事者・マニュアル・研修を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER, Role.WORKER, Role.NURSE}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_STAFF = Action(
    key="ic_edit_staff",
    label="マニュアル・研修の計画と報告を提出する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
ACKNOWLEDGE_MANUAL = Action(
    key="ic_acknowledge_manual",
    label="マニュアルを受領する",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    before_period=frozenset({Role.WARD_SUPERVISOR}),
    service_kind=KIND,
)
# IC-20: the applicants are personal data of people who are not (yet) on the roster: the
# manager who recruits them, the ward supervisor and the auditor who check it; never the
# workers, nurses and volunteers.
VIEW_RECRUITMENT = Action(
    key="ic_view_recruitment",
    label="応募者・募集を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_RECRUITMENT = Action(
    key="ic_edit_recruitment",
    label="募集と応募者を記録する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
ACTIONS = [VIEW_STAFF, EDIT_STAFF, ACKNOWLEDGE_MANUAL, VIEW_RECRUITMENT, EDIT_RECRUITMENT]

# IC-21: a new version of a manual waits for the ward's acknowledgement.
MANUAL_SUBMITTED = NotificationKind(
    key="ic_manual_submitted",
    label="マニュアルの提出",
    what="業務マニュアルまたは危機管理マニュアルの新しい版が提出されました。確認してください。",
    action="マニュアルを確認する",
)
NOTIFICATION_KINDS = [MANUAL_SUBMITTED]

AUDIT_EVENTS = [
    AuditEventKind("ic_manual.submit", "マニュアルの提出"),
    AuditEventKind("ic_manual.acknowledge", "マニュアルの受領"),
    AuditEventKind("ic_training_plan.create", "研修計画の登録"),
    AuditEventKind("ic_training_report.create", "研修報告の提出"),
    AuditEventKind("ic_publicity.create", "募集(広報)の登録"),
    AuditEventKind("ic_applicant.create", "応募者の登録"),
    AuditEventKind("ic_applicant.interview", "応募者の面談"),
    AuditEventKind("ic_applicant.hire", "応募者の採用(名簿への追加)"),
    AuditEventKind("ic_applicant.reject", "応募者の不採用"),
    AuditEventKind("ic_applicant.withdraw", "応募者の辞退"),
    AuditEventKind("ic_applicant.read_contacts", "応募者の連絡先の閲覧"),
]

CONTRACT_PAGES = [
    ContractPage("ic_staff", "従事者", "ichou:staff-roster", VIEW_STAFF.key, KIND),
    ContractPage("ic_manuals", "マニュアル", "ichou:staff-manuals", VIEW_STAFF.key, KIND),
    ContractPage("ic_training", "研修", "ichou:staff-training", VIEW_STAFF.key, KIND),
    ContractPage("ic_name_tags", "名札", "ichou:staff-name-tags", VIEW_STAFF.key, KIND),
    ContractPage(
        "ic_recruitment", "応募者・募集", "ichou:staff-recruitment", VIEW_RECRUITMENT.key, KIND
    ),
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.staff.selectors import training_todos

    return training_todos(user, today, accesses)


# IC-22, IC-30: a required topic without a plan, or a training past its month without a
# report, waits on the manager's and the ward supervisor's home page.
def _manual_todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.staff.selectors import manual_todos

    return manual_todos(user, today, accesses)


# IC-21: a submitted manual version waits on the ward supervisor's home page until acknowledged.
def _recruitment_todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.staff.selectors import recruitment_todos

    return recruitment_todos(user, today, accesses)


# IC-20: an applicant left in 応募 more than 14 days without an interview waits on the
# manager's home page (a count, never a name).
TODOS = [
    TodoSource("ic_training", "研修の計画・報告", _todos),
    TodoSource("ic_manuals", "マニュアルの受領", _manual_todos),
    TodoSource("ic_recruitment", "応募者の面談", _recruitment_todos),
]


def _demo(world: Any) -> None:
    from itaku.ichou.staff.demo import recruitment_demo_step, staff_demo_step

    staff_demo_step(world)
    recruitment_demo_step(world)


DEMO_STEPS = [_demo]


def _name_tags_parameters(access: Any, data: Any) -> Any:
    from itaku.ichou.staff.name_tags import name_tags_parameters

    return name_tags_parameters(access, data)


def _name_tags_file(access: Any, parameters: Any) -> Any:
    from itaku.ichou.staff.name_tags import name_tags_file

    return name_tags_file(access, parameters)


def _name_tags_describe(parameters: Any) -> str:
    return f"名札(活動 ID {parameters.get('activity', '')})"


def _export_kinds() -> list[Any]:
    from itaku.ichou.participants.decl import VIEW_PARTICIPANTS
    from itaku.privacy.exports import ExportKind

    # IC-21, PI-5: the name tags print participants' names, so they leave only as an
    # approved export (a PDF in an encrypted zip with the watermark).
    return [
        ExportKind(
            key="ic_name_tags",
            label="名札(いちょう学級)",
            needs=VIEW_PARTICIPANTS,
            parameters=_name_tags_parameters,
            file=_name_tags_file,
            describe=_name_tags_describe,
        )
    ]


EXPORT_KINDS = _export_kinds()


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.staff.models import ManualVersion, TrainingPlan, TrainingReport
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(ManualVersion, path="ichou/manual_versions.csv")(contract, watermark),
        *model_rows(TrainingPlan, path="ichou/training_plans.csv")(contract, watermark),
        *model_rows(TrainingReport, path="ichou/training_reports.csv")(contract, watermark),
        # The attendees of each report (the M2M's rows: report id, roster entry id).
        *model_rows(
            TrainingReport.attendees.through,
            path="ichou/training_attendees.csv",
            contract_path="trainingreport__contract",
        )(contract, watermark),
    ]


def _recruitment_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.staff.models import Applicant, Publicity
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(Publicity, path="ichou/publicities.csv")(contract, watermark),
        *model_rows(Applicant, path="ichou/applicants.csv")(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_staff",
            label="マニュアル・研修",
            files=_package_files,
            covers=("ichou.manualversion", "ichou.trainingplan", "ichou.trainingreport"),
            service_kind=KIND,
        ),
        # PI-8: the applicants' sealed names and contacts go back to the ward with the rest.
        PackageSection(
            key="ic_recruitment",
            label="募集・応募者",
            files=_recruitment_files,
            covers=("ichou.publicity", "ichou.applicant"),
            service_kind=KIND,
        ),
    ]


PACKAGE_SECTIONS = _package_sections()
