"""Passwords, encrypted Excel files and AES zips, checked with the libraries that read them and
at the byte level; no database."""

import hashlib
import io
import struct
import zipfile
from datetime import UTC, date, datetime
from xml.dom import minidom

import msoffcrypto
import olefile
import pytest
from openpyxl import load_workbook

from itaku.documents.protect import (
    PASSWORD_ALPHABET,
    NotEncrypted,
    WrongPassword,
    password_new,
    sha256_hex,
    xlsx_decrypt,
    xlsx_encrypt,
    zip_encrypt,
    zip_read,
)
from itaku.documents.tables import table_xlsx
from itaku.documents.watermark import Watermark

# A distinctive name: if it shows up in the protected bytes, the protection failed.
NAME = "鷲尾 髙橋 𠮷右衛門"
PASSWORD = "Kq7xR4mZp2WvT9sB"
MARK = Watermark(
    who="山田 太郎 (利用者ID 5)",
    at=datetime(2026, 11, 23, 12, 5, tzinfo=UTC),
    purpose="契約終了時の返却",
    reference="出力申請 #12",
)


@pytest.fixture(scope="module")
def plain_xlsx() -> bytes:
    rows: list[list[object]] = [[NAME, date(1990, 4, 1), "要配慮個人情報あり"]]
    return table_xlsx(
        title="受講者", columns=["氏名", "生年月日", "備考"], rows=rows, watermark=MARK
    )


@pytest.fixture(scope="module")
def encrypted_xlsx(plain_xlsx) -> bytes:
    return xlsx_encrypt(data=plain_xlsx, password=PASSWORD)


def test_new_password_is_16_characters_without_look_alikes():
    passwords = [password_new() for _ in range(200)]
    assert all(len(p) == 16 for p in passwords)
    used = set("".join(passwords))
    assert used <= set(PASSWORD_ALPHABET)
    assert not used & set("0O1lI")
    assert len(set(passwords)) == len(passwords)


def test_password_alphabet_is_letters_and_digits_less_the_five_look_alikes():
    assert len(PASSWORD_ALPHABET) == 26 + 26 + 10 - 5
    assert len(set(PASSWORD_ALPHABET)) == len(PASSWORD_ALPHABET)


def test_encrypted_xlsx_is_an_ole_container_not_a_readable_zip(encrypted_xlsx):
    assert olefile.isOleFile(encrypted_xlsx)
    assert not zipfile.is_zipfile(io.BytesIO(encrypted_xlsx))
    ole = olefile.OleFileIO(encrypted_xlsx)
    assert ole.exists("EncryptionInfo")
    assert ole.exists("EncryptedPackage")


def test_encrypted_xlsx_uses_agile_aes_256_with_sha_512_and_100000_spins(encrypted_xlsx):
    info = olefile.OleFileIO(encrypted_xlsx).openstream("EncryptionInfo").read()
    assert struct.unpack("<HH", info[:4]) == (4, 4)  # ECMA-376 agile encryption
    descriptor = minidom.parseString(info[8:])  # noqa: S318 - the file we just made
    key_data = descriptor.getElementsByTagName("keyData")[0]
    assert key_data.getAttribute("cipherAlgorithm") == "AES"
    assert key_data.getAttribute("keyBits") == "256"
    assert key_data.getAttribute("hashAlgorithm") == "SHA512"
    encrypted_key = descriptor.getElementsByTagName("p:encryptedKey")[0]
    assert int(encrypted_key.getAttribute("spinCount")) == 100_000


def test_encrypted_xlsx_opens_in_msoffcrypto_and_openpyxl_with_the_password(encrypted_xlsx):
    office_file = msoffcrypto.OfficeFile(io.BytesIO(encrypted_xlsx))
    assert office_file.is_encrypted()
    office_file.load_key(password=PASSWORD, verify_password=True)
    out = io.BytesIO()
    office_file.decrypt(out)
    sheet = load_workbook(out).active
    assert sheet["A4"].value == NAME
    assert sheet["A1"].value == MARK.text()


def test_xlsx_decrypt_gives_back_the_exact_original(plain_xlsx, encrypted_xlsx):
    assert xlsx_decrypt(data=encrypted_xlsx, password=PASSWORD) == plain_xlsx


@pytest.mark.parametrize(
    "password", ["", "kq7xR4mZp2WvT9sB", PASSWORD + " ", PASSWORD[:-1]], ids=str
)
def test_xlsx_decrypt_with_a_wrong_password_raises_wrong_password(encrypted_xlsx, password):
    with pytest.raises(WrongPassword):
        xlsx_decrypt(data=encrypted_xlsx, password=password)


def test_encrypted_xlsx_contains_no_plaintext(plain_xlsx, encrypted_xlsx):
    sheet_member = zipfile.ZipFile(io.BytesIO(plain_xlsx)).getinfo("xl/worksheets/sheet1.xml")
    raw_sheet = plain_xlsx[sheet_member.header_offset :][:200]
    assert NAME.encode() in zipfile.ZipFile(io.BytesIO(plain_xlsx)).read(sheet_member)
    for needle in (NAME.encode(), NAME.encode("utf-16-le"), "要配慮".encode(), raw_sheet[30:80]):
        assert needle not in encrypted_xlsx
    assert b"PK\x03\x04" not in encrypted_xlsx


