"""Pages of leak incidents: the contract's list, the report form, an incident with its deadlines
and the ward's follow-up buttons (PI-7). Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from itaku.audit.services import audit_reads
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.leaks import domain, selectors, services
from itaku.leaks.contributions import FOLLOW_LEAK, RECORD_LEAK, VIEW_LEAKS
from itaku.leaks.forms import LeakFollowForm, LeakRecordForm
from itaku.leaks.models import LeakIncident
from itaku.web.views import apply_errors, post_only_or_back


@login_required
def incident_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    rows = selectors.leak_incident_list(access=access)
    return render(
        request,
        "leaks/leak_incident_list.html",
        {
            "contract": access.contract,
            "rows": rows,
            "can_record": access.can(RECORD_LEAK),
        },
    )


@login_required
def incident_record(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Report a leak or the risk of one; the ward supervisors are told at once (PI-7)."""
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(RECORD_LEAK)
    form = LeakRecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.leak_record(
                actor=request.user, access=access, **form.service_arguments()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"漏えい等の報告(受付番号 {incident.pk})を記録し、区の監督職員に通知しました。"
                "書面での報告など、この後の対応は区の指示に従ってください。",
            )
            if access.can(VIEW_LEAKS):
                return redirect(
                    "leaks:incident-detail", contract_id=contract_id, incident_id=incident.pk
                )
            return redirect("core:contract-detail", contract_id=contract_id)
    return render(
        request,
        "leaks/leak_incident_form.html",
        {"contract": access.contract, "form": form},
        status=400 if form.errors else 200,
    )


def _detail_page(
    request: HttpRequest,
    access: ContractAccess,
    incident: LeakIncident,
    *,
    bound: LeakFollowForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # PI-9: the narratives are personal data; showing them is an access event.
    audit_reads(actor=request.user, contract=access.contract, records=[incident])
    row = selectors.leak_row(incident, access.on)
    can_follow = access.can(FOLLOW_LEAK) and incident.closed_at is None
    steps = []
    for step in row.steps:
        form = None
        if can_follow and step.step in domain.FOLLOW_STEPS and step.done_on is None:
            form = bound if bound is not None and bound.step is step.step else None
            form = form or LeakFollowForm(step=step.step)
        steps.append({"status": step, "form": form})
    return render(
        request,
        "leaks/leak_incident_detail.html",
        {
            "contract": access.contract,
            "incident": incident,
            "row": row,
            "steps": steps,
            "deadlines": domain.leak_deadlines(
                discovered_on=incident.as_dates().discovered_on, wrongdoing=incident.wrongdoing
            ),
        },
        status=status,
    )


@login_required
def incident_detail(request: HttpRequest, contract_id: int, incident_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    incident = selectors.leak_incident_get(access=access, incident_id=incident_id)
    return _detail_page(request, access, incident)


@post_only_or_back("leaks:incident-detail", keep=("incident_id",))
@login_required
def incident_follow(
    request: HttpRequest, contract_id: int, incident_id: int, step: str
) -> HttpResponse:
    """The ward supervisor records a step as done: 速報, 確報, 本人への通知, 完了 (PI-7)."""
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    incident = selectors.leak_incident_get(access=access, incident_id=incident_id)
    if step not in domain.FOLLOW_STEPS:
        raise Http404
    access.require(FOLLOW_LEAK)
    form = LeakFollowForm(request.POST, step=domain.Step(step))
    if form.is_valid():
        try:
            services.leak_follow(
                actor=request.user,
                access=access,
                incident_id=incident.pk,
                step=form.step,
                at=form.cleaned_data["at"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{form.step.label}を記録しました。")
            return redirect(
                "leaks:incident-detail", contract_id=contract_id, incident_id=incident_id
            )
    return _detail_page(request, access, incident, bound=form, status=400)
