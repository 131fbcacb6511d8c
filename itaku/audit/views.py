"""The auditor's view of the audit log, with filters (PI-10). A copy of it leaves only as an
approved export (PI-5, PI-18): the page's form asks for one, for the contract shown, with the
filters kept (``privacy.exports``, kind ``audit_log``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from itaku.audit.forms import AuditFilterForm
from itaku.audit.selectors import AuditFilter, audit_event_list, audited_contracts
from itaku.privacy.exports import FORMATS


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    contracts = audited_contracts(user=request.user)
    if not contracts:
        raise Http404
    form = AuditFilterForm(request.GET or None, contracts=contracts)
    filters = AuditFilter()
    if form.is_bound and form.is_valid():
        filters = form.filters()
    events = audit_event_list(user=request.user, filters=filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # An export is asked of one contract's supervisors, so it is for one contract: the one
    # chosen, or the only one the auditor audits.
    export_contract = None
    if not form.errors:
        chosen = filters.contract_id or (contracts[0].pk if len(contracts) == 1 else None)
        export_contract = next((c for c in contracts if c.pk == chosen), None)
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "export_contract": export_contract,
            "export_filters": {
                k: v for k, v in filters.as_parameters().items() if k != "contract_id"
            },
            "formats": list(FORMATS.items()),
        },
        status=400 if form.errors else 200,
    )
