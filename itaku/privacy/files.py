"""Encrypted files on disk (attachments, export files) under ``ITAKU_FILES_DIR``: each is sealed
under its contract's data key, so destroying the key makes every copy of it unreadable (PI-8)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings

from itaku.privacy import crypto, keystore
from itaku.privacy.keys import contract_key


def _path(kind: str, name: str) -> Path:
    return Path(settings.ITAKU_FILES_DIR) / kind / name


def file_write(*, kind: str, name: str, contract_id: Any, data: bytes) -> None:
    key_id, key = contract_key(contract_id)
    blob = crypto.seal_bytes(key=key, key_id=key_id, context=f"file.{kind}", data=data)
    path = _path(kind, name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def file_read(*, kind: str, name: str) -> bytes:
    """The file's content. Raises ``crypto.Unreadable`` if the key is destroyed or the file gone."""
    try:
        blob = _path(kind, name).read_bytes()
    except OSError:
        raise crypto.Unreadable("ファイルがありません") from None
    key = keystore.get(crypto.file_key_id(blob))
    return crypto.open_bytes(key=key, blob=blob, context=f"file.{kind}")


def file_delete(*, kind: str, name: str) -> bool:
    """Remove the file; whether there was one."""
    try:
        _path(kind, name).unlink()
    except FileNotFoundError:
        return False
    return True
