"""Benchmark: the access rule and the home page at scale. Method and figures: benchmarks/README.md.

    .venv/bin/python benchmarks/access_and_home.py [--quick] [--contracts N] [--roster N] ...
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/itaku_bench .venv/bin/python benchmarks/...

Builds its own throw-away database with Django's test-database machinery (SQLite: a file in a
temporary folder; PostgreSQL: ``test_<name>`` on DATABASE_URL's server, never the named database
itself), prints a table, then drops the database.
"""
# ruff: noqa: E402 - Django must be configured before the models are imported

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from _django import setup

TMP = setup()

import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from itaku.conftest import VerifiedClient
from itaku.core import domain, services
from itaku.core import models as m
from itaku.core.access import contract_access, contract_accesses, contracts_visible_to
from itaku.core.selectors import business_calendar, deadlines, obligation_item_list

TOKYO = ZoneInfo("Asia/Tokyo")
START, END = date(2026, 4, 1), date(2027, 3, 31)  # fiscal year 2026, as in itaku/conftest.py
TODAY = date(2026, 6, 15)  # a Monday; the clock is frozen at 10:00 Tokyo time
PLEDGE = date(2026, 3, 25)
Role = domain.Role
OPEN_DAYS = 3  # items due in the last days before TODAY are still open (overdue on the home page)


def mark_history(item: m.ObligationItem, admin: m.User) -> m.ObligationItem:
    """Past items were submitted on their due date and acknowledged, except the last few."""
    if item.due_date < TODAY - timedelta(days=OPEN_DAYS):
        d = item.due_date
        item.submitted_at = datetime(d.year, d.month, d.day, 10, tzinfo=TOKYO)
        item.acknowledged_at = item.submitted_at + timedelta(hours=3)
        item.submitted_by = item.acknowledged_by = admin
    return item


def person(org: m.Organisation, username: str) -> m.Person:
    user = m.User.objects.create_user(username=username, password=None)
    return m.Person.objects.create(organisation=org, user=user, family_name="性能", given_name="様")


