"""Writes of leak incidents: reporting one, and the ward's follow-up (PI-7).

Each service takes the acting user, checks the access rule, runs in one transaction and writes
its audit record there. The audit record holds dates, flags and counts, never the narratives.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record, field_changes
from itaku.core.access import ContractAccess
from itaku.core.services import notification_send
from itaku.leaks import domain
from itaku.leaks.contributions import FOLLOW_LEAK, LEAK_REPORTED, RECORD_LEAK
from itaku.leaks.models import LeakIncident
from itaku.leaks.selectors import ward_supervisors
from itaku.privacy.services import my_number_refuse
from itaku.web.lookup import get_or_404


def leak_record(
    *,
    actor: Any,
    access: ContractAccess,
    discovered_at: datetime,
    suspected: bool,
    wrongdoing: bool,
    what_happened: str,
    cause: str = "",
    containment: str = "",
    affected: dict[str, int] | None = None,
) -> LeakIncident:
    """Report a leak or the risk of one on the contract: saved, audited, and every ward supervisor
    of the contract told at once (PI-7: 直ちに発注者に通知). The notice and its e-mail carry
    only a link to the incident, never what happened (PI-5, IC-30)."""
    access.require(RECORD_LEAK)
    affected = affected or {}
    # PI-11 … PI-16: no My Number in the narratives (audited, refused before anything is saved).
    my_number_refuse(
        actor=actor,
        contract=access.contract,
        fields={"what_happened": what_happened, "cause": cause, "containment": containment},
    )
    now = timezone.now()
    problems = domain.record_problems(discovered_at=discovered_at, now=now, affected=affected)
    if not what_happened.strip():
        problems.setdefault("what_happened", []).append("概要を入力してください。")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        incident = LeakIncident.objects.create(
            contract=access.contract,
            discovered_at=discovered_at,
            recorded_by=actor,
            recorded_at=now,
            suspected=suspected,
            wrongdoing=wrongdoing,
            what_happened=what_happened,
            cause=cause,
            containment=containment,
            ward_notified_at=now,
            **{f"{category}_affected": count for category, count in affected.items()},
        )
        supervisors = [
            user
            for user in ward_supervisors(contract=access.contract, on=access.on)
            if user.pk != actor.pk
        ]
        audit_record(
            actor=actor,
            action="leak.record",
            target=incident,
            contract=access.contract,
            changes={
                "discovered_at": discovered_at.isoformat(),
                "suspected": suspected,
                "wrongdoing": wrongdoing,
                "affected": incident.affected,
                "notified": sorted(user.pk for user in supervisors),
            },
        )
        notification_send(
            recipients=supervisors,
            kind=LEAK_REPORTED,
            link=reverse("leaks:incident-detail", args=[access.contract.pk, incident.pk]),
            contract=access.contract,
        )
    return incident


def leak_follow(
    *,
    actor: Any,
    access: ContractAccess,
    incident_id: Any,
    step: domain.Step,
    at: datetime,
) -> LeakIncident:
    """The ward supervisor records a follow-up step as done at ``at``: the preliminary or final
    report, the notice to the people concerned, or closure (PI-7). Audited with before/after."""
    access.require(FOLLOW_LEAK)
    step = domain.Step(step)
    with transaction.atomic():
        incident = get_or_404(
            LeakIncident.objects.select_for_update().defer(*LeakIncident.NARRATIVE_FIELDS),
            pk=incident_id,
            contract=access.contract,
        )
        problems = domain.follow_problems(
            step, progress=incident.as_progress(), at=at, now=timezone.now()
        )
        if problems:
            raise ValidationError({"at": problems})
        field = LeakIncident.STEP_FIELDS[step]
        before = {field: getattr(incident, field)}
        setattr(incident, field, at)
        # Only the step's date is written: the sealed narratives are left as they are.
        incident.save(update_fields=[field])
        audit_record(
            actor=actor,
            action=f"leak.{step.value}",
            target=incident,
            contract=access.contract,
            changes=field_changes(before, {field: at}),
        )
    return incident
