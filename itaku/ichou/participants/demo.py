"""The participants' part of the demo (``DEMO_STEPS``), through the services: 30 generated
people (names from lists of their own, so no participant shares a name with the staff;
readings in hiragana) on the いちょう学級 contract, in both
age groups, a few with allergies or a condition of higher risk; 28 registered for this fiscal
year with the ward supervisor's agreement, 2 applications still waiting for it; most of the
registered returned their 参加予定表 (participation plan)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.participants import services

COUNT = 30
WAITING = 2
ALLERGIES = ["卵", "そば", "乳製品", "えび・かに"]
# Other names than the staff's (``itaku.core.demo.FAMILY``, ``GIVEN``), with their readings.
FAMILY, FAMILY_KANA = zip(
    *[
        ("松本", "まつもと"),
        ("井上", "いのうえ"),
        ("木村", "きむら"),
        ("林", "はやし"),
        ("清水", "しみず"),
        ("山崎", "やまざき"),
        ("森", "もり"),
        ("池田", "いけだ"),
        ("橋本", "はしもと"),
        ("阿部", "あべ"),
        ("石川", "いしかわ"),
        ("前田", "まえだ"),
        ("藤田", "ふじた"),
        ("岡田", "おかだ"),
    ],
    strict=True,
)
GIVEN, GIVEN_KANA = zip(
    *[
        ("さくら", "さくら"),
        ("悠斗", "ゆうと"),
        ("葵", "あおい"),
        ("蓮", "れん"),
        ("結衣", "ゆい"),
        ("大翔", "ひろと"),
        ("陽菜", "ひな"),
        ("颯太", "そうた"),
        ("美月", "みづき"),
        ("海斗", "かいと"),
        ("千尋", "ちひろ"),
        ("和也", "かずや"),
    ],
    strict=True,
)


def participants_demo_step(world: Any) -> None:
    contract = world.contracts["ichou"]
    on = world.working_day
    fy = world.fiscal_year
    manager = User.objects.get(username="ic-manager")
    supervisor = User.objects.get(username=world.supervisors["ichou"])
    access = contract_access(manager, contract.pk, on=on)
    ward = contract_access(supervisor, contract.pk, on=on)
    rng = random.Random(2026)  # noqa: S311 - demo names, not security
    seen: set[tuple[int, int]] = set()
    for i in range(COUNT):
        while True:
            f, g = rng.randrange(len(FAMILY)), rng.randrange(len(GIVEN))
            if (f, g) not in seen:
                seen.add((f, g))
                break
        # Every other person 15–34 on 1 April (group 1), the others 35–60 (group 2).
        age = rng.randint(16, 33) if i % 2 == 0 else rng.randint(36, 60)
        birth = date(fy - age, rng.randint(1, 12), rng.randint(1, 28))
        values = {
            "family_name": FAMILY[f],
            "given_name": GIVEN[g],
            "family_name_kana": FAMILY_KANA[f],
            "given_name_kana": GIVEN_KANA[g],
            "birth_date": birth,
            "guardian_name": f"{FAMILY[f]} {GIVEN[(g + 1) % len(GIVEN)]}",
            "guardian_relation": "母" if i % 3 else "父",
            "goes_home": "alone" if i % 4 == 0 else "collected",
            "photo_consent": i % 5 != 0,
            "allergies": ALLERGIES[i % len(ALLERGIES)] if i % 7 == 0 else "",
            "higher_risk": "心疾患" if i % 9 == 4 else "",
            "support_needs": "移動のときに見守りが必要" if i % 6 == 1 else "",
        }
        participant = services.participant_create(actor=manager, access=access, values=values)
        registration, _ = services.registration_add(
            actor=manager, access=access, participant=participant, fiscal_year=fy
        )
        if i < COUNT - WAITING:
            registration = services.registration_agree(
                actor=supervisor, access=ward, registration=registration
            )
            _plan(manager, access, registration, i)


def _plan(manager: Any, access: Any, registration: Any, i: int) -> None:
    """The returned 参加予定表 (IC-9): most activities of the group and the joint ones ticked,
    one in five left out (a different one for each person); every eighth sheet not returned."""
    from itaku.ichou.participants.selectors import plan_choices

    if i % 8 == 7:
        return
    choices = plan_choices(access=access, registration=registration)
    ticked = [a.pk for k, a in enumerate(choices) if (k + i) % 5]
    services.participation_plan_set(
        actor=manager, access=access, registration=registration, activity_ids=ticked
    )
