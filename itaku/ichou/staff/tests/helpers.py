"""The world of the staff tests: the test world's contract as a いちょう学級 contract, a small PDF
to submit as a manual, a training plan and its report, a publicity and applicants (IC-20)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.models import RosterEntry
from itaku.ichou.programme.tests.helpers import FY, make_ichou
from itaku.ichou.staff import services
from itaku.ichou.staff.models import (
    Applicant,
    ManualVersion,
    Publicity,
    TrainingPlan,
    TrainingReport,
)

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


def publicity_values(**change: Any) -> dict[str, Any]:
    return {
        "role": "volunteer",
        "channel": "university",
        "description": "大学のボランティアセンターに募集票を掲示",
        "published_on": date(2026, 5, 10),
        "places": 5,
    } | change


def publicity(world: Any, **change: Any) -> Publicity:
    make_ichou(world)
    return services.publicity_create(
        actor=world.manager, access=world.access(world.manager), values=publicity_values(**change)
    )


def applicant_values(**change: Any) -> dict[str, Any]:
    return {
        "role": "volunteer",
        "family_name": "応募",
        "given_name": "花子",
        "family_name_kana": "おうぼ",
        "given_name_kana": "はなこ",
        "phone": "03-1234-5678",
        "email": "hanako@example.jp",
        "birth_date": date(2000, 4, 2),
        "has_licence": False,
        "licence_number": "",
        "publicity": None,
        "applied_on": date(2026, 6, 1),
    } | change


def applicant(world: Any, **change: Any) -> Applicant:
    make_ichou(world)
    return services.applicant_create(
        actor=world.manager, access=world.access(world.manager), values=applicant_values(**change)
    )


def nurse_applicant(world: Any, **change: Any) -> Applicant:
    values = {
        "role": "nurse",
        "given_name": "看子",
        "birth_date": date(1985, 9, 9),
        "has_licence": True,
        "licence_number": "123456",
    }
    return applicant(world, **(values | change))


def interviewed(world: Any, person: Applicant, on: date = date(2026, 6, 10)) -> Applicant:
    return services.applicant_move(
        actor=world.manager,
        access=world.access(world.manager),
        applicant=person,
        target="interview",
        on=on,
    )
