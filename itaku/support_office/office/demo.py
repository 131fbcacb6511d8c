"""The office's part of the demo (``DEMO_STEPS``): a training each month so far, the daily
closing on most business days of the last weeks (two missing), the lent equipment with one key
still out, a vehicle with its papers and a manual proposal, all through the services."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from itaku.core.access import contract_access
from itaku.core.models import Organisation, User
from itaku.core.selectors import business_calendar
from itaku.support_office.office import rules, services
from itaku.support_office.office.models import DailyClosing, TrainingSession

# A 1×1 PNG: the demo's training material and vehicle papers.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
THEMES = [
    "カスタマー・ハラスメントの基本と初期対応",
    "電話での不当要求への対応",
    "窓口での長時間の居座りへの対応",
    "記録の取り方と録音の告知",
    "職員のこころのケア",
    "警察への通報の判断",
]


def _at(day: Any, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def office_demo_step(world: Any) -> None:
    contract = world.contracts["support_office"]
    today = world.working_day
    cal = business_calendar()
    manager = User.objects.get(username="so-manager")
    worker = User.objects.get(username="so-worker")
    supervisor = User.objects.get(username="so-supervisor")
    period = contract.period
    departments = list(Organisation.objects.filter(kind=Organisation.Kind.WARD).order_by("name"))

    # SO-8: one session a month so far, on the second Wednesday (or the month's first day after).
    for n, (year, month) in enumerate(rules.contract_months(period, through=today)):
        days = rules.month_business_days(year, month, period=period, calendar=cal)
        held_on = next((d for d in days if d.weekday() == 2 and d.day > 7), days[-1])
        if held_on > today:
            continue
        access = contract_access(manager, contract.pk, on=held_on)
        services.training_record(
            actor=manager,
            access=access,
            held_on=held_on,
            theme=THEMES[n % len(THEMES)],
            trainer="安心対応サポート室 統括責任者",
            attendee_count=10 + (n * 3) % 9,
            departments=departments[n % len(departments) :][:2],
            material=("研修資料.png", PNG) if n == 0 else None,
        )
    TrainingSession.objects.filter(contract=contract).update(recorded_at=timezone.now())
    for session in TrainingSession.objects.filter(contract=contract):
        TrainingSession.objects.filter(pk=session.pk).update(recorded_at=_at(session.held_on, 17))

    # SO-17: the last 20 business days before today, all but two recorded by the worker.
    days = [d for d in cal.business_days(max(period.start, today - timedelta(days=30)), today)]
    days = [d for d in days if d < today][-20:]
    skipped = set(days[3:4] + days[-6:-5])
    for day in days:
        if day in skipped:
            continue
        services.closing_record(
            actor=worker,
            access=contract_access(worker, contract.pk, on=day),
            day=day,
            documents_locked=True,
            cabinet_locked=True,
            keys_returned=True,
            papers_shredded=True,
        )
        DailyClosing.objects.filter(contract=contract, day=day).update(recorded_at=_at(day, 18))

    # SO-11: what the ward lent at the start; the spare key came back, the worker's key is out.
    start = period.start
    ward = contract_access(supervisor, contract.pk, on=start)
    for kind, name, identifier in [
        ("desk", "事務机・椅子", "机-1〜3"),
        ("pc", "ノートパソコン", "PC-0412"),
        ("pc", "ノートパソコン", "PC-0413"),
        ("phone", "固定電話(相談専用回線)", "内線 2741"),
        ("printer", "複合機", "MFP-22"),
        ("cabinet", "施錠できるキャビネット", "CB-7"),
    ]:
        services.equipment_lend(
            actor=supervisor,
            access=ward,
            kind=kind,
            name=name,
            identifier=identifier,
            lent_on=start,
        )
    spare = services.equipment_lend(
        actor=supervisor,
        access=ward,
        kind="key",
        name="事務室の鍵(予備)",
        identifier="K-2",
        lent_on=start,
    )
    services.equipment_return(
        actor=supervisor,
        access=contract_access(supervisor, contract.pk, on=today),
        item_id=spare.pk,
        returned_on=min(today, start + timedelta(days=14)),
    )
    services.equipment_lend(
        actor=supervisor,
        access=ward,
        kind="key",
        name="事務室の鍵",
        identifier="K-1",
        lent_on=start,
        lent_to=worker.person,
    )

    # SO-19: one vehicle with its papers.
    services.vehicle_record(
        actor=manager,
        access=contract_access(manager, contract.pk, on=start),
        registration="品川 500 さ 41-07",
        power="ev",
        diesel_compliant=True,
        inspection_valid_until=start.replace(year=start.year + 2),
        inspection_certificate=("自動車検査証.png", PNG),
    )

    # SO-8: a proposal to revise the ward's manual, waiting for the ward.
    services.manual_propose(
        actor=worker,
        access=contract_access(worker, contract.pk, on=today),
        section="第3章 2 電話での対応",
        proposal="通話の冒頭で録音することを告げる文例を加える。",
        reason="録音を告げると口調が落ち着く例が続いたため。",
    )
