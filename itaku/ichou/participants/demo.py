"""The participants' part of the demo (``DEMO_STEPS``), through the services: 30 generated
people (names from the demo's lists, readings in hiragana) on the いちょう学級 contract, in both
age groups, a few with allergies or a condition of higher risk; 28 registered for this fiscal
year with the ward supervisor's agreement, 2 applications still waiting for it."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from itaku.core.access import contract_access
from itaku.core.demo import FAMILY, FAMILY_KANA, GIVEN, GIVEN_KANA
from itaku.core.models import User
from itaku.ichou.participants import services

COUNT = 30
WAITING = 2
ALLERGIES = ["卵", "そば", "乳製品", "えび・かに"]


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
            services.registration_agree(actor=supervisor, access=ward, registration=registration)
