"""Writes of requests: filing one (the one-tap emergency and the full form), adding details
afterwards, and moving it through the dispatch (SO-1, SO-2, SO-3, SO-5, SO-6, SO-10).

Each service takes the acting user, checks the access rule, calls the My Number guard before its
transaction, and writes its audit record in the same transaction. The audit record holds kinds,
states and times, never the sealed narratives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.models import Contract
from itaku.core.selectors import business_calendar
from itaku.privacy.services import my_number_refuse
from itaku.support_office import domain
from itaku.support_office.dispatch import rules
from itaku.support_office.dispatch.decl import FILE_REQUEST, HANDLE_REQUEST, OVERRIDE_PERIOD
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.support_office.dispatch.selectors import department_of, usual_place
from itaku.web.lookup import get_or_404

Kind = SupportRequest.Kind
State = SupportRequest.State
TEXTS = ("address", "companions", "visitor_notes", "risk_notes", "details")


@dataclass(frozen=True)
class Filed:
    request: SupportRequest
    created: bool  # False: the same form was sent again, and this is the request it filed


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _existing(contract: Contract, token: str) -> SupportRequest | None:
    if not token:
        return None
    return SupportRequest.objects.filter(contract=contract, client_token=token).first()


def request_file(
    *,
    actor: Any,
    access: ContractAccess,
    kind: str,
    client_token: str = "",
    place: Place | None = None,
    scheduled_at: datetime | None = None,
    scheduled_until: datetime | None = None,
    risk: str = SupportRequest.Risk.UNKNOWN,
    override_reason: str = "",
    now: datetime | None = None,
    **texts: str,
) -> Filed:
    """File a request of the user's department, timestamped to the minute (SO-2, SO-5).

    A second call with the same ``client_token`` answers the request the first one filed and
    files nothing. A day outside the contract period is refused unless the ward supervisor gives
    the reason for accepting it, which is audited (SO-1)."""
    access.require(FILE_REQUEST)
    unknown = set(texts) - set(TEXTS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    contract = access.contract
    found = _existing(contract, client_token)
    if found is not None:
        return Filed(found, created=False)
    my_number_refuse(
        actor=actor,
        contract=contract,
        fields={**texts, "override_reason": override_reason},
    )
    now = _minute(now or timezone.now())
    problems: dict[str, list[str]] = {}
    if kind not in Kind.values:
        problems.setdefault("kind", []).append("依頼の種別を選んでください。")
    if place is not None and place.contract_id != contract.pk:
        problems.setdefault("place", []).append("この契約の場所から選んでください。")
    if kind == Kind.SIT_IN and scheduled_at is None:
        problems.setdefault("scheduled_at", []).append("同席してほしい日時を入力してください。")
    if kind == Kind.FIELD_VISIT:
        if scheduled_at is None:
            problems.setdefault("scheduled_at", []).append("訪問する日時を入力してください。")
        if not texts.get("address", "").strip():
            problems.setdefault("address", []).append("訪問先を入力してください。")
    if scheduled_at and scheduled_until and scheduled_until <= scheduled_at:
        problems.setdefault("scheduled_until", []).append("終了の日時は開始より後にしてください。")
    day = timezone.localdate(scheduled_at or now)
    outside = not rules.inside_period(day, start=contract.period_start, end=contract.period_end)
    override_reason = override_reason.strip()
    if outside and not override_reason:
        problems.setdefault("scheduled_at", []).append(
            "契約の履行期間外の日です。期間外に受け付けるときは、区の監督職員が理由を記録します。"
        )
    if outside and override_reason and not access.can(OVERRIDE_PERIOD):
        problems.setdefault("override_reason", []).append(
            "履行期間外の受付は区の監督職員だけが記録できます。"
        )
    if not outside and override_reason:
        override_reason = ""
    department = department_of(actor)
    if department is None:
        raise ValidationError("所属の登録がないため依頼できません。")
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            Contract.objects.select_for_update().filter(pk=contract.pk).first()
            number = (
                SupportRequest.objects.filter(contract=contract).aggregate(n=Max("number"))["n"]
                or 0
            ) + 1
            request = SupportRequest.objects.create(
                contract=contract,
                number=number,
                kind=kind,
                department_id=department,
                requested_by=actor,
                requested_at=now,
                place=place,
                scheduled_at=scheduled_at,
                scheduled_until=scheduled_until,
                risk=risk,
                client_token=client_token,
                outside_period_override=outside,
                override_reason=override_reason,
                **texts,
            )
            audit_record(
                actor=actor,
                action="so_request.file",
                target=request,
                contract=contract,
                changes={
                    "number": number,
                    "kind": kind,
                    "place": place.pk if place else None,
                    "requested_at": now.isoformat(),
                    "scheduled_at": scheduled_at.isoformat() if scheduled_at else None,
                    "risk": risk,
                },
            )
            if outside:
                audit_record(
                    actor=actor,
                    action="so_request.period_override",
                    target=request,
                    contract=contract,
                    changes={"day": day.isoformat(), "reason": override_reason},
                )
    except IntegrityError:
        # Two sends of the same form raced: the other one filed it.
        found = _existing(contract, client_token)
        if found is None:
            raise
        return Filed(found, created=False)
    return Filed(request, created=True)


def emergency_file(
    *, actor: Any, access: ContractAccess, client_token: str, now: datetime | None = None
) -> Filed:
    """SO-5: one tap files an emergency at the requester's usual place, to the minute."""
    return request_file(
        actor=actor,
        access=access,
        kind=Kind.EMERGENCY,
        client_token=client_token,
        place=usual_place(access=access),
        now=now,
    )


