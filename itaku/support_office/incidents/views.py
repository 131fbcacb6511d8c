"""Pages of incidents (事案) and consultations (相談) (SO-7): lists, the record forms, a record
with its evidence, follow-ups and possible earlier incidents of the same customer. Thin:
selectors read, services write; every page showing a narrative records the read (PI-9)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.audit.services import audit_reads
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess, active_entry_q
from itaku.core.domain import Role
from itaku.core.models import RosterEntry, User
from itaku.support_office.dispatch.models import SupportRequest
from itaku.support_office.incidents import rules, selectors, services
from itaku.support_office.incidents.decl import RECORD_INCIDENT, VIEW_INCIDENTS
from itaku.support_office.incidents.forms import (
    ConsultationRecordForm,
    EvidenceForm,
    FollowUpForm,
    IncidentRecordForm,
)
from itaku.support_office.incidents.models import Consultation, Incident
from itaku.web.lookup import get_or_404
from itaku.web.views import apply_errors, post_only_or_back

T = "support_office/incidents/"


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    return core_selectors.contract_get(user=request.user, contract_id=contract_id)


def _office_users(access: ContractAccess) -> Any:
    """Who a follow-up may be given to: the contract's office staff and ward supervisors."""
    ids = (
        RosterEntry.objects.filter(active_entry_q(access.on), contract=access.contract)
        .filter(role__in=[Role.MANAGER.value, Role.WORKER.value, Role.WARD_SUPERVISOR.value])
        .values_list("person__user_id", flat=True)
    )
    return User.objects.filter(pk__in=list(ids)).select_related("person").order_by("pk")


@login_required
def incident_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    rows = selectors.incident_list(access=access)
    return render(
        request,
        T + "incident_list.html",
        {"contract": access.contract, "rows": rows, "can_record": access.can(RECORD_INCIDENT)},
    )


