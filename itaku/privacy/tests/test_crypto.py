"""PI-6: sealing, key wrapping and the blind index on plain values, without a database."""

from __future__ import annotations

import io
import uuid

import pytest

from itaku.privacy import crypto

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))
KEY_ID = uuid.UUID(int=7)


def test_pi6_a_sealed_value_opens_with_its_key_and_column():
    note = "食物アレルギー"
    sealed = crypto.seal(key=KEY, key_id=KEY_ID, context="app.model.note", plaintext=note)
    assert "食物" not in sealed
    token = crypto.parse(sealed)
    assert token is not None and token.key_id == KEY_ID
    assert crypto.open_sealed(key=KEY, token=token, context="app.model.note") == "食物アレルギー"


def test_pi6_sealing_the_same_text_twice_gives_different_values():
    a = crypto.seal(key=KEY, key_id=KEY_ID, context="c", plaintext="同じ")
    b = crypto.seal(key=KEY, key_id=KEY_ID, context="c", plaintext="同じ")
    assert a != b


@pytest.mark.parametrize(
    ("key", "context", "why"),
    [
        (OTHER, "app.model.note", "another key"),
        (KEY, "app.model.name", "copied into another column"),
    ],
)
def test_pi6_a_sealed_value_does_not_open(key, context, why):
    sealed = crypto.seal(key=KEY, key_id=KEY_ID, context="app.model.note", plaintext="秘密")
    with pytest.raises(crypto.Unreadable):
        crypto.open_sealed(key=key, token=crypto.parse(sealed), context=context)


def test_pi6_an_altered_value_does_not_open():
    sealed = crypto.seal(key=KEY, key_id=KEY_ID, context="c", plaintext="秘密の記録")
    token = crypto.parse(sealed)
    flipped = bytearray(token.blob)
    flipped[-1] ^= 1
    with pytest.raises(crypto.Unreadable):
        crypto.open_sealed(key=KEY, token=crypto.Token(KEY_ID, bytes(flipped)), context="c")


@pytest.mark.parametrize(
    "value", ["", "plain text", "s1:xyz:abc", "s1:" + "0" * 32 + ":", "s1:" + "0" * 32 + ":AAAA"]
)
def test_text_that_is_not_a_sealed_value_is_not_parsed(value):
    assert crypto.parse(value) is None


def test_pi6_a_wrapped_data_key_needs_the_master_key_and_its_own_id():
    wrapped = crypto.wrap(master=KEY, data_key=OTHER, key_id=KEY_ID)
    assert crypto.unwrap(master=KEY, wrapped=wrapped, key_id=KEY_ID) == OTHER
    with pytest.raises(crypto.Unreadable):
        crypto.unwrap(master=OTHER, wrapped=wrapped, key_id=KEY_ID)
    with pytest.raises(crypto.Unreadable):
        crypto.unwrap(master=KEY, wrapped=wrapped, key_id=uuid.UUID(int=8))


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("山田 太郎", "山田太郎"),
        ("山田　太郎", "山田太郎"),  # full-width space
        ("ヤマダ タロウ", "やまだたろう"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだたろう"),  # half-width kana
        ("やまだ・たろう", "やまだたろう"),
        ("髙橋", "高橋"),
        ("山﨑", "山崎"),
        ("渡邉", "渡辺"),
        ("齋藤", "斎藤"),
        ("ＳＭＩＴＨ Ａｎｎ", "smithann"),
        ("ルーシー", "るし"),  # long-vowel marks are dropped on both sides
    ],
)
def test_pi6_names_are_indexed_in_one_normal_form(typed, normal):
    assert crypto.normalise_name(typed) == normal


def test_pi6_a_name_is_found_by_exact_name_and_by_prefix_of_each_part():
    key = crypto.index_key(KEY)
    stored = crypto.name_digests(key, [("山田", "太郎"), ("ヤマダ", "タロウ")])
    for query, prefix in [
        ("山田太郎", False),
        ("山田 太郎", False),
        ("山", True),
        ("やまだ", True),
        ("ﾔﾏﾀﾞﾀ", True),
        ("太郎", False),
        ("たろ", True),
    ]:
        assert crypto.query_digest(key, query, prefix=prefix) in stored, query
    for query, prefix in [("山田花子", False), ("山田太", False), ("田", True), ("はなこ", True)]:
        assert crypto.query_digest(key, query, prefix=prefix) not in stored, query


def test_pi6_the_index_differs_from_contract_to_contract():
    assert crypto.name_digests(crypto.index_key(KEY), [("山田",)]).isdisjoint(
        crypto.name_digests(crypto.index_key(OTHER), [("山田",)])
    )


# ---- files, in chunks ---------------------------------------------------------------------------


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(crypto, "FILE_CHUNK", 16)
    return 16


def seal_file(data: bytes, pieces: int = 3) -> bytes:
    step = max(1, len(data) // pieces)
    chunks = [data[i : i + step] for i in range(0, len(data), step)]
    return b"".join(crypto.seal_stream(key=KEY, key_id=KEY_ID, context="file.t", chunks=chunks))


def open_file(sealed: bytes, key: bytes = KEY) -> bytes:
    stream = io.BytesIO(sealed)
    header = stream.read(crypto.FILE_HEADER)
    return b"".join(crypto.open_stream(key=key, header=header, context="file.t", read=stream.read))


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 32, 16 * 5 + 3])
def test_pi6_a_sealed_file_of_any_size_opens_whole(small_chunks, size):
    data = bytes(range(256))[:size] if size <= 256 else bytes(size)
    sealed = seal_file(data)
    assert open_file(sealed) == data
    assert crypto.stream_key_id(sealed[: crypto.FILE_HEADER]) == KEY_ID


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda h, c: h + b"".join(c[:-1]), id="last chunk cut off"),
        pytest.param(lambda h, c: h + b"".join(c[1:]), id="first chunk cut off"),
        pytest.param(lambda h, c: h + c[1] + c[0] + b"".join(c[2:]), id="chunks swapped"),
        pytest.param(lambda h, c: h + b"".join(c) + c[-1], id="a chunk repeated at the end"),
        pytest.param(lambda h, c: h + b"".join(c)[:-1], id="one byte short"),
        pytest.param(lambda h, c: h, id="header only"),
    ],
)
def test_pi6_a_sealed_file_cut_reordered_or_extended_does_not_open(small_chunks, tamper):
    sealed = seal_file(b"x" * (16 * 4 + 5))
    header, body = sealed[: crypto.FILE_HEADER], sealed[crypto.FILE_HEADER :]
    size = 16 + 16
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    with pytest.raises(crypto.Unreadable):
        open_file(tamper(header, chunks))


def test_pi6_a_sealed_file_does_not_open_with_another_key(small_chunks):
    with pytest.raises(crypto.Unreadable):
        open_file(seal_file(b"recording"), key=OTHER)
