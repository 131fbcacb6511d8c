"""The audit log's hash chains (PI-9): one chain per contract and one for events with no
contract; tampering with rows by raw SQL is found in the right chain at the right index, and on
PostgreSQL the rows cannot be changed at all."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from itaku.audit import chain
from itaku.audit.models import AuditEvent, AuditHead
from itaku.audit.services import audit_record, audit_verify, event_facts
from itaku.conftest import make_contract
from itaku.core.models import Organisation

pytestmark = pytest.mark.django_db


def write(n: int, contract=None) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        with transaction.atomic():
            audit_record(
                actor=None, action="test.event", contract=contract, changes={"i": i, "名前": "試験"}
            )


def contracts(*numbers: str) -> list:
    dept = Organisation.objects.create(name="企画課(連鎖)", kind="ward")
    company = Organisation.objects.create(name="受注者(連鎖)", kind="contractor")
    return [make_contract(number, dept, company) for number in numbers]


def raw(sql: str, params: tuple = ()) -> None:
    """Tamper as someone with the database's owner rights would: past the trigger too."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser's session can switch user triggers off without touching the table.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def broken() -> list[tuple[str, int]]:
    return [(c.name, c.found.index) for c in audit_verify().breaks if c.found is not None]


def test_an_untouched_chain_verifies():
    write(6)
    verification = audit_verify()
    assert (verification.count, verification.breaks) == (6, [])
    assert [(c.chain, c.count, c.head_seq) for c in verification.chains] == [("platform", 6, 6)]
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "6 件(1 本の連鎖)の連鎖を確認しました" in out.getvalue()


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
    assert broken() == [("platform", index)]
    with pytest.raises(CommandError, match=f"連鎖「platform」の {index} 件目"):
        call_command("audit_verify", stdout=StringIO())


def test_cutting_off_the_newest_rows_is_found_against_the_head():
    write(5)
    raw("DELETE FROM audit_auditevent WHERE seq >= 4")
    # The remaining rows hash correctly, but the chain is shorter than its head.
    assert broken() == [("platform", 4)]
    with pytest.raises(CommandError, match="4 件目以降の削除"):
        call_command("audit_verify", stdout=StringIO())


def test_a_chain_whose_head_is_gone_is_reported():
    write(2)
    AuditHead.objects.all().delete()
    assert broken() == [("platform", 1)]


def test_the_chain_is_the_pure_functions_chain():
    (contract,) = contracts("R8-連鎖-1")
    write(3, contract)
    previous = chain.GENESIS
    events = AuditEvent.objects.filter(contract=contract).order_by("seq")
    assert [(e.chain, e.seq) for e in events] == [(f"contract-{contract.pk}", n) for n in (1, 2, 3)]
    for event in events:
        assert event.hash == chain.next_hash(previous, event_facts(event))
        previous = event.hash
    assert AuditHead.objects.get(contract=contract).hash == previous


def test_two_contracts_have_independent_chains_and_tampering_names_only_its_own():
    a, b = contracts("R8-甲", "R8-乙")
    for _ in range(3):
        write(1, a)
        write(1, b)
        write(1)
    assert {c.name: c.count for c in audit_verify().chains} == {
        "R8-甲": 3,
        "R8-乙": 3,
        "platform": 3,
    }
    raw(
        "UPDATE audit_auditevent SET action = 'test.forged' WHERE contract_id = %s AND seq = 2",
        (b.pk,),
    )
    assert broken() == [("R8-乙", 2)]
    with pytest.raises(CommandError, match="連鎖「R8-乙」の 2 件目") as raised:
        call_command("audit_verify", stdout=StringIO())
    assert "R8-甲" not in str(raised.value)


def test_an_event_moved_into_another_contracts_chain_breaks_it():
    a, b = contracts("R8-甲", "R8-乙")
    write(2, a)
    write(2, b)
    # Renumbered to fit, but its bytes name the chain it was written in.
    raw(
        "UPDATE audit_auditevent SET chain = %s, seq = 3 WHERE contract_id = %s AND seq = 2",
        (f"contract-{b.pk}", a.pk),
    )
    assert ("R8-乙", 3) in broken()


# Computed with the code of the single global chain, before chains were split: events written
# then (the legacy chain) keep exactly these bytes and hashes.
LEGACY_FACTS = chain.EventFacts(
    seq=7,
    occurred_at=datetime(2026, 6, 15, 1, 2, 3, 456789, tzinfo=UTC),
    actor_id=3,
    contract_id=2,
    action="roster_entry.add",
    target_type="core.rosterentry",
    target_id="11",
    changes={"名前": "試験", "n": 1},
    request_id="req-1",
    source_ip="192.0.2.1",
    acting_role="manager",
    chain=chain.LEGACY,
)
LEGACY_HASH = "c7f3735d536caa241e333bac20332ab0e637bac224551d376c9bb77d0d84f653"


def test_legacy_events_keep_the_bytes_and_hashes_of_the_single_chain():
    assert chain.next_hash(chain.GENESIS, LEGACY_FACTS) == LEGACY_HASH
    moved = chain.EventFacts(**{**vars(LEGACY_FACTS), "chain": "contract-2"})
    assert chain.next_hash(chain.GENESIS, moved) != LEGACY_HASH


def legacy_chain(n: int) -> None:
    """Rows as the single global chain wrote them, as the migration leaves them."""
    previous = chain.GENESIS
    for seq in range(1, n + 1):
        event = AuditEvent(
            chain=chain.LEGACY,
            seq=seq,
            occurred_at=datetime(2026, 5, 1, 9, seq, tzinfo=UTC),
            action="test.before_the_split",
            changes={"seq": seq},
        )
        event.hash = previous = chain.next_hash(previous, event_facts(event))
        event.save()
    AuditHead.objects.create(chain=chain.LEGACY, seq=n, hash=previous)


