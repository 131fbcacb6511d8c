"""The job kinds the apps declared (``JOB_KINDS``), by key."""

from __future__ import annotations

from django.http import Http404

from itaku.core import registry
from itaku.jobs.kinds import JobKind


def job_kinds() -> dict[str, JobKind]:
    return {kind.key: kind for kind in registry.declared("JOB_KINDS")}


def job_kind(key: str) -> JobKind:
    """The declared kind, or 404 (a job of a kind no installed app declares is nobody's)."""
    try:
        return job_kinds()[key]
    except KeyError:
        raise Http404 from None
