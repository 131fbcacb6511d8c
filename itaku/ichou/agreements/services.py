"""Writes of the agreement records (IC-35) and the quarterly confirmations (IC-28), each with
its audit record in the same transaction. Free text is checked for a My Number; an attachment is
stored encrypted. A confirmed agreement never changes: a new one supersedes it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import Role
from itaku.core.models import Contract
from itaku.core.services import notification_send_to_role
from itaku.ichou.agreements import rules
from itaku.ichou.agreements.decl import (
    AGREEMENT_RECORDED,
    CONFIRM_AGREEMENT,
    CONFIRM_QUARTER,
    QUARTER_DECIDED,
    QUARTER_REQUESTED,
    RECORD_AGREEMENT,
    REQUEST_QUARTER,
)
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_for_field

FIELDS = (
    "agreed_on",
    "kind",
    "subject",
    "content",
    "ward_attendees",
    "contractor_attendees",
)
TEXTS = ("subject", "content", "ward_attendees", "contractor_attendees")
QState = QuarterConfirmation.State


def _quarter_link(confirmation: QuarterConfirmation) -> str:
    return reverse(
        "ichou:quarter",
        args=[confirmation.contract_id, confirmation.fiscal_year, confirmation.quarter],
    )


def _clean(access: ContractAccess, values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    day = values.get("agreed_on")
    if not isinstance(day, date):
        problems["agreed_on"] = ["協議した日を入力してください。"]
    elif day > access.on:
        problems["agreed_on"] = ["協議した日は今日より後にできません。"]
    if values.get("kind") not in Agreement.Kind.values:
        problems["kind"] = ["種類を選んでください。"]
    for name in TEXTS:
        if not str(values.get(name) or "").strip():
            problems[name] = ["入力してください。"]
    if problems:
        raise ValidationError(problems)
    clean = {name: values[name] for name in FIELDS}
    for name in TEXTS:
        clean[name] = str(clean[name]).strip()
    return clean


def _attach(actor: Any, access: ContractAccess, upload: tuple[str, bytes] | None) -> Any:
    return attachment_for_field(actor=actor, access=access, upload=upload, field="attachment")


def _refuse_my_number(
    actor: Any, access: ContractAccess, clean: dict[str, Any], upload: tuple[str, bytes] | None
) -> None:
    fields = {name: clean[name] for name in TEXTS}
    fields["attachment"] = upload[0] if upload else ""
    my_number_refuse(actor=actor, fields=fields, contract=access.contract)


def agreement_record(
    *,
    actor: Any,
    access: ContractAccess,
    values: dict[str, Any],
    attachment: tuple[str, bytes] | None = None,
    supersedes: Agreement | None = None,
) -> Agreement:
    """A new agreement record with the contract's next number; ``supersedes`` a confirmed record
    of the same contract that no other record has superseded yet."""
    access.require(RECORD_AGREEMENT)
    clean = _clean(access, values)
    _refuse_my_number(actor, access, clean, attachment)
    with transaction.atomic():
        # The contract's row is the lock that keeps the numbers sequential.
        Contract.objects.select_for_update().get(pk=access.contract.pk)
        if supersedes is not None:
            supersedes = Agreement.objects.select_for_update().get(
                pk=supersedes.pk, contract=access.contract
            )
            if not supersedes.confirmed:
                raise ValidationError("確認前の協議記録は、改めずにそのまま直します。")
            if Agreement.objects.filter(supersedes=supersedes).exists():
                raise ValidationError("この協議記録はもう新しい記録に改められています。")
        numbers = list(
            Agreement.objects.filter(contract=access.contract).values_list("number", flat=True)
        )
        agreement = Agreement(
            contract=access.contract,
            number=rules.next_number(numbers),
            supersedes=supersedes,
            recorded_by=actor,
            attachment=_attach(actor, access, attachment),
            **clean,
        )
        agreement.save()
        audit_record(
            actor=actor,
            action="ic_agreement.record",
            target=agreement,
            contract=access.contract,
            changes={
                "number": agreement.number,
                "kind": agreement.kind,
                "supersedes": supersedes.number if supersedes else None,
            },
        )
        if not access.can(CONFIRM_AGREEMENT):
            # The contractor's record waits for the ward's confirmation.
            notification_send_to_role(
                access=access,
                role=Role.WARD_SUPERVISOR,
                kind=AGREEMENT_RECORDED,
                link=reverse("ichou:agreement", args=[access.contract.pk, agreement.pk]),
            )
    return agreement


def agreement_change(
    *,
    actor: Any,
    access: ContractAccess,
    agreement: Agreement,
    values: dict[str, Any],
    attachment: tuple[str, bytes] | None = None,
) -> Agreement:
    """Corrects a record not yet confirmed by the ward."""
    access.require(RECORD_AGREEMENT)
    clean = _clean(access, values)
    _refuse_my_number(actor, access, clean, attachment)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(
            pk=agreement.pk, contract=access.contract
        )
        if agreement.confirmed:
            raise ValidationError(
                "区が確認した協議記録は変えられません。新しい協議記録で改めてください。"
            )
        changed = [n for n in FIELDS if getattr(agreement, n) != clean[n]]
        for name, value in clean.items():
            setattr(agreement, name, value)
        if attachment is not None:
            agreement.attachment = _attach(actor, access, attachment)
            changed.append("attachment")
        agreement.save()
        audit_record(
            actor=actor,
            action="ic_agreement.change",
            target=agreement,
            contract=access.contract,
            changes={"fields": sorted(changed)},
        )
    return agreement


def agreement_confirm(*, actor: Any, access: ContractAccess, agreement: Agreement) -> Agreement:
    """The ward supervisor confirms the record; from then on it cannot change."""
    access.require(CONFIRM_AGREEMENT)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(
            pk=agreement.pk, contract=access.contract
        )
        if agreement.confirmed:
            raise ValidationError("この協議記録はもう確認済みです。")
        agreement.confirmed_at = timezone.now()
        agreement.confirmed_by = actor
        agreement.save(update_fields=["confirmed_at", "confirmed_by"])
        audit_record(
            actor=actor,
            action="ic_agreement.confirm",
            target=agreement,
            contract=access.contract,
            changes={"number": agreement.number},
        )
    return agreement


def agreement_for_step(*, access: ContractAccess, agreement: Any) -> Agreement | None:
    """The agreement a step of another part points to (IC-35): ``None``, an ``Agreement`` or
    its id, which must be a record of the step's own contract; anything else is refused next to
    the step form's ``agreement`` field."""
    if agreement in (None, ""):
        return None
    pk = agreement.pk if isinstance(agreement, Agreement) else agreement
    found = Agreement.objects.filter(contract=access.contract, pk=str(pk)).first()
    if found is None:
        raise ValidationError({"agreement": ["この契約の協議記録を選んでください。"]})
    return found


