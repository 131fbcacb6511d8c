"""The duty schedule's form texts for the My Number guard walk
(itaku/privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaku.support_office.duty import services
from itaku.support_office.duty.forms import DecideForm, ReviseForm
from itaku.support_office.duty.models import DutySchedule
from itaku.support_office.duty.tests.test_duty import cover_month


def _submitted(world: Any) -> DutySchedule:
    schedule = services.schedule_start(
        actor=world.manager, access=world.access(world.manager), year=2026, month=7
    )
    cover_month(world, schedule)
    return services.schedule_submit(
        actor=world.manager, access=world.access(world.manager), schedule=schedule
    )


def _url(world: Any) -> str:
    return reverse("support_office:duty-month", args=[world.contract.pk, 2026, 7])


def _return(world: Any, field: str, text: str):
    _submitted(world)
    return (
        world.supervisor,
        _url(world),
        {"step": "return", field: text},
        DutySchedule.objects.filter(state="returned").count,
    )


def _revise(world: Any, field: str, text: str):
    schedule = _submitted(world)
    services.schedule_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        schedule=schedule,
        approve=True,
    )
    return world.manager, _url(world), {"step": "revise", field: text}, DutySchedule.objects.count


STORED = {(DecideForm, "note"): _return, (ReviseForm, "change_reason"): _revise}
