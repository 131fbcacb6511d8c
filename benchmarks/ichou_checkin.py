"""Benchmark: one check-in tap on the いちょう学級 door screen with 60 participants (IC-11).
Method and figures: benchmarks/README.md.

    .venv/bin/python benchmarks/ichou_checkin.py [--participants 60] [--reps 60]

Builds its own throw-away database (as access_and_home.py does), the demo data on 2026-11-16,
then ``--participants`` registered participants on the demo's next regular group-1 activity,
and times the POST of a check-in (the page's fetch: ``X-Requested-With: fetch``) for a new
participant each repetition, as the responsible person, through the test client (middleware,
session, CSRF off, view, service, audit). Prints median, p95 and max in ms, and queries per tap.
"""
# ruff: noqa: E402 - Django must be configured before the models are imported

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

from _django import setup

TMP = setup()

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.conftest import VerifiedClient
from itaku.core.demo import demo_data_create
from itaku.core.models import User
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity

TOKYO = ZoneInfo("Asia/Tokyo")
TODAY = date(2026, 11, 16)


def run(args: argparse.Namespace) -> None:
    demo_data_create(today=TODAY)
    activity = (
        Activity.objects.filter(
            programme__state="approved", kind="regular", group="1", date__gte=TODAY
        )
        .order_by("date")
        .first()
    )
    assert activity is not None, "the demo has no coming regular activity of group 1"
    contract = activity.programme.contract
    made = []
    for i in range(args.participants):
        p = Participant.objects.create(
            contract=contract,
            family_name=f"性能{i}",
            given_name="様",
            family_name_kana=f"せいのう{i}",
            given_name_kana="さま",
            birth_date=date(1995, 5, 1),
        )
        Registration.objects.create(
            contract=contract, participant=p, fiscal_year=2026, group="1", state="registered"
        )
        made.append(p)
    client = VerifiedClient()
    client.force_login(User.objects.get(username="ic-manager"))
    door = reverse("ichou:day-door", args=[contract.pk, activity.pk])
    mark = reverse("ichou:day-mark", args=[contract.pk, activity.pk])
    assert client.get(door).status_code == 200
    samples, queries = [], []
    for i, p in enumerate(made[: args.reps]):
        data = {
            "step": "checkin",
            "participant": p.pk,
            "temperature": "36.5",
            "questionnaire": "1",
            "client_token": f"bench-{i}",
        }
        with CaptureQueriesContext(connection) as seen:
            start = time.perf_counter()
            response = client.post(mark, data, HTTP_X_REQUESTED_WITH="fetch")
            samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content
        queries.append(len(seen))
    timed = samples[args.warmup :]
    p95 = statistics.quantiles(timed, n=100, method="inclusive")[94]
    expected = Registration.objects.filter(
        contract=contract, fiscal_year=2026, group="1", state="registered"
    ).count()
    print(f"registered participants of the group: {expected}")
    print(f"check-in taps timed: {len(timed)} (after {args.warmup} untimed)")
    print(f"median {statistics.median(timed):.1f} ms  p95 {p95:.1f} ms  max {max(timed):.1f} ms")
    print(f"queries per tap: min {min(queries)} max {max(queries)}")
    print("target p95 <= 150 ms:", "met" if p95 <= 150 else "NOT met")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--reps", type=int, default=60, help="taps (each a new participant)")
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    args.reps = min(args.reps, args.participants)
    original_name, created = connection.settings_dict["NAME"], False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        created = True
        with time_machine.travel(datetime(2026, 11, 16, 10, 0, tzinfo=TOKYO), tick=False):
            run(args)
    finally:
        if created:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
