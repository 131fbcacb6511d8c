"""What core adds to the platform, declared the way every app declares (``itaku.core.registry``):
the actions on contracts, rosters and obligations, the roster notice, and core's audit events."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from itaku.core.domain import Action, ContractState, Role
from itaku.core.registry import AuditEventKind, NotificationKind, TodoItem, TodoSource

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
# IC-19: the responsible person's always-reachable phone is for whom it is there to reach them:
# the ward supervisor and the contractor's manager. The auditor reads the roster, not its phones.
VIEW_ROSTER_CONTACTS = Action(
    key="view_roster_contacts",
    label="従事者名簿の連絡先を見る",
    roles=frozenset({SUPERVISOR, MANAGER}),
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
    VIEW_ROSTER_CONTACTS,
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
    action="名簿を確認する",
)

NOTIFICATION_KINDS = [ROSTER_SUBMITTED]

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
    AuditEventKind("obligation_item.fulfil", "提出物の履行の記録(システム上の記録による)"),
    AuditEventKind("obligation_item.due_set", "提出期限の設定(システム上の記録による)"),
    AuditEventKind("notification.read", "お知らせの既読"),
    AuditEventKind("notification.read_all", "お知らせをすべて既読"),
    AuditEventKind("api_token.issue", "APIトークンの発行"),
    AuditEventKind("api_token.revoke", "APIトークンの失効"),
    AuditEventKind("user.disable", "アカウントの無効化"),
    AuditEventKind("auth.sessions_end", "ログインの強制終了"),
    AuditEventKind("auth.second_factor", "確認コードによるログイン"),
    AuditEventKind("auth.second_factor_enrolled", "認証アプリの登録"),
    AuditEventKind("auth.second_factor_failed", "確認コードの誤り"),
    # The Django admin audits what it saves as <model>.create / .change / .delete.
    AuditEventKind("user.create", "利用者アカウントの登録(管理画面)"),
    AuditEventKind("user.change", "利用者アカウントの変更(管理画面)"),
    AuditEventKind("user.delete", "利用者アカウントの削除(管理画面)"),
    AuditEventKind("organisation.create", "組織の登録(管理画面)"),
    AuditEventKind("organisation.change", "組織の変更(管理画面)"),
    AuditEventKind("organisation.delete", "組織の削除(管理画面)"),
    AuditEventKind("person.create", "従事者・職員の登録(管理画面)"),
    AuditEventKind("person.change", "従事者・職員の変更(管理画面)"),
    AuditEventKind("person.delete", "従事者・職員の削除(管理画面)"),
    AuditEventKind("contract.create", "契約の登録(管理画面)"),
    AuditEventKind("contract.change", "契約の変更(管理画面)"),
    AuditEventKind("contract.delete", "契約の削除(管理画面)"),
    AuditEventKind("rosterversion.create", "従事者名簿の版の登録(管理画面)"),
    AuditEventKind("rosterversion.change", "従事者名簿の版の変更(管理画面)"),
    AuditEventKind("rosterversion.delete", "従事者名簿の版の削除(管理画面)"),
    AuditEventKind("closureday.create", "閉庁日の登録(管理画面)"),
    AuditEventKind("closureday.change", "閉庁日の変更(管理画面)"),
    AuditEventKind("closureday.delete", "閉庁日の削除(管理画面)"),
]


def _todos(name: str) -> Any:
    def items(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
        from itaku.core import todo

        source: Any = getattr(todo, name)
        return source(user, today, accesses)

    return items


# The home page's 「対応が必要なもの」 (itaku.core.todo).
TODOS = [
    TodoSource("roster_decide", "名簿の承認", _todos("roster_versions_to_decide")),
    TodoSource("roster_resubmit", "差し戻された名簿の再提出", _todos("roster_versions_returned")),
    TodoSource("obligation_acknowledge", "提出物の受領確認", _todos("obligations_to_acknowledge")),
    TodoSource("obligation_submit", "提出物の提出", _todos("obligations_to_submit")),
]


def _demo_step(world: DemoWorld) -> None:
    from itaku.core.demo import core_demo_step

    core_demo_step(world)


DEMO_STEPS = [_demo_step]
