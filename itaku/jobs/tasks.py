"""The one task of the platform's background jobs: run a job by its id. Its only argument is the
id, so nothing of the job's content is in the task queue's table."""

from __future__ import annotations

from django_tasks import task

from itaku.jobs.services import job_execute


@task()
def job_run(job_id: int) -> None:
    job_execute(job_id)
