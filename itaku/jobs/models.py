"""A piece of background work (``Job``): who asked for it on which contract, how far it has come,
and the file it made. The file itself is sealed on disk under the contract's key
(``privacy.files``, kind ``jobs``), so it is shredded with the contract's data (PI-8)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "待機中"
        RUNNING = "running", "作成中"
        DONE = "done", "完了"
        FAILED = "failed", "失敗"

    contract = models.ForeignKey(
        "core.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="jobs"
    )
    kind = models.CharField(max_length=100)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Plain values only (ids, choices, a month): never personal data, which a job reads from the
    # records it works on.
    params = models.JSONField(default=dict, blank=True)
    # A value the requester is shown once and nobody keeps (a package's password): sealed under
    # the contract's key while the job runs, erased when it ends.
    secret = models.TextField(blank=True, default="")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True, default="")
    file_name = models.CharField(max_length=200, blank=True, default="")
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True, default="")
    result_url = models.CharField(max_length=300, blank=True, default="")
    result_label = models.CharField(max_length=100, blank=True, default="")
    task_result_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["contract", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    # Set by ``job_start`` on the job it returns, never stored: the secret to show once.
    secret_shown: str = ""

    @property
    def declaration(self) -> Any:
        from itaku.jobs.registry import job_kinds

        return job_kinds().get(self.kind)

    @property
    def label(self) -> str:
        return self.declaration.label if self.declaration else self.kind

    @property
    def reveal_label(self) -> str:
        return self.declaration.reveal_label if self.declaration else ""

    @property
    def back(self) -> tuple[str, str] | None:
        """The page the job was started from, to go back to: (URL, words of the link)."""
        kind = self.declaration
        if not kind or not kind.back or self.contract_id is None:
            return None
        return reverse(kind.back, kwargs={"contract_id": self.contract_id}), kind.back_label

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
