"""The world of the participants tests: the test world's contract made a いちょう学級 contract,
and participants added through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.ichou.participants import services
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.tests.helpers import FY, make_ichou

__all__ = ["FY", "make_ichou", "participant", "registered", "values"]


def values(**kw: Any) -> dict[str, Any]:
    v: dict[str, Any] = {
        "family_name": "山田",
        "given_name": "太郎",
        "family_name_kana": "やまだ",
        "given_name_kana": "たろう",
        "birth_date": date(2000, 5, 1),
        "allergies": "卵",
        "medical_notes": "てんかんの発作あり",
        "goes_home": "collected",
    }
    v.update(kw)
    return v


def participant(world: Any, **kw: Any) -> Participant:
    make_ichou(world)
    return services.participant_create(
        actor=world.manager, access=world.access(world.manager), values=values(**kw)
    )


def registered(world: Any, fiscal_year: int = FY, **kw: Any) -> Registration:
    p = participant(world, **kw)
    registration, _ = services.registration_add(
        actor=world.manager,
        access=world.access(world.manager),
        participant=p,
        fiscal_year=fiscal_year,
    )
    return services.registration_agree(
        actor=world.supervisor, access=world.access(world.supervisor), registration=registration
    )