def test_the_legacy_chain_verifies_as_before_and_against_an_old_checkpoint(tmp_path):
    legacy_chain(4)
    old = tmp_path / "old.json"  # the format of a checkpoint taken before the split
    head = AuditHead.objects.get(chain=chain.LEGACY)
    old.write_text(json.dumps({"seq": head.seq, "hash": head.hash, "taken_at": "2026-05-01"}))
    write(2)  # new events go to the platform chain, not the legacy one
    assert {c.chain: c.count for c in audit_verify().chains} == {"legacy": 4, "platform": 2}
    call_command("audit_verify", "--checkpoint", str(old), stdout=StringIO())
    raw("UPDATE audit_auditevent SET action = 'test.forged' WHERE chain = 'legacy' AND seq = 3")
    assert broken() == [("legacy", 3)]


def forge_and_rehash(key: str, seq: int) -> None:
    """Forge one event and recompute its chain from there, head included."""
    raw(
        "UPDATE audit_auditevent SET action = 'test.forged' WHERE chain = %s AND seq = %s",
        (key, seq),
    )
    previous = AuditEvent.objects.get(chain=key, seq=seq - 1).hash
    for event in AuditEvent.objects.filter(chain=key, seq__gte=seq).order_by("seq"):
        event.hash = chain.next_hash(previous, event_facts(event))
        raw("UPDATE audit_auditevent SET hash = %s WHERE id = %s", (event.hash, event.pk))
        previous = event.hash
    AuditHead.objects.filter(chain=key).update(hash=previous)


def test_a_checkpoint_catches_a_rewrite_of_any_chain_that_recomputes_every_hash(tmp_path):
    a, b = contracts("R8-甲", "R8-乙")
    write(4, a)
    write(4, b)
    write(4)
    out = StringIO()
    call_command("audit_checkpoint", stdout=out)
    taken = json.loads(out.getvalue())
    assert {v["name"]: v["seq"] for v in taken["chains"].values()} == {
        "R8-甲": 4,
        "R8-乙": 4,
        "platform": 4,
    }
    checkpoint = tmp_path / "checkpoint.json"
    checkpoint.write_text(out.getvalue())
    write(2, a)  # the log goes on after the checkpoint
    call_command("audit_verify", "--checkpoint", str(checkpoint), stdout=StringIO())

    # The chain alone holds after the rewrite; only the checkpoint catches it, and names it.
    forge_and_rehash(f"contract-{b.pk}", 2)
    assert broken() == []
    with pytest.raises(CommandError, match=r"チェックポイント.*連鎖「R8-乙」の 4 件目") as raised:
        call_command("audit_verify", "--checkpoint", str(checkpoint), stdout=StringIO())
    assert "R8-甲" not in str(raised.value)


def test_an_unreadable_checkpoint_stops_the_command(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"chains": {"platform": {"hash": "x"}}}')
    with pytest.raises(CommandError, match="読めません"):
        call_command("audit_verify", "--checkpoint", str(bad), stdout=StringIO())


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


def run_threads(*targets) -> list[BaseException]:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def run(target) -> None:  # type: ignore[no-untyped-def]
        try:
            target()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("on_a_contract", [False, True], ids=["platform", "new contract"])
def test_concurrent_writers_on_one_chain_do_not_fork_it(on_a_contract):
    # On a new contract, the six writers also race to create its chain's head.
    contract = contracts("R8-並行")[0] if on_a_contract else None
    assert not run_threads(*[lambda: write(15, contract)] * 6)
    verification = audit_verify()
    assert (verification.count, verification.breaks) == (90, [])
    assert AuditHead.objects.count() == 1
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 91)
    )


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_a_writer_holding_one_contracts_chain_does_not_block_another_contract():
    from django.db import OperationalError

    a, b = contracts("R8-甲", "R8-乙")
    write(1, a)
    write(1, b)
    holding, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def hold_a() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="test.hold", contract=a)
            holding.set()
            release.wait(timeout=30)

    def attempt(name: str, contract) -> None:  # type: ignore[no-untyped-def]
        holding.wait(timeout=30)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '1s'")
                audit_record(actor=None, action="test.meanwhile", contract=contract)
            outcome[name] = "written"
        except OperationalError as error:
            outcome[name] = "lock timeout" if "lock timeout" in str(error) else error
        if len(outcome) == 2:
            release.set()

    errors = run_threads(hold_a, lambda: attempt("b", b), lambda: attempt("a", a))
    assert not errors
    # Contract B's writer went straight on; a second writer on A had to wait for A's head.
    assert outcome == {"b": "written", "a": "lock timeout"}
    verification = audit_verify()
    assert verification.breaks == []
    assert {c.name: c.count for c in verification.chains} == {"R8-甲": 2, "R8-乙": 2}


def test_each_event_carries_the_request_id_and_address(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "worker", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_REQUEST_ID="req-abc.123",
    )
    assert response["X-Request-ID"] == "req-abc.123"
    event = AuditEvent.objects.filter(action="auth.login").latest("occurred_at", "id")
    assert (event.request_id, event.source_ip) == ("req-abc.123", "192.0.2.10")
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="bad id with spaces")
    assert len(response["X-Request-ID"]) == 32  # a malformed id is replaced by our own


def test_pi9_the_acting_role_is_covered_by_the_chain(world, frozen_today):
    with transaction.atomic():
        audit_record(actor=world.manager, action="test.event", contract=world.contract)
    assert audit_verify().breaks == []
    raw("UPDATE audit_auditevent SET acting_role = 'ward_supervisor' WHERE acting_role = 'manager'")
    assert [c.name for c in audit_verify().breaks] == [world.contract.number]
