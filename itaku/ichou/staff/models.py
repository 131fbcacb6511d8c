"""The staff records of いちょう学級: the operations and crisis manuals as versioned documents
(仕様書 11(5), IC-21), and the training plans and reports (仕様書 12, IC-22; 20(3), IC-30).

A manual version is never overwritten: a new one is a new row with the next number of its kind,
submitted by the manager and acknowledged by the ward supervisor; the current manual is the
latest acknowledged version. A training plan is shown to the ward before the training, its
report written after it with the roster entries who attended.

The recruitment of volunteers and nurses (仕様書 10(4), IC-20): each publicity the contractor
did (広報), and each applicant (応募者) through 応募 → 面談 → 採用 / 不採用 / 辞退; a hired
applicant becomes a new roster entry that waits for the ward's approval like any other."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from itaku.core.models import Contract, RosterEntry, acting_user_field
from itaku.ichou.staff import rules
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


ROLE_CHOICES = list(rules.RECRUIT_ROLES.items())


class Publicity(models.Model):
    """One recruitment the contractor did for volunteers or nurses (仕様書 10(4) 広報活動, IC-20):
    where and how, when, how many places it sought. Kept with the contract's records until they
    are returned to the ward."""

    CHANNELS = list(rules.CHANNEL_LABELS.items())

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_publicities"
    )
    role = models.CharField("募集する役割", max_length=20, choices=ROLE_CHOICES)
    channel = models.CharField("広報の方法", max_length=30, choices=CHANNELS)
    description = models.CharField("掲載先・内容", max_length=200, blank=True)
    published_on = models.DateField("実施日")
    places = models.PositiveSmallIntegerField("募集人数")
    created_by = acting_user_field("登録した人")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "募集(広報)"
        verbose_name_plural = "募集(広報)"
        ordering = ["contract", "-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="ic_publicity_places_positive")
        ]

    def __str__(self) -> str:
        day = self.published_on
        return (
            f"{self.get_channel_display()}({self.get_role_display()}・"
            f"{day.year}年{day.month}月{day.day}日)"
        )


class Applicant(models.Model):
    """A person who applied to work as a volunteer or a nurse (応募者, IC-20). The name, the
    reading, the contacts, the licence number and the reason of a decision are personal data,
    sealed under the contract's key. Kept with the contract's records until they are returned;
    a hired applicant points at the roster entry made for them."""

    STATUSES = list(rules.STATUS_LABELS.items())

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_applicants"
    )
    role = models.CharField("応募した役割", max_length=20, choices=ROLE_CHOICES)
    family_name = SealedTextField("姓")
    given_name = SealedTextField("名")
    family_name_kana = SealedTextField("姓(ふりがな)")
    given_name_kana = SealedTextField("名(ふりがな)")
    phone = SealedTextField("電話番号", blank=True)
    email = SealedTextField("メールアドレス", blank=True)
    # IC-17: a volunteer counts as staff only from 18 (``rules.hire_problems``).
    birth_date = models.DateField("生年月日", null=True, blank=True)
    # IC-18: a nurse counts only with the licence.
    has_licence = models.BooleanField("看護師免許を確認した", default=False)
    licence_number = SealedTextField("看護師免許の登録番号", blank=True)
    publicity = models.ForeignKey(
        Publicity,
        verbose_name="きっかけの募集",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applicants",
    )
    status = models.CharField(
        "状態", max_length=20, choices=STATUSES, default=rules.APPLIED, db_index=True
    )
    applied_on = models.DateField("応募日")
    interview_on = models.DateField("面談日", null=True, blank=True)
    decided_on = models.DateField("採用・不採用・辞退の日", null=True, blank=True)
    reason = SealedTextField("不採用・辞退の理由", blank=True)
    entry = models.ForeignKey(
        RosterEntry,
        verbose_name="名簿の行",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = acting_user_field("登録した人")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "応募者"
        verbose_name_plural = "応募者"
        ordering = ["contract", "applied_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=rules.HIRED) | Q(entry__isnull=False),
                name="ic_applicant_hired_has_entry",
            ),
            models.CheckConstraint(
                condition=Q(status__in=list(rules.STATUS_LABELS)),
                name="ic_applicant_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"応募者 {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"
