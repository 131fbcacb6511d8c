"""The audit log: one row per change, export, login or read of sensitive data (PI-9, PI-10).

Rows form a hash chain: each stores ``sha256(previous hash ‖ canonical bytes of the event)``, so
an altered, deleted or reordered row breaks the chain at its index (``manage.py audit_verify``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One audited event. Rows are only ever added (``itaku.audit.services.audit_record``).

    Kept for the life of the contract and returned with it (PI-8). Times are stored in UTC and
    shown in Tokyo time.
    """

    seq = models.BigIntegerField("連番", unique=True)
    occurred_at = models.DateTimeField("日時", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contract = models.ForeignKey(
        "core.Contract",
        verbose_name="契約",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting_role = models.CharField("操作時の立場", max_length=100, blank=True)
    action = models.CharField("操作", max_length=60, db_index=True)
    target_type = models.CharField("対象の種類", max_length=60, blank=True)
    target_id = models.CharField("対象のID", max_length=40, blank=True)
    changes = models.JSONField("変更内容", default=dict, blank=True)
    request_id = models.CharField("リクエストID", max_length=64, blank=True)
    source_ip = models.GenericIPAddressField("接続元アドレス", null=True, blank=True)
    hash = models.CharField("ハッシュ値", max_length=64)

    class Meta:
        verbose_name = "監査記録"
        verbose_name_plural = "監査記録"
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"{self.seq} {self.occurred_at:%Y-%m-%d %H:%M} {self.action}"


class AuditHead(models.Model):
    """The end of the chain: the last sequence number and hash. One row, locked by each append,
    so concurrent writers cannot fork the chain. Kept for ever."""

    seq = models.BigIntegerField("最後の連番", default=0)
    hash = models.CharField("最後のハッシュ値", max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "監査記録の末尾"
        verbose_name_plural = "監査記録の末尾"

    def __str__(self) -> str:
        return f"{self.seq} {self.hash[:12]}…"
