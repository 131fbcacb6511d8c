"""Writes of incidents, their evidence and follow-ups, and consultations (SO-7).

Each service takes the acting user, checks the access rule, refuses a My Number in any text
before anything is saved, runs in one transaction and writes its audit record there. Audit
records hold numbers, dates and categories, never the narratives."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.models import Contract, Organisation, User
from itaku.privacy.services.attachments import attachment_add
from itaku.privacy.services.guards import my_number_refuse
from itaku.privacy.services.names import name_index_clear, name_index_set
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.support_office.incidents import rules
from itaku.support_office.incidents.decl import RECORD_INCIDENT
from itaku.support_office.incidents.models import (
    Behaviour,
    Consultation,
    FollowUp,
    Incident,
    IncidentEvidence,
    ResponseTaken,
)
from itaku.web.lookup import get_or_404

INCIDENT_TEXTS = (*Incident.NARRATIVE_FIELDS, "police_station")


def _next_number(model: Any, contract: Contract) -> int:
    # The contract row is locked so two records made at once never take the same number.
    Contract.objects.select_for_update().filter(pk=contract.pk).first()
    top = model.objects.filter(contract=contract).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


def _name_forms(*names: str) -> list[tuple[str, ...]]:
    return [tuple(name.split()) for name in names if name.strip()]


def incident_record(
    *,
    actor: Any,
    access: ContractAccess,
    department: Organisation,
    started_at: datetime,
    channel: str,
    ended_at: datetime | None = None,
    place: Place | None = None,
    behaviours: list[str] | None = None,
    responses: list[str] | None = None,
    demand_reasonable: str = Incident.Reasonable.UNCLEAR,
    customer_identified: bool = False,
    police: str = Incident.Police.NONE,
    police_contacted_at: datetime | None = None,
    damage_report_filed: bool = False,
    care_referral: bool = False,
    decision: str = Incident.Decision.PENDING,
    request_id: Any = None,
    consultation_id: Any = None,
    **texts: str,
) -> Incident:
    """Record an incident (事案) on the contract (SO-7). ``texts``: the narrative fields of
    ``INCIDENT_TEXTS``. A decision other than 判断保留 is recorded as taken by the actor now. A
    request or a consultation given is linked; a consultation so linked points to the incident."""
    access.require(RECORD_INCIDENT)
    unknown = set(texts) - set(INCIDENT_TEXTS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    texts = {name: texts.get(name, "") for name in INCIDENT_TEXTS}
    my_number_refuse(actor=actor, fields=texts, contract=access.contract)
    now = timezone.now()
    behaviours = [Behaviour(b).value for b in behaviours or []]
    responses = [ResponseTaken(r).value for r in responses or []]
    problems = rules.time_problems(started_at, ended_at, now)
    if customer_identified and not (texts["customer_name"] or texts["customer_name_kana"]):
        problems["customer_name"] = [
            "相手方を特定できたときは、氏名か氏名(かな)を入力してください。"
        ]
    if police != Incident.Police.NONE and police_contacted_at is None:
        problems["police_contacted_at"] = ["警察へ連絡した日時を入力してください。"]
    if place is not None and place.contract_id != access.contract.pk:
        problems["place"] = ["この契約の場所を選んでください。"]
    if problems:
        raise ValidationError(problems)
    if not customer_identified:
        # Minimal identifiers only: a customer not identified leaves no name behind.
        texts["customer_name"] = texts["customer_name_kana"] = ""
    with transaction.atomic():
        request = None
        if request_id:
            request = get_or_404(SupportRequest.objects, pk=request_id, contract=access.contract)
        consultation = None
        if consultation_id:
            consultation = get_or_404(
                Consultation.objects.select_for_update(),
                pk=consultation_id,
                contract=access.contract,
                incident__isnull=True,
            )
        decided = decision != Incident.Decision.PENDING
        incident = Incident.objects.create(
            contract=access.contract,
            number=_next_number(Incident, access.contract),
            request=request,
            department=department,
            place=place,
            started_at=started_at,
            ended_at=ended_at,
            channel=Incident.Channel(channel).value,
            customer_identified=customer_identified,
            demand_reasonable=Incident.Reasonable(demand_reasonable).value,
            behaviours=behaviours,
            responses=responses,
            police=Incident.Police(police).value,
            police_contacted_at=police_contacted_at if police != Incident.Police.NONE else None,
            damage_report_filed=damage_report_filed,
            care_referral=care_referral,
            decision=Incident.Decision(decision).value,
            decided_by=actor if decided else None,
            decided_at=now if decided else None,
            recorded_by=actor,
            recorded_at=now,
            **texts,
        )
        if customer_identified:
            # PI-6: the customer is found again across departments only by this blind index.
            name_index_set(
                record=incident,
                contract_id=access.contract.pk,
                forms=_name_forms(texts["customer_name"], texts["customer_name_kana"]),
            )
        if consultation is not None:
            consultation.incident = incident
            consultation.save(update_fields=["incident"])
        audit_record(
            actor=actor,
            action="so_incident.record",
            target=incident,
            contract=access.contract,
            changes={
                "number": incident.number,
                "department": department.pk,
                "started_at": started_at.isoformat(),
                "minutes": rules.duration_minutes(started_at, ended_at),
                "channel": incident.channel,
                "behaviours": behaviours,
                "responses": responses,
                "police": incident.police,
                "decision": incident.decision,
                "request": request.pk if request else None,
                "consultation": consultation.pk if consultation else None,
            },
        )
    return incident


# The plain fields an incident's correction compares, with before and after in the audit record;
# the sealed narratives and the customer's name are named there only as changed (PI-6).
_PLAIN_FIELDS = (
    "department_id",
    "place_id",
    "started_at",
    "ended_at",
    "channel",
    "customer_identified",
    "demand_reasonable",
    "behaviours",
    "responses",
    "police",
    "police_contacted_at",
    "damage_report_filed",
    "care_referral",
    "decision",
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def incident_change(
    *,
    actor: Any,
    access: ContractAccess,
    incident_id: Any,
    department: Organisation,
    started_at: datetime,
    channel: str,
    ended_at: datetime | None = None,
    place: Place | None = None,
    behaviours: list[str] | None = None,
    responses: list[str] | None = None,
    demand_reasonable: str = Incident.Reasonable.UNCLEAR,
    customer_identified: bool = False,
    police: str = Incident.Police.NONE,
    police_contacted_at: datetime | None = None,
    damage_report_filed: bool = False,
    care_referral: bool = False,
    decision: str = Incident.Decision.PENDING,
    **texts: str,
) -> Incident:
    """Correct or complete a recorded incident (SO-7): what is learnt afterwards (the end of a
    long call, the police's reference, the decision) goes on the same record, under the same
    checks as recording it. The audit record lists every field changed, with before and after
    for the plain ones and only the name of a sealed one. A decision changed is recorded as
    taken by the actor now; the customer's blind index follows the name."""
    access.require(RECORD_INCIDENT)
    unknown = set(texts) - set(INCIDENT_TEXTS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    texts = {name: texts.get(name, "") for name in INCIDENT_TEXTS}
    my_number_refuse(actor=actor, fields=texts, contract=access.contract)
    problems = rules.time_problems(started_at, ended_at, timezone.now())
    if customer_identified and not (texts["customer_name"] or texts["customer_name_kana"]):
        problems["customer_name"] = [
            "相手方を特定できたときは、氏名か氏名(かな)を入力してください。"
        ]
    if police != Incident.Police.NONE and police_contacted_at is None:
        problems["police_contacted_at"] = ["警察へ連絡した日時を入力してください。"]
    if place is not None and place.contract_id != access.contract.pk:
        problems["place"] = ["この契約の場所を選んでください。"]
    if problems:
        raise ValidationError(problems)
    if not customer_identified:
        texts["customer_name"] = texts["customer_name_kana"] = ""
    with transaction.atomic():
        incident = get_or_404(
            Incident.objects.select_for_update(), pk=incident_id, contract=access.contract
        )
        before = {name: getattr(incident, name) for name in (*_PLAIN_FIELDS, *INCIDENT_TEXTS)}
        incident.department = department
        incident.place = place
        incident.started_at = started_at
        incident.ended_at = ended_at
        incident.channel = Incident.Channel(channel).value
        incident.customer_identified = customer_identified
        incident.demand_reasonable = Incident.Reasonable(demand_reasonable).value
        incident.behaviours = [Behaviour(b).value for b in behaviours or []]
        incident.responses = [ResponseTaken(r).value for r in responses or []]
        incident.police = Incident.Police(police).value
        incident.police_contacted_at = (
            police_contacted_at if police != Incident.Police.NONE else None
        )
        incident.damage_report_filed = damage_report_filed
        incident.care_referral = care_referral
        incident.decision = Incident.Decision(decision).value
        for name, value in texts.items():
            setattr(incident, name, value)
        after = {name: getattr(incident, name) for name in before}
        changed = [name for name in before if before[name] != after[name]]
        if not changed:
            return incident
        if "decision" in changed:
            decided = incident.decision != Incident.Decision.PENDING
            incident.decided_by = actor if decided else None
            incident.decided_at = timezone.now() if decided else None
        incident.save()
        if {"customer_name", "customer_name_kana", "customer_identified"} & set(changed):
            if customer_identified:
                name_index_set(
                    record=incident,
                    contract_id=access.contract.pk,
                    forms=_name_forms(texts["customer_name"], texts["customer_name_kana"]),
                )
            else:
                name_index_clear(record=incident)
        audit_record(
            actor=actor,
            action="so_incident.change",
            target=incident,
            contract=access.contract,
            changes={
                **{
                    name: {"before": _plain(before[name]), "after": _plain(after[name])}
                    for name in changed
                    if name in _PLAIN_FIELDS
                },
                "sealed_fields_changed": [name for name in changed if name in INCIDENT_TEXTS],
            },
        )
    return incident


def incident_evidence_add(
    *,
    actor: Any,
    access: ContractAccess,
    incident: Incident,
    name: str,
    data: bytes,
    description: str = "",
) -> IncidentEvidence:
    """Keep a file (photo, recording, PDF) as evidence of the incident, with its SHA-256
    (SO-7). The file is checked, sealed and audited by ``attachment_add``."""
    access.require(RECORD_INCIDENT)
    if incident.contract_id != access.contract.pk:
        raise ValueError("incident of another contract")
    my_number_refuse(actor=actor, fields={"description": description}, contract=access.contract)
    attachment = attachment_add(actor=actor, access=access, name=name, data=data)
    with transaction.atomic():
        evidence = IncidentEvidence.objects.create(
            incident=incident,
            attachment=attachment,
            description=description,
            contract=access.contract,
        )
        audit_record(
            actor=actor,
            action="so_incident_evidence.add",
            target=evidence,
            contract=access.contract,
            changes={
                "incident": incident.pk,
                "attachment": attachment.pk.hex,
                "sha256": attachment.sha256,
            },
        )
    return evidence


def follow_up_add(
    *,
    actor: Any,
    access: ContractAccess,
    what: str,
    due_on: date,
    assignee: User | None,
    incident: Incident | None = None,
    consultation: Consultation | None = None,
) -> FollowUp:
    """An action to take after an incident or a consultation, due on a day; it waits in the
    assignee's to-do list until it is done (SO-7)."""
    access.require(RECORD_INCIDENT)
    if (incident is None) == (consultation is None):
        raise ValueError("a follow-up belongs to one incident or one consultation")
    record: Incident | Consultation = incident or consultation  # type: ignore[assignment]
    if record.contract_id != access.contract.pk:
        raise ValueError("record of another contract")
    my_number_refuse(actor=actor, fields={"what": what}, contract=access.contract)
    if not what.strip():
        raise ValidationError({"what": ["対応することを入力してください。"]})
    with transaction.atomic():
        item = FollowUp.objects.create(
            contract=access.contract,
            incident=incident,
            consultation=consultation,
            what=what,
            due_on=due_on,
            assignee=assignee,
        )
        audit_record(
            actor=actor,
            action="so_follow_up.add",
            target=item,
            contract=access.contract,
            changes={
                "incident": incident.pk if incident else None,
                "consultation": consultation.pk if consultation else None,
                "due_on": due_on.isoformat(),
                "assignee": assignee.pk if assignee else None,
            },
        )
    return item


def follow_up_done(*, actor: Any, access: ContractAccess, follow_up_id: Any) -> FollowUp:
    access.require(RECORD_INCIDENT)
    with transaction.atomic():
        item = get_or_404(
            FollowUp.objects.select_for_update().defer("what"),
            pk=follow_up_id,
            contract=access.contract,
        )
        if item.done_at is not None:
            return item
        item.done_at = timezone.now()
        item.done_by = actor
        item.save(update_fields=["done_at", "done_by"])
        audit_record(
            actor=actor,
            action="so_follow_up.done",
            target=item,
            contract=access.contract,
            changes={"done_at": item.done_at.isoformat()},
        )
    return item


def consultation_record(
    *,
    actor: Any,
    access: ContractAccess,
    consulted_at: datetime,
    department: Organisation,
    consultant: str,
    subject: str,
    advice_kinds: list[str] | None = None,
    advice: str = "",
    follow_up_notes: str = "",
    request_id: Any = None,
) -> Consultation:
    """Record a consultation (カスハラ相談): who consulted, about what, the advice given (SO-7)."""
    access.require(RECORD_INCIDENT)
    texts = {
        "consultant": consultant,
        "subject": subject,
        "advice": advice,
        "follow_up_notes": follow_up_notes,
    }
    my_number_refuse(actor=actor, fields=texts, contract=access.contract)
    now = timezone.now()
    problems: dict[str, list[str]] = {}
    if consulted_at > now:
        problems["consulted_at"] = ["相談日時に未来の日時は入力できません。"]
    if not consultant.strip():
        problems["consultant"] = ["相談した職員を入力してください。"]
    if not subject.strip():
        problems["subject"] = ["相談の内容を入力してください。"]
    if problems:
        raise ValidationError(problems)
    kinds = [Consultation.Advice(k).value for k in advice_kinds or []]
    with transaction.atomic():
        request = None
        if request_id:
            request = get_or_404(SupportRequest.objects, pk=request_id, contract=access.contract)
        consultation = Consultation.objects.create(
            contract=access.contract,
            number=_next_number(Consultation, access.contract),
            request=request,
            consulted_at=consulted_at,
            department=department,
            advice_kinds=kinds,
            recorded_by=actor,
            recorded_at=now,
            **texts,
        )
        audit_record(
            actor=actor,
            action="so_consultation.record",
            target=consultation,
            contract=access.contract,
            changes={
                "number": consultation.number,
                "department": department.pk,
                "consulted_at": consulted_at.isoformat(),
                "advice_kinds": kinds,
                "request": request.pk if request else None,
            },
        )
    return consultation
