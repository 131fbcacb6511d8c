"""Benchmark: audit-log writes from concurrent writers, and the read event of a list page.
Method and figures: benchmarks/README.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/itaku_bench \
        .venv/bin/python benchmarks/audit_chains.py [--seconds 10] [--writers 4] [--roster 200]
    ITAKU_CODE=/tmp/audit-before DATABASE_URL=... .venv/bin/python benchmarks/audit_chains.py

``ITAKU_CODE`` runs the same script against another checkout of the project (e.g. the code before
per-contract chains); it only calls ``audit_record`` and ``audit_reads``, which both versions have.
Builds its own throw-away database with Django's test-database machinery (PostgreSQL:
``test_<name>`` on DATABASE_URL's server, never the named database itself), prints the figures,
then drops the database. The concurrent writers need PostgreSQL; on SQLite only the read event is
measured.
"""
# ruff: noqa: E402 - Django must be configured before the models are imported

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

CODE = Path(os.environ.get("ITAKU_CODE") or Path(__file__).resolve().parent.parent)
from _django import setup

TMP = setup(code=CODE)

import time_machine

logging.getLogger("axes").setLevel(logging.WARNING)  # no log lines for the benchmark's login

from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import itaku
from itaku.audit import context
from itaku.audit.models import AuditEvent
from itaku.audit.services import audit_reads, audit_record
from itaku.conftest import VerifiedClient, make_contract
from itaku.core import domain, services
from itaku.core import models as m

TOKYO = ZoneInfo("Asia/Tokyo")
START, END, PLEDGE = date(2026, 4, 1), date(2027, 3, 31), date(2026, 3, 25)
PER_CONTRACT = hasattr(AuditEvent, "chain")  # False: the code of the single global chain


def build(n_contracts: int, roster: int) -> dict:
    """Contracts for the writers; contract 0 gets a supervisor (through the service) and an
    approved, pledged roster of workers (bulk-created): ``roster`` entries with hers."""
    admin = m.User.objects.create_superuser(username="admin", password=None)
    dept = m.Organisation.objects.create(name="企画課(性能)", kind="ward")
    company = m.Organisation.objects.create(name="受注者(性能)", kind="contractor")
    contracts = [make_contract(f"A-{i:02d}", dept, company) for i in range(n_contracts)]
    c0 = contracts[0]
    user = m.User.objects.create_user(username="supervisor", password=None)
    supervisor = m.Person.objects.create(
        organisation=dept, user=user, family_name="性能", given_name="監督"
    )
    services.ward_role_grant(
        actor=admin, contract=c0, person=supervisor, role=domain.Role.WARD_SUPERVISOR,
        valid_from=START,
    )  # fmt: skip
    version = m.RosterVersion.objects.create(contract=c0, number=99, state="approved")
    users = m.User.objects.bulk_create(
        m.User(username=f"w{k}", password="!") for k in range(roster - 1)
    )
    people = m.Person.objects.bulk_create(
        m.Person(organisation=company, user=u, family_name="充填", given_name=str(k))
        for k, u in enumerate(users)
    )
    m.RosterEntry.objects.bulk_create(
        m.RosterEntry(contract=c0, person=p, role="worker", qualifications=["police_experience"],
                      valid_from=START, pledge_date=PLEDGE, approved_version=version)
        for p in people
    )  # fmt: skip
    return {"admin": admin, "supervisor": user, "contracts": contracts}


def writer(contract_id: int, start_at: float, seconds: float, hold_ms: float, results) -> None:  # type: ignore[no-untyped-def]
    """One process with its own connection: append events to one contract's log until time. With
    ``hold_ms``, each transaction goes on that long after the append (``pg_sleep``, no CPU), as a
    service's own writes would while the chain's head stays locked."""
    contract = m.Contract.objects.get(pk=contract_id)
    while time.time() < start_at:
        time.sleep(0.001)
    count, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        with transaction.atomic():
            audit_record(actor=None, action="bench.write", contract=contract, changes={"n": count})
            if hold_ms:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_sleep(%s)", [hold_ms / 1000])
        count += 1
    connection.close()
    results.put(count)


