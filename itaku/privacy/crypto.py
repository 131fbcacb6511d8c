"""Field encryption on plain values (PI-6): AES-256-GCM under a contract's data key, data keys
wrapped by the master key, and the keyed blind index that lets a name be found without storing
it. No Django here; ``itaku.privacy.keystore`` supplies the keys.

A sealed value is text, so it fits any text column and any dump::

    s1:<data key id, 32 hex>:<base64url(12-byte nonce ‖ ciphertext ‖ 16-byte tag)>

The key id travels with the value, so reading never needs to know which contract a row is of, and
the associated data binds the value to its column: a ciphertext copied into another column or
under another key does not open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
PREFIX = "s1"
_TOKEN = re.compile(r"^s1:([0-9a-f]{32}):([A-Za-z0-9_-]+)$")


class Unreadable(Exception):
    """A sealed value that cannot be opened: its key is destroyed or missing, or it was altered."""


@dataclass(frozen=True)
class Token:
    key_id: uuid.UUID
    blob: bytes


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def fingerprint(key: bytes) -> str:
    """A short public name for a master key, so a wrapped data key says which master wraps it."""
    return hashlib.sha256(b"itaku master key\x00" + key).hexdigest()[:16]


def _encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except (InvalidTag, ValueError):
        raise Unreadable("復号できません(鍵が違うか、値が改ざんされています)") from None


def wrap(*, master: bytes, data_key: bytes, key_id: uuid.UUID) -> bytes:
    return _encrypt(master, data_key, b"itaku data key\x00" + key_id.bytes)


def unwrap(*, master: bytes, wrapped: bytes, key_id: uuid.UUID) -> bytes:
    return _decrypt(master, wrapped, b"itaku data key\x00" + key_id.bytes)


def _aad(context: str, key_id: uuid.UUID) -> bytes:
    return context.encode() + b"\x00" + key_id.bytes


def seal(*, key: bytes, key_id: uuid.UUID, context: str, plaintext: str) -> str:
    """Encrypt ``plaintext`` for the column named by ``context`` (``app.model.field``)."""
    blob = _encrypt(key, plaintext.encode("utf-8"), _aad(context, key_id))
    return f"{PREFIX}:{key_id.hex}:{base64.urlsafe_b64encode(blob).decode('ascii').rstrip('=')}"


def parse(value: str) -> Token | None:
    """The parts of a sealed value, or None if ``value`` is not one."""
    match = _TOKEN.match(value)
    if not match:
        return None
    raw = match.group(2)
    try:
        blob = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except ValueError:
        return None
    if len(blob) < NONCE_BYTES + 16:
        return None
    return Token(key_id=uuid.UUID(hex=match.group(1)), blob=blob)


def open_sealed(*, key: bytes, token: Token, context: str) -> str:
    return _decrypt(key, token.blob, _aad(context, token.key_id)).decode("utf-8")


# ---- files, in chunks --------------------------------------------------------------------------
#
# A file of any size is sealed as a header (magic ‖ key id ‖ 7-byte nonce prefix) and chunks of
# FILE_CHUNK bytes, each AES-256-GCM with the nonce prefix ‖ chunk number ‖ last-chunk flag, so
# neither end of the file nor any chunk can be cut, repeated or reordered unnoticed, and no more
# than one chunk is ever in memory (the "STREAM" construction of Hoang, Reyhanitabar, Rogaway and
# Vizár, 2015).

FILE_MAGIC = b"ITKF1"
FILE_CHUNK = 1 << 20
FILE_HEADER = len(FILE_MAGIC) + 16 + 7


def _file_nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _rechunk(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The bytes of ``chunks`` again, in pieces of exactly ``size`` (the last one shorter)."""
    buffer = bytearray()
    for piece in chunks:
        buffer += piece
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)


