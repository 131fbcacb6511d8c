"""Benchmark: the support office's monthly report with 2,000 requests (SO-14). Method and figures:
benchmarks/README.md.

    .venv/bin/python benchmarks/so_monthly_report.py [--requests 2000] [--reps 5]

Builds, in a throw-away database, one support-office contract with ``--requests`` requests in May
2026 (and a quarter as many in each of the five months before, for the trend), 10 % of them with
an incident, and times the month's figures (``monthly_report_data``), its Excel and its PDF;
reports the queries of the figures and the peak Python memory (tracemalloc) of each step. Fails
(exit 1) if the figures and the Excel together take more than 2 s.
"""
# ruff: noqa: E402 - Django must be configured before the models are imported

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "itaku.settings"
os.environ.setdefault("ITAKU_ENV", "development")
TMP = tempfile.mkdtemp(prefix="itaku-bench-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/unused.sqlite3")

import django
from django.conf import settings

settings.DATABASES["default"].setdefault("TEST", {})
if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    settings.DATABASES["default"]["TEST"]["NAME"] = f"{TMP}/bench.sqlite3"
settings.DEBUG = False
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.ITAKU_MASTER_KEY = os.urandom(32)
settings.ITAKU_KEYSTORE_DIR = Path(TMP) / "keystore"
settings.ITAKU_FILES_DIR = Path(TMP) / "files"
django.setup()

import statistics

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from itaku.conftest import make_contract, make_user
from itaku.core import domain, services
from itaku.core.access import contract_access
from itaku.core.models import Organisation, User
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.support_office.incidents.models import Incident
from itaku.support_office.reports import documents, selectors

LIMIT_S = 2.0


def build(requests: int) -> tuple[object, object]:
    admin = User.objects.create_superuser(username="admin", password="x" * 12)
    dept = Organisation.objects.create(name="区", kind="ward")
    company = Organisation.objects.create(name="受注者", kind="contractor")
    contract = make_contract("B-1", dept, company)
    supervisor = make_user("supervisor", dept)
    services.ward_role_grant(
        actor=admin,
        contract=contract,
        person=supervisor.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=date(2026, 4, 1),
    )
    places = [
        Place.objects.create(contract=contract, site=site, name=f"窓口 {i}")
        for i, site in enumerate(["main", "shiba", "azabu", "akasaka", "takanawa"])
    ]
    kinds = [k for k, _ in SupportRequest.Kind.choices]
    rows, number = [], 0
    for month, count in [(12, 4), (1, 4), (2, 4), (3, 4), (4, 4), (5, 1)]:
        year = 2025 if month == 12 else 2026
        for i in range(requests // count):
            number += 1
            at = timezone.make_aware(datetime(year, month, 1 + i % 28, 9 + i % 9, i % 60))
            rows.append(
                SupportRequest(
                    contract=contract,
                    number=number,
                    kind=kinds[i % len(kinds)],
                    state="completed",
                    department=dept,
                    requested_by=supervisor,
                    requested_at=at,
                    place=places[i % len(places)],
                    accepted_at=at + timedelta(minutes=1 + i % 5),
                    arrived_at=at + timedelta(minutes=5 + i % 40),
                    completed_at=at + timedelta(minutes=60),
                    after_hours_minutes=30 if i % 10 == 0 else 0,
                )
            )
    SupportRequest.objects.bulk_create(rows, batch_size=500)
    may = [r for r in rows if r.requested_at.month == 5]
    Incident.objects.bulk_create(
        [
            Incident(
                contract=contract,
                number=i + 1,
                department=dept,
                started_at=r.requested_at,
                channel="in_person",
                behaviours=["mental", "restraining"][: 1 + i % 2],
                decision="harassment" if i % 3 else "pending",
                recorded_by=supervisor,
                recorded_at=r.requested_at,
            )
            for i, r in enumerate(may[: len(may) // 10])
        ]
    )
    return contract, contract_access(supervisor, contract.pk)


def timed(label: str, reps: int, call):  # type: ignore[no-untyped-def]
    call()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - t)
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(times)
    print(
        f"{label:<28} median {median * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms  "
        f"peak {peak / 2**20:6.1f} MB"
    )
    return median, result


def run(requests: int, reps: int) -> bool:
    t = time.perf_counter()
    contract, access = build(requests)
    print(f"built {SupportRequest.objects.count()} requests in {time.perf_counter() - t:.1f} s")
    with CaptureQueriesContext(connection) as queries:
        data = selectors.monthly_report_data(access=access, year=2026, month=5)
    print(f"monthly_report_data: {len(queries.captured_queries)} queries, total {data['total']}")
    figures_s, data = timed(
        "monthly_report_data",
        reps,
        lambda: selectors.monthly_report_data(access=access, year=2026, month=5),
    )
    excel_s, _ = timed("monthly_xlsx", reps, lambda: documents.monthly_xlsx(data))
    timed("monthly_pdf", max(1, reps // 2), lambda: documents.monthly_pdf(data, contract=contract))
    total = figures_s + excel_s
    ok = total <= LIMIT_S
    print(f"figures + Excel: {total:.2f} s (limit {LIMIT_S} s): {'OK' if ok else 'TOO SLOW'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    original_name, created, ok = connection.settings_dict["NAME"], False, False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        created = True
        with time_machine.travel(datetime(2026, 6, 15, 10, 0), tick=True):
            ok = run(args.requests, args.reps)
    finally:
        if created:
            connection.creation.destroy_test_db(original_name, verbosity=0)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
