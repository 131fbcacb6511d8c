"""Encrypted files on disk (attachments, export files, contract-end packages) under
``ITAKU_FILES_DIR``: each is sealed under its contract's data key, in chunks, so destroying the key
makes every copy of it unreadable (PI-8) and a file of any size passes through memory one
megabyte at a time (``crypto.seal_stream``)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from itaku.privacy import crypto, keystore
from itaku.privacy.disk import write_private
from itaku.privacy.keys import contract_key


@dataclass(frozen=True)
class Download:
    """A file for the browser to save: its name, type and content, whole or as chunks to stream
    (``privacy.views.download``)."""

    filename: str
    content_type: str
    data: bytes | Iterator[bytes]


def _path(kind: str, name: str) -> Path:
    return Path(settings.ITAKU_FILES_DIR) / kind / name


def file_write_chunks(
    *, kind: str, name: str, contract_id: Any, chunks: Iterable[bytes]
) -> tuple[int, str]:
    """Seal the bytes of ``chunks`` into the file; returns their size and SHA-256 (plain)."""
    key_id, key = contract_key(contract_id)
    digest, size = hashlib.sha256(), 0

    def counted() -> Iterator[bytes]:
        nonlocal size
        for piece in chunks:
            digest.update(piece)
            size += len(piece)
            yield piece

    write_private(
        _path(kind, name),
        crypto.seal_stream(key=key, key_id=key_id, context=f"file.{kind}", chunks=counted()),
    )
    return size, digest.hexdigest()


def file_write(*, kind: str, name: str, contract_id: Any, data: bytes) -> None:
    file_write_chunks(kind=kind, name=name, contract_id=contract_id, chunks=[data])


def file_open(*, kind: str, name: str) -> Iterator[bytes]:
    """The file's content, chunk by chunk. Whether the file and its key are there is checked
    now, before the first chunk is asked for (``crypto.Unreadable`` if not), so that a download
    fails before its response starts; a chunk altered on disk fails while reading."""
    try:
        f = _path(kind, name).open("rb")
    except OSError:
        raise crypto.Unreadable("ファイルがありません") from None
    try:
        header = f.read(crypto.FILE_HEADER)
        key = keystore.get(crypto.stream_key_id(header))
    except BaseException:
        f.close()
        raise

    def chunks() -> Iterator[bytes]:
        with f:
            yield from crypto.open_stream(
                key=key, header=header, context=f"file.{kind}", read=f.read
            )

    return chunks()


def file_read(*, kind: str, name: str) -> bytes:
    """The whole content (for files known to be small: export files, a single attachment)."""
    return b"".join(file_open(kind=kind, name=name))


def file_delete(*, kind: str, name: str) -> bool:
    """Remove the file; whether there was one."""
    try:
        _path(kind, name).unlink()
    except FileNotFoundError:
        return False
    return True
