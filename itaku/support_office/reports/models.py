"""Daily and monthly reports, ad-hoc reports and the monthly performance confirmation
(SO-13 … SO-16)."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, ObligationItem, User, acting_user_field
from itaku.privacy.fields import SealedTextField
from itaku.privacy.models import Attachment


class ReportState(models.TextChoices):
    DRAFT = "draft", "作成中"
    SUBMITTED = "submitted", "提出済み"
    ACKNOWLEDGED = "acknowledged", "確認済み"


class SubmittedReport(models.Model):
    """What a daily and a monthly report share: generated figures frozen into ``data`` on
    submission, the manager's remarks, the obligation item it meets, who submitted and who
    acknowledged it."""

    state = models.CharField(
        "状態", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    data = models.JSONField("報告の内容", default=dict, blank=True)
    remarks = SealedTextField("特記事項", blank=True)
    obligation_item = models.ForeignKey(
        ObligationItem,
        verbose_name="提出物",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = acting_user_field("提出した人")
    acknowledged_at = models.DateTimeField("確認日時", null=True, blank=True)
    acknowledged_by = acting_user_field("確認した人")

    class Meta:
        abstract = True


class DailyReport(SubmittedReport):
    """The day's report (日報), generated from the day's records, reviewed and submitted by the
    manager, acknowledged by the ward (SO-13). ``data`` is what was submitted, frozen."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_daily_reports"
    )
    day = models.DateField("実施日")

    class Meta:
        verbose_name = "日報"
        verbose_name_plural = "日報"
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "day"], name="so_daily_report_one_per_day")
        ]

    def __str__(self) -> str:
        return f"日報 {self.day}"


class MonthlyReport(SubmittedReport):
    """The month's report (月報) for the previous month (SO-14)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_monthly_reports"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")

    class Meta:
        verbose_name = "月報"
        verbose_name_plural = "月報"
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year", "month"], name="so_monthly_report_one_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"月報 {self.year}年{self.month}月"


class AdHocReport(models.Model):
    """A written report outside the daily and monthly ones (随時報告), or one the ward asked
    for (SO-15)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_adhoc_reports"
    )
    title = models.CharField("件名", max_length=200)
    body = SealedTextField("報告の内容")
    asked_by_ward = models.BooleanField("区の求めによる報告", default=False)
    attachment = models.ForeignKey(
        Attachment,
        verbose_name="添付ファイル",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        User, verbose_name="報告した人", on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField("報告日時")
    read_at = models.DateTimeField("区が確認した日時", null=True, blank=True)
    read_by = acting_user_field("区で確認した人")

    class Meta:
        verbose_name = "随時報告"
        verbose_name_plural = "随時報告"
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return self.title


class PerformanceConfirmation(models.Model):
    """The ward supervisor's confirmation of a month's performance (履行確認), with the amount of
    the month's invoice: what the month's payment depends on (SO-16)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_confirmations"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    monthly_report = models.OneToOneField(
        MonthlyReport, verbose_name="月報", on_delete=models.PROTECT, related_name="confirmation"
    )
    amount = models.PositiveIntegerField("請求額(円)")
    note = models.CharField("備考", max_length=500, blank=True)
    confirmed_by = models.ForeignKey(
        User, verbose_name="確認した人", on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField("確認日時")

    class Meta:
        verbose_name = "履行確認"
        verbose_name_plural = "履行確認"
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year", "month"], name="so_confirmation_one_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"履行確認 {self.year}年{self.month}月"
