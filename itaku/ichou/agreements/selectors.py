"""Reads of the agreement records (IC-35) and quarterly confirmations (IC-28) through the access
rule (anything not allowed answers 404), the figures of a quarter read from the programme and
the activity days, the choices a step form offers, and the home page's to-do items."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from itaku.core.access import ContractAccess
from itaku.ichou.agreements import rules
from itaku.ichou.agreements.decl import (
    CONFIRM_AGREEMENT,
    CONFIRM_QUARTER,
    REQUEST_QUARTER,
    VIEW_AGREEMENTS,
)
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation


def agreements_of(*, access: ContractAccess, kind: str = "") -> QuerySet[Agreement]:
    access.require(VIEW_AGREEMENTS)
    rows = Agreement.objects.filter(contract=access.contract).select_related(
        "supersedes", "superseded_by", "attachment"
    )
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def agreement_get(*, access: ContractAccess, agreement_id: Any) -> Agreement:
    from itaku.web.lookup import get_or_404

    return get_or_404(
        agreements_of(access=access).select_related("recorded_by", "confirmed_by"),
        pk=agreement_id,
    )


def agreement_choices(contract: Any, kind: str) -> list[tuple[str, str]]:
    """The contract's records of ``kind`` (confirmed or not), for a step form's select: number,
    date and subject (the subject names no person; the sealed content is not read)."""
    rows = Agreement.objects.filter(contract=contract, kind=kind).order_by("-number")
    return [
        (
            str(a.pk),
            f"第{a.number}号 {a.agreed_on:%Y年%m月%d日} {a.subject}"
            + ("" if a.confirmed else "(区の確認前)"),
        )
        for a in rows.only("pk", "number", "agreed_on", "subject", "confirmed_at")
    ]


def quarter_figures(*, contract: Any, fiscal_year: int, quarter: int) -> dict[str, int]:
    """The quarter's performance as the ward confirms it: the approved programme's activities
    in the quarter (held = closed on the day, cancelled for weather), the participants' check-ins
    accepted, the work logs written and the accident reports."""
    from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn
    from itaku.ichou.programme.models import Activity, Programme

    first, last = rules.quarter_bounds(fiscal_year, quarter)
    activities = Activity.objects.filter(
        programme__contract=contract,
        programme__state=Programme.State.APPROVED,
        date__gte=first,
        date__lte=last,
    )
    days = ActivityDay.objects.filter(contract=contract, activity__in=activities)
    return {
        "planned": activities.count(),
        "held": days.filter(closed_at__isnull=False, activity__cancelled_for_weather=False).count(),
        "cancelled": activities.filter(cancelled_for_weather=True).count(),
        "attendance": CheckIn.objects.filter(
            contract=contract,
            day__in=days,
            participant__isnull=False,
            result__in=[CheckIn.Result.CHECKED_IN, CheckIn.Result.OVERRIDDEN],
        ).count(),
        "work_logs": days.filter(log_written_at__isnull=False).count(),
        "accidents": AccidentReport.objects.filter(contract=contract, day__in=days).count(),
    }


FIGURE_LABELS = (
    ("planned", "予定した活動", "回"),
    ("held", "実施した活動", "回"),
    ("cancelled", "荒天で中止した活動", "回"),
    ("attendance", "参加者の出席(延べ)", "人"),
    ("work_logs", "記入した業務日誌", "件"),
    ("accidents", "事故報告", "件"),
)


def figure_rows(figures: dict[str, Any]) -> list[tuple[str, Any, str]]:
    return [(label, figures.get(key, 0), unit) for key, label, unit in FIGURE_LABELS]


def quarters_of(*, access: ContractAccess) -> QuerySet[QuarterConfirmation]:
    access.require(VIEW_AGREEMENTS)
    return QuarterConfirmation.objects.filter(contract=access.contract)


def quarter_get(
    *, access: ContractAccess, fiscal_year: int, quarter: int
) -> QuarterConfirmation | None:
    return (
        quarters_of(access=access)
        .select_related("requested_by", "decided_by", "invoice_recorded_by")
        .filter(fiscal_year=fiscal_year, quarter=quarter)
        .first()
    )


def quarter_rows(*, access: ContractAccess, fiscal_year: int) -> list[dict[str, Any]]:
    """The four quarters of the year, each with its confirmation when there is one."""
    stored = {q.quarter: q for q in quarters_of(access=access).filter(fiscal_year=fiscal_year)}
    rows = []
    for quarter in rules.QUARTERS:
        first, last = rules.quarter_bounds(fiscal_year, quarter)
        rows.append(
            {
                "quarter": quarter,
                "first": first,
                "last": last,
                "ended": rules.quarter_ended(fiscal_year, quarter, access.on),
                "confirmation": stored.get(quarter),
            }
        )
    return rows


def agreement_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """The ward supervisor's records and quarters waiting for confirmation; the manager's
    returned quarters. Two queries however many contracts."""
    from django.urls import reverse

    from itaku.core.registry import TodoItem

    confirming = {a.contract.pk: a for a in accesses if a.can(CONFIRM_AGREEMENT)}
    quarter_ward = {a.contract.pk: a for a in accesses if a.can(CONFIRM_QUARTER)}
    quarter_mgr = {a.contract.pk: a for a in accesses if a.can(REQUEST_QUARTER)}
    items: list[Any] = []
    if confirming:
        for a in Agreement.objects.filter(
            contract_id__in=confirming, confirmed_at__isnull=True
        ).order_by("contract_id", "number"):
            items.append(
                TodoItem(
                    confirming[a.contract_id].contract,
                    f"協議記録 第{a.number}号({a.get_kind_display()})の確認を待っています。",
                    a.agreed_on,
                    reverse("ichou:agreement", args=[a.contract_id, a.pk]),
                    "協議記録を確認する",
                )
            )
    watched = set(quarter_ward) | set(quarter_mgr)
    if watched:
        for q in QuarterConfirmation.objects.filter(
            contract_id__in=watched,
            state__in=[QuarterConfirmation.State.REQUESTED, QuarterConfirmation.State.RETURNED],
        ).order_by("contract_id", "fiscal_year", "quarter"):
            label = rules.quarter_label(q.fiscal_year, q.quarter)
            url = reverse("ichou:quarter", args=[q.contract_id, q.fiscal_year, q.quarter])
            if q.state == QuarterConfirmation.State.REQUESTED and q.contract_id in quarter_ward:
                items.append(
                    TodoItem(
                        quarter_ward[q.contract_id].contract,
                        f"{label}の履行確認を待っています。",
                        timezone.localdate(q.requested_at) if q.requested_at else today,
                        url,
                        "履行を確認する",
                    )
                )
            elif q.state == QuarterConfirmation.State.RETURNED and q.contract_id in quarter_mgr:
                items.append(
                    TodoItem(
                        quarter_mgr[q.contract_id].contract,
                        f"{label}の履行確認が差し戻されました。",
                        timezone.localdate(q.decided_at) if q.decided_at else today,
                        url,
                        "確認して依頼し直す",
                    )
                )
    return items
