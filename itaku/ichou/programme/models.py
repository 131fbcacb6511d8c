"""The annual programme (年間プログラム) of いちょう学級 and its activities (IC-3 … IC-8, IC-23),
and the staff put on each activity by hand (IC-17, IC-18).

A programme is one version of a fiscal year's plan: drafted by the contractor, submitted to and
approved (or returned) by the ward supervisor; a change after approval is a new version, a copy
of the approved one. The staffing plan is kept plain on purpose (an activity and a roster entry)
so that a later optimiser can write the same rows.
"""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, RosterEntry, acting_user_field
from itaku.ichou.domain import ACTIVITY_LABELS, ActivityKind


class Programme(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "作成中"
        SUBMITTED = "submitted", "提出済み"
        APPROVED = "approved", "承認済み"
        RETURNED = "returned", "差戻し"
        SUPERSEDED = "superseded", "新しい版に変更"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_programmes"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版", default=1)
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = acting_user_field("提出した人")
    decided_at = models.DateTimeField("承認・差戻し日時", null=True, blank=True)
    decided_by = acting_user_field("承認・差戻しした人")
    return_note = models.CharField("差戻しの理由", max_length=500, blank=True)
    change_reason = models.CharField("変更の理由", max_length=500, blank=True)
    # IC-35: the 協議記録 of a change after approval (仕様書 7(1): 変更は事前に協議).
    agreement = models.ForeignKey(
        "ichou.Agreement",
        verbose_name="変更の協議記録",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "年間プログラム"
        verbose_name_plural = "年間プログラム"
        ordering = ["contract", "-fiscal_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "fiscal_year", "version"], name="ic_programme_version"
            )
        ]

    def __str__(self) -> str:
        return f"年間プログラム {self.fiscal_year}年度 第{self.version}版"


class Activity(models.Model):
    """One activity of a programme version: a group's (``"1"``, ``"2"``) or both groups'
    together (``"joint"``). An overnight trip ends on ``end_date`` (the next day when empty)."""

    KINDS = [(k.value, ACTIVITY_LABELS[k]) for k in ActivityKind]

    class Group(models.TextChoices):
        FIRST = "1", "第1グループ"
        SECOND = "2", "第2グループ"
        JOINT = "joint", "合同"

    programme = models.ForeignKey(
        Programme,
        verbose_name="年間プログラム",
        on_delete=models.CASCADE,
        related_name="activities",
    )
    kind = models.CharField("種類", max_length=30, choices=KINDS)
    date = models.DateField("実施日")
    end_date = models.DateField("終了日", null=True, blank=True)
    start = models.TimeField("開始時刻")
    end = models.TimeField("終了時刻")
    group = models.CharField("グループ", max_length=10, choices=Group.choices)
    place = models.CharField("場所", max_length=200, blank=True)
    lecturer = models.CharField("講師", max_length=200, blank=True)
    content = models.TextField("内容", max_length=2000, blank=True)
    # Planning only: a later part computes it from the registrations.
    expected_participants = models.PositiveIntegerField("参加見込み人数", default=0)
    # IC-23: a cancellation for weather, agreed with the ward in advance, with the notice sent.
    cancelled_for_weather = models.BooleanField("荒天による中止", default=False)
    cancellation_agreed_on = models.DateField("中止を区と合意した日", null=True, blank=True)
    cancellation_notice_sent_on = models.DateField("中止の通知を送った日", null=True, blank=True)
    # IC-35: the 協議記録 of the cancellation (仕様書 13(3): あらかじめ発注者と協議).
    cancellation_agreement = models.ForeignKey(
        "ichou.Agreement",
        verbose_name="中止の協議記録",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "活動"
        verbose_name_plural = "活動"
        ordering = ["date", "start", "group", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"


class StaffAssignment(models.Model):
    """One roster entry planned on one activity (IC-17, IC-18), by hand."""

    activity = models.ForeignKey(
        Activity, verbose_name="活動", on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        RosterEntry, verbose_name="従事者", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "活動の従事者"
        verbose_name_plural = "活動の従事者"
        ordering = ["activity", "entry"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "entry"], name="ic_assignment_once")
        ]

    def __str__(self) -> str:
        return f"活動の従事者 {self.pk}"
