"""Starting, running and downloading background jobs (docs/decisions/0005-background-jobs.md).

``job_start`` checks the kind's action on the contract, records the job and enqueues its task
(``tasks.job_run``) in the same transaction: with the database backend the task's row is
committed with the job or not at all. The worker (``manage.py db_worker``) runs it: the access is
worked out again for the requester, the kind's ``produce`` reports progress, and its file is
sealed under the contract's key. Every start and download is audited."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import OperationalError, connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess, contract_access
from itaku.jobs.kinds import JobKind, JobLink, JobRun
from itaku.jobs.models import Job
from itaku.jobs.registry import job_kind
from itaku.privacy import crypto, keystore
from itaku.privacy.files import Download, file_open, file_write
from itaku.privacy.keys import contract_key

logger = logging.getLogger(__name__)

FILES = "jobs"
SEALED_CONTEXT = "jobs.job.secret"
FAILED_MESSAGE = "作成できませんでした。時間をおいて、もう一度お試しください。"


def _require(kind: JobKind, access: ContractAccess | None) -> None:
    if access is None:
        raise Http404
    if kind.service_kind and access.contract.service_kind != kind.service_kind:
        raise Http404
    access.require(kind.action)


def job_start(
    *,
    actor: Any,
    access: ContractAccess,
    kind: str,
    params: dict[str, Any] | None = None,
) -> Job:
    """Record a job of ``kind`` on the access's contract and enqueue it; returns the job,
    ``queued`` (or already finished, with the immediate backend the tests use).

    ``params``: plain JSON values the kind's ``produce`` reads (no personal data: they are stored
    in the clear with the job). If the kind has a ``secret``, it is made now, kept sealed until
    the job ends, and given back once as ``job.secret_shown`` for the start page to show."""
    from itaku.jobs.tasks import job_run

    declared = job_kind(kind)
    _require(declared, access)
    secret = declared.secret() if declared.secret else ""
    with transaction.atomic():
        job = Job(
            contract=access.contract,
            kind=declared.key,
            requested_by=actor,
            params=params or {},
            message="順番を待っています",
        )
        if secret:
            key_id, key = contract_key(access.contract.pk)
            job.secret = crypto.seal(
                key=key, key_id=key_id, context=SEALED_CONTEXT, plaintext=secret
            )
        job.save()
        audit_record(
            actor=actor,
            action="job.start",
            target=job,
            contract=access.contract,
            changes={"kind": declared.key, "params": job.params},
        )
        result = job_run.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, task_result_id="").update(task_result_id=str(result.id))
    job.refresh_from_db()
    job.secret_shown = secret
    return job


def job_retry(*, actor: Any, access: ContractAccess, job_id: Any) -> Job:
    """Start the failed job again, as a new job with the same kind and parameters."""
    job, kind = job_get(access=access, job_id=job_id)
    if job.state != Job.State.FAILED:
        raise Http404
    return job_start(actor=actor, access=access, kind=kind.key, params=job.params)


def _secret(job: Job) -> str:
    token = crypto.parse(job.secret) if job.secret else None
    if token is None:
        return ""
    return crypto.open_sealed(key=keystore.get(token.key_id), token=token, context=SEALED_CONTEXT)


def _progress(job: Job) -> Callable[[int, int, str], None]:
    def progress(done: int, total: int, message: str = "") -> None:
        # Progress is a hint for the page: a database too busy to take it this moment (SQLite
        # answers "table is locked" while the page's poll reads the row) must not fail the work;
        # the next update or the job's end says where it stands.
        try:
            with transaction.atomic():
                Job.objects.filter(pk=job.pk).update(
                    progress_done=max(0, done),
                    progress_total=max(0, total),
                    message=message[:200],
                )
        except OperationalError:
            logger.warning("job %s: progress not recorded, the database was busy", job.pk)

    return progress


def _finish(job_id: int, **fields: Any) -> None:
    """Write the job's end. On SQLite a reader of the row (the page polling it) can hold the
    table for a moment; the end is written again a few times before the error is let through."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                Job.objects.filter(pk=job_id).update(finished_at=timezone.now(), **fields)
            return
        except OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.1 * (attempt + 1))


def job_execute(job_id: int) -> None:
    """Run one job (in the worker). A failure of the kind's work marks the job failed with a
    plain Japanese message; the details go to the log by job id only."""
    job = Job.objects.select_related("contract", "requested_by").filter(pk=job_id).first()
    if job is None or job.state != Job.State.QUEUED:
        return
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.RUNNING, started_at=timezone.now(), message="作成を始めました"
    )
    try:
        kind = job_kind(job.kind)
        access = contract_access(job.requested_by, job.contract_id) if job.contract_id else None
        _require(kind, access)
        produce = import_string(kind.produce) if isinstance(kind.produce, str) else kind.produce
        run = JobRun(
            job=job,
            params=job.params,
            actor=job.requested_by,
            access=access,
            secret=_secret(job),
            progress=_progress(job),
        )
        # In the worker each progress update commits at once, so the page sees it. Run inside a
        # caller's transaction (the immediate backend), the work gets a savepoint of its own, so a
        # failure rolls back its writes and leaves the caller's transaction usable.
        if connection.in_atomic_block:
            with transaction.atomic():
                output = produce(run)
        else:
            output = produce(run)
        fields: dict[str, Any] = {}
        if isinstance(output, JobLink):
            fields = {"result_url": output.url, "result_label": output.label}
        else:
            filename, data = output
            file_write(kind=FILES, name=str(job.pk), contract_id=job.contract_id, data=data)
            fields = {
                "file_name": filename,
                "file_size": len(data),
                "file_sha256": hashlib.sha256(data).hexdigest(),
            }
        _finish(job.pk, state=Job.State.DONE, message="できあがりました", secret="", **fields)
    except Exception:  # Http404 and PermissionDenied too: the access was lost meanwhile
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job.pk, state=Job.State.FAILED, message=FAILED_MESSAGE, secret="")


def job_get(*, access: ContractAccess | None, job_id: Any) -> tuple[Job, JobKind]:
    """A job of the access's contract whose kind's action the user holds; 404 otherwise (an
    outsider, another contract's job, a kind no app declares)."""
    if access is None:
        raise Http404
    job = Job.objects.filter(contract=access.contract, pk=job_id).first()
    if job is None:
        raise Http404
    kind = job_kind(job.kind)
    if not access.can(kind.action):
        raise Http404
    return job, kind


def job_latest(*, access: ContractAccess, kind: str) -> Job | None:
    """The user's latest job of ``kind`` on the contract (for a page to show its progress)."""
    declared = job_kind(kind)
    if not access.can(declared.action):
        return None
    return (
        Job.objects.filter(contract=access.contract, kind=declared.key, requested_by=access.user)
        .order_by("-created_at", "-pk")
        .first()
    )


def job_download(*, actor: Any, access: ContractAccess, job_id: Any) -> Download:
    """The file a finished job made (audited); 404 before it is done or for a linked result."""
    job, kind = job_get(access=access, job_id=job_id)
    if job.state != Job.State.DONE or not job.file_name:
        raise Http404
    chunks = file_open(kind=FILES, name=str(job.pk))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="job.download",
            target=job,
            contract=access.contract,
            changes={"kind": job.kind, "sha256": job.file_sha256},
        )
    return Download(filename=job.file_name, content_type=kind.content_type, data=chunks)
