"""Writes of the money part, by the manager, each with its audit record in the same transaction:
an activity's cost sheet (IC-27), the bus hike's ledger lines and their reversals (IC-16; a line
is never changed), the lodgings and the lodging chosen for the overnight trip (IC-25: an
ineligible lodging, or one without its evidence, is refused)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.ichou.domain import ActivityKind, Rounding
from itaku.ichou.money import rules
from itaku.ichou.money.decl import EDIT_MONEY
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_for_field

COST_FIELDS = ("transport", "food", "lodging", "materials", "admissions")
SHEET_FIELDS = (*COST_FIELDS, "rounding")
LODGING_FIELDS = (
    "name",
    "address",
    "hotel_or_ryokan",
    "floors",
    "floor_area_m2",
    "built_year",
    "diagnosed_safe",
    "result_published",
    "note",
)
MAX_YEN = 10_000_000  # a participant's item above ten million yen is a typing error


def _activity_of(access: ContractAccess, activity: Any) -> None:
    if activity.programme.contract_id != access.contract.pk:
        raise ValidationError({"activity": ["この契約の活動を選んでください。"]})


def _attach(actor: Any, access: ContractAccess, upload: Any, field: str) -> Any:
    return attachment_for_field(actor=actor, access=access, upload=upload, field=field)


# --- IC-27: the cost sheet --------------------------------------------------------------------


def _sheet_clean(values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    for name in COST_FIELDS:
        amount = values.get(name)
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            problems[name] = ["0以上の金額(円)を入力してください。"]
        elif amount > MAX_YEN:
            problems[name] = ["金額が大きすぎます。1人あたりの金額(円)を入力してください。"]
    if values.get("rounding") not in Rounding._value2member_map_:
        problems["rounding"] = ["端数の扱いを選んでください。"]
    if problems:
        raise ValidationError(problems)
    return {name: values[name] for name in SHEET_FIELDS}


def cost_sheet_save(
    *, actor: Any, access: ContractAccess, activity: Any, values: dict[str, Any]
) -> CostSheet:
    """Create or replace the activity's cost sheet (IC-27)."""
    access.require(EDIT_MONEY)
    _activity_of(access, activity)
    clean = _sheet_clean(values)
    with transaction.atomic():
        sheet, created = CostSheet.objects.select_for_update().get_or_create(
            activity=activity, defaults={"contract": access.contract, **clean}
        )
        changed = sorted(clean) if created else []
        if not created:
            changed = [n for n in SHEET_FIELDS if getattr(sheet, n) != clean[n]]
            for name, value in clean.items():
                setattr(sheet, name, value)
            sheet.save()
        audit_record(
            actor=actor,
            action="ic_cost_sheet.save",
            target=sheet,
            contract=access.contract,
            changes={"fields": changed, "created": created},
        )
    return sheet


# --- IC-16: the bus hike's ledger -------------------------------------------------------------


def _entry_clean(values: dict[str, Any], has_receipt: bool) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    if not isinstance(values.get("entry_date"), date):
        problems["entry_date"] = ["日付を入力してください。"]
    kind = values.get("kind")
    if kind not in BusHikeLedgerEntry.Kind.values:
        problems["kind"] = ["受入か支払かを選んでください。"]
    amount = values.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        problems["amount"] = ["1円以上の金額を入力してください。"]
    elif amount > MAX_YEN * 10:
        problems["amount"] = ["金額が大きすぎます。"]
    description = str(values.get("description") or "").strip()
    if not description:
        problems["description"] = ["摘要を入力してください。"]
    # IC-16: 支払 is kept with its receipt.
    if kind == BusHikeLedgerEntry.Kind.PAID and not has_receipt:
        problems["receipt"] = ["支払には領収書を添付してください(IC-16)。"]
    if problems:
        raise ValidationError(problems)
    return {
        "entry_date": values["entry_date"],
        "kind": kind,
        "amount": amount,
        "description": description,
    }


