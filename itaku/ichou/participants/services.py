"""Writes of the participants of いちょう学級 (IC-2, IC-9, IC-30): a participant is created and
changed by the contractor's manager (names in kana kept in hiragana, the name put in the blind
index), registered for a fiscal year in the group of their age on 1 April, agreed eligible by
the ward supervisor, withdrawn, moved to the other group with a reason, and renewed from last
year. Each write records its audit event in its transaction; an audit record names the fields
changed, never a sealed value."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.ichou import domain
from itaku.ichou.participants import imports
from itaku.ichou.participants.decl import AGREE_ELIGIBILITY, EDIT_PARTICIPANTS
from itaku.ichou.participants.models import (
    Participant,
    ParticipantImport,
    ParticipationPlan,
    Registration,
)
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.names import name_index_set, name_search
from itaku.web.kana import kana_normalise

State = Registration.State

KANA_FIELDS = ("family_name_kana", "given_name_kana")
REQUIRED_FIELDS = Participant.NAME_FIELDS
TEXT_FIELDS = (
    *Participant.NAME_FIELDS,
    *Participant.CONTACT_FIELDS,
    *Participant.HEALTH_FIELDS,
)
FIELDS = (*TEXT_FIELDS, "birth_date", "photo_consent", "goes_home")


def _clean(values: dict[str, Any], today: date) -> dict[str, Any]:
    """The values of a participant, checked: names present, readings only kana (kept in
    hiragana), a birth date not in the future, a way home the model knows."""
    problems: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        clean[name] = str(values.get(name) or "").strip()
    for name in REQUIRED_FIELDS:
        if not clean[name]:
            problems[name] = ["入力してください。"]
    for name in KANA_FIELDS:
        if clean[name]:
            reading = kana_normalise(clean[name])
            if reading is None:
                problems[name] = ["ふりがなは、ひらがなかカタカナで入力してください。"]
            else:
                clean[name] = reading
    birth = values.get("birth_date")
    if not isinstance(birth, date):
        problems["birth_date"] = ["生年月日を入力してください。"]
    elif birth > today:
        problems["birth_date"] = ["生年月日が今日より後になっています。"]
    clean["birth_date"] = birth
    clean["photo_consent"] = bool(values.get("photo_consent"))
    goes_home = values.get("goes_home") or Participant.GoesHome.COLLECTED
    if goes_home not in Participant.GoesHome.values:
        problems["goes_home"] = ["帰り方を選んでください。"]
    clean["goes_home"] = goes_home
    if problems:
        raise ValidationError(problems)
    return clean


def _index(participant: Participant) -> None:
    name_index_set(
        record=participant,
        contract_id=participant.contract_id,
        forms=[
            (participant.family_name, participant.given_name),
            (participant.family_name_kana, participant.given_name_kana),
        ],
    )


def _refuse(actor: Any, access: ContractAccess, values: dict[str, Any]) -> None:
    my_number_refuse(
        actor=actor,
        fields={name: str(values.get(name) or "") for name in TEXT_FIELDS},
        contract=access.contract,
    )


def participant_create(
    *, actor: Any, access: ContractAccess, values: dict[str, Any]
) -> Participant:
    access.require(EDIT_PARTICIPANTS)
    _refuse(actor, access, values)
    clean = _clean(values, access.on)
    with transaction.atomic():
        participant = Participant.objects.create(contract=access.contract, **clean)
        _index(participant)
        audit_record(
            actor=actor,
            action="ic_participant.create",
            target=participant,
            contract=access.contract,
        )
    return participant


def participant_change(
    *, actor: Any, access: ContractAccess, participant: Participant, values: dict[str, Any]
) -> Participant:
    access.require(EDIT_PARTICIPANTS)
    if participant.contract_id != access.contract.pk:
        raise ValidationError("この契約の参加者ではありません。")
    _refuse(actor, access, values)
    clean = _clean(values, access.on)
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        changed = [name for name in FIELDS if getattr(participant, name) != clean[name]]
        if not changed:
            return participant
        for name in changed:
            setattr(participant, name, clean[name])
        participant.save(update_fields=changed)
        if set(changed) & set(Participant.NAME_FIELDS):
            _index(participant)
        # The names of the fields changed only: a sealed value never reaches the audit trail.
        audit_record(
            actor=actor,
            action="ic_participant.change",
            target=participant,
            contract=access.contract,
            changes={"fields": changed},
        )
    return participant


def _closest_group(birth_date: date, fiscal_year: int) -> str:
    """The group by age, or for someone younger than the groups' ages the closer one (the
    first): the ward decides on the warning."""
    group = domain.age_group(birth_date, fiscal_year)
    return str(group or 1)


def registration_add(
    *, actor: Any, access: ContractAccess, participant: Participant, fiscal_year: int
) -> tuple[Registration, list[str]]:
    """An application for ``fiscal_year`` in the group of the age on 1 April (IC-2), waiting
    for the ward to agree the eligibility. Returns the registration and its warnings (too young
    for the groups' ages: put in the closest group, the ward decides)."""
    access.require(EDIT_PARTICIPANTS)
    if participant.contract_id != access.contract.pk:
        raise ValidationError("この契約の参加者ではありません。")
    warnings: list[str] = []
    if domain.age_group(participant.birth_date, fiscal_year) is None:
        warnings.append(
            f"{fiscal_year}年4月1日に15歳未満のため、年齢による参加資格がありません。"
            "第1グループに入れました。区が参加を判断します。"
        )
    with transaction.atomic():
        if Registration.objects.filter(participant=participant, fiscal_year=fiscal_year).exists():
            raise ValidationError("この年度の参加登録はもうあります。")
        registration = Registration.objects.create(
            contract=access.contract,
            participant=participant,
            fiscal_year=fiscal_year,
            group=_closest_group(participant.birth_date, fiscal_year),
            state=State.APPLIED,
        )
        audit_record(
            actor=actor,
            action="ic_registration.add",
            target=registration,
            contract=access.contract,
            changes={"group": registration.group, "under_age": bool(warnings)},
        )
    return registration, warnings


def _locked(access: ContractAccess, registration: Registration) -> Registration:
    return Registration.objects.select_for_update().get(
        pk=registration.pk, contract=access.contract
    )


def registration_agree(
    *, actor: Any, access: ContractAccess, registration: Registration, agreement: Any = None
) -> Registration:
    """The ward supervisor agrees the eligibility of an application (IC-9): registered. The
    agreement's record (IC-35) may be named: one of this contract's 協議記録."""
    from itaku.ichou.agreements.services import agreement_for_step

    access.require(AGREE_ELIGIBILITY)
    record = agreement_for_step(access=access, agreement=agreement)
    with transaction.atomic():
        registration = _locked(access, registration)
        if registration.state != State.APPLIED:
            raise ValidationError("確認を待っている申込みではありません。")
        registration.state = State.REGISTERED
        registration.eligibility_agreed_at = timezone.now()
        registration.eligibility_agreed_by = actor
        registration.eligibility_agreement = record
        registration.save(
            update_fields=[
                "state",
                "eligibility_agreed_at",
                "eligibility_agreed_by",
                "eligibility_agreement",
            ]
        )
        audit_record(
            actor=actor,
            action="ic_registration.agree",
            target=registration,
            contract=access.contract,
            changes={"agreement": record.number if record else None},
        )
    return registration


def registration_withdraw(
    *, actor: Any, access: ContractAccess, registration: Registration, reason: str
) -> Registration:
    access.require(EDIT_PARTICIPANTS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["退級・辞退の理由を入力してください。"]})
    my_number_refuse(actor=actor, fields={"reason": reason}, contract=access.contract)
    with transaction.atomic():
        registration = _locked(access, registration)
        if registration.state == State.WITHDRAWN:
            raise ValidationError("この参加登録はもう退級・辞退になっています。")
        registration.state = State.WITHDRAWN
        registration.withdrawn_at = timezone.now()
        registration.withdrawal_reason = reason
        registration.save(update_fields=["state", "withdrawn_at", "withdrawal_reason"])
        audit_record(
            actor=actor,
            action="ic_registration.withdraw",
            target=registration,
            contract=access.contract,
        )
    return registration


