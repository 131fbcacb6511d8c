"""Writing the audit log. Every service calls ``audit_record`` inside its own transaction, so the
change and its record are saved together or not at all (STYLE.md, "Where rules live")."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from itaku.audit.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    contract: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one audit event. Must run inside the caller's ``transaction.atomic()``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        contract=contract,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        changes=changes or {},
    )


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Before and after of each changed field, as JSON-safe strings."""
    return {
        name: {"before": _plain(before.get(name)), "after": _plain(value)}
        for name, value in after.items()
        if before.get(name) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str | list):
        return value
    return str(value)
