"""Where the contracts' data keys live: one file per key in ``ITAKU_KEYSTORE_DIR``, each wrapped
by the master key (PI-6). See docs/decisions/0003-keys-outside-the-database.md.

The keys are deliberately not in the database. A key destroyed at contract end (PI-8) must stay
destroyed in every copy of the database, backups included; if the wrapped key sat in a table, the
restore of an old dump would bring it back. The key store is backed up on its own, and the master
key is rotated after a destruction, so an old key-store backup no longer opens either.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import uuid
from pathlib import Path

from django.conf import settings

from itaku.privacy import crypto
from itaku.privacy.disk import write_private


class KeyUnavailable(crypto.Unreadable):
    """The data key is destroyed or missing, or no master key opens it."""


def _master_file() -> Path:
    return Path(settings.VAR_DIR) / "master.key"


def master_keys() -> list[bytes]:
    """The current master key first, then earlier ones still accepted while rotating.

    Production reads ``ITAKU_MASTER_KEY`` (settings refuse to start without it). On a developer's
    machine without one, a key is made once in ``var/master.key``, outside the repository."""
    current = settings.ITAKU_MASTER_KEY
    if current is None:
        if settings.PRODUCTION:  # settings already refuse this; never fall back silently
            raise KeyUnavailable("ITAKU_MASTER_KEY が設定されていません")
        path = _master_file()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(base64.b64encode(crypto.new_key()).decode("ascii"))
        current = base64.b64decode(path.read_text(encoding="ascii").strip())
    return [current, *getattr(settings, "ITAKU_MASTER_KEY_PREVIOUS", [])]


def _dir() -> Path:
    return Path(settings.ITAKU_KEYSTORE_DIR)


def _path(key_id: uuid.UUID) -> Path:
    return _dir() / f"{key_id.hex}.key"


_cache: dict[uuid.UUID, tuple[int, bytes]] = {}
_lock = threading.Lock()


def create() -> uuid.UUID:
    """Make a new data key, write it wrapped by the current master key, and return its id."""
    key_id = uuid.uuid4()
    _write(key_id, crypto.new_key())
    return key_id


def _write(key_id: uuid.UUID, data_key: bytes) -> None:
    master = master_keys()[0]
    record = {
        "version": 1,
        "key_id": key_id.hex,
        "master": crypto.fingerprint(master),
        "wrapped": base64.b64encode(
            crypto.wrap(master=master, data_key=data_key, key_id=key_id)
        ).decode("ascii"),
    }
    write_private(_path(key_id), [json.dumps(record).encode("ascii")])


def _read(key_id: uuid.UUID) -> tuple[dict[str, str], int]:
    path = _path(key_id)
    try:
        stat = path.stat()
        return json.loads(path.read_text(encoding="ascii")), stat.st_mtime_ns
    except (OSError, ValueError):
        raise KeyUnavailable(f"データ鍵 {key_id.hex[:8]} はありません(破棄済みか未作成)") from None


def get(key_id: uuid.UUID) -> bytes:
    """The data key, unwrapped. Raises ``KeyUnavailable`` once it is destroyed."""
    path = _path(key_id)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        with _lock:
            _cache.pop(key_id, None)
        raise KeyUnavailable(f"データ鍵 {key_id.hex[:8]} はありません(破棄済みか未作成)") from None
    with _lock:
        cached = _cache.get(key_id)
    if cached and cached[0] == mtime:
        return cached[1]
    record, mtime = _read(key_id)
    wrapped = base64.b64decode(record["wrapped"])
    for master in master_keys():
        if crypto.fingerprint(master) == record["master"]:
            key = crypto.unwrap(master=master, wrapped=wrapped, key_id=key_id)
            with _lock:
                _cache[key_id] = (mtime, key)
            return key
    raise KeyUnavailable(f"データ鍵 {key_id.hex[:8]} を開けるマスター鍵がありません")


def rewrap(key_id: uuid.UUID) -> bool:
    """Wrap a data key again under the current master key. The data it protects is untouched.
    Returns whether anything changed."""
    record, _ = _read(key_id)
    if record["master"] == crypto.fingerprint(master_keys()[0]):
        return False
    _write(key_id, get(key_id))
    return True


def key_ids() -> list[uuid.UUID]:
    if not _dir().exists():
        return []
    return sorted(uuid.UUID(hex=p.stem) for p in _dir().glob("*.key"))


def destroy(key_id: uuid.UUID) -> None:
    """Overwrite the key file with random bytes, flush it to disk and remove it."""
    path = _path(key_id)
    with _lock:
        _cache.pop(key_id, None)
    try:
        size = path.stat().st_size
    except OSError:
        return
    with open(path, "r+b") as f:
        f.write(os.urandom(max(size, 256)))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
