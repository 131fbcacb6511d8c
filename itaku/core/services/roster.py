"""Roster writes: entries, versions, approvals, ward roles, contract states (SO-10, SO-17, PI-2).

Each service takes the acting user, runs in one transaction and writes its audit record there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record, field_changes
from itaku.core import domain
from itaku.core.access import ContractAccess
from itaku.core.contributions import APPROVE_ROSTER, EDIT_ROSTER, ROSTER_SUBMITTED
from itaku.core.models import (
    GRANTED_FIELDS,
    PHONE_CHANGED,
    PHONE_CLEARED,
    PHONE_SET,
    Contract,
    Person,
    RosterEntry,
    RosterVersion,
)
from itaku.core.selectors import contract_role_holders
from itaku.core.services.accounts import user_sessions_delete
from itaku.core.services.notifications import notification_send
from itaku.privacy.contributions import MANAGE_CONTRACT_END
from itaku.privacy.services import my_number_refuse


@dataclass(frozen=True)
class NewPerson:
    """A person registered together with their first roster entry."""

    family_name: str
    given_name: str
    family_name_kana: str = ""
    given_name_kana: str = ""
    birth_date: date | None = None


# --- roster (SO-10, SO-17, PI-2) -------------------------------------------------------------


def _draft_version(*, actor: Any, contract: Contract) -> RosterVersion:
    """The roster version that collects changes: the open draft, or a new one (SO-10: every
    change creates a new version that is resubmitted). Submitted, approved and returned
    versions stay as they were, as the record of what the ward saw."""
    latest = contract.roster_versions.select_for_update().order_by("-number").first()
    if latest is not None and latest.state == RosterVersion.State.DRAFT:
        return latest
    version = RosterVersion.objects.create(
        contract=contract, number=(latest.number + 1) if latest else 1
    )
    audit_record(actor=actor, action="roster_version.open", target=version, contract=contract)
    return version


def _entry_values(entry: RosterEntry) -> dict[str, Any]:
    return {
        "role": entry.role,
        "qualifications": sorted(entry.qualifications),
        "valid_from": entry.valid_from,
        "valid_to": entry.valid_to,
        "pledge_date": entry.pledge_date,
    }


def _phone_change(before: str | None, after: str | None) -> dict[str, str]:
    """What the audit log keeps of the sealed phone: that it was recorded, changed or removed,
    never the number (PI-6)."""
    if (before or None) == (after or None):
        return {}
    if not before:
        return {"contact_phone": PHONE_SET}
    return {"contact_phone": PHONE_CHANGED if after else PHONE_CLEARED}


def _audit_entry(
    *,
    actor: Any,
    action: str,
    entry: RosterEntry,
    before: dict[str, Any],
    version: RosterVersion | None,
    phone: dict[str, str] | None = None,
) -> None:
    """Audit a roster line's change with its before and after and the draft it went into (none
    for a change of the phone alone, which needs no new version); ``phone``: what
    ``_phone_change`` says of the sealed phone, for the services that write it."""
    changes = {**field_changes(before, _entry_values(entry)), **(phone or {})}
    if version is not None:
        changes["version"] = version.number
    # The draft's contract is already loaded.
    contract = version.contract if version is not None else entry.contract
    audit_record(actor=actor, action=action, target=entry, contract=contract, changes=changes)


def _phone(contact_phone: str) -> str:
    """The typed phone in the form it is kept (``domain.phone_normalise``); "" for none."""
    return domain.phone_normalise(contact_phone) if contact_phone.strip() else ""


def _check_entry(
    *,
    contract: Contract,
    person: Person,
    role: domain.Role,
    qualifications: list[str],
    valid_from: date,
    valid_to: date | None,
    contact_phone: str = "",
) -> None:
    errors: dict[str, list[str]] = {}
    # IC-19: the always-reachable phone, when one is given, is a Japanese phone number.
    phone_problem = domain.phone_problem(contact_phone) if contact_phone else None
    if phone_problem:
        errors["contact_phone"] = [phone_problem]
    born = domain.birth_date_problem(birth_date=person.birth_date, today=timezone.localdate())
    if born:
        errors["birth_date"] = [born]
    if person.organisation.kind != role.side.value:
        errors.setdefault("role", []).append("この所属の人にはこの役割を登録できません。")
    problems = domain.roster_entry_problems(
        role=role, qualifications=qualifications, birth_date=person.birth_date
    )
    if problems:
        errors.setdefault("qualifications", []).extend(problems)
    if valid_to is not None and valid_to < valid_from:
        errors.setdefault("valid_to", []).append("従事終了日は従事開始日以降にしてください。")
    # SO-10: the manager prepares from the award date; everyone else starts inside the period.
    earliest = contract.awarded_on if role in domain.PREPARING_ROLES else contract.period_start
    if role.side is domain.Side.CONTRACTOR and not (
        min(earliest, contract.period_start) <= valid_from <= contract.period_end
    ):
        errors.setdefault("valid_from", []).append(
            "従事開始日は履行期間内(責任者は契約締結日から履行期間の終了まで)にしてください。"
        )
    if errors:
        raise ValidationError(errors)


def _entry_create(
    *,
    actor: Any,
    contract: Contract,
    person: Person,
    role: domain.Role,
    qualifications: list[str],
    valid_from: date,
    valid_to: date | None,
    pledge_date: date | None,
    contact_phone: str = "",
) -> RosterEntry:
    """Add a contractor's roster line to the open draft version, audited (inside the caller's
    transaction). ``contact_phone`` as ``_phone`` left it."""
    version = _draft_version(actor=actor, contract=contract)
    entry = RosterEntry(
        contract=contract,
        person=person,
        role=role.value,
        qualifications=sorted(qualifications),
        valid_from=valid_from,
        valid_to=valid_to,
        pledge_date=pledge_date,
        contact_phone=contact_phone or None,
    )
    # No access until the ward approves a version holding the entry; then the approved terms.
    entry.set_granted(entry.proposed_terms)
    entry.save()
    _audit_entry(
        actor=actor,
        action="roster_entry.add",
        entry=entry,
        before={},
        version=version,
        phone=_phone_change(None, entry.contact_phone),
    )
    return entry


def roster_entry_add(
    *,
    actor: Any,
    access: ContractAccess,
    person: Person | NewPerson,
    role: domain.Role,
    qualifications: list[str],
    valid_from: date,
    valid_to: date | None = None,
    pledge_date: date | None = None,
    contact_phone: str = "",
) -> RosterEntry:
    """Put a contractor's person on the roster (a ``NewPerson`` is registered at the same time).
    The entry gives access only after the ward approves a roster version that holds it and a
    pledge is recorded (SO-10, SO-17). ``contact_phone``: the always-reachable phone (IC-19),
    optional, kept sealed."""
    access.require(EDIT_ROSTER)
    contract = access.contract
    phone = _phone(contact_phone)
    # PI-11 … PI-16: no My Number in what is typed. The guard reads the phone as it is kept, so
    # that +81 and ten digits (twelve digits in all) is not taken for a My Number.
    typed = {k: v for k, v in vars(person).items() if isinstance(v, str)}
    my_number_refuse(
        actor=actor,
        contract=contract,
        fields={**(typed if isinstance(person, NewPerson) else {}), "contact_phone": phone},
    )
    if isinstance(person, NewPerson):
        person = Person(organisation=contract.contractor, **vars(person))
    if role.side is not domain.Side.CONTRACTOR or person.organisation_id != contract.contractor_id:
        raise ValidationError({"person": ["受注者の従事者だけを名簿に追加できます。"]})
    _check_entry(
        contract=contract,
        person=person,
        role=role,
        qualifications=qualifications,
        valid_from=valid_from,
        valid_to=valid_to,
        contact_phone=phone,
    )
    with transaction.atomic():
        if person.pk is None:
            person.save()
            audit_record(actor=actor, action="person.register", target=person, contract=contract)
        entry = _entry_create(
            actor=actor,
            contract=contract,
            person=person,
            role=role,
            qualifications=qualifications,
            valid_from=valid_from,
            valid_to=valid_to,
            pledge_date=pledge_date,
            contact_phone=phone,
        )
    return entry


def roster_entry_change(
    *,
    actor: Any,
    access: ContractAccess,
    entry: RosterEntry,
    qualifications: list[str],
    valid_to: date | None,
    pledge_date: date | None,
    contact_phone: str | None = None,
) -> RosterEntry:
    """Change an entry's qualifications, end date or pledge; the change goes into a new roster
    version to resubmit (SO-10). The role cannot change: end the entry and add another.

    ``contact_phone`` (IC-19): the new always-reachable phone, "" to remove it, None (what a
    caller that does not know of it passes) to leave it as it is. It is no term of access
    (``domain.GrantTerms`` holds the end date, the pledge and the qualifications), so a change
    of it widens nothing and applies at once; a change of the phone alone opens no new version
    to resubmit."""
    access.require(EDIT_ROSTER)
    if entry.contract_id != access.contract.pk or entry.ended_at is not None:
        raise PermissionDenied
    phone = (entry.contact_phone or "") if contact_phone is None else _phone(contact_phone)
    my_number_refuse(actor=actor, contract=access.contract, fields={"contact_phone": phone})
    _check_entry(
        contract=access.contract,
        person=entry.person,
        role=domain.Role(entry.role),
        qualifications=qualifications,
        valid_from=entry.valid_from,
        valid_to=valid_to,
        contact_phone=phone,
    )
    with transaction.atomic():
        before = _entry_values(entry)
        phone_before = entry.contact_phone
        entry.qualifications = sorted(qualifications)
        entry.valid_to = valid_to
        entry.pledge_date = pledge_date
        entry.contact_phone = phone or None
        phone_audit = _phone_change(phone_before, entry.contact_phone)
        phone_only = bool(phone_audit) and _entry_values(entry) == before
        version = None if phone_only else _draft_version(actor=actor, contract=access.contract)
        # SO-10, PI-2: what narrows access applies now; what widens it waits for the ward.
        entry.set_granted(
            domain.terms_in_force(granted=entry.granted_terms, proposed=entry.proposed_terms)
        )
        entry.save(
            update_fields=[
                "qualifications",
                "valid_to",
                "pledge_date",
                "contact_phone",
                *GRANTED_FIELDS,
            ]
        )
        _audit_entry(
            actor=actor,
            action="roster_entry.change",
            entry=entry,
            before=before,
            version=version,
            phone=phone_audit,
        )
    return entry


def roster_entry_end(*, actor: Any, access: ContractAccess, entry: RosterEntry) -> RosterEntry:
    """End an entry now. Access ends at the person's next request, sessions included (PI-2)."""
    access.require(EDIT_ROSTER)
    if entry.contract_id != access.contract.pk or entry.ended_at is not None:
        raise PermissionDenied
    with transaction.atomic():
        before = _entry_values(entry)
        version = _draft_version(actor=actor, contract=access.contract)
        entry.ended_at = timezone.now()
        today = timezone.localdate()
        if entry.valid_to is None or entry.valid_to > today:
            entry.valid_to = max(today, entry.valid_from)
        entry.set_granted(
            domain.terms_in_force(granted=entry.granted_terms, proposed=entry.proposed_terms)
        )
        entry.save(update_fields=["ended_at", "valid_to", *GRANTED_FIELDS])
        # PI-2: the person's open sessions end with the entry.
        if entry.person.user_id is not None:
            user_sessions_delete(entry.person.user_id)
        _audit_entry(
            actor=actor, action="roster_entry.end", entry=entry, before=before, version=version
        )
    return entry


