"""The pages of a background job: its page, its progress (a fragment htmx asks for every second
until the job ends), the download of its file, and starting a failed job again. Thin: the
services decide; an outsider gets 404 everywhere."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from itaku.core import selectors
from itaku.jobs import services
from itaku.jobs.models import Job
from itaku.privacy.views import _download
from itaku.web.views import post_only_or_back


def job_page(request: HttpRequest, job: Job, *, status: int = 200) -> HttpResponse:
    """The job's page: its progress and, right after it was started, its secret (shown once).
    A start view renders it as its answer (so that the secret is in that answer only)."""
    return render(request, "jobs/job.html", {"job": job, "contract": job.contract}, status=status)


@login_required
def job_detail(request: HttpRequest, contract_id: int, job_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    job, _ = services.job_get(access=access, job_id=job_id)
    return job_page(request, job)


@login_required
def job_progress(request: HttpRequest, contract_id: int, job_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    job, _ = services.job_get(access=access, job_id=job_id)
    return render(request, "jobs/_progress.html", {"job": job})


@login_required
def job_download(request: HttpRequest, contract_id: int, job_id: int) -> HttpResponseBase:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    return _download(services.job_download(actor=request.user, access=access, job_id=job_id))


@login_required
@post_only_or_back("jobs:detail", keep=("job_id",))
def job_retry(request: HttpRequest, contract_id: int, job_id: int) -> HttpResponse:
    access = selectors.contract_get(user=request.user, contract_id=contract_id)
    job = services.job_retry(actor=request.user, access=access, job_id=job_id)
    return job_page(request, job)
