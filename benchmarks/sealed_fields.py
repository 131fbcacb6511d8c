"""Benchmark: what sealing costs (PI-6). Method and figures: benchmarks/README.md.

    .venv/bin/python benchmarks/sealed_fields.py [--rows 1000] [--reps 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/itaku_bench .venv/bin/python benchmarks/...

Uses the test-only ``Subject`` model (two sealed names, a sealed note) in a throw-away database
made with Django's test-database machinery, then drops it.
"""
# ruff: noqa: E402 - Django must be configured before the models are imported

from __future__ import annotations

import argparse
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import date

from _django import setup

TMP = setup(settings_module="itaku.settings_for_tests", keys=True)

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from itaku.core.models import Contract, Organisation
from itaku.privacy import crypto, keystore
from itaku.privacy.services import name_index_set, name_search
from itaku.privacy.tests.sealed_app.models import Subject

FAMILY = ["山田", "田中", "佐藤", "鈴木", "高橋", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "さくら", "翔", "陽菜", "大輔", "結衣"]


def timed(label: str, fn: Callable[[], object], reps: int, per: int = 1) -> None:
    fn()
    samples = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as q:
        fn()
    median = statistics.median(samples)
    unit = f"{median * 1000 / per:9.1f} µs/row" if per > 1 else ""
    print(f"{label:<44} {median:9.2f} ms {unit:>16} {len(q.captured_queries):5d} queries")


def run(rows: int, reps: int) -> None:
    ward = Organisation.objects.create(name="区", kind="ward")
    company = Organisation.objects.create(name="受注者", kind="contractor")
    contract = Contract.objects.create(
        title="試験",
        number="B-1",
        awarded_on=date(2026, 2, 16),
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        service_kind="support_office",
        department=ward,
        contractor=company,
        payment_cycle="monthly",
    )
    key_id = uuid.uuid4()
    key = crypto.new_key()
    text = "食物アレルギーあり。発作時は吸入器を使用。" * 3
    n = 1000
    seal = lambda: crypto.seal(key=key, key_id=key_id, context="a.b.c", plaintext=text)  # noqa: E731
    timed(f"crypto.seal x{n} (a 60-character note)", lambda: [seal() for _ in range(n)], reps, n)
    token = crypto.parse(crypto.seal(key=key, key_id=key_id, context="a.b.c", plaintext=text))
    timed(f"crypto.open_sealed x{n} (the same)", lambda: [crypto.open_sealed(
        key=key, token=token, context="a.b.c") for _ in range(n)], reps, n)  # fmt: skip

    def insert() -> None:
        with transaction.atomic():
            for i in range(rows):
                s = Subject.objects.create(
                    contract=contract,
                    family_name=FAMILY[i % 10],
                    given_name=GIVEN[(i // 10) % 10],
                    kana="",
                    health_note=text,
                )
                name_index_set(
                    record=s, contract_id=contract.pk, forms=[(s.family_name, s.given_name)]
                )

    insert()
    timed(f"insert {rows} rows (3 sealed fields + index)", insert, max(1, reps // 5), rows)
    timed(f"list all {Subject.objects.count()} rows (open 4 fields each)",
          lambda: list(Subject.objects.all()), reps, Subject.objects.count())  # fmt: skip
    timed("name_search prefix 「山」", lambda: list(name_search(
        queryset=Subject.objects.all(), contract_id=contract.pk, query="山")), reps)  # fmt: skip
    timed("name_search exact 「田中 翔」", lambda: list(name_search(
        queryset=Subject.objects.all(), contract_id=contract.pk, query="田中 翔",
        prefix=False)), reps)  # fmt: skip
    [data_key] = keystore.key_ids()
    timed(f"keystore.get x{n} (cached: a stat)",
          lambda: [keystore.get(data_key) for _ in range(n)], reps, n)  # fmt: skip

    def cold() -> None:
        for _ in range(n):
            keystore._cache.clear()
            keystore.get(data_key)

    timed(f"keystore.get x{n} (read the file, unwrap)", cold, reps, n)
    from itaku.privacy.models import NameIndexEntry

    print(f"index entries: {NameIndexEntry.objects.count()} for {Subject.objects.count()} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args()
    print(f"database: {connection.vendor}; rows: {args.rows}; median of {args.reps} runs")
    original_name, created = connection.settings_dict["NAME"], False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        created = True
        run(args.rows, args.reps)
    finally:
        if created:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
