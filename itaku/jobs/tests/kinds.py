"""Job kinds of a report that exists only for the tests: one that reports progress and makes a
small file, one that fails, one that needs a secret."""

from __future__ import annotations

from itaku.core.contributions import VIEW_ROSTER
from itaku.jobs.kinds import JobKind, JobRun
from itaku.jobs.models import Job

# What each run saw of its own progress, as the page would (read back from the database).
seen: list[tuple[str, int, str]] = []


def make_report(run: JobRun) -> tuple[str, bytes]:
    for done in range(3):
        run.progress(done, 3, f"{done + 1}枚目を作っています")
        job = Job.objects.get(pk=run.job.pk)
        seen.append((job.state, job.percent, job.message))
    return f"月次報告-{run.params['month']}.xlsx", f"report {run.params['month']}".encode()


def fail(run: JobRun) -> tuple[str, bytes]:
    run.progress(1, 2, "途中まで")
    raise RuntimeError("the disk is full")


def with_secret(run: JobRun) -> tuple[str, bytes]:
    return "secret.txt", run.secret.encode()


REPORT = JobKind(
    key="test.report",
    label="試験用の報告書の作成",
    action=VIEW_ROSTER,
    produce=make_report,
    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
FAILING = JobKind(key="test.failing", label="失敗する処理", action=VIEW_ROSTER, produce=fail)
SECRET = JobKind(
    key="test.secret",
    label="合言葉つきの処理",
    action=VIEW_ROSTER,
    produce="itaku.jobs.tests.kinds.with_secret",
    secret=lambda: "hunter2-secret",
)
KINDS = [REPORT, FAILING, SECRET]