def roster_close_at_contract_end(*, actor: Any, access: ContractAccess) -> int:
    """After the contract has ended, the ward supervisor closes the contractor's roster lines
    that nobody ended, at the end of the period (PI-2, PI-8): their access ended with the
    period already, and the contract-end checklist needs every line closed. The contractor's
    manager can no longer do it then. Returns how many lines were closed; each is audited."""
    access.require(MANAGE_CONTRACT_END)
    contract = access.contract
    if contract.state == domain.ContractState.ACTIVE:
        raise ValidationError(
            "契約の終了後に行えます。履行中は責任者が名簿で従事終了を登録します。"
        )
    contractor_roles = [r.value for r in domain.CONTRACTOR_ROLES]
    now = timezone.now()
    closed = 0
    with transaction.atomic():
        entries = contract.roster_entries.select_for_update().filter(
            role__in=contractor_roles, ended_at__isnull=True
        )
        for entry in entries:
            before = _entry_values(entry)
            entry.ended_at = now
            if entry.valid_to is None or entry.valid_to > contract.period_end:
                entry.valid_to = max(contract.period_end, entry.valid_from)
            entry.set_granted(
                domain.terms_in_force(granted=entry.granted_terms, proposed=entry.proposed_terms)
            )
            entry.save(update_fields=["ended_at", "valid_to", *GRANTED_FIELDS])
            audit_record(
                actor=actor,
                action="roster_entry.close_at_contract_end",
                target=entry,
                contract=contract,
                changes=field_changes(before, _entry_values(entry)),
            )
            closed += 1
    return closed


