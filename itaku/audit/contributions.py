"""What the audit app adds to the platform (``itaku.core.registry``): the auditor's reading of
the log (PI-10) and the sign-in events (ASVS V7)."""

from __future__ import annotations

from itaku.audit import exports
from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind
from itaku.privacy.exports import ExportKind

# PI-10: the ward's auditors read the contract's audit log.
VIEW_AUDIT_LOG = Action(
    key="view_audit_log", label="操作記録を見る", roles=frozenset({Role.AUDITOR})
)

ACTIONS = [VIEW_AUDIT_LOG]

AUDIT_EVENTS = [
    AuditEventKind("auth.login", "ログイン"),
    AuditEventKind("auth.logout", "ログアウト"),
    AuditEventKind("auth.login_failed", "ログインの失敗"),
    AuditEventKind("auth.locked_out", "ログインの一時停止(失敗の繰り返し)"),
    AuditEventKind("audit_log.export", "操作記録の出力"),
]

EXPORT_KINDS = [
    # PI-10, PI-5: the auditor's copy of the audit log leaves as an approved export, of the
    # events that matched the auditor's filters when asking.
    ExportKind(
        key="audit_log",
        label="監査記録",
        needs=VIEW_AUDIT_LOG,
        requested_with=VIEW_AUDIT_LOG,
        parameters=exports.audit_parameters,
        filtered_table=exports.audit_table,
        describe=exports.audit_describe,
    )
]
