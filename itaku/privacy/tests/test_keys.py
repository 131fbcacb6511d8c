"""PI-6, PI-8: sealed fields in the database, key rotation and crypto-shredding.

``Subject`` (the test app's stand-in for a participant record) has a sealed name and health
note. The "dump" here is what a database backup holds: every row of every table as the database
returns it to plain SQL, read the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from itaku.audit.models import AuditEvent
from itaku.core.models import Contract
from itaku.privacy import crypto, keystore
from itaku.privacy.keys import contract_key, data_key_destroy, key_opens, master_key_rotate
from itaku.privacy.models import DataKey
from itaku.privacy.services import name_index_set, name_search
from itaku.privacy.tests.sealed_app.models import Subject

NAME = "試験野"
NOTE = "卵アレルギー。発作時は吸入器を使用。"


def subject(contract: Contract, family: str = NAME, given: str = "花子", note: str = NOTE):
    with transaction.atomic():
        s = Subject.objects.create(
            contract=contract, family_name=family, given_name=given, health_note=note
        )
        name_index_set(record=s, contract_id=contract.pk, forms=[(family, given)])
    return s


def raw_dump() -> dict[str, list[tuple]]:
    """Every row of every table, as plain SQL returns it."""
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump[table] = cursor.fetchall()
    return dump


def raw_restore(dump: dict[str, list[tuple]], tables: list[str]) -> None:
    """Put ``tables`` back as they were in ``dump``, the way restoring a backup would."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in dump[table]:
                marks = ", ".join(["%s"] * len(row))
                cursor.execute(
                    f"INSERT INTO {connection.ops.quote_name(table)} VALUES ({marks})",  # noqa: S608
                    row,
                )


def test_pi6_a_sealed_field_reads_back_as_written(world):
    s = subject(world.contract)
    again = Subject.objects.get(pk=s.pk)
    assert (again.family_name, again.given_name, again.health_note) == (NAME, "花子", NOTE)


def test_pi6_encrypted_values_are_absent_from_a_raw_sql_dump(world):
    subject(world.contract)
    text = repr(raw_dump())
    assert NAME not in text
    assert "卵アレルギー" not in text
    with connection.cursor() as cursor:
        cursor.execute("SELECT family_name, health_note FROM sealed_app_subject")
        family, note = cursor.fetchone()
    assert family.startswith("s1:") and note.startswith("s1:")


def test_pi6_dumpdata_writes_only_the_sealed_form_and_loaddata_reads_it(world, tmp_path):
    s = subject(world.contract)
    out = io.StringIO()
    call_command("dumpdata", "sealed_app", stdout=out)
    assert NAME not in out.getvalue() and "卵" not in out.getvalue()
    fixture = tmp_path / "subjects.json"
    fixture.write_text(out.getvalue(), encoding="utf-8")
    Subject.objects.all().delete()
    call_command("loaddata", str(fixture), verbosity=0)
    assert Subject.objects.get(pk=s.pk).health_note == NOTE


def test_pi6_plain_text_cannot_reach_a_sealed_column_by_update(world):
    subject(world.contract)
    with pytest.raises(ValueError, match="save"):
        Subject.objects.update(health_note="平文")


def test_pi6_a_sealed_column_cannot_be_searched_in_sql(world):
    with pytest.raises(TypeError):
        Subject.objects.filter(family_name=NAME)


def test_pi6_each_contract_has_its_own_data_key_and_its_making_is_audited(world):
    subject(world.contract)
    subject(world.other_contract)
    assert DataKey.objects.filter(destroyed_at__isnull=True).count() == 2
    key_id, _ = contract_key(world.contract.pk)
    assert AuditEvent.objects.filter(
        action="contract_key.create", target_id=str(key_id), contract=world.contract
    ).exists()


def test_pi6_the_data_key_is_not_in_the_database(world):
    subject(world.contract)
    key_id, key = contract_key(world.contract.pk)
    text = repr(raw_dump())
    assert key.hex() not in text
    assert base64.b64encode(key).decode() not in text
    stored = json.loads((keystore._dir() / f"{key_id.hex}.key").read_text())
    assert base64.b64encode(key).decode() not in json.dumps(stored)


