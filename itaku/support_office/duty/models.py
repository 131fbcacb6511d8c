"""The monthly duty schedule (勤務予定表) and its shifts (SO-9, SO-10).

Kept plain on purpose: people (roster entries), days and intervals, so a later optimiser can
write the same shifts. A version is submitted before the month starts and approved by the ward
supervisor; a change after approval is a new version.
"""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, RosterEntry, acting_user_field


class DutySchedule(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "作成中"
        SUBMITTED = "submitted", "提出済み"
        APPROVED = "approved", "承認済み"
        RETURNED = "returned", "差戻し"
        SUPERSEDED = "superseded", "新しい版に変更"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_duty_schedules"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    version = models.PositiveSmallIntegerField("版", default=1)
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = acting_user_field("提出した人")
    decided_at = models.DateTimeField("承認・差戻し日時", null=True, blank=True)
    decided_by = acting_user_field("承認・差戻しした人")
    decision_note = models.CharField("差戻しの理由", max_length=500, blank=True)
    change_reason = models.CharField("変更の理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "勤務予定表"
        verbose_name_plural = "勤務予定表"
        ordering = ["contract", "-year", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year", "month", "version"], name="so_duty_schedule_version"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1) & models.Q(month__lte=12),
                name="so_duty_schedule_month_range",
            ),
        ]

    def __str__(self) -> str:
        return f"勤務予定表 {self.year}年{self.month}月 第{self.version}版"


class DutyShift(models.Model):
    """One person on post from ``starts_at`` to ``ends_at`` (a work interval; gaps between the
    same person's intervals on a day are breaks)."""

    schedule = models.ForeignKey(
        DutySchedule, verbose_name="勤務予定表", on_delete=models.CASCADE, related_name="shifts"
    )
    entry = models.ForeignKey(
        RosterEntry, verbose_name="従事者", on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField("開始")
    ends_at = models.DateTimeField("終了")

    class Meta:
        verbose_name = "勤務"
        verbose_name_plural = "勤務"
        ordering = ["starts_at", "entry"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="so_duty_shift_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"勤務 {self.pk}"