def _prefill(access: ContractAccess, request: HttpRequest) -> tuple[dict[str, Any], dict]:
    """Initial values from a dispatch request (``?request=``) or a consultation
    (``?consultation=``), and what to link the incident to."""
    initial: dict[str, Any] = {
        "department": access.contract.department_id,
        "started_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    links: dict[str, Any] = {}
    request_id = request.GET.get("request") or request.POST.get("link_request")
    consultation_id = request.GET.get("consultation") or request.POST.get("link_consultation")
    if request_id:
        support = get_or_404(SupportRequest.objects, pk=request_id, contract=access.contract)
        initial.update(
            department=support.department_id,
            place=support.place_id,
            started_at=timezone.localtime(
                support.arrived_at or support.scheduled_at or support.requested_at
            ).replace(second=0, microsecond=0),
            channel=(
                Incident.Channel.VISIT
                if support.kind == SupportRequest.Kind.FIELD_VISIT
                else Incident.Channel.IN_PERSON
            ),
        )
        if support.completed_at:
            initial["ended_at"] = timezone.localtime(support.completed_at).replace(
                second=0, microsecond=0
            )
        links["request"] = support
    if consultation_id:
        consultation = get_or_404(
            Consultation.objects,
            pk=consultation_id,
            contract=access.contract,
            incident__isnull=True,
        )
        initial.update(
            department=consultation.department_id,
            started_at=timezone.localtime(consultation.consulted_at).replace(
                second=0, microsecond=0
            ),
        )
        if consultation.request_id and "request" not in links:
            links["request"] = consultation.request
        links["consultation"] = consultation
    return initial, links


@login_required
def incident_record(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Record an incident, linked to and prefilled from a request or a consultation (SO-7)."""
    access = _access(request, contract_id)
    access.require(RECORD_INCIDENT)
    initial, links = _prefill(access, request)
    form = IncidentRecordForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        contract=access.contract,
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_record(
                actor=request.user,
                access=access,
                request_id=links["request"].pk if "request" in links else None,
                consultation_id=links["consultation"].pk if "consultation" in links else None,
                **form.service_arguments(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"事案 {incident.number}号を記録しました。")
            return redirect(
                "support_office:incident-detail", contract_id=contract_id, incident_id=incident.pk
            )
    return render(
        request,
        T + "incident_form.html",
        {"contract": access.contract, "form": form, "links": links},
        status=400 if form.errors else 200,
    )


def _incident_initial(incident: Incident) -> dict[str, Any]:
    """The form's values from a recorded incident, for its correction."""
    form_fields = [name for _, names in IncidentRecordForm.GROUPS for name in names]
    initial = {
        name: getattr(incident, name) for name in form_fields if name not in ("department", "place")
    }
    initial["department"] = incident.department_id
    initial["place"] = incident.place_id
    for name in ("started_at", "ended_at", "police_contacted_at"):
        if initial.get(name):
            initial[name] = timezone.localtime(initial[name]).strftime("%Y-%m-%dT%H:%M")
    return initial


@login_required
def incident_change(request: HttpRequest, contract_id: int, incident_id: int) -> HttpResponse:
    """Correct or complete a recorded incident (SO-7), in the form it was recorded with; the
    narratives shown in the form are a read (PI-9)."""
    access = _access(request, contract_id)
    incident = selectors.incident_get(access=access, incident_id=incident_id)  # 404 first
    access.require(RECORD_INCIDENT)
    form = IncidentRecordForm(
        request.POST if request.method == "POST" else None,
        initial=_incident_initial(incident),
        contract=access.contract,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_change(
                actor=request.user,
                access=access,
                incident_id=incident.pk,
                **form.service_arguments(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"事案 {incident.number}号を修正しました。")
            return redirect(
                "support_office:incident-detail", contract_id=contract_id, incident_id=incident.pk
            )
    if request.method != "POST":
        audit_reads(actor=request.user, contract=access.contract, records=[incident])
    return render(
        request,
        T + "incident_form.html",
        {"contract": access.contract, "form": form, "links": {}, "incident": incident},
        status=400 if form.errors else 200,
    )


def _incident_page(
    request: HttpRequest,
    access: ContractAccess,
    incident: Incident,
    *,
    evidence_form: EvidenceForm | None = None,
    follow_up_form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    evidence = selectors.incident_evidence(incident=incident)
    follow_ups = selectors.incident_follow_ups(incident=incident)
    matches = selectors.possible_matches(access=access, incident=incident)
    # PI-9: the narratives, the evidence's descriptions and the follow-ups are shown: audited.
    audit_reads(
        actor=request.user, contract=access.contract, records=[incident, *evidence, *follow_ups]
    )
    minutes = rules.duration_minutes(incident.started_at, incident.ended_at)
    can_record = access.can(RECORD_INCIDENT)
    return render(
        request,
        T + "incident_detail.html",
        {
            "contract": access.contract,
            "incident": incident,
            "minutes": minutes,
            "long_detention": rules.is_long_detention(minutes),
            "suggested": selectors.behaviour_labels(
                rules.suggested_behaviours(minutes, incident.behaviours)
            ),
            "behaviours": selectors.behaviour_labels(incident.behaviours),
            "responses": [
                label
                for value, label in services.ResponseTaken.choices
                if value in incident.responses
            ],
            "evidence": evidence,
            "follow_ups": follow_ups,
            "matches": matches,
            "can_record": can_record,
            "evidence_form": evidence_form or (EvidenceForm() if can_record else None),
            "follow_up_form": follow_up_form
            or (FollowUpForm(assignees=_office_users(access)) if can_record else None),
        },
        status=status,
    )


@login_required
def incident_detail(request: HttpRequest, contract_id: int, incident_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    incident = selectors.incident_get(access=access, incident_id=incident_id)
    return _incident_page(request, access, incident)


@post_only_or_back("support_office:incident-detail", keep=("incident_id",))
@login_required
def incident_evidence_add(request: HttpRequest, contract_id: int, incident_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    incident = selectors.incident_get(access=access, incident_id=incident_id)
    access.require(RECORD_INCIDENT)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            evidence = services.incident_evidence_add(
                actor=request.user,
                access=access,
                incident=incident,
                name=upload.name or "",
                data=upload.read(),
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"証拠を登録しました(SHA-256: {evidence.attachment.sha256})。",
            )
            return redirect(
                "support_office:incident-detail", contract_id=contract_id, incident_id=incident_id
            )
    return _incident_page(request, access, incident, evidence_form=form, status=400)


@post_only_or_back("support_office:incident-detail", keep=("incident_id",))
@login_required
def incident_follow_up_add(
    request: HttpRequest, contract_id: int, incident_id: int
) -> HttpResponse:
    access = _access(request, contract_id)
    incident = selectors.incident_get(access=access, incident_id=incident_id)
    access.require(RECORD_INCIDENT)
    form = FollowUpForm(request.POST, assignees=_office_users(access))
    if form.is_valid():
        try:
            services.follow_up_add(
                actor=request.user, access=access, incident=incident, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "事後の対応を登録しました。担当の人のホームに表示されます。")
            return redirect(
                "support_office:incident-detail", contract_id=contract_id, incident_id=incident_id
            )
    return _incident_page(request, access, incident, follow_up_form=form, status=400)


@post_only_or_back("support_office:incident-list")
@login_required
def follow_up_done(request: HttpRequest, contract_id: int, follow_up_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    access.require(VIEW_INCIDENTS)
    access.require(RECORD_INCIDENT)
    item = services.follow_up_done(actor=request.user, access=access, follow_up_id=follow_up_id)
    messages.success(request, "事後の対応を完了にしました。")
    if item.incident_id:
        return redirect(
            "support_office:incident-detail", contract_id=contract_id, incident_id=item.incident_id
        )
    return redirect(
        "support_office:consultation-detail",
        contract_id=contract_id,
        consultation_id=item.consultation_id,
    )


@login_required
def consultation_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    rows = selectors.consultation_list(access=access)
    return render(
        request,
        T + "consultation_list.html",
        {"contract": access.contract, "rows": rows, "can_record": access.can(RECORD_INCIDENT)},
    )


@login_required
def consultation_record(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    access.require(RECORD_INCIDENT)
    form = ConsultationRecordForm(
        request.POST if request.method == "POST" else None,
        initial={
            "department": access.contract.department_id,
            "consulted_at": timezone.localtime().replace(second=0, microsecond=0),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_record(
                actor=request.user, access=access, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"相談 {consultation.number}号を記録しました。")
            return redirect(
                "support_office:consultation-detail",
                contract_id=contract_id,
                consultation_id=consultation.pk,
            )
    return render(
        request,
        T + "consultation_form.html",
        {"contract": access.contract, "form": form},
        status=400 if form.errors else 200,
    )


def _consultation_page(
    request: HttpRequest,
    access: ContractAccess,
    consultation: Consultation,
    *,
    follow_up_form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    follow_ups = selectors.consultation_follow_ups(consultation=consultation)
    audit_reads(actor=request.user, contract=access.contract, records=[consultation, *follow_ups])
    can_record = access.can(RECORD_INCIDENT)
    advice = dict(Consultation.Advice.choices)
    return render(
        request,
        T + "consultation_detail.html",
        {
            "contract": access.contract,
            "consultation": consultation,
            "advice_kinds": [advice.get(k, k) for k in consultation.advice_kinds],
            "follow_ups": follow_ups,
            "can_record": can_record,
            "follow_up_form": follow_up_form
            or (FollowUpForm(assignees=_office_users(access)) if can_record else None),
        },
        status=status,
    )


@login_required
def consultation_detail(
    request: HttpRequest, contract_id: int, consultation_id: int
) -> HttpResponse:
    access = _access(request, contract_id)
    consultation = selectors.consultation_get(access=access, consultation_id=consultation_id)
    return _consultation_page(request, access, consultation)


@post_only_or_back("support_office:consultation-detail", keep=("consultation_id",))
@login_required
def consultation_follow_up_add(
    request: HttpRequest, contract_id: int, consultation_id: int
) -> HttpResponse:
    access = _access(request, contract_id)
    consultation = selectors.consultation_get(access=access, consultation_id=consultation_id)
    access.require(RECORD_INCIDENT)
    form = FollowUpForm(request.POST, assignees=_office_users(access))
    if form.is_valid():
        try:
            services.follow_up_add(
                actor=request.user, access=access, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "事後の対応を登録しました。担当の人のホームに表示されます。")
            return redirect(
                "support_office:consultation-detail",
                contract_id=contract_id,
                consultation_id=consultation_id,
            )
    return _consultation_page(request, access, consultation, follow_up_form=form, status=400)
