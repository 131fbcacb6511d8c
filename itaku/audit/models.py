"""The audit log: one row per change, export, login or read of sensitive data (PI-9, PI-10).

Rows form hash chains, one per contract and one (``platform``) for events with no contract: each
row stores ``sha256(previous hash ‖ canonical bytes of the event)`` of its chain, so an altered,
deleted or reordered row breaks its chain at its index (``manage.py audit_verify``). Rows written
before the split keep their single global chain, ``legacy`` (``itaku.audit.chain``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One audited event. Rows are only ever added (``itaku.audit.services.audit_record``).

    Kept for the life of the contract and returned with it (PI-8). Times are stored in UTC and
    shown in Tokyo time.
    """

    # The chain the event belongs to (``chain.chain_key``) and its number in that chain. Numbers
    # are not global: a global counter would make every writer wait for one lock. Across chains,
    # events are ordered by time and id.
    chain = models.CharField("連鎖", max_length=40)
    seq = models.BigIntegerField("連鎖内の連番")
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
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.chain} {self.seq} {self.occurred_at:%Y-%m-%d %H:%M} {self.action}"


class AuditHead(models.Model):
    """The end of one chain: its last sequence number and hash. One row per chain, locked by each
    append to that chain, so concurrent writers on one contract cannot fork its chain while
    writers on other contracts go on. Created on the chain's first event. Kept for ever."""

    chain = models.CharField("連鎖", max_length=40)
    contract = models.ForeignKey(
        "core.Contract",
        verbose_name="契約",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seq = models.BigIntegerField("最後の連番", default=0)
    hash = models.CharField("最後のハッシュ値", max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "監査記録の末尾"
        verbose_name_plural = "監査記録の末尾"
        constraints = [models.UniqueConstraint(fields=["chain"], name="audit_head_chain_unique")]

    def __str__(self) -> str:
        return f"{self.chain} {self.seq} {self.hash[:12]}…"
