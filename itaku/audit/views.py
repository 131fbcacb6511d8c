"""The auditor's view of the audit log, with filters and a CSV download (PI-10)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from itaku.audit.forms import AuditFilterForm
from itaku.audit.selectors import AuditFilter, audit_event_list, audited_contracts
from itaku.audit.services import audit_record

CSV_COLUMNS = ["連番", "連鎖", "日時", "操作者", "立場", "契約番号", "操作", "対象の種類",
               "対象のID", "変更内容", "リクエストID", "接続元", "ハッシュ値"]  # fmt: skip


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    contracts = audited_contracts(user=request.user)
    if not contracts:
        raise Http404
    form = AuditFilterForm(request.GET or None, contracts=contracts)
    filters = AuditFilter()
    if form.is_bound and form.is_valid():
        filters = AuditFilter(**{k: v for k, v in form.cleaned_data.items() if k != "contract"},
                              contract_id=form.cleaned_data["contract"])  # fmt: skip
    events = audit_event_list(user=request.user, filters=filters)
    if request.GET.get("format") == "csv":
        return _csv(request, events, filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )


def _csv(request: HttpRequest, events, filters: AuditFilter) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The filtered log as CSV (UTF-8 with BOM, so Excel opens it); the download is audited."""
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="audit.export",
            changes={k: str(v) for k, v in vars(filters).items() if v not in (None, "")},
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for e in events.iterator():
        writer.writerow([
            e.seq, e.chain, timezone.localtime(e.occurred_at).isoformat(timespec="seconds"),
            e.actor.username if e.actor else "", e.acting_role,
            e.contract.number if e.contract else "",
            e.action, e.target_type, e.target_id, e.changes, e.request_id, e.source_ip or "",
            e.hash,
        ])  # fmt: skip
    return response
