"""What the agreements part of いちょう学級 declares to the platform: the 協議記録 (IC-35) and
the quarterly performance confirmation (IC-28); gathered by ``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, NotificationKind, TodoSource

KIND = "ichou"

VIEW_AGREEMENTS = Action(
    key="ic_view_agreements",
    label="協議記録・四半期の履行確認を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
RECORD_AGREEMENT = Action(
    key="ic_record_agreement",
    label="協議記録を書く",
    roles=frozenset({Role.MANAGER, Role.WARD_SUPERVISOR}),
    writes=True,
    before_period=frozenset({Role.MANAGER, Role.WARD_SUPERVISOR}),
    service_kind=KIND,
)
CONFIRM_AGREEMENT = Action(
    key="ic_confirm_agreement",
    label="協議記録を確認する",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    before_period=frozenset({Role.WARD_SUPERVISOR}),
    service_kind=KIND,
)
REQUEST_QUARTER = Action(
    key="ic_request_quarter",
    label="四半期の履行確認を依頼する・請求を記録する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    service_kind=KIND,
)
CONFIRM_QUARTER = Action(
    key="ic_confirm_quarter",
    label="四半期の履行を確認する・差し戻す",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)
ACTIONS = [VIEW_AGREEMENTS, RECORD_AGREEMENT, CONFIRM_AGREEMENT, REQUEST_QUARTER, CONFIRM_QUARTER]

AGREEMENT_RECORDED = NotificationKind(
    key="ic_agreement_recorded",
    label="協議記録の確認依頼",
    what="受注者が協議記録を作成しました。内容を確認してください。",
    action="協議記録を確認する",
)
# IC-28: the quarter's invoice follows the ward's confirmation.
QUARTER_REQUESTED = NotificationKind(
    key="ic_quarter_requested",
    label="四半期の履行確認の依頼",
    what="四半期の履行確認が依頼されました。実績を確認し、確認するか差し戻してください。",
    action="履行確認の画面へ",
)
QUARTER_DECIDED = NotificationKind(
    key="ic_quarter_decided",
    label="四半期の履行確認の結果",
    what="依頼した四半期の履行確認を区が確認したか、差し戻しました。結果を確認してください。",
    action="履行確認の画面へ",
)
NOTIFICATION_KINDS = [AGREEMENT_RECORDED, QUARTER_REQUESTED, QUARTER_DECIDED]

AUDIT_EVENTS = [
    AuditEventKind("ic_agreement.record", "協議記録の記入"),
    AuditEventKind("ic_agreement.change", "協議記録の修正(確認前)"),
    AuditEventKind("ic_agreement.confirm", "協議記録の確認"),
    AuditEventKind("ic_agreement.print", "協議記録の印刷"),
    AuditEventKind("ic_quarter.request", "四半期の履行確認の依頼"),
    AuditEventKind("ic_quarter.confirm", "四半期の履行確認"),
    AuditEventKind("ic_quarter.return", "四半期の履行確認の差戻し"),
    AuditEventKind("ic_quarter.invoice", "四半期の請求の記録"),
]

CONTRACT_PAGES = [
    ContractPage("ic_agreements", "協議記録", "ichou:agreements", VIEW_AGREEMENTS.key, KIND),
    ContractPage("ic_quarters", "四半期の履行確認", "ichou:quarters", VIEW_AGREEMENTS.key, KIND),
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.agreements.selectors import agreement_todos

    return agreement_todos(user, today, accesses)


# IC-35, IC-28: the ward supervisor sees the records and quarters waiting for confirmation,
# the manager a quarter returned.
TODOS = [TodoSource("ic_agreements", "協議記録・四半期の履行確認", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.agreements.demo import agreements_demo_step

    agreements_demo_step(world)


DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(Agreement, path="ichou/agreements.csv")(contract, watermark),
        *model_rows(QuarterConfirmation, path="ichou/quarter_confirmations.csv")(
            contract, watermark
        ),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_agreements",
            label="協議記録・四半期の履行確認",
            files=_package_files,
            covers=("ichou.agreement", "ichou.quarterconfirmation"),
            service_kind=KIND,
        )
    ]


PACKAGE_SECTIONS = _package_sections()
