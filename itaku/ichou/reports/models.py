"""The monthly implementation report of いちょう学級 (実施報告, IC-24, 仕様書 14(3)) once submitted:
its figures frozen as the ward received them, and the obligation item it meets."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, ObligationItem, acting_user_field


class MonthlyImplementationReport(models.Model):
    """A month's report as submitted: ``data`` holds counts and labels only (figures.py)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_monthly_reports"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    data = models.JSONField("報告の内容", default=dict, blank=True)
    obligation_item = models.ForeignKey(
        ObligationItem,
        verbose_name="提出物",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提出日時")
    submitted_by = acting_user_field("提出した人")

    class Meta:
        verbose_name = "月ごとの実施報告"
        verbose_name_plural = "月ごとの実施報告"
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year", "month"], name="ic_monthly_report_one_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"実施報告 {self.year}年{self.month}月"
