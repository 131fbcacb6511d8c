"""Writes of the staff part, each with its audit record in the same transaction: a manual's
new version (never overwriting an old one) and its acknowledgement by the ward supervisor
(IC-21), a training plan and its report (IC-22, IC-30). Free texts and file names are checked
for a My Number; files are stored as encrypted attachments.

The recruitment of volunteers and nurses (IC-20, 仕様書 10(4)): a publicity, an applicant, the
applicant's moves through 応募 → 面談 → 不採用 / 辞退 (``rules.applicant_next_states``) and the
hire, which puts the person on the roster through the core ``roster_entry_add``: the new entry
waits for the ward's approval and a pledge like any other."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import CONTRACTOR_ROLES, Qualification, Role
from itaku.core.models import RosterEntry
from itaku.core.services import notification_send_to_role
from itaku.ichou.staff import rules
from itaku.ichou.staff.decl import (
    ACKNOWLEDGE_MANUAL,
    EDIT_RECRUITMENT,
    EDIT_STAFF,
    MANUAL_SUBMITTED,
)
from itaku.ichou.staff.models import (
    Applicant,
    ManualVersion,
    Publicity,
    TrainingPlan,
    TrainingReport,
)
from itaku.ichou.staff.rules import MANUAL_KINDS, TOPICS
from itaku.privacy.services import my_number_refuse
from itaku.privacy.services.attachments import attachment_for_field

Upload = tuple[str, bytes] | None


def _attach(actor: Any, access: ContractAccess, upload: Any, field: str) -> Any:
    return attachment_for_field(actor=actor, access=access, upload=upload, field=field)


def _refuse(actor: Any, access: ContractAccess, fields: dict[str, str], field: str, up: Upload):
    my_number_refuse(
        actor=actor,
        fields={**fields, field: up[0] if up else ""},
        contract=access.contract,
    )


def manual_submit(
    *,
    actor: Any,
    access: ContractAccess,
    kind: str,
    summary: str,
    document: Upload,
    submitted_on: date | None = None,
) -> ManualVersion:
    """A new version of the manual of ``kind``, numbered after the last one (IC-21)."""
    access.require(EDIT_STAFF)
    problems: dict[str, list[str]] = {}
    if kind not in MANUAL_KINDS:
        problems["kind"] = ["マニュアルの種類を選んでください。"]
    if document is None:
        problems["document"] = ["マニュアルのファイルを選んでください。"]
    if problems:
        raise ValidationError(problems)
    summary = (summary or "").strip()
    _refuse(actor, access, {"summary": summary}, "document", document)
    for _ in range(3):
        try:
            with transaction.atomic():
                last = ManualVersion.objects.filter(contract=access.contract, kind=kind).aggregate(
                    n=Max("number")
                )["n"]
                version = ManualVersion.objects.create(
                    contract=access.contract,
                    kind=kind,
                    number=(last or 0) + 1,
                    document=_attach(actor, access, document, "document"),
                    summary=summary,
                    submitted_on=submitted_on or timezone.localdate(),
                    submitted_by=actor,
                )
                audit_record(
                    actor=actor,
                    action="ic_manual.submit",
                    target=version,
                    contract=access.contract,
                    changes={"kind": kind, "number": version.number},
                )
                notification_send_to_role(
                    access=access,
                    role=Role.WARD_SUPERVISOR,
                    kind=MANUAL_SUBMITTED,
                    link=reverse("ichou:staff-manuals", args=[access.contract.pk]),
                )
            return version
        except IntegrityError:
            continue  # two submissions at once took the same number: take the next
    raise ValidationError({"document": ["同時に提出されました。もう一度送ってください。"]})


def manual_acknowledge(
    *, actor: Any, access: ContractAccess, version: ManualVersion
) -> ManualVersion:
    access.require(ACKNOWLEDGE_MANUAL)
    with transaction.atomic():
        version = ManualVersion.objects.select_for_update().get(
            pk=version.pk, contract=access.contract
        )
        if version.state == ManualVersion.State.ACKNOWLEDGED:
            raise PermissionDenied("この版はすでに受領済みです。")
        version.state = ManualVersion.State.ACKNOWLEDGED
        version.acknowledged_at = timezone.now()
        version.acknowledged_by = actor
        version.save(update_fields=["state", "acknowledged_at", "acknowledged_by"])
        audit_record(
            actor=actor, action="ic_manual.acknowledge", target=version, contract=access.contract
        )
    return version


def training_plan_create(
    *, actor: Any, access: ContractAccess, values: dict[str, Any]
) -> TrainingPlan:
    access.require(EDIT_STAFF)
    problems: dict[str, list[str]] = {}
    fiscal_year = values.get("fiscal_year")
    if not isinstance(fiscal_year, int) or not 2000 <= fiscal_year <= 2100:
        problems["fiscal_year"] = ["年度を入力してください。"]
    if values.get("topic") not in TOPICS:
        problems["topic"] = ["テーマを選んでください。"]
    month = values.get("planned_month")
    if not isinstance(month, int) or not 1 <= month <= 12:
        problems["planned_month"] = ["実施予定月を選んでください。"]
    target = str(values.get("target") or "").strip()
    if not target:
        problems["target"] = ["対象者を入力してください(例: 新しく従事する職員とボランティア)。"]
    if problems or not isinstance(fiscal_year, int) or not isinstance(month, int):
        raise ValidationError(problems)
    outline = str(values.get("outline") or "").strip()
    my_number_refuse(
        actor=actor, fields={"target": target, "outline": outline}, contract=access.contract
    )
    with transaction.atomic():
        plan = TrainingPlan.objects.create(
            contract=access.contract,
            fiscal_year=fiscal_year,
            topic=values["topic"],
            planned_month=month,
            target=target,
            outline=outline,
        )
        audit_record(
            actor=actor,
            action="ic_training_plan.create",
            target=plan,
            contract=access.contract,
            changes={"topic": plan.topic, "fiscal_year": fiscal_year, "month": month},
        )
    return plan


def training_report_create(
    *,
    actor: Any,
    access: ContractAccess,
    plan: TrainingPlan,
    values: dict[str, Any],
    materials: Upload = None,
) -> TrainingReport:
    """The report of a held training with the roster entries who attended (IC-22, IC-30)."""
    access.require(EDIT_STAFF)
    problems: dict[str, list[str]] = {}
    held_on = values.get("held_on")
    if not isinstance(held_on, date):
        problems["held_on"] = ["実施日を入力してください。"]
    elif held_on > timezone.localdate():
        problems["held_on"] = ["実施した後に報告してください(実施日が先の日付です)。"]
    content = str(values.get("content") or "").strip()
    if not content:
        problems["content"] = ["実施した内容を入力してください。"]
    wanted = [str(a) for a in values.get("attendees") or []]
    attendees = list(
        RosterEntry.objects.filter(
            contract=access.contract,
            pk__in=wanted,
            role__in=[r.value for r in CONTRACTOR_ROLES],
        )
    )
    if len(attendees) != len(set(wanted)):
        problems["attendees"] = ["この契約の従事者を選んでください。"]
    elif not attendees:
        problems["attendees"] = ["受講した従事者を選んでください。"]
    if problems or not isinstance(held_on, date):
        raise ValidationError(problems)
    _refuse(actor, access, {"content": content}, "materials", materials)
    with transaction.atomic():
        plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk, contract=access.contract)
        if TrainingReport.objects.filter(plan=plan).exists():
            raise ValidationError({"held_on": ["この研修はすでに報告されています。"]})
        report = TrainingReport.objects.create(
            contract=access.contract,
            plan=plan,
            held_on=held_on,
            content=content,
            materials=_attach(actor, access, materials, "materials"),
            submitted_by=actor,
        )
        report.attendees.set(attendees)
        audit_record(
            actor=actor,
            action="ic_training_report.create",
            target=report,
            contract=access.contract,
            changes={"plan": plan.pk, "attendees": len(attendees)},
        )
    return report


# --- IC-20: recruitment -------------------------------------------------------------------------


def _day_problem(value: Any, today: date, what: str) -> str | None:
    if not isinstance(value, date):
        return f"{what}を入力してください。"
    if value > today:
        return f"{what}が今日より後になっています。"
    return None


def publicity_create(*, actor: Any, access: ContractAccess, values: dict[str, Any]) -> Publicity:
    """A publicity for volunteers or nurses (仕様書 10(4) 広報活動, IC-20)."""
    access.require(EDIT_RECRUITMENT)
    problems: dict[str, list[str]] = {}
    if values.get("role") not in rules.RECRUIT_ROLES:
        problems["role"] = ["募集する役割を選んでください。"]
    if values.get("channel") not in rules.CHANNEL_LABELS:
        problems["channel"] = ["広報の方法を選んでください。"]
    day = _day_problem(values.get("published_on"), access.on, "実施日")
    if day:
        problems["published_on"] = [day]
    places = values.get("places")
    if not isinstance(places, int) or not 1 <= places <= 999:
        problems["places"] = ["募集人数を1から999の数で入力してください。"]
    if problems or not isinstance(places, int):
        raise ValidationError(problems)
    description = str(values.get("description") or "").strip()
    my_number_refuse(actor=actor, fields={"description": description}, contract=access.contract)
    with transaction.atomic():
        publicity = Publicity.objects.create(
            contract=access.contract,
            role=values["role"],
            channel=values["channel"],
            description=description,
            published_on=values["published_on"],
            places=places,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="ic_publicity.create",
            target=publicity,
            contract=access.contract,
            changes={"role": publicity.role, "channel": publicity.channel, "places": places},
        )
    return publicity


APPLICANT_TEXTS = ("family_name", "given_name", "phone", "email", "licence_number")
APPLICANT_KANA = ("family_name_kana", "given_name_kana")


def _applicant_clean(access: ContractAccess, values: dict[str, Any]) -> dict[str, Any]:
    from itaku.web.kana import kana_normalise

    problems: dict[str, list[str]] = {}
    clean: dict[str, Any] = {
        name: str(values.get(name) or "").strip() for name in (*APPLICANT_TEXTS, *APPLICANT_KANA)
    }
    role = values.get("role")
    if role not in rules.RECRUIT_ROLES:
        problems["role"] = ["応募した役割を選んでください。"]
    clean["role"] = role
    for name in ("family_name", "given_name", *APPLICANT_KANA):
        if not clean[name]:
            problems[name] = ["入力してください。"]
    for name in APPLICANT_KANA:
        if clean[name]:
            reading = kana_normalise(clean[name])
            if reading is None:
                problems[name] = ["ひらがなで入力してください。"]
            else:
                clean[name] = reading
    birth = values.get("birth_date")
    if birth is not None and not isinstance(birth, date):
        problems["birth_date"] = ["生年月日を正しく入力してください。"]
    elif isinstance(birth, date) and birth > access.on:
        problems["birth_date"] = ["生年月日が今日より後になっています。"]
    elif birth is None and role == "volunteer":
        # IC-17: only a volunteer of 18 or over counts, so the birth date is needed to hire.
        problems["birth_date"] = [
            "ボランティアは生年月日が必要です(18歳以上のみ従事者に数えます)。"
        ]
    clean["birth_date"] = birth
    day = _day_problem(values.get("applied_on"), access.on, "応募日")
    if day:
        problems["applied_on"] = [day]
    clean["applied_on"] = values.get("applied_on")
    clean["has_licence"] = role == "nurse" and bool(values.get("has_licence"))
    if role != "nurse":
        clean["licence_number"] = ""
    publicity = None
    wanted = values.get("publicity")
    if wanted not in (None, ""):
        publicity = Publicity.objects.filter(contract=access.contract, pk=str(wanted)).first()
        if publicity is None:
            problems["publicity"] = ["この契約の募集を選んでください。"]
        elif role in rules.RECRUIT_ROLES and publicity.role != role:
            problems["publicity"] = [
                f"この募集は{publicity.get_role_display()}の募集です。役割か募集を選び直してください。"
            ]
    clean["publicity"] = publicity
    if problems:
        raise ValidationError(problems)
    return clean


def applicant_create(*, actor: Any, access: ContractAccess, values: dict[str, Any]) -> Applicant:
    """An applicant for volunteer or nurse, in 応募 (IC-20); the name, reading, contacts and
    licence number sealed under the contract's key."""
    access.require(EDIT_RECRUITMENT)
    my_number_refuse(
        actor=actor,
        fields={name: str(values.get(name) or "") for name in APPLICANT_TEXTS},
        contract=access.contract,
    )
    clean = _applicant_clean(access, values)
    with transaction.atomic():
        applicant = Applicant.objects.create(
            contract=access.contract, status=rules.APPLIED, created_by=actor, **clean
        )
        audit_record(
            actor=actor,
            action="ic_applicant.create",
            target=applicant,
            contract=access.contract,
            changes={"role": applicant.role, "publicity": applicant.publicity_id},
        )
    return applicant