# ---- the quarters (IC-28) ---------------------------------------------------------------------


def quarter_request(
    *, actor: Any, access: ContractAccess, fiscal_year: int, quarter: int
) -> QuarterConfirmation:
    """The manager asks the ward to confirm a quarter that has ended, with its figures as they
    are now; a returned quarter is asked again with the figures recomputed."""
    from itaku.ichou.agreements.selectors import quarter_figures

    access.require(REQUEST_QUARTER)
    if quarter not in rules.QUARTERS:
        raise ValidationError("四半期は1から4です。")
    if not rules.quarter_ended(fiscal_year, quarter, access.on):
        last = rules.quarter_bounds(fiscal_year, quarter)[1]
        raise ValidationError(
            f"{rules.quarter_label(fiscal_year, quarter)}の履行確認は、四半期が終わってから"
            f"({last:%Y年%m月%d日}の翌日以降)依頼します。"
        )
    with transaction.atomic():
        Contract.objects.select_for_update().get(pk=access.contract.pk)
        confirmation = QuarterConfirmation.objects.filter(
            contract=access.contract, fiscal_year=fiscal_year, quarter=quarter
        ).first()
        if confirmation is not None and confirmation.state != QState.RETURNED:
            raise ValidationError("この四半期はもう確認を依頼しています。")
        if confirmation is None:
            confirmation = QuarterConfirmation(
                contract=access.contract, fiscal_year=fiscal_year, quarter=quarter
            )
        confirmation.state = QState.REQUESTED
        confirmation.figures = quarter_figures(
            contract=access.contract, fiscal_year=fiscal_year, quarter=quarter
        )
        confirmation.requested_at = timezone.now()
        confirmation.requested_by = actor
        confirmation.decided_at = None
        confirmation.decided_by = None
        confirmation.save()
        audit_record(
            actor=actor,
            action="ic_quarter.request",
            target=confirmation,
            contract=access.contract,
            changes={"figures": confirmation.figures},
        )
        notification_send_to_role(
            access=access,
            role=Role.WARD_SUPERVISOR,
            kind=QUARTER_REQUESTED,
            link=_quarter_link(confirmation),
        )
    return confirmation


