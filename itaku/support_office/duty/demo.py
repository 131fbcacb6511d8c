"""The duty schedule's part of the demo (``DEMO_STEPS``), through the services: this month's
schedule submitted and approved, next month's a draft whose check names one gap (SO-9, SO-10).

Each business day two workers with police experience share the post: one 8:30–12:00 and
13:00–17:15 (7 h 45 min of work with an hour's break), the other 12:00–13:00. Next month's
draft leaves out the lunch hour of its tenth business day, so the page shows that gap."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from itaku.core.access import contract_access
from itaku.core.deadlines import month_bounds
from itaku.core.models import User
from itaku.core.selectors import business_calendar
from itaku.support_office.duty import selectors, services

SPANS = (
    (time(8, 30), time(12, 0), 0),
    (time(12, 0), time(13, 0), 1),
    (time(13, 0), time(17, 15), 0),
)


def _at(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _fill(manager: Any, contract: Any, year: int, month: int, today: date, *, gap_on: int | None):
    access = contract_access(manager, contract.pk, on=today)
    schedule = services.schedule_start(actor=manager, access=access, year=year, month=month)
    first, last = month_bounds(year, month)
    days = [
        d
        for d in business_calendar().business_days(first, last)
        if contract.period.start <= d <= contract.period.end
    ]
    for n, day in enumerate(days):
        police = [
            e
            for e in selectors.entries_on_post(contract=contract, on=day).order_by("pk")
            if "police_experience" in e.granted_qualifications
        ][:2]
        if len(police) < 2:
            continue
        for start, end, who in SPANS:
            if who == 1 and n == gap_on:
                continue
            services.shift_add(
                actor=manager,
                access=access,
                schedule=schedule,
                entry_id=police[who].pk,
                starts_at=_at(day, start),
                ends_at=_at(day, end),
            )
    return access, schedule


def duty_demo_step(world: Any) -> None:
    contract = world.contracts["support_office"]
    today = world.working_day
    manager = User.objects.get(username="so-manager")
    supervisor = User.objects.get(username="so-supervisor")
    access, schedule = _fill(manager, contract, today.year, today.month, today, gap_on=None)
    schedule = services.schedule_submit(actor=manager, access=access, schedule=schedule)
    services.schedule_decide(
        actor=supervisor,
        access=contract_access(supervisor, contract.pk, on=today),
        schedule=schedule,
        approve=True,
    )
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    if date(year, month, 1) <= contract.period.end:
        _fill(manager, contract, year, month, today, gap_on=9)