def seal_stream(
    *, key: bytes, key_id: uuid.UUID, context: str, chunks: Iterable[bytes]
) -> Iterator[bytes]:
    """The sealed form of the bytes of ``chunks``: the header, then one sealed chunk at a time."""
    prefix = os.urandom(7)
    aead, aad = AESGCM(key), _aad(context, key_id)
    yield FILE_MAGIC + key_id.bytes + prefix
    counter, pending = 0, None
    for piece in _rechunk(chunks, FILE_CHUNK):
        if pending is not None:
            yield aead.encrypt(_file_nonce(prefix, counter, False), pending, aad)
            counter += 1
        pending = piece
    yield aead.encrypt(_file_nonce(prefix, counter, True), pending or b"", aad)


def stream_key_id(header: bytes) -> uuid.UUID:
    if len(header) != FILE_HEADER or not header.startswith(FILE_MAGIC):
        raise Unreadable("暗号化されたファイルではありません")
    return uuid.UUID(bytes=header[len(FILE_MAGIC) : len(FILE_MAGIC) + 16])


def open_stream(
    *, key: bytes, header: bytes, context: str, read: Callable[[int], bytes]
) -> Iterator[bytes]:
    """The plain bytes of a sealed file, one chunk at a time; ``read(n)`` reads on after the
    header. Raises ``Unreadable`` (while iterating) at the first chunk that fails."""
    key_id = stream_key_id(header)
    prefix = header[-7:]
    aead, aad = AESGCM(key), _aad(context, key_id)
    sealed = FILE_CHUNK + 16
    block, counter = read(sealed), 0
    while True:
        following = read(sealed)
        last = not following
        try:
            yield aead.decrypt(_file_nonce(prefix, counter, last), block, aad)
        except (InvalidTag, ValueError):
            raise Unreadable("ファイルが改ざんされているか、途中で切れています") from None
        if last:
            return
        block, counter = following, counter + 1


# ---- blind index -------------------------------------------------------------------------------

# Old and variant forms that people write either way in names (髙橋/高橋, 﨑/崎, 邊/邉/辺 …).
_VARIANTS = str.maketrans(
    {
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "邊": "辺",
        "邉": "辺",
        "齋": "斎",
        "齊": "斎",
        "濵": "浜",
        "濱": "浜",
        "德": "徳",
        "櫻": "桜",
        "廣": "広",
        "澤": "沢",
        "國": "国",
        "眞": "真",
        "冨": "富",
    }
)
_DROP = re.compile(r"[\s・･\.\-‐－ー]")  # spaces, middle dots, hyphens and long-vowel marks
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
MAX_PREFIX = 20


def normalise_name(name: str) -> str:
    """The form a name is indexed and searched in: NFKC (full-width and half-width kana alike),
    katakana as hiragana, variant kanji as their common form, no spaces, dots or long-vowel
    marks, lower case."""
    text = unicodedata.normalize("NFKC", name).translate(_VARIANTS)
    text = _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), text)
    return _DROP.sub("", text).casefold()


def index_key(data_key: bytes) -> bytes:
    """The blind index key, derived from the contract's data key: a name's digest differs from
    contract to contract, and destroying the data key makes the index meaningless too."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"itaku blind index v1"
    ).derive(data_key)


def digest(key: bytes, kind: str, text: str) -> str:
    return hmac.new(key, kind.encode() + b"\x00" + text.encode("utf-8"), "sha256").hexdigest()[:32]


def name_digests(key: bytes, forms: list[tuple[str, ...]]) -> set[str]:
    """Every digest stored for a name written in one or more forms, each form split into parts
    (``[("山田", "太郎"), ("やまだ", "たろう")]``): the exact whole of each form and of each part,
    and every prefix of those up to ``MAX_PREFIX`` characters."""
    out: set[str] = set()
    candidates: set[str] = set()
    for parts in forms:
        candidates.add(normalise_name("".join(parts)))
        candidates.update(normalise_name(p) for p in parts)
    for text in filter(None, candidates):
        out.add(digest(key, "exact", text))
        for n in range(1, min(len(text), MAX_PREFIX) + 1):
            out.add(digest(key, "prefix", text[:n]))
    return out


def query_digest(key: bytes, query: str, *, prefix: bool) -> str | None:
    text = normalise_name(query)[:MAX_PREFIX] if prefix else normalise_name(query)
    if not text:
        return None
    return digest(key, "prefix" if prefix else "exact", text)
