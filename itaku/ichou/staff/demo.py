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


# IC-20: generated applicants (name parts of their own, neither the staff's nor the
# participants'), never real people.
APPLICANT_FAMILY = [
    ("青木", "あおき"),
    ("石田", "いしだ"),
    ("上野", "うえの"),
    ("遠藤", "えんどう"),
    ("大野", "おおの"),
    ("菊地", "きくち"),
    ("黒田", "くろだ"),
    ("近藤", "こんどう"),
]
APPLICANT_GIVEN = [
    ("明日香", "あすか"),
    ("一樹", "かずき"),
    ("詩織", "しおり"),
    ("智也", "ともや"),
    ("七海", "ななみ"),
    ("隼人", "はやと"),
    ("真央", "まお"),
    ("涼", "りょう"),
]


def recruitment_demo_step(world: Any) -> None:
    """The recruitment of the demo (IC-20): three publicities (the ward news and a university's
    volunteer centre for volunteers, the nurses' association for nurses) and eight generated
    applicants in every state: two waiting for an interview (one for more than 14 days, which
    shows on the manager's home page), two interviewed, a volunteer and a nurse hired onto the
    roster (waiting for the ward's approval), one turned down, one withdrawn."""
    import random

    from itaku.ichou.staff.rules import INTERVIEW, REJECTED, WITHDRAWN

    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    on = world.working_day
    access = contract_access(manager, contract.pk, on=on)
    start = date(world.fiscal_year, 4, 1)

    def days_ago(n: int) -> date:
        # The days of the demo, never before the period nor after its working day.
        return max(start, on - timedelta(days=n))

    ward_news, university, nurses = (
        services.publicity_create(
            actor=manager,
            access=access,
            values={
                "role": role,
                "channel": channel,
                "description": text,
                "published_on": days_ago(ago),
                "places": places,
            },
        )
        for role, channel, text, ago, places in [
            ("volunteer", "ward_news", "区報に「いちょう学級のボランティア募集」を掲載", 60, 6),
            ("volunteer", "university", "区内の大学のボランティアセンターに募集票を掲示", 45, 4),
            ("nurse", "nurse_association", "地区の看護師会の会報で看護師を募集", 40, 2),
        ]
    )
    rng = random.Random(2020)  # noqa: S311 - demo names, not security
    pairs = [(f, g) for f in range(len(APPLICANT_FAMILY)) for g in range(len(APPLICANT_GIVEN))]
    rng.shuffle(pairs)
    # (role, publicity, days since applying, where they are now)
    plan: list[tuple[str, Any, int, str]] = [
        ("volunteer", ward_news, 20, "applied"),  # more than 14 days: a to-do
        ("volunteer", university, 3, "applied"),
        ("volunteer", university, 12, INTERVIEW),
        ("nurse", nurses, 14, INTERVIEW),
        ("volunteer", ward_news, 30, "hired"),
        ("nurse", nurses, 28, "hired"),
        ("volunteer", ward_news, 35, REJECTED),
        ("volunteer", university, 25, WITHDRAWN),
    ]
    for i, (role, source, ago, state) in enumerate(plan):
        (family, family_kana), (given, given_kana) = (
            APPLICANT_FAMILY[pairs[i][0]],
            APPLICANT_GIVEN[pairs[i][1]],
        )
        age = rng.randint(19, 24) if role == "volunteer" else rng.randint(30, 60)
        applied = days_ago(ago)
        person = services.applicant_create(
            actor=manager,
            access=access,
            values={
                "role": role,
                "family_name": family,
                "given_name": given,
                "family_name_kana": family_kana,
                "given_name_kana": given_kana,
                "phone": f"090-0000-{1000 + i:04d}",
                "email": f"applicant{i + 1}@example.jp",
                "birth_date": date(on.year - age, rng.randint(1, 12), rng.randint(1, 28)),
                "has_licence": role == "nurse",
                "licence_number": "",
                "publicity": source.pk,
                "applied_on": applied,
            },
        )
        if state == "applied":
            continue
        interview_on = min(on, applied + timedelta(days=5))
        if state in (INTERVIEW, "hired", WITHDRAWN):
            services.applicant_move(
                actor=manager, access=access, applicant=person, target=INTERVIEW, on=interview_on
            )
        if state == "hired":
            services.applicant_hire(
                actor=manager,
                access=access,
                applicant=person,
                valid_from=on,
                pledge_date=interview_on,
                on=interview_on,
            )
        elif state in (REJECTED, WITHDRAWN):
            services.applicant_move(
                actor=manager,
                access=access,
                applicant=person,
                target=state,
                on=interview_on,
                reason="活動日の土曜日に参加できないため"
                if state == REJECTED
                else "就職が決まり、時間が取れなくなったため",
            )