def roster_version_submit(*, actor: Any, access: ContractAccess) -> RosterVersion:
    """Submit the open draft to the ward with a snapshot of the roster as it stands (SO-10).
    After the ward returned a version, the roster can be submitted again as a new version."""
    access.require(EDIT_ROSTER)
    with transaction.atomic():
        latest = access.contract.roster_versions.select_for_update().order_by("-number").first()
        if latest is not None and latest.state == RosterVersion.State.RETURNED:
            latest = _draft_version(actor=actor, contract=access.contract)
        if latest is None or latest.state != RosterVersion.State.DRAFT:
            raise ValidationError("提出する変更がありません。")
        version = latest
        _submit(actor=actor, contract=access.contract, version=version)
    return version


def _submit(*, actor: Any, contract: Contract, version: RosterVersion) -> None:
    """Snapshot the roster into ``version`` and mark it submitted (inside the caller's
    transaction)."""
    entries = contract.roster_entries.select_related("person").filter(ended_at__isnull=True)
    version.snapshot = [
        {
            "entry_id": e.pk,
            "name": e.person.full_name,
            **{
                k: v if not isinstance(v, date) else v.isoformat()
                for k, v in _entry_values(e).items()
            },
        }
        for e in entries
    ]
    version.state = RosterVersion.State.SUBMITTED
    version.submitted_at = timezone.now()
    version.submitted_by = actor
    version.save()
    audit_record(actor=actor, action="roster_version.submit", target=version, contract=contract)
    # SO-10: the ward's supervisors are told that a roster waits for their approval.
    notification_send(
        recipients=contract_role_holders(
            contract=contract, role=domain.Role.WARD_SUPERVISOR, on=timezone.localdate()
        ),
        kind=ROSTER_SUBMITTED,
        link=reverse("core:roster", kwargs={"contract_id": contract.pk}),
        contract=contract,
    )


