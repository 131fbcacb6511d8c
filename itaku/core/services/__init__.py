"""Writes of the platform. Each service takes the acting user, runs in one transaction and
writes its audit record in that same transaction (STYLE.md); access is checked here too, so a
view, the API, the admin and a management command cannot differ. Split by subject; import from
here."""

from itaku.core.services.accounts import (
    TOKEN_PREFIX,
    api_token_issue,
    api_token_revoke,
    second_factor_check,
    second_factor_device,
    token_digest,
    user_disable,
    user_sessions_end,
)
from itaku.core.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_send,
    notification_send_to_role,
)
from itaku.core.services.obligations import (
    obligation_item_acknowledge,
    obligation_item_add_for_event,
    obligation_item_due_set,
    obligation_item_fulfil,
    obligation_item_submit,
    obligation_items_schedule,
    obligations_declare_standard,
)
from itaku.core.services.roster import (
    NewPerson,
    contract_manager_appoint,
    contract_state_change,
    roster_close_at_contract_end,
    roster_entry_add,
    roster_entry_change,
    roster_entry_end,
    roster_version_decide,
    roster_version_submit,
    ward_role_grant,
)

__all__ = [
    "TOKEN_PREFIX",
    "NewPerson",
    "api_token_issue",
    "api_token_revoke",
    "contract_manager_appoint",
    "contract_state_change",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_send",
    "notification_send_to_role",
    "obligation_item_acknowledge",
    "obligation_item_add_for_event",
    "obligation_item_due_set",
    "obligation_item_fulfil",
    "obligation_item_submit",
    "obligation_items_schedule",
    "obligations_declare_standard",
    "roster_close_at_contract_end",
    "roster_entry_add",
    "roster_entry_change",
    "roster_entry_end",
    "roster_version_decide",
    "roster_version_submit",
    "second_factor_check",
    "second_factor_device",
    "token_digest",
    "user_disable",
    "user_sessions_end",
    "ward_role_grant",
]