def test_pi6_a_person_is_found_by_exact_name_or_prefix_without_plaintext(world):
    yamada = subject(world.contract, family="山田", given="太郎")
    subject(world.contract, family="田中", given="一郎")
    elsewhere = subject(world.other_contract, family="山田", given="次郎")
    everyone = Subject.objects.all()
    found = name_search(queryset=everyone, contract_id=world.contract.pk, query="やま", prefix=True)
    assert list(found) == []  # no kana form was indexed for these two
    found = name_search(queryset=everyone, contract_id=world.contract.pk, query="山")
    assert list(found) == [yamada]
    exact = name_search(
        queryset=everyone, contract_id=world.contract.pk, query="山田 太郎", prefix=False
    )
    assert list(exact) == [yamada]
    assert elsewhere not in name_search(
        queryset=everyone, contract_id=world.contract.pk, query="山田"
    )
    assert "山田" not in repr(raw_dump())


def test_pi8_destroying_the_key_leaves_a_restored_dump_unreadable(world):
    mine = subject(world.contract)
    theirs = subject(world.other_contract)
    dump = raw_dump()

    with transaction.atomic():
        data_key_destroy(actor=world.admin, contract=world.contract)
    raw_restore(dump, ["sealed_app_subject", "privacy_datakey"])

    # The restored rows are back, the restored key row even says the key is live …
    assert DataKey.objects.get(contract=world.contract).destroyed_at is None
    # … and still nothing of the contract opens.
    with pytest.raises(crypto.Unreadable):
        Subject.objects.get(pk=mine.pk)
    assert not key_opens(DataKey.objects.get(contract=world.contract))
    # The other contract's data is untouched.
    assert Subject.objects.get(pk=theirs.pk).health_note == NOTE
    assert key_opens(DataKey.objects.get(contract=world.other_contract))


def test_pi8_key_destruction_is_audited(world):
    subject(world.contract)
    with transaction.atomic():
        [key] = data_key_destroy(actor=world.admin, contract=world.contract)
    event = AuditEvent.objects.get(action="contract_key.destroy")
    assert (event.actor, event.target_id) == (world.admin, str(key.id))


def test_pi6_rotation_rewraps_data_keys_under_the_new_master_key(world, settings):
    s = subject(world.contract)
    old = settings.ITAKU_MASTER_KEY
    new = bytes(reversed(range(32)))
    settings.ITAKU_MASTER_KEY, settings.ITAKU_MASTER_KEY_PREVIOUS = new, [old]
    keystore._cache.clear()
    assert master_key_rotate(actor=world.admin) == (1, 0)
    assert master_key_rotate(actor=world.admin) == (0, 1)

    settings.ITAKU_MASTER_KEY_PREVIOUS = []  # the old master key is retired
    keystore._cache.clear()
    assert Subject.objects.get(pk=s.pk).health_note == NOTE
    assert AuditEvent.objects.filter(action="master_key.rotate").count() == 2


def test_pi6_without_rotation_the_new_master_key_alone_opens_nothing(world, settings):
    s = subject(world.contract)
    settings.ITAKU_MASTER_KEY = bytes(reversed(range(32)))
    keystore._cache.clear()
    with pytest.raises(crypto.Unreadable):
        Subject.objects.get(pk=s.pk)


def test_pi6_the_rotation_command_reports_what_it_rewrapped(world, settings):
    subject(world.contract)
    settings.ITAKU_MASTER_KEY, settings.ITAKU_MASTER_KEY_PREVIOUS = (
        bytes(reversed(range(32))),
        [settings.ITAKU_MASTER_KEY],
    )
    out = io.StringIO()
    call_command("rotate_master_key", stdout=out)
    assert "包み直した鍵: 1 / すでに現在のマスター鍵: 0" in out.getvalue()