def roster_version_decide(
    *, actor: Any, access: ContractAccess, version: RosterVersion, approve: bool, note: str = ""
) -> RosterVersion:
    """The ward approves a submitted roster version, or returns it with a reason (SO-10).

    Approval lets the entries of the snapshot give access (with a pledge)."""
    access.require(APPROVE_ROSTER)
    if version.contract_id != access.contract.pk:
        raise PermissionDenied
    if not approve and not note.strip():
        raise ValidationError({"note": ["差戻しの理由を入力してください。"]})
    my_number_refuse(actor=actor, contract=access.contract, fields={"note": note})
    with transaction.atomic():
        version = RosterVersion.objects.select_for_update().get(pk=version.pk)
        if version.state != RosterVersion.State.SUBMITTED:
            raise ValidationError("提出済みの版だけを承認・差戻しできます。")
        version.state = RosterVersion.State.APPROVED if approve else RosterVersion.State.RETURNED
        version.decided_at = timezone.now()
        version.decided_by = actor
        version.decision_note = note.strip()
        version.save()
        if approve:
            _grant_approved(version)
        audit_record(
            actor=actor,
            action="roster_version.approve" if approve else "roster_version.return",
            target=version,
            contract=access.contract,
            changes={"note": note.strip()} if note.strip() else {},
        )
    return version


def snapshot_terms(item: dict[str, Any]) -> domain.GrantTerms:
    """The terms of one line of a submitted roster snapshot."""

    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return domain.GrantTerms(
        valid_to=day(item.get("valid_to")),
        pledge_date=day(item.get("pledge_date")),
        qualifications=frozenset(item.get("qualifications", [])),
    )


