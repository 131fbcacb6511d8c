"""Obligation writes: declaring, scheduling, submitting and acknowledging deliverables."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core import deadlines, domain, registry
from itaku.core.access import ContractAccess
from itaku.core.contributions import ACKNOWLEDGE_OBLIGATION, SUBMIT_OBLIGATION
from itaku.core.domain import Action
from itaku.core.models import (
    Contract,
    Obligation,
    ObligationItem,
)
from itaku.core.selectors import business_calendar


def obligations_declare_standard(*, actor: Any, contract: Contract) -> list[Obligation]:
    """Declare the obligations the contract's specification sets out (idempotent): those that
    the service's app declares for the contract's kind (``contributions.OBLIGATIONS``)."""
    created = []
    declared = [
        d for d in registry.declared("OBLIGATIONS") if d.service_kind == contract.service_kind
    ]
    with transaction.atomic():
        for decl in declared:
            obligation, was_created = Obligation.objects.get_or_create(
                contract=contract,
                name=decl.name,
                defaults={
                    "clause_id": decl.clause,
                    "rule": domain.DueRule(decl.rule).value,
                    "days_before": decl.days_before,
                },
            )
            if was_created:
                created.append(obligation)
                audit_record(
                    actor=actor,
                    action="obligation.declare",
                    target=obligation,
                    contract=contract,
                    changes={"clause_id": decl.clause, "rule": decl.rule},
                )
    return created


def obligation_items_schedule(*, actor: Any, contract: Contract, through: date) -> int:
    """Create the periodic items of the contract's obligations up to ``through``; returns how
    many were new. Event-based items come from ``obligation_item_add_for_event``."""
    cal = business_calendar()
    count = 0
    with transaction.atomic():
        for obligation in contract.obligations.all():
            for item in domain.schedule_items(
                domain.DueRule(obligation.rule),
                contract_period=contract.period,
                through=through,
                cal=cal,
            ):
                _, was_created = ObligationItem.objects.get_or_create(
                    obligation=obligation,
                    period_start=item.period_start,
                    period_end=item.period_end,
                    defaults={"due_date": item.due_date},
                )
                count += was_created
        if count:
            audit_record(
                actor=actor,
                action="obligation_item.schedule",
                target=contract,
                contract=contract,
                changes={"created": count, "through": through.isoformat()},
            )
    return count


def obligation_item_add_for_event(
    *, actor: Any, obligation: Obligation, event_day: date
) -> ObligationItem:
    """An item due a set number of days before an event, e.g. an activity's schedule (IC-23)."""
    if obligation.rule != domain.DueRule.DAYS_BEFORE_EVENT or obligation.days_before is None:
        raise ValidationError("この義務は実施日から期限を計算しません。")
    due = deadlines.due_days_before(event_day, obligation.days_before, cal=business_calendar())
    with transaction.atomic():
        item, _ = ObligationItem.objects.get_or_create(
            obligation=obligation,
            period_start=event_day,
            period_end=event_day,
            defaults={"due_date": due},
        )
        audit_record(
            actor=actor,
            action="obligation_item.add",
            target=item,
            contract=obligation.contract,
            changes={"due_date": due.isoformat()},
        )
    return item


def obligation_item_submit(
    *, actor: Any, access: ContractAccess, item: ObligationItem
) -> ObligationItem:
    """The contractor's manager marks an item as submitted to the ward."""
    access.require(SUBMIT_OBLIGATION)
    with transaction.atomic():
        item = ObligationItem.objects.select_for_update().get(
            pk=item.pk, obligation__contract=access.contract
        )
        if item.submitted_at is not None:
            raise ValidationError("この提出物は提出済みです。")
        item.submitted_at = timezone.now()
        item.submitted_by = actor
        item.save(update_fields=["submitted_at", "submitted_by"])
        audit_record(
            actor=actor,
            action="obligation_item.submit",
            target=item,
            contract=access.contract,
            changes={
                "late": domain.is_submitted_late(
                    due_date=item.due_date, submitted_on=timezone.localdate(item.submitted_at)
                )
            },
        )
    return item


