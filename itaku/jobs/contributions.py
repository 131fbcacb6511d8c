"""What the jobs app adds to the platform: the ``JOB_KINDS`` extension point and the audit
events of starting a job and downloading its file."""

from __future__ import annotations

from itaku.core.registry import AuditEventKind
from itaku.jobs.kinds import JobKind

EXTENSION_POINTS = {"JOB_KINDS": JobKind}

AUDIT_EVENTS = [
    AuditEventKind("job.start", "バックグラウンド処理の開始"),
    AuditEventKind("job.download", "バックグラウンド処理で作成したファイルのダウンロード"),
]