def registration_move_group(
    *,
    actor: Any,
    access: ContractAccess,
    registration: Registration,
    reason: str,
    agreement: Any = None,
) -> Registration:
    """Move a registration to the other group, against the age rule, with its reason (IC-2)
    and, when there is one, the 協議記録 of the move (仕様書 5, IC-35)."""
    from itaku.ichou.agreements.services import agreement_for_step

    access.require(EDIT_PARTICIPANTS)
    record = agreement_for_step(access=access, agreement=agreement)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["グループを変える理由を入力してください。"]})
    my_number_refuse(actor=actor, fields={"reason": reason}, contract=access.contract)
    with transaction.atomic():
        registration = _locked(access, registration)
        if registration.state == State.WITHDRAWN:
            raise ValidationError("退級・辞退した参加登録のグループは変えられません。")
        before = registration.group
        registration.group = (
            Registration.Group.SECOND
            if before == Registration.Group.FIRST
            else Registration.Group.FIRST
        )
        by_age = domain.age_group(registration.participant.birth_date, registration.fiscal_year)
        registration.group_reason = "" if str(by_age) == registration.group else reason
        registration.group_agreement = record
        registration.save(update_fields=["group", "group_reason", "group_agreement"])
        audit_record(
            actor=actor,
            action="ic_registration.move_group",
            target=registration,
            contract=access.contract,
            changes={
                "group": [before, registration.group],
                "agreement": record.number if record else None,
            },
        )
    return registration