def ledger_entry_add(
    *,
    actor: Any,
    access: ContractAccess,
    activity: Any,
    values: dict[str, Any],
    receipt: tuple[str, bytes] | None = None,
) -> BusHikeLedgerEntry:
    """A new line of the bus hike's money book (IC-16)."""
    access.require(EDIT_MONEY)
    _activity_of(access, activity)
    if activity.kind != ActivityKind.BUS_HIKE:
        raise ValidationError("出納はバスハイクについてだけ記帳します。")
    clean = _entry_clean(values, receipt is not None)
    my_number_refuse(
        actor=actor,
        fields={"description": clean["description"], "receipt": receipt[0] if receipt else ""},
        contract=access.contract,
    )
    with transaction.atomic():
        entry = BusHikeLedgerEntry.objects.create(
            contract=access.contract,
            activity=activity,
            receipt=_attach(actor, access, receipt, "receipt"),
            recorded_by=actor,
            **clean,
        )
        audit_record(
            actor=actor,
            action="ic_ledger_entry.add",
            target=entry,
            contract=access.contract,
            changes={"kind": entry.kind, "amount": entry.amount},
        )
    return entry


def ledger_entry_reverse(
    *, actor: Any, access: ContractAccess, entry: BusHikeLedgerEntry, reason: str, on: date
) -> BusHikeLedgerEntry:
    """A line that cancels ``entry`` (IC-16: lines are never changed): the same kind and
    amount counted the other way, with the reason. A line is reversed once; a reversal is not
    reversed (enter the line again instead)."""
    access.require(EDIT_MONEY)
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["取り消す理由を入力してください。"]})
    my_number_refuse(actor=actor, fields={"reason": reason}, contract=access.contract)
    with transaction.atomic():
        original = BusHikeLedgerEntry.objects.select_for_update().get(
            pk=entry.pk, contract=access.contract
        )
        if original.reverses_id is not None:
            raise ValidationError(
                {"reason": ["取消の記帳は取り消せません。改めて記帳してください。"]}
            )
        if BusHikeLedgerEntry.objects.filter(reverses=original).exists():
            raise ValidationError({"reason": ["この記帳はすでに取り消されています。"]})
        reversal = BusHikeLedgerEntry.objects.create(
            contract=access.contract,
            activity_id=original.activity_id,
            entry_date=on,
            kind=original.kind,
            amount=original.amount,
            description=f"取消: {original.description}"[:200],
            reverses=original,
            reason=reason,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="ic_ledger_entry.reverse",
            target=reversal,
            contract=access.contract,
            changes={"reverses": original.pk, "kind": original.kind, "amount": original.amount},
        )
    return reversal


# --- IC-25: lodgings --------------------------------------------------------------------------

DIAGNOSIS = {
    Lodging.Diagnosis.SAFE: True,
    Lodging.Diagnosis.UNSAFE: False,
    Lodging.Diagnosis.UNKNOWN: None,
}


