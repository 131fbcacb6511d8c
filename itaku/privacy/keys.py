"""The life of a contract's data key: made on the first sealed write, rotated under a new master
key, destroyed at contract end (PI-6, PI-8). Every key operation is audited."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.models import Contract
from itaku.privacy import crypto, keystore
from itaku.privacy.models import DataKey

CANARY_TEXT = "itaku: この文が読めれば鍵は有効です"
CANARY_CONTEXT = "privacy.datakey.canary"


# Which key is a contract's, remembered per process: a row save seals several fields, each would
# ask the database. Filled only from committed rows (a key made in a transaction that then rolls
# back must not be used again), and dropped when the key store no longer has the key, which is
# the authority: a key destroyed by another process fails there, whatever is remembered here.
_contract_keys: dict[Any, uuid.UUID] = {}


def contract_key(contract_id: Any) -> tuple[uuid.UUID, bytes]:
    """The contract's live data key, made (and audited) on first use."""
    key_id = _contract_keys.get(contract_id)
    if key_id is not None:
        try:
            return key_id, keystore.get(key_id)
        except keystore.KeyUnavailable:
            _contract_keys.pop(contract_id, None)
    key_id = (
        DataKey.objects.filter(contract_id=contract_id, destroyed_at__isnull=True)
        .values_list("id", flat=True)
        .first()
    )
    if key_id is None:
        key_id = _data_key_create(contract_id)
    else:
        transaction.on_commit(lambda: _contract_keys.__setitem__(contract_id, key_id))
    return key_id, keystore.get(key_id)


def _data_key_create(contract_id: Any) -> uuid.UUID:
    contract = Contract.objects.get(pk=contract_id)
    if contract.state == "destroyed":
        raise keystore.KeyUnavailable("データを消去した契約には書き込めません")
    key_id = keystore.create()
    canary = crypto.seal(
        key=keystore.get(key_id), key_id=key_id, context=CANARY_CONTEXT, plaintext=CANARY_TEXT
    )
    try:
        with transaction.atomic():
            key = DataKey.objects.create(id=key_id, contract=contract, canary=canary)
            audit_record(actor=None, action="contract_key.create", target=key, contract=contract)
    except IntegrityError:
        # Another request made the contract's key a moment ago: use that one.
        keystore.destroy(key_id)
        return DataKey.objects.get(contract=contract, destroyed_at__isnull=True).id
    return key_id


def key_opens(key: DataKey) -> bool:
    """Whether the key still opens its canary: the check the destruction certificate records."""
    token = crypto.parse(key.canary)
    if token is None:
        return False
    try:
        plain = crypto.open_sealed(key=keystore.get(key.id), token=token, context=CANARY_CONTEXT)
    except crypto.Unreadable:
        return False
    return plain == CANARY_TEXT


def data_key_destroy(*, actor: Any, contract: Contract) -> list[DataKey]:
    """Destroy every data key of the contract (crypto-shredding, PI-8). Irreversible: every
    sealed value and attachment of the contract, in the database and in every backup of it,
    becomes unreadable. Run inside the caller's transaction, after the contract-end checks."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("data_key_destroy must run inside the service's transaction")
    now = timezone.now()
    keys = list(
        DataKey.objects.select_for_update().filter(contract=contract, destroyed_at__isnull=True)
    )
    _contract_keys.pop(contract.pk, None)
    for key in keys:
        key.destroyed_at, key.destroyed_by = now, actor
        key.save(update_fields=["destroyed_at", "destroyed_by"])
        audit_record(actor=actor, action="contract_key.destroy", target=key, contract=contract)
        keystore.destroy(key.id)
    return keys


def master_key_rotate(*, actor: Any) -> tuple[int, int]:
    """Wrap every data key in the key store under the current master key (run after putting the
    new key in ``ITAKU_MASTER_KEY`` and the old one in ``ITAKU_MASTER_KEY_PREVIOUS``). The data
    is not re-encrypted. Returns (rewrapped, already current)."""
    rewrapped = current = 0
    for key_id in keystore.key_ids():
        if keystore.rewrap(key_id):
            rewrapped += 1
        else:
            current += 1
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="master_key.rotate",
            changes={"rewrapped": rewrapped, "already_current": current},
        )
    return rewrapped, current