def request_details_add(
    *,
    actor: Any,
    access: ContractAccess,
    request_id: Any,
    risk: str,
    **texts: str,
) -> SupportRequest:
    """Add what is known of the visitor and the risk after the tap (SO-5); only the request's own
    department may, and only while it is open. Non-empty texts replace the old ones."""
    access.require(FILE_REQUEST)
    my_number_refuse(actor=actor, contract=access.contract, fields=texts)
    with transaction.atomic():
        request = get_or_404(
            SupportRequest.objects.select_for_update(),
            pk=request_id,
            contract=access.contract,
            department_id=department_of(actor),
        )
        if not request.is_open:
            raise ValidationError("対応が終わった依頼には追記できません。")
        changed = ["risk"]
        request.risk = risk
        for name, value in texts.items():
            if name not in TEXTS:
                raise TypeError(name)
            if value.strip():
                setattr(request, name, value)
                changed.append(name)
        request.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="so_request.details",
            target=request,
            contract=access.contract,
            changes={"risk": risk, "fields": changed[1:]},
        )
    return request


def request_move(
    *,
    actor: Any,
    access: ContractAccess,
    request_id: Any,
    to: str,
    outcome: str = "",
    now: datetime | None = None,
) -> SupportRequest:
    """Move a request one step: 受付 → 対応中 (by whom) → 出発 → 到着 → 完了 or 継続 (SO-2).

    Only a person on the approved roster today moves it (SO-10, through HANDLE_REQUEST); each
    step is stamped to the minute and audited. On 完了 or 継続 the minutes outside open hours
    from acceptance are recorded as 時間外 (SO-3)."""
    access.require(HANDLE_REQUEST)
    my_number_refuse(actor=actor, contract=access.contract, fields={"outcome": outcome})
    now = _minute(now or timezone.now())
    with transaction.atomic():
        request = get_or_404(
            SupportRequest.objects.select_for_update(), pk=request_id, contract=access.contract
        )
        before = request.state
        if not rules.can_move(before, to):
            target = State(to).label if to in State.values else to
            raise ValidationError(
                f"「{request.get_state_display()}」の依頼を「{target}」にはできません。"
            )
        request.state = to
        fields = ["state"]
        stamp = rules.STAMPS.get(to)
        if stamp:
            setattr(request, stamp, now)
            fields.append(stamp)
        if to == State.ACCEPTED:
            from itaku.support_office.duty.selectors import on_post

            request.accepted_by = actor
            request.accepted_on_post = on_post(contract=access.contract, user=actor, at=now)
            fields += ["accepted_by", "accepted_on_post"]
        if outcome.strip():
            request.outcome = outcome
            fields.append("outcome")
        if to in (State.COMPLETED, State.CONTINUING):
            start = request.accepted_at or request.requested_at
            request.after_hours_minutes = domain.after_hours_minutes(
                start, max(start, now), calendar=business_calendar()
            )
            fields.append("after_hours_minutes")
        request.save(update_fields=fields)
        if to != State.CANCELLED:
            request.responders.add(actor)
        audit_record(
            actor=actor,
            action=f"so_request.{to}",
            target=request,
            contract=access.contract,
            changes={
                "state": [before, to],
                "at": now.isoformat(),
                "after_hours_minutes": request.after_hours_minutes,
                **({"accepted_on_post": request.accepted_on_post} if to == State.ACCEPTED else {}),
            },
        )
    return request
