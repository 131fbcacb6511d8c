"""The world of the staff tests: the test world's contract as a いちょう学級 contract, a small PDF
to submit as a manual, a training plan and its report."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.models import RosterEntry
from itaku.ichou.programme.tests.helpers import FY, make_ichou
from itaku.ichou.staff import services
from itaku.ichou.staff.models import ManualVersion, TrainingPlan, TrainingReport

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def manual(world: Any, kind: str = "operations", summary: str = "") -> ManualVersion:
    make_ichou(world)
    return services.manual_submit(
        actor=world.manager,
        access=world.access(world.manager),
        kind=kind,
        summary=summary,
        document=("運営マニュアル.png", PNG),
    )


def plan_values(**change: Any) -> dict[str, Any]:
    return {
        "fiscal_year": FY,
        "topic": "privacy",
        "planned_month": 5,
        "target": "従事者全員",
        "outline": "区の職場研修マニュアルを使う",
    } | change


def plan(world: Any, **change: Any) -> TrainingPlan:
    make_ichou(world)
    return services.training_plan_create(
        actor=world.manager, access=world.access(world.manager), values=plan_values(**change)
    )


def entries(world: Any) -> list[RosterEntry]:
    return list(
        RosterEntry.objects.filter(
            contract=world.contract, role__in=["worker", "nurse", "volunteer"]
        )
    )


def report(world: Any, training: TrainingPlan | None = None) -> TrainingReport:
    training = training or plan(world)
    return services.training_report_create(
        actor=world.manager,
        access=world.access(world.manager),
        plan=training,
        values={
            "held_on": date(2026, 5, 20),
            "content": "事例で話し合った",
            "attendees": [e.pk for e in entries(world)],
        },
    )
