"""What the participants part of いちょう学級 declares to the platform; gathered by
``itaku.ichou.contributions``. Lists named as the registry's points."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, TodoSource

KIND = "ichou"

# Names and groups: everyone who works with the participants on the day, and the ward (IC-9).
VIEW_PARTICIPANTS = Action(
    key="ic_view_participants",
    label="参加者の名簿(氏名とグループ)を見る",
    roles=frozenset(
        {
            Role.MANAGER,
            Role.WORKER,
            Role.NURSE,
            Role.VOLUNTEER,
            Role.WARD_SUPERVISOR,
            Role.AUDITOR,
        }
    ),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_PARTICIPANTS = Action(
    key="ic_edit_participants",
    label="参加者を登録・変更する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
AGREE_ELIGIBILITY = Action(
    key="ic_agree_eligibility",
    label="参加資格を確認する",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    before_period=frozenset({Role.WARD_SUPERVISOR}),
    service_kind=KIND,
)
# Health and support fields (IC-30): the responsible person and the nurses only; each read is
# audited. Not a write: anyone else gets 404, as if the fields were not there.
VIEW_HEALTH = Action(
    key="ic_view_health",
    label="参加者の健康・支援の情報を見る",
    roles=frozenset({Role.MANAGER, Role.NURSE}),
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
ACTIONS = [VIEW_PARTICIPANTS, EDIT_PARTICIPANTS, AGREE_ELIGIBILITY, VIEW_HEALTH]

AUDIT_EVENTS = [
    AuditEventKind("ic_participant.create", "参加者の登録"),
    AuditEventKind("ic_participant.change", "参加者の情報の変更"),
    AuditEventKind("ic_participant.read_health", "参加者の健康・支援の情報の閲覧"),
    AuditEventKind("ic_participant.read_contacts", "参加者の保護者・連絡先の閲覧"),
    AuditEventKind("ic_participant.import", "参加者の一括取込み"),
    AuditEventKind("participant.read", "参加者の名簿の閲覧(API)"),
    AuditEventKind("ic_registration.add", "参加の申込み"),
    AuditEventKind("ic_registration.agree", "参加資格の確認"),
    AuditEventKind("ic_registration.withdraw", "退級・辞退"),
    AuditEventKind("ic_registration.move_group", "グループの変更"),
    AuditEventKind("ic_registration.renew", "前年度の参加者の継続登録"),
    AuditEventKind("ic_participation_plan.set", "参加予定表の記録"),
]

CONTRACT_PAGES = [
    ContractPage(
        "ic_participants", "参加者", "ichou:participants-index", VIEW_PARTICIPANTS.key, KIND
    )
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.participants.selectors import participants_todos

    return participants_todos(user, today, accesses)


# Applications waiting for the ward supervisor's check of eligibility (IC-9), as counts.
TODOS = [TodoSource("ic_participants", "参加申込みの確認", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.participants.demo import participants_demo_step

    participants_demo_step(world)


# 30 participants of this fiscal year in both groups, 2 applications waiting for the ward.
DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.participants.models import (
        Participant,
        ParticipantImport,
        ParticipationPlan,
        Registration,
    )
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(Participant, path="ichou/participants.csv")(contract, watermark),
        *model_rows(Registration, path="ichou/registrations.csv")(contract, watermark),
        *model_rows(ParticipantImport, path="ichou/participant_imports.csv")(contract, watermark),
        *model_rows(
            ParticipationPlan,
            path="ichou/participation_plans.csv",
            contract_path="registration__contract",
        )(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_participants",
            label="参加者と参加登録",
            files=_package_files,
            covers=(
                "ichou.participant",
                "ichou.registration",
                "ichou.participantimport",
                "ichou.participationplan",
            ),
            service_kind=KIND,
        )
    ]


# The contract-end package returns the participants (their sealed fields opened for the ward)
# and their registrations.
PACKAGE_SECTIONS = _package_sections()


def _routers() -> list[tuple[str, Any]]:
    from itaku.ichou.participants.api import router

    return [("/ichou", router)]


API_ROUTERS = _routers()