def obligation_item_acknowledge(
    *, actor: Any, access: ContractAccess, item: ObligationItem
) -> ObligationItem:
    """The ward supervisor confirms receipt of a submitted item."""
    access.require(ACKNOWLEDGE_OBLIGATION)
    with transaction.atomic():
        item = ObligationItem.objects.select_for_update().get(
            pk=item.pk, obligation__contract=access.contract
        )
        if item.submitted_at is None:
            raise ValidationError("まだ提出されていません。")
        if item.acknowledged_at is not None:
            raise ValidationError("この提出物は確認済みです。")
        item.acknowledged_at = timezone.now()
        item.acknowledged_by = actor
        item.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_record(
            actor=actor,
            action="obligation_item.acknowledge",
            target=item,
            contract=access.contract,
        )
    return item


def obligation_item_fulfil(
    *, actor: Any, access: ContractAccess, action: Action, name: str, day: date, by: str
) -> ObligationItem | None:
    """Mark the item of the contract's obligation ``name`` whose period holds ``day`` as met by a
    record kept in the system itself (a training held, SO-8), without the submit/acknowledge
    cycle: the ward sees the record, so there is nothing to hand over. ``action`` is the one that
    allowed the record (the caller's); ``by`` names the record in the audit (e.g.
    "training:12"). The item is scheduled if it was not yet. Returns None when the contract has no
    such obligation or no item covers the day; an item already met stays as it is."""
    access.require(action)
    obligation = Obligation.objects.filter(contract=access.contract, name=name).first()
    if obligation is None:
        return None
    with transaction.atomic():
        item = (
            ObligationItem.objects.select_for_update()
            .filter(obligation=obligation, period_start__lte=day, period_end__gte=day)
            .first()
        )
        if item is None:
            scheduled = [
                s
                for s in domain.schedule_items(
                    domain.DueRule(obligation.rule),
                    contract_period=access.contract.period,
                    through=day,
                    cal=business_calendar(),
                )
                if s.period_start <= day <= s.period_end
            ]
            if not scheduled:
                return None
            item, _ = ObligationItem.objects.get_or_create(
                obligation=obligation,
                period_start=scheduled[0].period_start,
                period_end=scheduled[0].period_end,
                defaults={"due_date": scheduled[0].due_date},
            )
        if item.submitted_at is not None:
            return item
        item.submitted_at = timezone.now()
        item.submitted_by = actor
        item.save(update_fields=["submitted_at", "submitted_by"])
        audit_record(
            actor=actor,
            action="obligation_item.fulfil",
            target=item,
            contract=access.contract,
            changes={"by": by, "day": day.isoformat()},
        )
    return item


def obligation_item_due_set(
    *,
    actor: Any,
    access: ContractAccess,
    action: Action,
    name: str,
    day: date,
    due_date: date,
    by: str,
) -> ObligationItem | None:
    """Set the due date of the item of the contract's obligation ``name`` whose period holds
    ``day``, from a record the app keeps: a notice's deadline counts from the day it is to be
    sent, which only the notice knows (IC-23). ``action`` is the caller's, ``by`` names the record
    in the audit. Returns None when there is no such item; an item already submitted keeps its
    date (it was judged on it)."""
    access.require(action)
    obligation = Obligation.objects.filter(contract=access.contract, name=name).first()
    if obligation is None:
        return None
    with transaction.atomic():
        item = (
            ObligationItem.objects.select_for_update()
            .filter(obligation=obligation, period_start__lte=day, period_end__gte=day)
            .first()
        )
        if item is None or item.submitted_at is not None or item.due_date == due_date:
            return item
        was = item.due_date
        item.due_date = due_date
        item.save(update_fields=["due_date"])
        audit_record(
            actor=actor,
            action="obligation_item.due_set",
            target=item,
            contract=access.contract,
            changes={"due_date": due_date.isoformat(), "was": was.isoformat(), "by": by},
        )
    return item