def _grant_approved(version: RosterVersion) -> None:
    """The ward approved ``version``: its lines give access on the terms it shows, narrowed by
    any change made since it was submitted (SO-10). Inside the caller's transaction."""
    lines = {item["entry_id"]: item for item in version.snapshot}
    entries = RosterEntry.objects.select_for_update().filter(
        pk__in=lines, contract_id=version.contract_id
    )
    for entry in entries:
        entry.approved_version = version
        entry.set_granted(
            domain.terms_in_force(
                granted=snapshot_terms(lines[entry.pk]), proposed=entry.proposed_terms
            )
        )
        entry.save(update_fields=["approved_version", *GRANTED_FIELDS])


def ward_role_grant(
    *,
    actor: Any,
    contract: Contract,
    person: Person,
    role: domain.Role,
    valid_from: date,
    valid_to: date | None = None,
) -> RosterEntry:
    """An administrator gives a ward employee a ward role on a contract. Ward roles need no
    roster approval: the ward assigns its own staff."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    if role.side is not domain.Side.WARD:
        raise ValidationError({"role": ["区の役割を選んでください。"]})
    _check_entry(
        contract=contract,
        person=person,
        role=role,
        qualifications=[],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    with transaction.atomic():
        entry = RosterEntry(
            contract=contract,
            person=person,
            role=role.value,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        entry.set_granted(entry.proposed_terms)  # the ward assigns its own staff at once
        entry.save()
        audit_record(
            actor=actor,
            action="ward_role.grant",
            target=entry,
            contract=contract,
            changes=field_changes({}, _entry_values(entry)),
        )
    return entry


def contract_manager_appoint(
    *,
    actor: Any,
    contract: Contract,
    person: Person,
    valid_from: date,
    pledge_date: date | None,
    qualifications: list[str] | None = None,
    contact_phone: str = "",
) -> RosterEntry:
    """An administrator puts the contractor's responsible person (責任者, IC-19) on the roster at
    the start of a contract, with the always-reachable phone when it is known, and submits that
    first version to the ward, so the manager can run the roster from then on once the ward
    approves it (SO-10)."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    role = domain.Role.MANAGER
    if person.organisation_id != contract.contractor_id:
        raise ValidationError({"person": ["受注者の従事者だけを名簿に追加できます。"]})
    phone = _phone(contact_phone)
    my_number_refuse(actor=actor, contract=contract, fields={"contact_phone": phone})
    _check_entry(
        contract=contract,
        person=person,
        role=role,
        qualifications=qualifications or [],
        valid_from=valid_from,
        valid_to=None,
        contact_phone=phone,
    )
    with transaction.atomic():
        entry = _entry_create(
            actor=actor,
            contract=contract,
            person=person,
            role=role,
            qualifications=qualifications or [],
            valid_from=valid_from,
            valid_to=None,
            pledge_date=pledge_date,
            contact_phone=phone,
        )
        _submit(
            actor=actor, contract=contract, version=_draft_version(actor=actor, contract=contract)
        )
    return entry


def contract_state_change(
    *, actor: Any, contract: Contract, to: str, access: ContractAccess | None = None
) -> Contract:
    """Move a contract on: active → ended → returned → destroyed (PI-8).

    An administrator ends a contract, which takes contractor access away at once; the ward keeps
    reading until destruction. Only the ward supervisor moves it to returned (receipt of the
    return package) and destroyed (after crypto-shredding), through the contract-end services,
    which pass the supervisor's ``access``: a contract marked destroyed with its keys still in
    place, and no certificate, must not be possible, not even from the admin."""
    if to == domain.ContractState.ENDED:
        allowed = getattr(actor, "is_superuser", False)
    else:
        allowed = (
            access is not None
            and access.user == actor
            and access.contract.pk == contract.pk
            and access.can(MANAGE_CONTRACT_END)
        )
    if not allowed:
        raise PermissionDenied
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if not domain.can_change_contract_state(contract.state, to):
            current = domain.ContractState(contract.state).label
            target = domain.ContractState(to).label
            raise ValidationError(f"「{current}」の契約を「{target}」にはできません。")
        before = contract.state
        contract.state = to
        contract.save(update_fields=["state"])
        audit_record(
            actor=actor,
            action="contract.state_change",
            target=contract,
            contract=contract,
            changes={"state": {"before": before, "after": to}},
        )
    return contract
