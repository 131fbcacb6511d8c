"""What core adds to the platform, declared the way every app declares (``itaku.core.registry``):
the actions on contracts, rosters and obligations, the roster notice, and core's audit events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from itaku.core.domain import Action, ContractState, Role
from itaku.core.registry import AuditEventKind, NotificationKind

if TYPE_CHECKING:
    from itaku.core.demo import DemoWorld

SUPERVISOR = Role.WARD_SUPERVISOR
AUDITOR = Role.AUDITOR
MANAGER = Role.MANAGER
WORKER = Role.WORKER

# Everyone on the roster sees the contract itself; the department requester and the volunteer
# see nothing more here, and the service apps narrow them further (their own department's
# requests, the activities they are assigned to).
VIEW_CONTRACT = Action(
    key="view_contract",
    label="契約を見る",
    roles=frozenset(Role),
    before_period=frozenset({MANAGER, SUPERVISOR}),
)
VIEW_ROSTER = Action(
    key="view_roster",
    label="従事者名簿を見る",
    roles=frozenset({SUPERVISOR, AUDITOR, MANAGER}),
    before_period=frozenset({MANAGER, SUPERVISOR}),
)
# SO-10: the contractor prepares the roster after the award, before the period.
EDIT_ROSTER = Action(
    key="edit_roster",
    label="従事者名簿を作成・変更する",
    roles=frozenset({MANAGER}),
    writes=True,
    before_period=frozenset({MANAGER}),
)
APPROVE_ROSTER = Action(
    key="approve_roster",
    label="従事者名簿を承認・差戻しする",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    before_period=frozenset({SUPERVISOR}),
)
VIEW_OBLIGATIONS = Action(
    key="view_obligations",
    label="提出物と期限を見る",
    roles=frozenset({SUPERVISOR, AUDITOR, MANAGER, WORKER}),
    before_period=frozenset({MANAGER, SUPERVISOR}),
)
# SO-10: the first month's duty schedule is due before the period starts.
SUBMIT_OBLIGATION = Action(
    key="submit_obligation",
    label="提出物を提出済みにする",
    roles=frozenset({MANAGER}),
    writes=True,
    before_period=frozenset({MANAGER}),
)
# SO-13, SO-14: the last days' reports fall due after the period.
ACKNOWLEDGE_OBLIGATION = Action(
    key="acknowledge_obligation",
    label="提出物の受領を確認する",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    after_period=frozenset({ContractState.ACTIVE, ContractState.ENDED}),
    before_period=frozenset({SUPERVISOR}),
)

ACTIONS = [
    VIEW_CONTRACT,
    VIEW_ROSTER,
    EDIT_ROSTER,
    APPROVE_ROSTER,
    VIEW_OBLIGATIONS,
    SUBMIT_OBLIGATION,
    ACKNOWLEDGE_OBLIGATION,
]

ROSTER_SUBMITTED = NotificationKind(
    key="roster_submitted",
    label="名簿の提出",
    what="従事者名簿が提出されました。内容を確認して承認または差戻ししてください。",
)

NOTIFICATION_KINDS = [ROSTER_SUBMITTED]

# The Django admin audits what it saves as <model>.create / .change / .delete.
_ADMIN_MODELS = {
    "user": "利用者アカウント",
    "organisation": "組織",
    "person": "従事者・職員",
    "contract": "契約",
    "rosterversion": "従事者名簿の版",
    "closureday": "閉庁日",
}

AUDIT_EVENTS = [
    AuditEventKind("person.register", "従事者の登録"),
    AuditEventKind("roster_entry.add", "名簿への追加"),
    AuditEventKind("roster_entry.change", "名簿の記載の変更"),
    AuditEventKind("roster_entry.end", "従事終了の登録"),
    AuditEventKind("roster_entry.close_at_contract_end", "契約終了による従事終了"),
    AuditEventKind("roster_entry.read", "名簿の閲覧"),
    AuditEventKind("roster_version.open", "名簿の新しい版の作成"),
    AuditEventKind("roster_version.submit", "名簿の提出"),
    AuditEventKind("roster_version.approve", "名簿の承認"),
    AuditEventKind("roster_version.return", "名簿の差戻し"),
    AuditEventKind("ward_role.grant", "区の役割の付与"),
    AuditEventKind("contract.state_change", "契約の状態の変更"),
    AuditEventKind("contract.read", "契約の閲覧"),
    AuditEventKind("obligation.declare", "履行義務の設定"),
    AuditEventKind("obligation_item.schedule", "提出物の予定の作成"),
    AuditEventKind("obligation_item.add", "提出物の追加"),
    AuditEventKind("obligation_item.submit", "提出物の提出"),
    AuditEventKind("obligation_item.acknowledge", "提出物の受領確認"),
    AuditEventKind("notification.read", "お知らせの既読"),
    AuditEventKind("notification.read_all", "お知らせをすべて既読"),
    AuditEventKind("api_token.issue", "APIトークンの発行"),
    AuditEventKind("api_token.revoke", "APIトークンの失効"),
    AuditEventKind("user.disable", "アカウントの無効化"),
    AuditEventKind("auth.sessions_end", "ログインの強制終了"),
    AuditEventKind("auth.second_factor", "確認コードによるログイン"),
    AuditEventKind("auth.second_factor_enrolled", "認証アプリの登録"),
    AuditEventKind("auth.second_factor_failed", "確認コードの誤り"),
    *(
        AuditEventKind(f"{model}.{verb}", f"{label}の{verb_label}(管理画面)")
        for model, label in _ADMIN_MODELS.items()
        for verb, verb_label in (("create", "登録"), ("change", "変更"), ("delete", "削除"))
    ),
]


def _demo_step(world: DemoWorld) -> None:
    from itaku.core.demo import core_demo_step

    core_demo_step(world)


DEMO_STEPS = [_demo_step]