def writes(contract_ids: list[int], seconds: float, hold_ms: float) -> tuple[float, list[int]]:
    """Events per second of all writers together, and each writer's count."""
    fork = multiprocessing.get_context("fork")
    results = fork.Queue()
    connections.close_all()  # each process opens its own
    start_at = time.time() + 1.0
    procs = [
        fork.Process(target=writer, args=(c, start_at, seconds, hold_ms, results))
        for c in contract_ids
    ]
    for p in procs:
        p.start()
    counts = [results.get(timeout=seconds + 60) for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"a writer failed (exit code {p.exitcode})")
    return sum(counts) / seconds, sorted(counts)


def measure(fn: Callable[[], object], reps: int) -> tuple[float, float, int]:
    """Median and p95 in milliseconds over ``reps`` calls after one warm-up, and the queries of
    one more call (captured outside the timed calls)."""
    fn()
    timings = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - t0) * 1000)
    with CaptureQueriesContext(connection) as queries:
        fn()
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    return statistics.median(timings), p95, len(queries)


def in_a_request(fn: Callable[[], object]) -> Callable[[], object]:
    """Call ``fn`` with the per-request role cache the middleware sets up."""

    def call() -> object:
        token = context.role_cache.set({})
        try:
            return fn()
        finally:
            context.role_cache.reset(token)

    return call


def run(args: argparse.Namespace) -> None:
    w = build(args.writers, args.roster)
    contracts, supervisor = w["contracts"], w["supervisor"]
    v = getattr(connection, "pg_version", None) or connection.Database.sqlite_version
    print(f"database: {connection.vendor} {v} ({connection.settings_dict['NAME']})")
    print(
        f"code: {Path(itaku.__file__).parent.parent} "
        f"({'one chain per contract' if PER_CONTRACT else 'one global chain'})"
    )
    if connection.vendor == "postgresql":
        print(f"\nwrites: {args.seconds:g} s each, one process and connection per writer")
        print(f"{'case':<44} {'hold ms':>7} {'events/s':>9}  events per writer")
        ids = [c.pk for c in contracts]
        cases = [
            ("1 writer", ids[:1]),
            (f"{args.writers} writers, {args.writers} different contracts", ids),
            (f"{args.writers} writers, the same contract", ids[:1] * args.writers),
        ]
        for hold in sorted({0.0, args.hold_ms}):
            for name, case in cases:
                rate, counts = writes(case, args.seconds, hold)
                print(f"{name:<44} {hold:>7g} {rate:>9.0f}  {counts}")
    else:
        print("\nwrites: skipped (concurrent writers need PostgreSQL)")

    entries = list(m.RosterEntry.objects.filter(contract=contracts[0]).select_related("person"))
    before = AuditEvent.objects.count()
    audit_reads(actor=supervisor, contract=contracts[0], records=entries)
    written = AuditEvent.objects.count() - before
    client = VerifiedClient()
    client.force_login(supervisor)
    url = reverse("core:roster", args=[contracts[0].pk])
    assert client.get(url).status_code == 200

    print(f"\nreads: {len(entries)} roster entries shown, {args.reps} reps; "
          f"audit_reads writes {written} event(s) a call")  # fmt: skip
    print(f"{'case':<44} {'median ms':>9} {'p95 ms':>8} {'queries':>8}")
    cases_r = [
        (
            f"audit_reads({len(entries)} roster entries)",
            in_a_request(lambda: audit_reads(actor=supervisor, contract=contracts[0],
                                             records=entries)),
        ),
        (f"GET roster page, {len(entries)} entries", lambda: client.get(url)),
    ]  # fmt: skip
    for name, fn in cases_r:
        median, p95, queries = measure(fn, args.reps)
        print(f"{name:<44} {median:>9.2f} {p95:>8.2f} {queries:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per write case")
    parser.add_argument("--writers", type=int, default=4, help="concurrent writers")
    parser.add_argument(
        "--hold-ms", type=float, default=5.0, help="also: transactions held this long after"
    )
    parser.add_argument("--roster", type=int, default=200, help="roster entries on the list page")
    parser.add_argument("--reps", type=int, default=20, help="timed repetitions per read case")
    args = parser.parse_args()
    original_name, created = connection.settings_dict["NAME"], False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        created = True
        # The roster page needs a day inside the contracts' fiscal year: the clock is moved
        # there and keeps ticking, in the writers' processes too (perf_counter is not moved).
        with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=TOKYO), tick=True):
            run(args)
    finally:
        if created:
            connections.close_all()
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