def build(n_contracts: int, roster: int, n_auditors: int) -> dict:
    """Contract 0 and the personas go through the services, as itaku/conftest.py does; the filler
    roster and the other contracts' obligation items are bulk-created."""
    admin = m.User.objects.create_superuser(username="admin", password=None)
    dept = m.Organisation.objects.create(name="企画課(性能)", kind="ward")
    companies = m.Organisation.objects.bulk_create(
        m.Organisation(name=f"受注者{i:04d}", kind="contractor") for i in range(n_contracts)
    )
    fixed = {"awarded_on": START, "period_start": START, "period_end": END,
             "service_kind": "support_office"}  # fmt: skip
    contracts = m.Contract.objects.bulk_create(
        m.Contract(title=f"性能試験 {i}", number=f"B-{i:04d}", department=dept, contractor=company,
                   payment_cycle="monthly", **fixed)
        for i, company in enumerate(companies)
    )  # fmt: skip
    c0 = contracts[0]
    auditors = [person(dept, f"auditor{i}") for i in range(n_auditors)]
    grant = {"actor": admin, "valid_from": START}
    for contract in contracts:
        for a in auditors:
            services.ward_role_grant(contract=contract, person=a, role=Role.AUDITOR, **grant)
    supervisor = person(dept, "supervisor")
    services.ward_role_grant(contract=c0, person=supervisor, role=Role.WARD_SUPERVISOR, **grant)
    manager = person(c0.contractor, "manager")
    services.contract_manager_appoint(contract=c0, person=manager, pledge_date=PLEDGE, **grant)

    def approve() -> m.RosterVersion:
        return services.roster_version_decide(
            actor=supervisor.user,
            access=contract_access(supervisor.user, c0.pk, on=START),
            version=c0.roster_versions.get(state="submitted"),
            approve=True,
        )

    approve()
    worker = person(c0.contractor, "worker")
    mgr = contract_access(manager.user, c0.pk, on=START)
    services.roster_entry_add(
        actor=manager.user, access=mgr, person=worker, role=Role.WORKER,
        qualifications=["police_experience"], valid_from=START, pledge_date=PLEDGE,
    )  # fmt: skip
    services.roster_version_submit(actor=manager.user, access=mgr)
    versions = {c0.pk: approve()} | {
        v.contract_id: v
        for v in m.RosterVersion.objects.bulk_create(
            m.RosterVersion(contract=c, number=1, state="approved") for c in contracts[1:]
        )
    }
    # Filler roster: more workers with accounts, approved and pledged.
    fill = [(c, k) for c in contracts for k in range(roster - n_auditors - (3 if c == c0 else 0))]
    users = m.User.objects.bulk_create(
        m.User(username=f"u{c.pk}-{k}", password="!") for c, k in fill
    )
    people = m.Person.objects.bulk_create(
        m.Person(organisation_id=c.contractor_id, user=u, family_name="充填", given_name=str(k))
        for (c, k), u in zip(fill, users, strict=True)
    )
    m.RosterEntry.objects.bulk_create(
        m.RosterEntry(contract=c, person=p, role="worker", qualifications=["police_experience"],
                      valid_from=START, pledge_date=PLEDGE, granted_pledge_date=PLEDGE,
                      approved_version=versions[c.pk])
        for (c, _), p in zip(fill, people, strict=True)
    )  # fmt: skip
    # Obligations declared through the service for every contract; a full fiscal year of items,
    # through the service for contract 0 and bulk-created (the same schedule) for the others.
    for contract in contracts:
        services.obligations_declare_standard(actor=admin, contract=contract)
    services.obligation_items_schedule(actor=admin, contract=c0, through=END)
    m.ObligationItem.objects.bulk_update(
        [mark_history(i, admin) for i in m.ObligationItem.objects.filter(obligation__contract=c0)],
        ["submitted_at", "submitted_by", "acknowledged_at", "acknowledged_by"],
    )
    cal, period = business_calendar(), domain.Period(START, END)
    schedule = {
        o.rule: domain.schedule_items(
            domain.DueRule(o.rule), contract_period=period, through=END, cal=cal
        )
        for o in c0.obligations.all()
    }
    m.ObligationItem.objects.bulk_create(
        (
            mark_history(m.ObligationItem(obligation=o, period_start=s.period_start,
                                          period_end=s.period_end, due_date=s.due_date), admin)
            for o in m.Obligation.objects.exclude(contract=c0)
            for s in schedule[o.rule]
        ),
        batch_size=2000,
    )  # fmt: skip
    outsider = person(c0.contractor, "outsider")  # works for a contractor, on no roster
    return {"c0": c0, "last": contracts[-1], "worker": worker.user, "manager": manager.user,
            "auditor": auditors[0].user, "outsider": outsider.user}  # fmt: skip


def measure(fn: Callable[[], object], args: argparse.Namespace) -> tuple[float, float, int]:
    """Median and p95 in milliseconds over ``reps`` timed calls, and the queries of one call.
    The garbage collector runs as in a server process, unless --no-gc (see README.md)."""
    for _ in range(args.warmup):
        fn()
    gc.collect()
    if args.no_gc:
        gc.disable()
    samples = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    gc.enable()
    with CaptureQueriesContext(connection) as queries:  # counted apart: capturing costs time
        fn()
    p95 = statistics.quantiles(samples, n=100, method="inclusive")[94]
    return statistics.median(samples), p95, len(queries)


def page(user: m.User, url: str) -> Callable[[], object]:
    client = VerifiedClient()  # signed in with the second factor, as the roles that need it are
    client.force_login(user)

    def get() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response.content

    return get


def profile(fn: Callable[[], object], calls: int) -> None:
    """cProfile of ``calls`` calls of the auditor's home page, after one untimed call: the
    functions with the most time of their own and with the most time inside them."""
    import cProfile
    import pstats

    fn()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        fn()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    print(f"\ncProfile of GET / auditor, {calls} calls")
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(r"itaku/", 60)