MOVE_ACTIONS = {
    rules.INTERVIEW: "ic_applicant.interview",
    rules.REJECTED: "ic_applicant.reject",
    rules.WITHDRAWN: "ic_applicant.withdraw",
}


def _since(applicant: Applicant) -> date:
    return applicant.interview_on or applicant.applied_on


def _locked(access: ContractAccess, applicant: Applicant) -> Applicant:
    return Applicant.objects.select_for_update().get(pk=applicant.pk, contract=access.contract)


def applicant_move(
    *,
    actor: Any,
    access: ContractAccess,
    applicant: Applicant,
    target: str,
    on: date,
    reason: str = "",
) -> Applicant:
    """Move an applicant to 面談, 不採用 or 辞退 on day ``on`` (IC-20): only as
    ``rules.applicant_next_states`` allows, with the reason of a 不採用 or 辞退. 採用 is
    ``applicant_hire``, which puts the person on the roster."""
    access.require(EDIT_RECRUITMENT)
    if target == rules.HIRED:
        raise ValidationError({"target": ["採用は「採用して名簿に追加する」から行ってください。"]})
    if target not in MOVE_ACTIONS:
        raise ValidationError({"target": ["次の段階を選んでください。"]})
    reason = (reason or "").strip() if target in rules.NEEDS_REASON else ""
    my_number_refuse(actor=actor, fields={"reason": reason}, contract=access.contract)
    with transaction.atomic():
        applicant = _locked(access, applicant)
        before = applicant.status
        problems = rules.applicant_move_problems(
            current=before,
            target=target,
            reason=reason,
            on=on,
            since=_since(applicant),
            today=access.on,
        )
        if problems:
            raise ValidationError(problems)
        applicant.status = target
        if target == rules.INTERVIEW:
            applicant.interview_on = on
        else:
            applicant.decided_on = on
            applicant.reason = reason
        applicant.save(update_fields=["status", "interview_on", "decided_on", "reason"])
        audit_record(
            actor=actor,
            action=MOVE_ACTIONS[target],
            target=applicant,
            contract=access.contract,
            changes={"status": [before, target], "on": on.isoformat()},
        )
    return applicant