def quarter_decide(
    *,
    actor: Any,
    access: ContractAccess,
    confirmation: QuarterConfirmation,
    confirm: bool,
    reason: str = "",
) -> QuarterConfirmation:
    """The ward supervisor confirms the quarter's performance or returns it with a reason."""
    access.require(CONFIRM_QUARTER)
    reason = (reason or "").strip()
    if not confirm and not reason:
        raise ValidationError({"reason": ["差し戻す理由を入力してください。"]})
    my_number_refuse(actor=actor, fields={"reason": reason}, contract=access.contract)
    with transaction.atomic():
        confirmation = QuarterConfirmation.objects.select_for_update().get(
            pk=confirmation.pk, contract=access.contract
        )
        if confirmation.state != QState.REQUESTED:
            raise ValidationError("確認を待っている四半期ではありません。")
        confirmation.state = QState.CONFIRMED if confirm else QState.RETURNED
        confirmation.return_reason = "" if confirm else reason
        confirmation.decided_at = timezone.now()
        confirmation.decided_by = actor
        confirmation.save(update_fields=["state", "return_reason", "decided_at", "decided_by"])
        audit_record(
            actor=actor,
            action="ic_quarter.confirm" if confirm else "ic_quarter.return",
            target=confirmation,
            contract=access.contract,
        )
        notification_send_to_role(
            access=access, role=Role.MANAGER, kind=QUARTER_DECIDED, link=_quarter_link(confirmation)
        )
    return confirmation


def quarter_invoice(
    *,
    actor: Any,
    access: ContractAccess,
    confirmation: QuarterConfirmation,
    number: str,
    invoice_date: date,
    amount: int,
) -> QuarterConfirmation:
    """The quarter's invoice (仕様書 18: payment follows the confirmation), recorded once."""
    access.require(REQUEST_QUARTER)
    number = (number or "").strip()
    problems: dict[str, list[str]] = {}
    if not number:
        problems["number"] = ["請求書番号を入力してください。"]
    if not isinstance(invoice_date, date):
        problems["invoice_date"] = ["請求日を入力してください。"]
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
        problems["amount"] = ["1円以上の金額を入力してください。"]
    if problems:
        raise ValidationError(problems)
    my_number_refuse(actor=actor, fields={"number": number}, contract=access.contract)
    with transaction.atomic():
        confirmation = QuarterConfirmation.objects.select_for_update().get(
            pk=confirmation.pk, contract=access.contract
        )
        if confirmation.state != QState.CONFIRMED:
            raise ValidationError("区が履行を確認した四半期だけ請求を記録できます。")
        if confirmation.invoice_recorded_at is not None:
            raise ValidationError("この四半期の請求はもう記録されています。")
        if confirmation.decided_at and invoice_date < timezone.localdate(confirmation.decided_at):
            raise ValidationError({"invoice_date": ["請求日は区が確認した日以降にします。"]})
        confirmation.invoice_number = number
        confirmation.invoice_date = invoice_date
        confirmation.invoice_amount = amount
        confirmation.invoice_recorded_at = timezone.now()
        confirmation.invoice_recorded_by = actor
        confirmation.save()
        audit_record(
            actor=actor,
            action="ic_quarter.invoice",
            target=confirmation,
            contract=access.contract,
            changes={"amount": amount},
        )
    return confirmation


def agreement_print(*, actor: Any, access: ContractAccess, agreement: Agreement) -> bytes:
    """The printable 協議記録 (A4, 和暦), its printing audited (the content is sealed)."""
    from itaku.ichou.agreements.documents import agreement_pdf

    pdf = agreement_pdf(agreement)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="ic_agreement.print",
            target=agreement,
            contract=access.contract,
        )
    return pdf