def registrations_renew(*, actor: Any, access: ContractAccess, fiscal_year: int) -> int:
    """Last year's registered participants registered again for ``fiscal_year`` (IC-9), the
    group computed again from the age; those already registered this year are left as they are,
    so running it twice adds no one. Returns how many were renewed."""
    access.require(EDIT_PARTICIPANTS)
    with transaction.atomic():
        already = set(
            Registration.objects.filter(
                contract=access.contract, fiscal_year=fiscal_year
            ).values_list("participant_id", flat=True)
        )
        last = Registration.objects.filter(
            contract=access.contract, fiscal_year=fiscal_year - 1, state=State.REGISTERED
        ).select_related("participant")
        new = [
            Registration(
                contract=access.contract,
                participant=r.participant,
                fiscal_year=fiscal_year,
                group=_closest_group(r.participant.birth_date, fiscal_year),
                state=State.REGISTERED,
                renewed=True,
            )
            for r in last
            if r.participant_id not in already
        ]
        Registration.objects.bulk_create(new)
        if new:
            audit_record(
                actor=actor,
                action="ic_registration.renew",
                contract=access.contract,
                changes={"fiscal_year": fiscal_year, "renewed": len(new)},
            )
    return len(new)


# --- import (IC-9) ---------------------------------------------------------------------------


def import_upload(
    *, actor: Any, access: ContractAccess, name: str, content: bytes
) -> tuple[ParticipantImport, list[imports.GoodRow], list[imports.BadRow]]:
    """Keep an uploaded file's rows (sealed) for its preview; no participant is written.
    Raises ``imports.ImportFileError`` for a file that is not a list of participants."""
    access.require(EDIT_PARTICIPANTS)
    rows = imports.read_rows(name, content)
    # A file with a My Number anywhere is refused as a whole and kept nowhere (PI-11).
    my_number_refuse(
        actor=actor,
        fields={"file": "\n".join(",".join(row) for row in [[name], *rows])},
        contract=access.contract,
    )
    good, bad = imports.check_rows(rows, access.on)
    upload = ParticipantImport.objects.create(
        contract=access.contract, created_by=actor, rows=json.dumps(rows, ensure_ascii=False)
    )
    return upload, good, bad


def import_checked(
    access: ContractAccess, upload: ParticipantImport
) -> tuple[list[imports.GoodRow], list[imports.BadRow]]:
    return imports.check_rows(json.loads(upload.rows), access.on)


