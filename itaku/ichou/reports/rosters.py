"""The rosters of いちょう学級 in the ward's form (名簿, IC-24, 仕様書 14(1)), as export kinds: they
hold names, so they leave only through an approved export (PI-5, decision 0006 §3). The
participants' roster has no health, support or contact field; the staff roster names each
person's role and licence or qualification."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.core.calendar import format_wareki
from itaku.ichou.participants.decl import VIEW_PARTICIPANTS
from itaku.ichou.participants.models import Participant, Registration
from itaku.privacy.exports import Table

PARTICIPANT_COLUMNS = ["番号", "氏名", "ふりがな", "グループ", "生年月日", "帰り方"]
STAFF_COLUMNS = ["番号", "氏名", "ふりがな", "役割", "免許・資格・経験", "従事開始日", "従事終了日"]

# What the participants' roster reads of a participant: never a field of these.
LEFT_OUT = (*Participant.HEALTH_FIELDS, *Participant.CONTACT_FIELDS)


def participants_table(access: ContractAccess) -> Table:
    """IC-24: the registered participants of the current fiscal year, by group then reading."""
    access.require(VIEW_PARTICIPANTS)
    fiscal_year = calendar.fiscal_year(timezone.localdate())
    registrations = list(
        Registration.objects.filter(
            contract=access.contract,
            fiscal_year=fiscal_year,
            state=Registration.State.REGISTERED,
        )
        .select_related("participant")
        .defer(*(f"participant__{name}" for name in LEFT_OUT))
    )
    registrations.sort(
        key=lambda r: (r.group, r.participant.family_name_kana, r.participant.given_name_kana)
    )
    rows: list[list[Any]] = [
        [
            i,
            r.participant.full_name,
            r.participant.full_name_kana,
            r.get_group_display(),
            format_wareki(r.participant.birth_date),
            r.participant.get_goes_home_display(),
        ]
        for i, r in enumerate(registrations, 1)
    ]
    return PARTICIPANT_COLUMNS, rows


def staff_table(access: ContractAccess) -> Table:
    """IC-24: the contract's staff (従事者) on the roster now, with role and qualifications."""
    from itaku.core.selectors import roster_entry_list

    entries = roster_entry_list(access=access).filter(ended_at__isnull=True)
    rows: list[list[Any]] = [
        [
            i,
            e.person.full_name,
            f"{e.person.family_name_kana} {e.person.given_name_kana}".strip(),
            e.get_role_display(),
            "・".join(e.qualification_labels),
            format_wareki(e.valid_from),
            format_wareki(e.valid_to) if e.valid_to else "",
        ]
        for i, e in enumerate(entries, 1)
    ]
    return STAFF_COLUMNS, rows
