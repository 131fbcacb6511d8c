"""Writes of the office's records: trainings (SO-8) and manual proposals, lent equipment and keys
(SO-11), the daily closing (SO-17) and vehicles (SO-19).

Each service takes the acting user, checks the access rule, refuses a My Number in its texts
before anything is written, runs in one transaction and writes its audit record there. The audit
record holds dates, flags and counts, never the sealed texts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.models import Organisation, Person
from itaku.core.services import obligation_item_fulfil
from itaku.privacy.models import Attachment
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_add
from itaku.support_office.office.decl import (
    CONFIRM_VEHICLE,
    DECIDE_MANUAL,
    PROPOSE_MANUAL,
    RECORD_CLOSING,
    RECORD_EQUIPMENT,
    RECORD_TRAINING,
    RECORD_VEHICLE,
)
from itaku.support_office.office.models import (
    DailyClosing,
    EquipmentItem,
    ManualProposal,
    TrainingSession,
    Vehicle,
)
from itaku.web.lookup import get_or_404

# The obligation a held session meets (``support_office.contributions.OBLIGATIONS``).
TRAINING_OBLIGATION = "職員研修の実施"


def _in_period(access: ContractAccess, day: date, field: str, problems: dict[str, list[str]]):
    period = access.contract.period
    if not period.start <= day <= period.end:
        problems.setdefault(field, []).append("契約期間内の日付を入力してください。")


def _not_future(access: ContractAccess, day: date, field: str, problems: dict[str, list[str]]):
    if day > access.on:
        problems.setdefault(field, []).append("今日より後の日付は記録できません。")


# A file as the page sends it: its name and its bytes.
Upload = tuple[str, bytes]


def _names(**uploads: Upload | None) -> dict[str, str]:
    return {field: upload[0] for field, upload in uploads.items() if upload is not None}


def _attach(*, actor: Any, access: ContractAccess, field: str, upload: Upload | None):
    """The upload kept as the contract's attachment (``attachment_add``: its type, size and a
    PDF's text checked), its problems said next to ``field``."""
    if upload is None:
        return None
    try:
        return attachment_add(actor=actor, access=access, name=upload[0], data=upload[1])
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def training_record(
    *,
    actor: Any,
    access: ContractAccess,
    held_on: date,
    theme: str,
    trainer: str,
    attendee_count: int,
    departments: Sequence[Organisation] = (),
    material: Upload | None = None,
    notes: str = "",
) -> TrainingSession:
    """A session held (SO-8): saved with its material, and the month's obligation
    「職員研修の実施」 marked met."""
    access.require(RECORD_TRAINING)
    my_number_refuse(
        actor=actor,
        contract=access.contract,
        fields={"theme": theme, "trainer": trainer, "notes": notes, **_names(material=material)},
    )
    problems: dict[str, list[str]] = {}
    _in_period(access, held_on, "held_on", problems)
    _not_future(access, held_on, "held_on", problems)
    if attendee_count < 1:
        problems.setdefault("attendee_count", []).append("1人以上の人数を入力してください。")
    if problems:
        raise ValidationError(problems)
    attachment = _attach(actor=actor, access=access, field="material", upload=material)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            contract=access.contract,
            held_on=held_on,
            theme=theme,
            trainer=trainer,
            attendee_count=attendee_count,
            material=attachment,
            notes=notes,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        session.departments.set(departments)
        audit_record(
            actor=actor,
            action="so_training.record",
            target=session,
            contract=access.contract,
            changes={
                "held_on": held_on.isoformat(),
                "attendee_count": attendee_count,
                "departments": sorted(d.pk for d in departments),
                "material": str(attachment.pk) if attachment else None,
            },
        )
        obligation_item_fulfil(
            actor=actor,
            access=access,
            action=RECORD_TRAINING,
            name=TRAINING_OBLIGATION,
            day=held_on,
            by=f"so_training:{session.pk}",
        )
    return session