def _existing(access: ContractAccess, row: imports.GoodRow) -> bool:
    """Someone already kept with this name, this reading and this birth date (the blind index:
    the names are not read in SQL)."""
    people = Participant.objects.filter(contract=access.contract, birth_date=row.birth_date)
    by_name = name_search(
        queryset=people,
        contract_id=access.contract.pk,
        query=row.family_name + row.given_name,
        prefix=False,
    )
    by_kana = name_search(
        queryset=by_name,
        contract_id=access.contract.pk,
        query=row.family_name_kana + row.given_name_kana,
        prefix=False,
    )
    return by_kana.exists()


def import_confirm(
    *, actor: Any, access: ContractAccess, upload: ParticipantImport, fiscal_year: int
) -> int:
    """Add the good rows of the upload (the rejected ones are left out), each registered as an
    application for ``fiscal_year``; someone already kept (name, reading and birth date) is not
    added again. Returns how many were added."""
    access.require(EDIT_PARTICIPANTS)
    good, _ = import_checked(access, upload)
    added = 0
    with transaction.atomic():
        upload = ParticipantImport.objects.select_for_update().get(
            pk=upload.pk, contract=access.contract
        )
        if upload.done_at is not None:
            raise ValidationError("この取込みはもう済んでいます。")
        for row in good:
            if _existing(access, row):
                continue
            participant = Participant.objects.create(contract=access.contract, **row.values())
            _index(participant)
            Registration.objects.create(
                contract=access.contract,
                participant=participant,
                fiscal_year=fiscal_year,
                group=_closest_group(participant.birth_date, fiscal_year),
                state=State.APPLIED,
            )
            added += 1
        upload.done_at = timezone.now()
        upload.added = added
        # The rows are not needed once imported: the sealed copy is emptied.
        upload.rows = "[]"
        upload.save(update_fields=["done_at", "added", "rows"])
        audit_record(
            actor=actor,
            action="ic_participant.import",
            target=upload,
            contract=access.contract,
            changes={"rows": len(good), "added": added, "fiscal_year": fiscal_year},
        )
    return added


def participation_plan_set(
    *, actor: Any, access: ContractAccess, registration: Registration, activity_ids: Any
) -> set[int]:
    """Record the returned 参加予定表 of a registration (IC-9 仕様書 7(2)ア): the activities it
    plans to come to become exactly ``activity_ids``. Each must be an activity of the year's
    approved programme, of the registration's group or joint, not cancelled; anything else (another
    contract's, year's or group's) refuses the whole set. A withdrawn registration plans nothing.
    Audited with the activities added and removed (ids only; no free text, so no My Number
    check). Returns the set recorded."""
    from itaku.ichou.participants.selectors import plan_choices

    access.require(EDIT_PARTICIPANTS)
    try:
        wanted = {int(i) for i in activity_ids}
    except (TypeError, ValueError):
        raise ValidationError("活動の指定が正しくありません。") from None
    with transaction.atomic():
        registration = _locked(access, registration)
        if registration.state == State.WITHDRAWN:
            raise ValidationError("退級・辞退した参加登録には参加予定を記録できません。")
        allowed = {a.pk for a in plan_choices(access=access, registration=registration)}
        if wanted - allowed:
            raise ValidationError(
                "この参加者の年度・グループ(または合同)の活動でないものは選べません。"
            )
        current = set(
            ParticipationPlan.objects.filter(registration=registration).values_list(
                "activity_id", flat=True
            )
        )
        added, removed = wanted - current, current - wanted
        if removed:
            ParticipationPlan.objects.filter(
                registration=registration, activity_id__in=removed
            ).delete()
        ParticipationPlan.objects.bulk_create(
            ParticipationPlan(registration=registration, activity_id=i, recorded_by=actor)
            for i in sorted(added)
        )
        audit_record(
            actor=actor,
            action="ic_participation_plan.set",
            target=registration,
            contract=access.contract,
            changes={"added": sorted(added), "removed": sorted(removed)},
        )
    return wanted
