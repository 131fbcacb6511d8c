"""Background jobs (issue 9 §7): started through the access rule, run for real (the immediate
backend in-process, and the database backend's own worker), progress shown by a fragment htmx
polls, the file sealed under the contract's key and downloaded with an audit event; an outsider
gets 404 everywhere."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from itaku.audit.models import AuditEvent
from itaku.core.domain import Action, Role
from itaku.core.tests.plugins import extra_contributions
from itaku.jobs import services
from itaku.jobs.checks import check_job_kinds
from itaku.jobs.kinds import JobKind
from itaku.jobs.models import Job
from itaku.jobs.tests import kinds
from itaku.privacy.files import file_read

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _test_kinds():
    kinds.seen.clear()
    with extra_contributions("jobs_tests", JOB_KINDS=kinds.KINDS):
        yield


@pytest.fixture
def database_tasks(settings):
    """The production backend: enqueueing writes a row; only ``db_worker`` runs it."""
    settings.TASKS = DATABASE_BACKEND


def start(world, kind="test.report", user=None, month="2026-05"):
    user = user or world.supervisor
    return services.job_start(
        actor=user, access=world.access(user), kind=kind, params={"month": month}
    )


def urls(job):
    kw = {"contract_id": job.contract_id, "job_id": job.pk}
    return {name: reverse(f"jobs:{name}", kwargs=kw) for name in ["detail", "progress", "download"]}


# ---- running ----------------------------------------------------------------------------------


def test_a_job_runs_for_real_reports_progress_and_seals_its_file(world, frozen_today, settings):
    job = start(world)
    assert job.state == Job.State.DONE and job.percent == 100
    assert job.task_result_id
    # produce saw its progress reach the database as it went, as the polling page would.
    assert kinds.seen == [
        ("running", 0, "1枚目を作っています"),
        ("running", 33, "2枚目を作っています"),
        ("running", 66, "3枚目を作っています"),
    ]
    assert job.file_name == "月次報告-2026-05.xlsx" and job.file_size == len(b"report 2026-05")
    # On disk the file is sealed under the contract's key, not in the clear.
    raw = (settings.ITAKU_FILES_DIR / "jobs" / str(job.pk)).read_bytes()
    assert b"report 2026-05" not in raw
    assert file_read(kind="jobs", name=str(job.pk)) == b"report 2026-05"
    started = AuditEvent.objects.get(action="job.start", target_id=str(job.pk))
    assert started.changes == {"kind": "test.report", "params": {"month": "2026-05"}}
    assert started.contract_id == world.contract.pk


def test_the_download_is_the_file_and_is_audited(world, frozen_today, client):
    job = start(world)
    client.force_login(world.supervisor)
    response = client.get(urls(job)["download"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"report 2026-05"
    assert response["Content-Type"] == kinds.REPORT.content_type
    assert "filename*=UTF-8''%E6%9C%88%E6%AC%A1" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="job.download", target_id=str(job.pk))
    assert event.actor == world.supervisor and event.changes["sha256"] == job.file_sha256


def test_a_failing_job_says_so_in_plain_japanese_and_can_be_started_again(
    world, frozen_today, client
):
    job = start(world, kind="test.failing")
    assert job.state == Job.State.FAILED
    assert job.message == services.FAILED_MESSAGE and "disk" not in job.message
    client.force_login(world.supervisor)
    html = client.get(urls(job)["progress"]).content.decode()
    assert "作成できませんでした。" in html and "もう一度作成する" in html
    assert "hx-trigger" not in html
    assert client.get(urls(job)["download"]).status_code == 404
    again = client.post(
        reverse("jobs:retry", kwargs={"contract_id": job.contract_id, "job_id": job.pk})
    )
    assert again.status_code == 200
    retried = Job.objects.exclude(pk=job.pk).get()
    assert retried.kind == job.kind and retried.params == job.params
    assert AuditEvent.objects.filter(action="job.start").count() == 2


def test_only_a_failed_job_is_started_again(world, frozen_today):
    job = start(world)
    with pytest.raises(Http404):
        services.job_retry(
            actor=world.supervisor, access=world.access(world.supervisor), job_id=job.pk
        )


def test_the_secret_is_shown_once_sealed_while_queued_and_erased_when_done(
    world, frozen_today, database_tasks
):
    job = start(world, kind="test.secret")
    assert job.secret_shown == "hunter2-secret"
    stored = Job.objects.get(pk=job.pk)
    assert stored.state == Job.State.QUEUED
    assert stored.secret and "hunter2" not in stored.secret
    assert stored.secret_shown == ""
    # The task's row holds the job's id only.
    task = DBTaskResult.objects.get(id=job.task_result_id)
    assert "hunter2" not in str(task.args_kwargs) and "2026-05" not in str(task.args_kwargs)
    services.job_execute(job.pk)
    done = Job.objects.get(pk=job.pk)
    assert done.state == Job.State.DONE and done.secret == ""
    assert file_read(kind="jobs", name=str(job.pk)) == b"hunter2-secret"


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_queues_the_job_and_its_worker_runs_it(
    world, frozen_today, database_tasks
):
    job = start(world)
    assert Job.objects.get(pk=job.pk).state == Job.State.QUEUED
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.finished_at is not None
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL"
    assert file_read(kind="jobs", name=str(job.pk)) == b"report 2026-05"


# ---- access -----------------------------------------------------------------------------------


def test_starting_needs_the_kinds_action(world, frozen_today):
    with pytest.raises(Http404):  # no grant on the contract at all
        start(world, user=world.outsider)
    with pytest.raises(Http404):  # a worker may not even see the roster: a read, so 404
        start(world, user=world.worker)
    write = Action("test_write", "書く", frozenset({Role.WARD_SUPERVISOR}), writes=True)
    with (
        extra_contributions(
            "jobs_tests_write",
            ACTIONS=[write],
            JOB_KINDS=[JobKind("test.write", "書く処理", write, kinds.make_report)],
        ),
        pytest.raises(PermissionDenied),
    ):
        start(world, kind="test.write", user=world.auditor)
    assert not Job.objects.exists()


def test_a_kind_for_another_service_cannot_be_started(world, frozen_today):
    other = JobKind("test.other", "別の業務", kinds.REPORT.action, kinds.make_report, "ichou")
    with extra_contributions("jobs_tests_other", JOB_KINDS=[other]), pytest.raises(Http404):
        start(world, kind="test.other")


def test_access_is_checked_again_when_the_job_runs(world, frozen_today, database_tasks):
    job = start(world)
    world.supervisor.is_active = False
    world.supervisor.save()
    services.job_execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not job.file_name


def test_the_kinds_action_is_checked_again_when_the_job_runs(world, frozen_today, database_tasks):
    """The supervisor still sees the contract, but a write is no longer allowed once it ended."""
    write = Action("test_write", "書く", frozenset({Role.WARD_SUPERVISOR}), writes=True)
    with extra_contributions(
        "jobs_tests_write",
        ACTIONS=[write],
        JOB_KINDS=[JobKind("test.write", "書く処理", write, kinds.make_report)],
    ):
        job = start(world, kind="test.write")
        world.contract.state = "ended"
        world.contract.save()
        services.job_execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not job.file_name


@pytest.mark.parametrize("persona", ["outsider", "worker"])
def test_an_outsider_gets_404_on_the_job_page_its_progress_and_download(
    world, frozen_today, client, persona
):
    job = start(world)
    client.force_login(world.user(persona))
    for url in urls(job).values():
        assert client.get(url).status_code == 404
    retry = reverse("jobs:retry", kwargs={"contract_id": job.contract_id, "job_id": job.pk})
    assert client.post(retry).status_code == 404
    assert not AuditEvent.objects.filter(action="job.download").exists()


def test_a_job_is_not_found_through_another_contract(world, frozen_today, client):
    job = start(world)
    client.force_login(world.admin)
    kw = {"contract_id": world.other_contract.pk, "job_id": job.pk}
    for name in ["detail", "progress", "download"]:
        assert client.get(reverse(f"jobs:{name}", kwargs=kw)).status_code == 404


def test_a_job_of_a_kind_no_app_declares_any_more_is_nobodys(world, frozen_today, client):
    job = start(world)
    Job.objects.filter(pk=job.pk).update(kind="gone.kind")
    client.force_login(world.supervisor)
    assert client.get(urls(job)["detail"]).status_code == 404


# ---- the progress fragment --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "done", "total", "shows", "polls"),
    [
        ("queued", 0, 0, ["順番を待っています…", "<progress"], True),
        ("running", 2, 5, ["作成中… 40%", 'value="40"', "（2/5）"], True),
        ("done", 5, 5, ["できあがりました。", "をダウンロードする"], False),
        ("failed", 1, 5, ["作成できませんでした。", "もう一度作成する"], False),
    ],
)
def test_the_progress_fragment_shows_each_state(
    world, frozen_today, client, database_tasks, state, done, total, shows, polls
):
    job = start(world)
    Job.objects.filter(pk=job.pk).update(
        state=state, progress_done=done, progress_total=total, file_name="r.xlsx"
    )
    client.force_login(world.supervisor)
    response = client.get(urls(job)["progress"])
    assert response.status_code == 200
    html = response.content.decode()
    for text in shows:
        assert text in html
    assert ('hx-trigger="every 1s"' in html) is polls
    assert (urls(job)["progress"] in html) is polls
    assert (urls(job)["download"] in html) is (state == "done")
    assert "<html" not in html  # a fragment, put in place by htmx


def test_the_include_renders_on_any_page(world, frozen_today, database_tasks):
    job = start(world)
    html = render_to_string("jobs/_progress.html", {"job": job})
    assert f'id="job-{job.pk}"' in html and "試験用の報告書の作成" in html
    assert re.search(r'<label[^>]*for="job-\d+-bar"', html)


def test_the_latest_job_of_a_kind_is_the_users_own(world, frozen_today):
    start(world, month="2026-04")
    latest = start(world, month="2026-05")
    start(world, user=world.auditor)
    assert services.job_latest(access=world.access(world.supervisor), kind="test.report") == latest
    assert services.job_latest(access=world.access(world.worker), kind="test.report") is None


# ---- declarations -----------------------------------------------------------------------------


def test_the_check_refuses_incomplete_job_kinds(world):
    undeclared = Action("nobody_declares", "誰も宣言しない", frozenset())
    bad = [
        JobKind("NoDot", "名前が悪い", kinds.REPORT.action, kinds.make_report),
        JobKind("test.report", "重複", kinds.REPORT.action, kinds.make_report),
        JobKind("test.undeclared", "操作がない", undeclared, kinds.make_report),
        JobKind("test.service", "業務がない", kinds.REPORT.action, kinds.make_report, "bakery"),
        JobKind("test.produce", "作れない", kinds.REPORT.action, "itaku.jobs.tests.kinds.nothing"),
    ]
    assert check_job_kinds() == []
    with extra_contributions("jobs_tests_bad", JOB_KINDS=bad):
        ids = sorted(error.id for error in check_job_kinds())
    assert ids == ["itaku.E201", "itaku.E202", "itaku.E203", "itaku.E204", "itaku.E205"]


def test_pi8_the_files_jobs_made_are_deleted_with_the_contracts_data(world, frozen_today, settings):
    from itaku.privacy.tests.test_contract_end import destroy, returned

    job = start(world)
    other = start(world, user=world.supervisor, month="2026-04")
    assert (settings.ITAKU_FILES_DIR / "jobs" / str(job.pk)).exists()
    returned(world)
    certificate = destroy(world)
    assert certificate.counts["jobs"] == 2
    assert not (settings.ITAKU_FILES_DIR / "jobs" / str(job.pk)).exists()
    assert not (settings.ITAKU_FILES_DIR / "jobs" / str(other.pk)).exists()