def manual_propose(
    *,
    actor: Any,
    access: ContractAccess,
    section: str,
    proposal: str,
    reason: str,
    incidents: Sequence[Any] = (),
) -> ManualProposal:
    """A proposal to revise the 港区カスタマー・ハラスメント対応マニュアル (SO-8)."""
    access.require(PROPOSE_MANUAL)
    my_number_refuse(
        actor=actor,
        contract=access.contract,
        fields={"section": section, "proposal": proposal, "reason": reason},
    )
    if any(i.contract_id != access.contract.pk for i in incidents):
        raise ValidationError({"incidents": ["この契約の事案を選んでください。"]})
    with transaction.atomic():
        item = ManualProposal.objects.create(
            contract=access.contract,
            section=section,
            proposal=proposal,
            reason=reason,
            proposed_by=actor,
            proposed_at=timezone.now(),
        )
        item.incidents.set(incidents)
        audit_record(
            actor=actor,
            action="so_manual.propose",
            target=item,
            contract=access.contract,
            changes={"incidents": sorted(i.pk for i in incidents)},
        )
    return item


def manual_status_change(
    *, actor: Any, access: ContractAccess, proposal_id: Any, status: str
) -> ManualProposal:
    """The ward supervisor moves a proposal on: under review, adopted, or not adopted."""
    access.require(DECIDE_MANUAL)
    status = ManualProposal.Status(status)
    with transaction.atomic():
        item = get_or_404(
            ManualProposal.objects.select_for_update().defer("proposal", "reason"),
            pk=proposal_id,
            contract=access.contract,
        )
        before = item.status
        if before == status:
            raise ValidationError({"status": ["いまの状況と同じです。"]})
        item.status = status
        item.status_changed_at = timezone.now()
        item.save(update_fields=["status", "status_changed_at"])
        audit_record(
            actor=actor,
            action="so_manual.status",
            target=item,
            contract=access.contract,
            changes={"status": [before, status.value]},
        )
    return item


def equipment_lend(
    *,
    actor: Any,
    access: ContractAccess,
    kind: str,
    name: str,
    identifier: str = "",
    lent_on: date,
    lent_to: Person | None = None,
) -> EquipmentItem:
    """Something the ward lent for the work (SO-11), on the register."""
    access.require(RECORD_EQUIPMENT)
    my_number_refuse(
        actor=actor, contract=access.contract, fields={"name": name, "identifier": identifier}
    )
    problems: dict[str, list[str]] = {}
    _not_future(access, lent_on, "lent_on", problems)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        item = EquipmentItem.objects.create(
            contract=access.contract,
            kind=EquipmentItem.Kind(kind),
            name=name,
            identifier=identifier,
            lent_on=lent_on,
            lent_to=lent_to,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="so_equipment.lend",
            target=item,
            contract=access.contract,
            changes={"kind": kind, "lent_on": lent_on.isoformat()},
        )
    return item


def _open_item(access: ContractAccess, item_id: Any) -> EquipmentItem:
    item = get_or_404(
        EquipmentItem.objects.select_for_update(), pk=item_id, contract=access.contract
    )
    if not item.outstanding:
        raise ValidationError("この貸与品は返却または紛失が記録済みです。")
    return item


def equipment_return(
    *, actor: Any, access: ContractAccess, item_id: Any, returned_on: date
) -> EquipmentItem:
    """An item came back to the ward (SO-11)."""
    access.require(RECORD_EQUIPMENT)
    with transaction.atomic():
        item = _open_item(access, item_id)
        problems: dict[str, list[str]] = {}
        _not_future(access, returned_on, "returned_on", problems)
        if returned_on < item.lent_on:
            problems.setdefault("returned_on", []).append("貸与日より前の日付です。")
        if problems:
            raise ValidationError(problems)
        item.returned_on = returned_on
        item.save(update_fields=["returned_on"])
        audit_record(
            actor=actor,
            action="so_equipment.return",
            target=item,
            contract=access.contract,
            changes={"returned_on": returned_on.isoformat()},
        )
    return item


def equipment_lost(
    *, actor: Any, access: ContractAccess, item_id: Any, lost_on: date, note: str
) -> EquipmentItem:
    """An item was lost (SO-11): a lost key is compensated by the contractor."""
    access.require(RECORD_EQUIPMENT)
    my_number_refuse(actor=actor, contract=access.contract, fields={"note": note})
    with transaction.atomic():
        item = _open_item(access, item_id)
        problems: dict[str, list[str]] = {}
        _not_future(access, lost_on, "lost_on", problems)
        if lost_on < item.lent_on:
            problems.setdefault("lost_on", []).append("貸与日より前の日付です。")
        if not note.strip():
            problems.setdefault("note", []).append("紛失の経緯を入力してください。")
        if problems:
            raise ValidationError(problems)
        item.lost_on = lost_on
        item.lost_note = note
        item.save(update_fields=["lost_on", "lost_note"])
        audit_record(
            actor=actor,
            action="so_equipment.lost",
            target=item,
            contract=access.contract,
            changes={"lost_on": lost_on.isoformat(), "kind": item.kind},
        )
    return item


