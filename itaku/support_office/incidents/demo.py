"""The demo's month of incidents and consultations (SO-7), made through the services with
generated people only. Linked to the contract's demo requests when there are any."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from itaku.core.access import contract_access
from itaku.core.demo import FAMILY, FAMILY_KANA, GIVEN, GIVEN_KANA
from itaku.core.models import Organisation, User
from itaku.support_office import KIND
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.support_office.incidents import services
from itaku.support_office.incidents.models import Behaviour, Incident

DEMANDS = [
    ("手続きの期限を今日だけ延ばせ", "窓口で大声を出し、責任者を出せと繰り返した"),
    ("担当者を替えて謝罪文を書け", "「お前では話にならない」と何度も言った"),
    ("要件を満たさないが給付を今すぐ認めろ", "机を叩き、1時間以上席を立たなかった"),
    ("職員の名前を教えろ、SNSに載せる", "スマートフォンで職員を撮影しようとした"),
]


def _now_at(day: Any, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def demo_step(world: Any) -> None:
    contract = world.contracts.get(KIND)
    if contract is None:
        return
    rng = random.Random(world.fiscal_year + 7)  # noqa: S311 - not for security
    manager = User.objects.get(username="so-manager")
    worker = User.objects.get(username="so-worker")
    end = min(world.working_day, timezone.localdate() - timedelta(days=1))
    access = contract_access(manager, contract.pk, on=end)
    departments = list(Organisation.objects.filter(kind=Organisation.Kind.WARD).order_by("pk"))
    places = list(Place.objects.filter(contract=contract))
    requests = list(SupportRequest.objects.filter(contract=contract).order_by("requested_at"))
    repeat = (FAMILY[3], GIVEN[5], FAMILY_KANA[3], GIVEN_KANA[5])  # the same customer twice
    days = [
        end - timedelta(days=n) for n in range(30, 0, -1) if (end - timedelta(days=n)).weekday() < 5
    ]
    for n, day in enumerate(days[::3]):
        start = _now_at(day, rng.choice([9, 10, 11, 14, 15]), rng.choice([0, 15, 30]))
        minutes = rng.choice([20, 35, 50, 75, 120])
        demand, verbatim = DEMANDS[n % len(DEMANDS)]
        if n in (1, 5):
            family, given, fk, gk = repeat
        else:
            f, g = rng.randrange(len(FAMILY)), rng.randrange(len(GIVEN))
            family, given, fk, gk = FAMILY[f], GIVEN[g], FAMILY_KANA[f], GIVEN_KANA[g]
        identified = n % 3 != 2
        request = requests[n] if n < len(requests) else None
        behaviours = rng.sample([b.value for b in Behaviour], 2)
        incident = services.incident_record(
            actor=manager,
            access=access,
            department=request.department if request else departments[n % len(departments)],
            place=request.place if request and request.place else (places[0] if places else None),
            request_id=request.pk if request else None,
            started_at=start,
            ended_at=start + timedelta(minutes=minutes),
            channel=rng.choice([Incident.Channel.IN_PERSON, Incident.Channel.PHONE]),
            behaviours=behaviours,
            responses=["sit_in", "de_escalation"],
            demand_reasonable=Incident.Reasonable.NO,
            customer_identified=identified,
            customer_name=f"{family} {given}" if identified else "",
            customer_name_kana=f"{fk} {gk}" if identified else "",
            customer_notes="" if identified else "50代くらいの男性、紺の上着",
            demand=demand,
            verbatim=verbatim,
            explanation="制度の内容と、できることとできないことを説明した",
            responders="サポート室 従事者",
            decision=rng.choice(list(Incident.Decision.values)),
        )
        if n % 2 == 0:
            services.follow_up_add(
                actor=manager,
                access=access,
                incident=incident,
                what="所管課と再来庁時の対応を打ち合わせる",
                due_on=day + timedelta(days=7),
                assignee=worker,
            )
    for n, day in enumerate(days[1::4]):
        consultation = services.consultation_record(
            actor=manager,
            access=access,
            consulted_at=_now_at(day, 13, 30),
            department=departments[(n + 1) % len(departments)],
            consultant="所管課の係長",
            subject="電話で毎日長時間の苦情が続いている",
            advice_kinds=["recording", "negotiation"],
            advice="記録の取り方と、対応を打ち切る目安を助言した",
            follow_up_notes="次回の電話の後に状況を聞く",
        )
        if n == 0:
            services.follow_up_add(
                actor=manager,
                access=access,
                consultation=consultation,
                what="相談した職員に状況を確認する",
                due_on=day + timedelta(days=5),
                assignee=worker,
            )
