"""Name tags of one activity (仕様書 11(2), IC-21): A4 sheets of 2 × 5 cards, the expected
participants (kana over the name, the group) then the assigned staff (name, role).

The participants' names are sealed personal data, so the sheet leaves only as the export kind
``ic_name_tags`` (``itaku.privacy.exports``): requested by the manager, approved by the ward
supervisor, produced as a PDF with the watermark stamped on every page, in an encrypted zip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.core.domain import Role

CARDS_PER_SHEET = 10


@dataclass(frozen=True)
class Tag:
    kana: str
    name: str
    line: str  # the group (participants) or the role (staff)
    staff: bool


def _activity(access: ContractAccess, activity_id: Any) -> Any:
    from itaku.ichou.programme.models import Activity

    try:
        pk = int(str(activity_id))
    except (TypeError, ValueError):
        pk = None
    found = (
        Activity.objects.filter(programme__contract=access.contract, pk=pk)
        .select_related("programme")
        .first()
        if pk is not None
        else None
    )
    if found is None:
        raise ValidationError({"activity": ["この契約の活動を選んでください。"]})
    return found


def name_tags_parameters(access: ContractAccess, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"activity": _activity(access, data.get("activity")).pk}


def tags_of(activity: Any) -> list[Tag]:
    """The activity's tags: participants registered for its year and group (both when joint),
    then the staff assigned to it; three queries."""
    from itaku.ichou.participants.models import Registration
    from itaku.ichou.programme.models import Activity, StaffAssignment

    registrations = Registration.objects.filter(
        contract_id=activity.programme.contract_id,
        fiscal_year=calendar.fiscal_year(activity.date),
        state=Registration.State.REGISTERED,
    )
    if activity.group != Activity.Group.JOINT:
        registrations = registrations.filter(group=activity.group)
    groups = dict(Registration.Group.choices)
    tags = [
        Tag(
            kana=f"{r.participant.family_name_kana} {r.participant.given_name_kana}",
            name=f"{r.participant.family_name} {r.participant.given_name}",
            line=str(groups.get(r.group, r.group)),
            staff=False,
        )
        for r in registrations.select_related("participant").order_by("group", "pk")
    ]
    tags.sort(key=lambda t: (t.line, t.kana))
    labels = dict(Role.choices())
    for a in StaffAssignment.objects.filter(activity=activity).select_related("entry__person"):
        person = a.entry.person
        tags.append(
            Tag(
                kana=f"{person.family_name_kana} {person.given_name_kana}".strip(),
                name=person.full_name,
                line=labels.get(a.entry.role, a.entry.role),
                staff=True,
            )
        )
    return tags


def sheets(tags: list[Tag]) -> list[list[Tag]]:
    return [tags[i : i + CARDS_PER_SHEET] for i in range(0, len(tags), CARDS_PER_SHEET)] or [[]]


def name_tags_pdf(activity: Any) -> bytes:
    from itaku.documents.pdf import html_to_pdf

    html = render_to_string(
        "ichou/staff/name_tags_pdf.html",
        {"activity": activity, "sheets": sheets(tags_of(activity))},
    )
    return html_to_pdf(html=html)


def name_tags_file(access: ContractAccess, parameters: Mapping[str, Any]) -> Any:
    from itaku.privacy.exports import ExportFile

    activity = _activity(access, parameters.get("activity"))
    return ExportFile("application/pdf", "pdf", name_tags_pdf(activity))
