"""The audit log's hash chain (PI-9): tampering with rows by raw SQL is found at the right index,
and on PostgreSQL the rows cannot be changed at all."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from itaku.audit import chain
from itaku.audit.models import AuditEvent, AuditHead
from itaku.audit.services import audit_record, audit_verify, event_facts

pytestmark = pytest.mark.django_db


def write(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=None, action="test.event", changes={"i": i, "名前": "試験"})


def raw(sql: str, params: tuple = ()) -> None:
    """Tamper as someone with the database's owner rights would: past the trigger too."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser's session can switch user triggers off without touching the table.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_an_untouched_chain_verifies():
    write(6)
    count, found = audit_verify()
    assert (count, found) == (6, None)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "6 件の連鎖を確認しました" in out.getvalue()


@pytest.mark.parametrize(
    ("tamper", "index"),
    [
        ("UPDATE audit_auditevent SET action = 'test.forged' WHERE seq = 5", 5),
        (
            "UPDATE audit_auditevent SET occurred_at = occurred_at + interval '1 second' "
            "WHERE seq = 3",
            3,
        ),
        ("DELETE FROM audit_auditevent WHERE seq = 2", 2),
        (
            "UPDATE audit_auditevent SET seq = 1000 WHERE seq = 3; "
            "UPDATE audit_auditevent SET seq = 3 WHERE seq = 4; "
            "UPDATE audit_auditevent SET seq = 4 WHERE seq = 1000",
            3,
        ),
    ],
    ids=["altered", "re-timed", "deleted", "reordered"],
)
def test_tampering_is_found_at_the_right_index(tamper, index):
    write(6)
    if connection.vendor == "sqlite":
        tamper = tamper.replace(
            "occurred_at + interval '1 second'",
            "strftime('%Y-%m-%d %H:%M:%f', occurred_at, '+1 second')",
        )
    for statement in tamper.split("; "):
        raw(statement)
    _, found = audit_verify()
    assert found is not None
    assert found.index == index
    with pytest.raises(CommandError, match=f"{index} 件目"):
        call_command("audit_verify", stdout=StringIO())


def test_cutting_off_the_newest_rows_is_found_against_the_head():
    write(5)
    raw("DELETE FROM audit_auditevent WHERE seq >= 4")
    assert audit_verify() == (3, None)  # the remaining chain is whole ...
    with pytest.raises(CommandError, match="4 件目以降が削除"):  # ... but shorter than the head
        call_command("audit_verify", stdout=StringIO())


def test_the_chain_is_the_pure_functions_chain():
    write(3)
    previous = chain.GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        assert event.hash == chain.next_hash(previous, event_facts(event))
        previous = event.hash
    assert AuditHead.objects.get(pk=1).hash == previous


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_on_postgresql_audit_rows_cannot_be_changed_or_deleted():
    from django.db import DatabaseError

    write(1)
    for sql in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.get().action == "test.event"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            write(15)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert audit_verify() == (90, None)
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 91)
    )


def test_each_event_carries_the_request_id_and_address(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "worker", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_REQUEST_ID="req-abc.123",
    )
    assert response["X-Request-ID"] == "req-abc.123"
    event = AuditEvent.objects.filter(action="auth.login").latest("seq")
    assert (event.request_id, event.source_ip) == ("req-abc.123", "192.0.2.10")
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="bad id with spaces")
    assert len(response["X-Request-ID"]) == 32  # a malformed id is replaced by our own


def test_a_checkpoint_catches_a_rewrite_that_recomputes_every_hash(tmp_path):
    write(4)
    out = StringIO()
    call_command("audit_checkpoint", stdout=out)
    checkpoint = tmp_path / "checkpoint.json"
    checkpoint.write_text(out.getvalue())
    write(2)  # the log goes on after the checkpoint
    call_command("audit_verify", "--checkpoint", str(checkpoint), stdout=StringIO())

    # Forge event 2 and recompute the chain from there, head included: the chain alone holds.
    raw("UPDATE audit_auditevent SET action = 'test.forged' WHERE seq = 2")
    previous = AuditEvent.objects.get(seq=1).hash
    for event in AuditEvent.objects.filter(seq__gte=2).order_by("seq"):
        event.hash = chain.next_hash(previous, event_facts(event))
        raw("UPDATE audit_auditevent SET hash = %s WHERE seq = %s", (event.hash, event.seq))
        previous = event.hash
    AuditHead.objects.filter(pk=1).update(hash=previous)
    assert audit_verify() == (6, None)
    with pytest.raises(CommandError, match="チェックポイント"):
        call_command("audit_verify", "--checkpoint", str(checkpoint), stdout=StringIO())


@pytest.mark.parametrize(
    ("persona", "role"),
    [("supervisor", "ward_supervisor"), ("manager", "manager"), ("worker", "worker")],
)
def test_pi9_each_event_records_the_role_its_actor_acted_in(world, frozen_today, persona, role):
    user = world.user(persona)
    with transaction.atomic():
        event = audit_record(actor=user, action="test.event", contract=world.contract)
    assert event.acting_role == role
    with transaction.atomic():
        elsewhere = audit_record(actor=user, action="test.event", contract=world.other_contract)
    assert elsewhere.acting_role == ""  # no role there: the event says so


def test_pi9_the_acting_role_is_covered_by_the_chain(world, frozen_today):
    with transaction.atomic():
        audit_record(actor=world.manager, action="test.event", contract=world.contract)
    assert audit_verify() == (AuditEvent.objects.count(), None)
    raw("UPDATE audit_auditevent SET acting_role = 'ward_supervisor' WHERE acting_role = 'manager'")
    _, broken = audit_verify()
    assert broken is not None
