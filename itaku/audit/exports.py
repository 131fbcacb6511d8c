"""The auditor's copy of the audit log as an export kind (PI-10, PI-5): the events that matched
the auditor's filters when asking, approved by a supervisor of the contract like any export.
``access`` is the requester's ``core.access.ContractAccess`` (not imported: the audit log knows
nothing of the access rule)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from itaku.privacy.exports import Parameters, Table


def audit_parameters(access: Any, data: Mapping[str, Any]) -> Parameters:
    from dataclasses import replace

    from django.core.exceptions import ValidationError

    from itaku.audit.forms import AuditFilterForm
    from itaku.audit.selectors import audit_event_last_id

    # The request is for this contract: its supervisor approves it, whatever contract the
    # auditor's page was showing.
    values = {k: data[k] for k in data if k != "contract"}
    form = AuditFilterForm(values, contracts=[access.contract])
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    filters = replace(form.filters(), contract_id=access.contract.pk)
    last = audit_event_last_id(user=access.user, filters=filters)
    return {**filters.as_parameters(), "until_id": last}


def audit_table(access: Any, parameters: Parameters) -> Table:
    from dataclasses import replace

    from itaku.audit.selectors import AuditFilter, audit_event_table

    filters = replace(AuditFilter.from_parameters(parameters), contract_id=access.contract.pk)
    return audit_event_table(
        user=access.user, filters=filters, until_id=int(parameters.get("until_id", 0))
    )


_AUDIT_FILTER_LABELS = {
    "actor": "操作者",
    "username": "操作者(ユーザー名)",
    "action": "操作",
    "target_type": "対象の種類",
    "target_id": "対象のID",
    "start": "期間(開始)",
    "end": "期間(終了)",
    "until_id": "最後の記録の番号",
}


def audit_describe(parameters: Parameters) -> str:
    """The request's filters as the approving supervisor reads them: the kind of event and of
    record by their labels, the person by name."""
    shown = [
        f"{label}:{_filter_value(key, parameters[key])}"
        for key, label in _AUDIT_FILTER_LABELS.items()
        if parameters.get(key) not in (None, "")
    ]
    return "条件 " + "、".join(shown)


def _filter_value(key: str, value: Any) -> str:
    from django.contrib.auth import get_user_model

    from itaku.audit.labels import event_label, record_kind_label

    if key == "action":
        return event_label(str(value))
    if key == "target_type":
        return record_kind_label(str(value))
    if key == "actor":
        user = get_user_model().objects.filter(pk=value).select_related("person").first()
        return user.get_full_name() if user else str(value)
    return str(value)