def closing_record(
    *,
    actor: Any,
    access: ContractAccess,
    day: date,
    documents_locked: bool,
    cabinet_locked: bool,
    keys_returned: bool,
    papers_shredded: bool,
    note: str = "",
) -> DailyClosing:
    """The last worker's closing check of a day (SO-17; 仕様書 11(12)); one per day. A box left
    unticked is recorded as such, with a note saying why."""
    access.require(RECORD_CLOSING)
    my_number_refuse(actor=actor, contract=access.contract, fields={"note": note})
    problems: dict[str, list[str]] = {}
    _in_period(access, day, "day", problems)
    _not_future(access, day, "day", problems)
    checks = (documents_locked, cabinet_locked, keys_returned, papers_shredded)
    if not all(checks) and not note.strip():
        problems.setdefault("note", []).append(
            "できなかった項目があるときは、その理由と対応を備考に書いてください。"
        )
    if DailyClosing.objects.filter(contract=access.contract, day=day).exists():
        problems.setdefault("day", []).append("この日の終業時の確認は記録済みです。")
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            closing = DailyClosing.objects.create(
                contract=access.contract,
                day=day,
                documents_locked=documents_locked,
                cabinet_locked=cabinet_locked,
                keys_returned=keys_returned,
                papers_shredded=papers_shredded,
                note=note,
                recorded_by=actor,
                recorded_at=timezone.now(),
            )
            audit_record(
                actor=actor,
                action="so_closing.record",
                target=closing,
                contract=access.contract,
                changes={"day": day.isoformat(), "complete": closing.complete},
            )
    except IntegrityError:
        raise ValidationError({"day": ["この日の終業時の確認は記録済みです。"]}) from None
    return closing


def vehicle_record(
    *,
    actor: Any,
    access: ContractAccess,
    registration: str,
    power: str,
    diesel_compliant: bool,
    inspection_valid_until: date | None = None,
    inspection_certificate: Upload | None = None,
    pm_certificate: Upload | None = None,
) -> Vehicle:
    """A vehicle used for the work with its papers (SO-19): the inspection certificate and, for
    a diesel vehicle, the particulate filter's certificate."""
    access.require(RECORD_VEHICLE)
    names = _names(inspection_certificate=inspection_certificate, pm_certificate=pm_certificate)
    my_number_refuse(
        actor=actor, contract=access.contract, fields={"registration": registration, **names}
    )
    power = Vehicle.Power(power)
    if power == Vehicle.Power.DIESEL and not diesel_compliant:
        raise ValidationError(
            {"diesel_compliant": ["ディーゼル車規制に適合しない車両は業務に使えません。"]}
        )
    papers: dict[str, Attachment | None] = {
        field: _attach(actor=actor, access=access, field=field, upload=upload)
        for field, upload in (
            ("inspection_certificate", inspection_certificate),
            ("pm_certificate", pm_certificate),
        )
    }
    with transaction.atomic():
        vehicle = Vehicle.objects.create(
            contract=access.contract,
            registration=registration,
            power=power,
            diesel_compliant=diesel_compliant,
            inspection_valid_until=inspection_valid_until,
            recorded_by=actor,
            **papers,
        )
        audit_record(
            actor=actor,
            action="so_vehicle.record",
            target=vehicle,
            contract=access.contract,
            changes={
                "power": power.value,
                "diesel_compliant": diesel_compliant,
                "papers": sorted(field for field, paper in papers.items() if paper),
            },
        )
    return vehicle


def vehicle_shown(*, actor: Any, access: ContractAccess, vehicle_id: Any) -> Vehicle:
    """The ward supervisor records that the vehicle's papers were shown (SO-19)."""
    access.require(CONFIRM_VEHICLE)
    with transaction.atomic():
        vehicle = get_or_404(
            Vehicle.objects.select_for_update(), pk=vehicle_id, contract=access.contract
        )
        vehicle.shown_to_ward_at = timezone.now()
        vehicle.save(update_fields=["shown_to_ward_at"])
        audit_record(
            actor=actor, action="so_vehicle.shown", target=vehicle, contract=access.contract
        )
    return vehicle