def _lodging_clean(values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    for name in ("name", "address"):
        if not str(values.get(name) or "").strip():
            problems[name] = ["入力してください。"]
    floors = values.get("floors")
    if not isinstance(floors, int) or floors < 1 or floors > 200:
        problems["floors"] = ["1以上の階数を入力してください。"]
    try:
        area = Decimal(str(values.get("floor_area_m2")))
    except (InvalidOperation, ValueError):
        area = Decimal(0)
    if not area.is_finite() or area <= 0 or area >= Decimal("100000000"):
        problems["floor_area_m2"] = ["床面積(㎡)を正の数で入力してください。"]
    year = values.get("built_year")
    if not isinstance(year, int) or not 1850 <= year <= 2100:
        problems["built_year"] = ["建築年を西暦(例: 1995)で入力してください。"]
    if values.get("diagnosed_safe") not in Lodging.Diagnosis.values:
        problems["diagnosed_safe"] = ["耐震診断の結果を選んでください。"]
    if problems:
        raise ValidationError(problems)
    return {
        "name": str(values["name"]).strip(),
        "address": str(values["address"]).strip(),
        "hotel_or_ryokan": bool(values.get("hotel_or_ryokan")),
        "floors": floors,
        "floor_area_m2": area.quantize(Decimal("0.01")),
        "built_year": year,
        "diagnosed_safe": values["diagnosed_safe"],
        "result_published": bool(values.get("result_published")),
        "note": str(values.get("note") or "").strip(),
    }


def lodging_verdict(lodging: Lodging) -> rules.LodgingVerdict:
    """``rules.lodging_verdict`` of a stored lodging (IC-25)."""
    return rules.lodging_verdict(
        hotel_or_ryokan=lodging.hotel_or_ryokan,
        floors=lodging.floors,
        floor_area_m2=float(lodging.floor_area_m2),
        built_year=lodging.built_year,
        diagnosed_safe=DIAGNOSIS[Lodging.Diagnosis(lodging.diagnosed_safe)],
        result_published=lodging.result_published,
    )


def _lodging_refuse_my_number(
    actor: Any, access: ContractAccess, clean: dict[str, Any], upload: tuple[str, bytes] | None
) -> None:
    fields = {n: clean[n] for n in ("name", "address", "note")}
    fields["evidence"] = upload[0] if upload else ""
    my_number_refuse(actor=actor, fields=fields, contract=access.contract)


def lodging_create(
    *,
    actor: Any,
    access: ContractAccess,
    values: dict[str, Any],
    evidence: tuple[str, bytes] | None = None,
) -> Lodging:
    """A lodging is stored whatever its verdict: an ineligible one is shown as such and cannot
    be chosen (IC-25)."""
    access.require(EDIT_MONEY)
    clean = _lodging_clean(values)
    _lodging_refuse_my_number(actor, access, clean, evidence)
    with transaction.atomic():
        lodging = Lodging.objects.create(
            contract=access.contract, evidence=_attach(actor, access, evidence, "evidence"), **clean
        )
        audit_record(
            actor=actor, action="ic_lodging.create", target=lodging, contract=access.contract
        )
    return lodging


def lodging_change(
    *,
    actor: Any,
    access: ContractAccess,
    lodging: Lodging,
    values: dict[str, Any],
    evidence: tuple[str, bytes] | None = None,
) -> Lodging:
    """A change to a lodging; one chosen for a trip must stay eligible (IC-25)."""
    access.require(EDIT_MONEY)
    clean = _lodging_clean(values)
    _lodging_refuse_my_number(actor, access, clean, evidence)
    with transaction.atomic():
        lodging = Lodging.objects.select_for_update().get(pk=lodging.pk, contract=access.contract)
        changed = [n for n in LODGING_FIELDS if getattr(lodging, n) != clean[n]]
        for name, value in clean.items():
            setattr(lodging, name, value)
        if evidence is not None:
            lodging.evidence = _attach(actor, access, evidence, "evidence")
            changed.append("evidence")
        if LodgingChoice.objects.filter(lodging=lodging).exists():
            verdict = lodging_verdict(lodging)
            if not verdict.eligible:
                raise ValidationError(
                    {
                        "diagnosed_safe": [
                            "宿泊事業に選ばれている施設です。この内容では宿泊施設の要件を"
                            f"満たしません(IC-25, 仕様書 {verdict.clause}): {verdict.reason}"
                        ]
                    }
                )
        lodging.save()
        audit_record(
            actor=actor,
            action="ic_lodging.change",
            target=lodging,
            contract=access.contract,
            changes={"fields": sorted(changed)},
        )
    return lodging


def lodging_choose(
    *, actor: Any, access: ContractAccess, activity: Any, lodging: Lodging | None
) -> LodgingChoice:
    """The lodging of an overnight trip (IC-25): refused when the activity is not the overnight
    trip, the lodging is ineligible, or its evidence is not attached."""
    access.require(EDIT_MONEY)
    _activity_of(access, activity)
    if activity.kind != ActivityKind.OVERNIGHT:
        raise ValidationError({"lodging": ["宿泊施設を選べるのは宿泊事業だけです。"]})
    if lodging is None or lodging.contract_id != access.contract.pk:
        raise ValidationError({"lodging": ["この契約の宿泊施設を選んでください。"]})
    verdict = lodging_verdict(lodging)
    if not verdict.eligible:
        raise ValidationError(
            {
                "lodging": [
                    "この施設は宿泊施設の要件を満たさないため選べません"
                    f"(IC-25, 仕様書 {verdict.clause}): {verdict.reason}"
                ]
            }
        )
    if lodging.evidence_id is None:
        raise ValidationError(
            {
                "lodging": [
                    "安全性を示す書類が添付されていないため選べません(IC-25)。"
                    "施設の登録内容に書類を添付してください。"
                ]
            }
        )
    with transaction.atomic():
        choice, created = LodgingChoice.objects.select_for_update().get_or_create(
            activity=activity, defaults={"contract": access.contract, "lodging": lodging}
        )
        before = None if created else choice.lodging_id
        if not created:
            choice.lodging = lodging
            choice.save()
        audit_record(
            actor=actor,
            action="ic_lodging_choice.set",
            target=choice,
            contract=access.contract,
            changes={"lodging": [before, lodging.pk]},
        )
    return choice
