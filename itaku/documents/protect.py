"""Passwords, encrypted Excel files and AES zips for exports, and their fingerprints.

Excel files are encrypted as Excel does it itself (ECMA-376 agile encryption: AES-256, SHA-512,
100,000 spins), so Excel asks for the password on opening. Zips are WinZip AES-256; Windows
Explorer cannot open those, 7-Zip and Lhaplus can.
"""

import hashlib
import io
import posixpath
import secrets
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO

import msoffcrypto
import pyzipper
from msoffcrypto.exceptions import InvalidKeyError
from msoffcrypto.format.ooxml import OOXMLFile

from itaku.core.calendar import TOKYO

__all__ = [
    "PASSWORD_ALPHABET",
    "PASSWORD_LENGTH",
    "NotEncrypted",
    "WrongPassword",
    "password_new",
    "sha256_hex",
    "xlsx_decrypt",
    "xlsx_encrypt",
    "zip_encrypt",
    "zip_encrypt_into",
    "zip_read",
]

# Read out over the phone or copied from paper: no 0/O, 1/l/I.
PASSWORD_ALPHABET = "".join(
    ch
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    if ch not in "0O1lI"
)
PASSWORD_LENGTH = 16
# The zip method number WinZip AES gives every encrypted entry.
ZIP_METHOD_AES = 99


class WrongPassword(Exception):
    """The password does not open this file."""


class NotEncrypted(ValueError):
    """A file that should be encrypted is not."""


def password_new() -> str:
    """A fresh 16-character password from an alphabet without look-alikes (about 93 bits)."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def _check_password(password: str) -> None:
    if not password:
        raise ValueError("an empty password protects nothing")


def xlsx_encrypt(*, data: bytes, password: str) -> bytes:
    """The .xlsx ``data`` encrypted with ``password``; Excel asks for it when opening the file."""
    _check_password(password)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not an .xlsx file (an OOXML package is a zip)")
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def xlsx_decrypt(*, data: bytes, password: str) -> bytes:
    """The plain .xlsx inside an encrypted one; raises WrongPassword or NotEncrypted."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise NotEncrypted("this .xlsx is not encrypted")
    if not password:
        # msoffcrypto reports an empty password as a missing key, not as a wrong one.
        raise WrongPassword("the password does not open this Excel file")
    office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
    try:
        office_file.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office_file.decrypt(out)
    except InvalidKeyError as error:
        raise WrongPassword("the password does not open this Excel file") from error
    return out.getvalue()


def _check_member_name(name: str) -> None:
    # Whoever unpacks the zip must not be led outside the folder they chose (zip slip).
    parts = name.replace("\\", "/").split("/")
    if not name or posixpath.isabs(name) or ".." in parts or ":" in parts[0]:
        raise ValueError(f"unsafe name in a zip: {name!r}")


def zip_encrypt(*, files: dict[str, bytes], password: str) -> bytes:
    """A WinZip AES-256 zip of ``files`` (name → content); names may be Japanese (UTF-8 flag).

    The names themselves are not encrypted in a zip: never put personal data in them.
    """
    out = io.BytesIO()
    zip_encrypt_into(target=out, files=files.items(), password=password)
    return out.getvalue()


def zip_encrypt_into(
    *, target: BinaryIO, files: Iterable[tuple[str, bytes]], password: str
) -> None:
    """``zip_encrypt`` written to a file as ``files`` come, one member in memory at a time (the
    contract-end package of a whole year's recordings)."""
    _check_password(password)
    with pyzipper.AESZipFile(
        target, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        # Zip times have no zone; the people opening the file are in Tokyo.
        now = datetime.now(TOKYO).timetuple()[:6]
        for name, content in files:
            _check_member_name(name)
            info = archive.zipinfo_cls(name, date_time=now)
            info.compress_type = pyzipper.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)


def zip_read(*, data: bytes, password: str) -> dict[str, bytes]:
    """The files in an AES zip; raises WrongPassword, or NotEncrypted for an unencrypted entry."""
    files: dict[str, bytes] = {}
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(password.encode())
        for info in archive.infolist():
            if not info.flag_bits & 0x1:
                raise NotEncrypted(f"zip entry {info.filename!r} is not encrypted")
            try:
                files[info.filename] = archive.read(info)
            except RuntimeError as error:
                # pyzipper says "Bad password for file ..." as a RuntimeError.
                if "password" not in str(error).lower():
                    raise
                raise WrongPassword("the password does not open this zip") from error
    return files


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in lower-case hex, as recorded in the export's audit event."""
    return hashlib.sha256(data).hexdigest()