def run(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    with transaction.atomic():
        w = build(args.contracts, args.roster, args.auditors)
    built = time.perf_counter() - t0
    c0, last, worker, auditor = w["c0"], w["last"], w["worker"], w["auditor"]
    mgr = contract_access(w["manager"], c0.pk)
    accesses = contract_accesses(auditor)
    n = len(accesses)
    summaries = lambda: deadlines(accesses=accesses)  # noqa: E731
    cases: list[tuple[str, Callable[[], object]]] = [
        ("contracts_visible_to(worker), 1 contract", lambda: list(contracts_visible_to(worker))),
        (f"contracts_visible_to(auditor), {n}", lambda: list(contracts_visible_to(auditor))),
        (f"contract_accesses(auditor), {n}", lambda: contract_accesses(auditor)),
        ("contract_access(worker, own contract)", lambda: contract_access(worker, c0.pk)),
        ("contract_access(auditor, last contract)", lambda: contract_access(auditor, last.pk)),
        ("GET / outsider, 0 contracts", page(w["outsider"], "/")),
        ("GET / manager, 1 contract", page(w["manager"], "/")),
        (f"GET / auditor, {n} contracts", page(auditor, "/")),
        (f"  deadlines, {n} contracts (auditor)", summaries),
        ("obligation_item_list(manager), full year", lambda: obligation_item_list(access=mgr)),
        ("obligation_item_list(manager, start=-31d)",
         lambda: obligation_item_list(access=mgr, start=TODAY - timedelta(days=31))),
        ("obligation_item_list(manager, -31d..+42d)",
         lambda: obligation_item_list(access=mgr, start=TODAY - timedelta(days=31),
                                      end=TODAY + timedelta(days=42))),
        ("GET /contracts/<id>/ manager", page(w["manager"], f"/contracts/{c0.pk}/")),
    ]  # fmt: skip
    v = getattr(connection, "pg_version", None) or connection.Database.sqlite_version
    print(f"database: {connection.vendor} {v} ({connection.settings_dict['NAME']})")
    items, per = m.ObligationItem.objects, m.ObligationItem.objects.filter(obligation__contract=c0)
    print(
        f"data: {m.Contract.objects.count()} contracts, {m.RosterEntry.objects.count()} roster"
        f" entries, {items.count()} obligation items ({per.count()} per contract);"
        f" built in {built:.1f} s; today {TODAY}; {args.reps} reps after {args.warmup} warm-up;"
        f" gc {'off' if args.no_gc else 'on'}"
    )
    if args.profile:
        profile(page(auditor, "/"), args.profile)
        return
    print(f"\n{'case':<46} {'median ms':>10} {'p95 ms':>9} {'queries':>8}")
    for name, fn in cases:
        median, p95, queries = measure(fn, args)
        print(f"{name:<46} {median:>10.2f} {p95:>9.2f} {queries:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--contracts", type=int, default=200, help="contracts")
    parser.add_argument("--roster", type=int, default=30, help="roster entries per contract")
    parser.add_argument("--auditors", type=int, default=2, help="ward auditors on every contract")
    parser.add_argument("--reps", type=int, default=30, help="timed repetitions per case")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls before timing")
    parser.add_argument("--no-gc", action="store_true", help="garbage collector off when timing")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N",
        help="instead of the table, a cProfile of N calls of the auditor's home page",
    )  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="20 contracts x 10 entries, 5 reps")
    args = parser.parse_args()
    if args.quick:
        args.contracts, args.roster, args.reps = 20, 10, 5
    args.auditors, args.reps = max(args.auditors, 1), max(args.reps, 2)
    args.roster = max(args.roster, args.auditors + 3)
    original_name, created = connection.settings_dict["NAME"], False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        created = True
        with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=TOKYO), tick=False):
            run(args)
    finally:
        if created:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
