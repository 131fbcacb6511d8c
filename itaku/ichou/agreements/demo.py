"""The agreements part of the demo (``DEMO_STEPS``), through the services: one 協議記録 of each
kind (IC-35), confirmed by the ward but the last; the first and second quarters of the demo year
confirmed with their invoices and the third requested (IC-28), when the demo's day allows it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.agreements import rules, services
from itaku.ichou.agreements.models import Agreement

SUBJECTS = {
    "eligibility": (
        "新規申込者の参加資格について",
        "15歳未満の申込者1名は、区の判断により今年度の参加を見送ることとした。",
    ),
    "group_move": (
        "グループ分けの調整について",
        "第1グループの人数が多いため、希望者1名を第2グループへ移すこととした。",
    ),
    "programme_change": (
        "年間プログラムの変更について",
        "10月の調理実習を施設の改修のため11月に変更することとした。",
    ),
    "cancellation": (
        "台風接近時の中止判断について",
        "前日17時に暴風警報の発表が見込まれる場合は中止とし、参加者へ通知する。",
    ),
    "other": (
        "活動中の写真の扱いについて",
        "写真はいちょう学級だよりに同意者の分のみ掲載し、データは年度末に消去する。",
    ),
}


def agreement_values(kind: str, agreed_on: date | None = None) -> dict[str, Any]:
    subject, content = SUBJECTS[kind]
    return {
        "agreed_on": agreed_on or date(2026, 5, 20),
        "kind": kind,
        "subject": subject,
        "content": content,
        "ward_attendees": "障害者福祉課 監督職員",
        "contractor_attendees": "業務責任者",
    }


def agreements_demo_step(world: Any) -> None:
    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    supervisor = User.objects.get(username="ic-supervisor")
    today = world.working_day
    mgr = contract_access(manager, contract.pk, on=today)
    ward = contract_access(supervisor, contract.pk, on=today)
    agreed_on = min(today, date(world.fiscal_year, 5, 20))
    made: list[Agreement] = []
    for kind in SUBJECTS:
        made.append(
            services.agreement_record(
                actor=manager, access=mgr, values=agreement_values(kind, agreed_on)
            )
        )
    for record in made[:-1]:
        services.agreement_confirm(actor=supervisor, access=ward, agreement=record)
    for quarter in (1, 2, 3):
        if not rules.quarter_ended(world.fiscal_year, quarter, today):
            break
        confirmation = services.quarter_request(
            actor=manager, access=mgr, fiscal_year=world.fiscal_year, quarter=quarter
        )
        if quarter == 3:
            break
        services.quarter_decide(
            actor=supervisor, access=ward, confirmation=confirmation, confirm=True
        )
        last = rules.quarter_bounds(world.fiscal_year, quarter)[1]
        services.quarter_invoice(
            actor=manager,
            access=mgr,
            confirmation=confirmation,
            number=f"IC-{world.fiscal_year}-Q{quarter}",
            invoice_date=max(today, last + timedelta(days=1)),
            amount=3_300_000,
        )