def _activity_dates(access: ContractAccess, start: date) -> list[date]:
    from itaku.ichou.programme.models import Activity, Programme

    return list(
        Activity.objects.filter(
            programme__contract=access.contract,
            programme__state=Programme.State.APPROVED,
            date__gte=start,
            cancelled_for_weather=False,
        ).values_list("date", flat=True)
    )


# The roster's field errors that the hire form shows next to its own date fields.
_HIRE_FIELDS = {"valid_from", "pledge_date"}


def applicant_hire(
    *,
    actor: Any,
    access: ContractAccess,
    applicant: Applicant,
    valid_from: date,
    pledge_date: date | None = None,
    on: date | None = None,
) -> Applicant:
    """採用 (IC-20): the interviewed applicant becomes a new roster entry from ``valid_from``
    through the core ``roster_entry_add`` (a nurse with the licence qualification), which waits
    for the ward's approval and a pledge like any entry. Refused for a volunteer under 18 on
    the first activity from ``valid_from`` and for a nurse without a licence
    (``rules.hire_problems``)."""
    from itaku.core.services.roster import NewPerson, roster_entry_add

    access.require(EDIT_RECRUITMENT)
    on = on or access.on
    with transaction.atomic():
        applicant = _locked(access, applicant)
        problems = rules.applicant_move_problems(
            current=applicant.status,
            target=rules.HIRED,
            reason="",
            on=on,
            since=_since(applicant),
            today=access.on,
        )
        if problems:
            raise ValidationError(problems)
        first_day = rules.first_activity_on(_activity_dates(access, valid_from), valid_from)
        refused = rules.hire_problems(
            role=applicant.role,
            birth_date=applicant.birth_date,
            licence=applicant.has_licence,
            on=first_day,
        )
        if refused:
            raise ValidationError({"__all__": refused})
        role = Role(applicant.role)
        try:
            entry = roster_entry_add(
                actor=actor,
                access=access,
                person=NewPerson(
                    family_name=applicant.family_name,
                    given_name=applicant.given_name,
                    family_name_kana=applicant.family_name_kana,
                    given_name_kana=applicant.given_name_kana,
                    birth_date=applicant.birth_date,
                ),
                role=role,
                qualifications=[Qualification.NURSE_LICENCE.value] if role == Role.NURSE else [],
                valid_from=valid_from,
                pledge_date=pledge_date,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            shown: dict[str, list[str]] = {}
            for field, messages in error.message_dict.items():
                shown.setdefault(field if field in _HIRE_FIELDS else "__all__", []).extend(messages)
            raise ValidationError(shown) from error
        before = applicant.status
        applicant.status = rules.HIRED
        applicant.decided_on = on
        applicant.entry = entry
        applicant.save(update_fields=["status", "decided_on", "entry"])
        audit_record(
            actor=actor,
            action="ic_applicant.hire",
            target=applicant,
            contract=access.contract,
            changes={
                "status": [before, rules.HIRED],
                "on": on.isoformat(),
                "entry": entry.pk,
                "valid_from": valid_from.isoformat(),
            },
        )
    return applicant
