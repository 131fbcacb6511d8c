"""The staff records of いちょう学級: the operations and crisis manuals as versioned documents
(仕様書 11(5), IC-21), and the training plans and reports (仕様書 12, IC-22; 20(3), IC-30).

A manual version is never overwritten: a new one is a new row with the next number of its kind,
submitted by the manager and acknowledged by the ward supervisor; the current manual is the
latest acknowledged version. A training plan is shown to the ward before the training, its
report written after it with the roster entries who attended."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, RosterEntry, acting_user_field
from itaku.ichou.staff.rules import MANUAL_KINDS, TOPIC_LABELS, TOPICS
from itaku.privacy.fields import SealedTextField


class ManualVersion(models.Model):
    KINDS = [(k, MANUAL_KINDS[k]) for k in MANUAL_KINDS]

    class State(models.TextChoices):
        SUBMITTED = "submitted", "提出済み"
        ACKNOWLEDGED = "acknowledged", "受領済み"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_manuals"
    )
    kind = models.CharField("種類", max_length=20, choices=KINDS)
    number = models.PositiveIntegerField("版")
    document = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="マニュアルのファイル",
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField("変更の概要", max_length=2000, blank=True)
    submitted_on = models.DateField("提出日")
    submitted_by = acting_user_field("提出した人")
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.SUBMITTED)
    acknowledged_at = models.DateTimeField("受領日時", null=True, blank=True)
    acknowledged_by = acting_user_field("受領した人")

    class Meta:
        verbose_name = "マニュアルの版"
        verbose_name_plural = "マニュアルの版"
        ordering = ["contract", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "kind", "number"], name="ic_manual_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} 第{self.number}版"


class TrainingPlan(models.Model):
    TOPICS = [(t, TOPIC_LABELS[t]) for t in TOPICS]
    MONTHS = [(m, f"{m}月") for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_training_plans"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    topic = models.CharField("テーマ", max_length=30, choices=TOPICS)
    planned_month = models.PositiveSmallIntegerField("実施予定月", choices=MONTHS)
    target = models.CharField("対象者", max_length=200)
    outline = models.TextField("内容の予定", max_length=2000, blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "研修計画"
        verbose_name_plural = "研修計画"
        ordering = ["contract", "-fiscal_year", "pk"]

    def __str__(self) -> str:
        return f"研修計画 {self.fiscal_year}年度 {self.get_topic_display()}"


class TrainingReport(models.Model):
    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_training_reports"
    )
    plan = models.OneToOneField(
        TrainingPlan, verbose_name="研修計画", on_delete=models.PROTECT, related_name="report"
    )
    held_on = models.DateField("実施日")
    content = SealedTextField("実施した内容")
    attendees = models.ManyToManyField(RosterEntry, verbose_name="受講した従事者", related_name="+")
    materials = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="研修資料",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = acting_user_field("報告した人")
    created_at = models.DateTimeField("報告日時", auto_now_add=True)

    class Meta:
        verbose_name = "研修報告"
        verbose_name_plural = "研修報告"
        ordering = ["contract", "held_on", "pk"]

    def __str__(self) -> str:
        return f"研修報告 {self.pk}"
