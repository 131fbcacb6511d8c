"""The staff part of the demo (``DEMO_STEPS``), through the services: both manuals (the
operations manual in two versions, the second waiting for the ward's acknowledgement), this
year's training plans for every required topic, the past ones reported but one, which shows
as overdue (IC-21, IC-22, IC-30)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.staff import rules, services


def manual_pdf(title: str, lines: list[str]) -> bytes:
    from django.utils.html import escape

    from itaku.documents.pdf import html_to_pdf

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return html_to_pdf(html=f"<h1>{escape(title)}</h1>{body}")


def _past_months(fiscal_year: int, today: date) -> list[int]:
    order = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    return [m for m in order if rules.month_end(fiscal_year, m) < today]


def staff_demo_step(world: Any) -> None:
    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    supervisor = User.objects.get(username="ic-supervisor")
    on = world.working_day
    access = contract_access(manager, contract.pk, on=on)
    ward = contract_access(supervisor, contract.pk, on=on)
    start = date(world.fiscal_year, 4, 1)

    def submit(kind: str, summary: str, lines: list[str], day: date) -> Any:
        label = rules.MANUAL_KINDS[kind]
        return services.manual_submit(
            actor=manager,
            access=access,
            kind=kind,
            summary=summary,
            document=(f"{label}.pdf", manual_pdf(label, lines)),
            submitted_on=day,
        )

    first = submit(
        "operations",
        "",
        ["1 活動の流れ", "2 受付と健康確認", "3 解散と引き渡し"],
        start - timedelta(days=10),
    )
    services.manual_acknowledge(actor=supervisor, access=ward, version=first)
    crisis = submit(
        "crisis",
        "",
        ["1 けが・急病のとき", "2 地震・火災のとき", "3 行方が分からないとき"],
        start - timedelta(days=10),
    )
    services.manual_acknowledge(actor=supervisor, access=ward, version=crisis)
    submit(
        "operations",
        "バスハイクの集合・解散の手順を加えました。",
        ["1 活動の流れ", "2 受付と健康確認", "3 解散と引き渡し", "4 バスハイクの集合・解散"],
        min(on, start + timedelta(days=30)),
    )

    fy = world.fiscal_year
    past = _past_months(fy, on)
    order = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    future = [m for m in order if m not in past] or [3]
    # The privacy and first-aid trainings held and reported; the safety training past its month
    # without a report (overdue); the others planned for the coming months.
    months = {
        "privacy": past[0] if past else future[0],
        "first_aid": past[1] if len(past) > 2 else future[0],
        "safety": past[-1] if past else future[0],
    }
    plans = {}
    for i, topic in enumerate(rules.TOPICS):
        month = months.get(topic, future[i % len(future)])
        plans[topic] = services.training_plan_create(
            actor=manager,
            access=access,
            values={
                "fiscal_year": fy,
                "topic": topic,
                "planned_month": month,
                "target": "新しく従事する職員とボランティア"
                if topic != "privacy"
                else "従事者全員",
                "outline": f"{rules.TOPIC_LABELS[topic]}について、マニュアルに沿って学びます。",
            },
        )
    from itaku.core.models import RosterEntry

    attendees = [
        str(pk)
        for pk in RosterEntry.objects.filter(contract=contract, ended_at__isnull=True)
        .exclude(role__in=["ward_supervisor", "department_requester", "auditor"])
        .values_list("pk", flat=True)
    ]
    for topic in ("privacy", "first_aid"):
        plan = plans[topic]
        if plan.planned_month not in past or (topic == "first_aid" and len(past) <= 2):
            continue
        held = rules.month_end(fy, plan.planned_month) - timedelta(days=7)
        services.training_report_create(
            actor=manager,
            access=access,
            plan=plan,
            values={
                "held_on": held,
                "content": "区の職場研修マニュアルを使い、事例をもとに話し合いました。"
                if topic == "privacy"
                else "心肺蘇生とAEDの使い方を実習しました。",
                "attendees": attendees,
            },
        )
