"""Writes of the insurance policies (IC-26) and chartered buses (IC-33), by the manager: each
with its audit record in the same transaction, free text checked for a My Number, a certificate
or document stored as an encrypted attachment. A policy short of the 別表 or a bus below A is
stored (it is what the contractor has) and shown as a breach until it is fixed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.ichou.compliance.decl import EDIT_COMPLIANCE
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_for_field

POLICY_FIELDS = (
    "insurer",
    "policy_number",
    "valid_from",
    "valid_to",
    "death",
    "residual_disability",
    "hospital_amount",
    "hospital_unit",
    "outpatient_per_day",
    "liability",
    "covers_travel",
)
AMOUNTS = ("death", "residual_disability", "hospital_amount", "outpatient_per_day", "liability")
VEHICLE_FIELDS = ("operator", "vehicle_number", "rating", "activity")


def _policy_clean(values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    for name in ("insurer", "policy_number"):
        if not str(values.get(name) or "").strip():
            problems[name] = ["入力してください。"]
    start, end = values.get("valid_from"), values.get("valid_to")
    for name, day in (("valid_from", start), ("valid_to", end)):
        if not isinstance(day, date):
            problems[name] = ["日付を入力してください。"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        problems["valid_to"] = ["保険期間の終わりは始めより後にしてください。"]
    for name in AMOUNTS:
        amount = values.get(name)
        if not isinstance(amount, int) or amount < 0:
            problems[name] = ["0以上の金額(円)を入力してください。"]
    if values.get("hospital_unit") not in InsurancePolicy.HospitalUnit.values:
        problems["hospital_unit"] = ["日額か月額かを選んでください。"]
    if problems:
        raise ValidationError(problems)
    clean: dict[str, Any] = {name: values.get(name) for name in POLICY_FIELDS}
    clean["insurer"] = str(clean["insurer"]).strip()
    clean["policy_number"] = str(clean["policy_number"]).strip()
    clean["covers_travel"] = bool(clean["covers_travel"])
    return clean


def _attach(actor: Any, access: ContractAccess, upload: Any, field: str) -> Any:
    return attachment_for_field(actor=actor, access=access, upload=upload, field=field)


def _refuse_my_number(
    actor: Any,
    access: ContractAccess,
    clean: dict[str, Any],
    texts: tuple[str, ...],
    file_field: str,
    upload: tuple[str, bytes] | None,
) -> None:
    """The form's texts and the uploaded file's name, checked for a My Number (PI-11)."""
    fields = {name: clean[name] for name in texts}
    fields[file_field] = upload[0] if upload else ""
    my_number_refuse(actor=actor, fields=fields, contract=access.contract)


def policy_create(
    *,
    actor: Any,
    access: ContractAccess,
    values: dict[str, Any],
    certificate: tuple[str, bytes] | None = None,
) -> InsurancePolicy:
    access.require(EDIT_COMPLIANCE)
    clean = _policy_clean(values)
    _refuse_my_number(
        actor, access, clean, ("insurer", "policy_number"), "certificate", certificate
    )
    with transaction.atomic():
        policy = InsurancePolicy.objects.create(
            contract=access.contract,
            certificate=_attach(actor, access, certificate, "certificate"),
            **clean,
        )
        audit_record(
            actor=actor, action="ic_policy.create", target=policy, contract=access.contract
        )
    return policy


def policy_change(
    *,
    actor: Any,
    access: ContractAccess,
    policy: InsurancePolicy,
    values: dict[str, Any],
    certificate: tuple[str, bytes] | None = None,
) -> InsurancePolicy:
    access.require(EDIT_COMPLIANCE)
    clean = _policy_clean(values)
    _refuse_my_number(
        actor, access, clean, ("insurer", "policy_number"), "certificate", certificate
    )
    with transaction.atomic():
        policy = InsurancePolicy.objects.select_for_update().get(
            pk=policy.pk, contract=access.contract
        )
        changed = [n for n in POLICY_FIELDS if getattr(policy, n) != clean[n]]
        for name in POLICY_FIELDS:
            setattr(policy, name, clean[name])
        if certificate is not None:
            policy.certificate = _attach(actor, access, certificate, "certificate")
            changed.append("certificate")
        policy.save()
        audit_record(
            actor=actor,
            action="ic_policy.change",
            target=policy,
            contract=access.contract,
            changes={"fields": sorted(changed)},
        )
    return policy


def _vehicle_clean(access: ContractAccess, values: dict[str, Any]) -> dict[str, Any]:
    from itaku.ichou.programme.models import Activity

    problems: dict[str, list[str]] = {}
    for name in ("operator", "vehicle_number"):
        if not str(values.get(name) or "").strip():
            problems[name] = ["入力してください。"]
    if values.get("rating") not in dict(CharteredVehicle.RATINGS):
        problems["rating"] = ["環境性能の評価を選んでください。"]
    activity = values.get("activity")
    if activity is not None and not isinstance(activity, Activity):
        activity = Activity.objects.filter(
            programme__contract=access.contract, pk=str(activity)
        ).first()
        if activity is None:
            problems["activity"] = ["この契約の活動を選んでください。"]
    elif activity is not None and activity.programme.contract_id != access.contract.pk:
        problems["activity"] = ["この契約の活動を選んでください。"]
    if problems:
        raise ValidationError(problems)
    return {
        "operator": values["operator"].strip(),
        "vehicle_number": values["vehicle_number"].strip(),
        "rating": values["rating"],
        "activity": activity,
    }


def vehicle_create(
    *,
    actor: Any,
    access: ContractAccess,
    values: dict[str, Any],
    document: tuple[str, bytes] | None = None,
) -> CharteredVehicle:
    access.require(EDIT_COMPLIANCE)
    clean = _vehicle_clean(access, values)
    _refuse_my_number(actor, access, clean, ("operator", "vehicle_number"), "document", document)
    with transaction.atomic():
        vehicle = CharteredVehicle.objects.create(
            contract=access.contract, document=_attach(actor, access, document, "document"), **clean
        )
        audit_record(
            actor=actor, action="ic_vehicle.create", target=vehicle, contract=access.contract
        )
    return vehicle


def vehicle_change(
    *,
    actor: Any,
    access: ContractAccess,
    vehicle: CharteredVehicle,
    values: dict[str, Any],
    document: tuple[str, bytes] | None = None,
) -> CharteredVehicle:
    access.require(EDIT_COMPLIANCE)
    clean = _vehicle_clean(access, values)
    _refuse_my_number(actor, access, clean, ("operator", "vehicle_number"), "document", document)
    with transaction.atomic():
        vehicle = CharteredVehicle.objects.select_for_update().get(
            pk=vehicle.pk, contract=access.contract
        )
        changed = [n for n in VEHICLE_FIELDS if getattr(vehicle, n) != clean[n]]
        for name, value in clean.items():
            setattr(vehicle, name, value)
        if document is not None:
            vehicle.document = _attach(actor, access, document, "document")
            changed.append("document")
        vehicle.save()
        audit_record(
            actor=actor,
            action="ic_vehicle.change",
            target=vehicle,
            contract=access.contract,
            changes={"fields": sorted(changed)},
        )
    return vehicle
