"""Writes of the staff part, each with its audit record in the same transaction: a manual's
new version (never overwriting an old one) and its acknowledgement by the ward supervisor
(IC-21), a training plan and its report (IC-22, IC-30). Free texts and file names are checked
for a My Number; files are stored as encrypted attachments."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.core.domain import CONTRACTOR_ROLES
from itaku.core.models import RosterEntry
from itaku.ichou.staff.decl import ACKNOWLEDGE_MANUAL, EDIT_STAFF
from itaku.ichou.staff.models import ManualVersion, TrainingPlan, TrainingReport
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