def test_xlsx_decrypt_refuses_a_file_that_was_never_encrypted(plain_xlsx):
    with pytest.raises(NotEncrypted):
        xlsx_decrypt(data=plain_xlsx, password=PASSWORD)


@pytest.mark.parametrize(
    ("data", "password"),
    [(b"not an office file", PASSWORD), (None, "")],
    ids=["not an xlsx", "empty password"],
)
def test_xlsx_encrypt_refuses_what_it_cannot_protect(plain_xlsx, data, password):
    with pytest.raises(ValueError):
        xlsx_encrypt(data=data if data is not None else plain_xlsx, password=password)


FILES = {
    "受講者名簿.xlsx": b"PK\x03\x04 not really an xlsx " + NAME.encode(),
    "報告/月次報告書_令和8年11月.csv": ("\ufeff氏名\r\n" + NAME + "\r\n").encode(),
    "readme.txt": b"Open with 7-Zip or Lhaplus.",
}


@pytest.fixture(scope="module")
def aes_zip() -> bytes:
    return zip_encrypt(files=FILES, password=PASSWORD)


def local_headers(data: bytes) -> list[dict[str, object]]:
    """Each local file header: flags, method, name and the WinZip AES extra field's strength."""
    headers = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            at = info.header_offset
            assert data[at : at + 4] == b"PK\x03\x04"
            flags, method = struct.unpack("<HH", data[at + 6 : at + 10])
            name_length, extra_length = struct.unpack("<HH", data[at + 26 : at + 30])
            name = data[at + 30 : at + 30 + name_length]
            extra = data[at + 30 + name_length : at + 30 + name_length + extra_length]
            strength = None
            while extra:
                header_id, size = struct.unpack("<HH", extra[:4])
                if header_id == 0x9901:  # WinZip AES: version, "AE", strength, method
                    assert extra[6:8] == b"AE"
                    strength = extra[8]
                extra = extra[4 + size :]
            headers.append({"flags": flags, "method": method, "name": name, "strength": strength})
    return headers


def test_zip_read_gives_back_every_file_under_its_japanese_name(aes_zip):
    assert zip_read(data=aes_zip, password=PASSWORD) == FILES


def test_every_zip_entry_is_encrypted_with_winzip_aes_256(aes_zip):
    headers = local_headers(aes_zip)
    assert len(headers) == len(FILES)
    for header in headers:
        assert header["flags"] & 0x1, "encrypted flag"
        assert header["method"] == 99, "compression method 99 means WinZip AES"
        assert header["strength"] == 3, "AES strength 3 means 256-bit"


def test_japanese_zip_names_are_utf8_and_flagged_so(aes_zip):
    for header in local_headers(aes_zip):
        name = header["name"]
        if not name.isascii():
            assert header["flags"] & 0x800, "UTF-8 name flag"
        assert name.decode("utf-8") in FILES


def test_zip_contains_no_plaintext_content(aes_zip):
    for needle in (NAME.encode(), "氏名".encode(), b"not really an xlsx", b"7-Zip"):
        assert needle not in aes_zip


def test_zip_names_are_readable_without_the_password_so_names_must_carry_no_personal_data(
    aes_zip,
):
    # A zip encrypts contents, not names: callers name files by type and date, never by person.
    assert "受講者名簿.xlsx".encode() in aes_zip


@pytest.mark.parametrize("password", ["", "wrong", PASSWORD.lower()], ids=str)
def test_zip_read_with_a_wrong_password_raises_wrong_password(aes_zip, password):
    with pytest.raises(WrongPassword):
        zip_read(data=aes_zip, password=password)


def test_zip_read_refuses_an_unencrypted_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("名簿.csv", NAME)
    with pytest.raises(NotEncrypted):
        zip_read(data=out.getvalue(), password=PASSWORD)


@pytest.mark.parametrize(
    "name",
    [
        "../outside.txt",
        "/etc/cron.d/x",
        "報告/../../outside.txt",
        "..\\outside.txt",
        "C:/x.txt",
        "",
    ],
    ids=str,
)
def test_zip_encrypt_refuses_names_that_would_unpack_outside_the_folder(name):
    with pytest.raises(ValueError, match="unsafe name"):
        zip_encrypt(files={name: b"x"}, password=PASSWORD)


def test_zip_encrypt_refuses_an_empty_password():
    with pytest.raises(ValueError, match="empty password"):
        zip_encrypt(files=FILES, password="")


SHA256_CASES = [
    ("empty", b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
        "abc (FIPS 180-2)",
        b"abc",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in SHA256_CASES], ids=[c[0] for c in SHA256_CASES]
)
def test_sha256_hex_is_the_lower_case_hex_digest(data, expected):
    assert sha256_hex(data) == expected


def test_sha256_hex_of_an_export_changes_with_one_byte(aes_zip):
    assert sha256_hex(aes_zip) == hashlib.sha256(aes_zip).hexdigest()
    assert sha256_hex(aes_zip) != sha256_hex(aes_zip[:-1] + bytes([aes_zip[-1] ^ 1]))
