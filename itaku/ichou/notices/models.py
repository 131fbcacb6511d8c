"""Notices to participants (通知文, 仕様書 13(4), IC-23) and the newsletter (いちょう学級だより,
仕様書 7(6)ウ, IC-16). Neither holds personal data in its text: a notice is addressed to
"参加者・保護者の皆様"; a photo's participants are kept only to check their consent."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, acting_user_field
from itaku.ichou.notices import rules


class Notice(models.Model):
    class State(models.TextChoices):
        DRAFT = rules.DRAFT, "作成中"
        SUBMITTED = rules.SUBMITTED, "区の確認待ち"
        ACKNOWLEDGED = rules.ACKNOWLEDGED, "区が確認済み"
        RETURNED = rules.RETURNED, "差戻し"
        SENT = rules.SENT, "送付済み"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_notices"
    )
    activity = models.ForeignKey(
        "ichou.Activity",
        verbose_name="活動",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
    )
    title = models.CharField("件名", max_length=200)
    body = models.TextField("本文", max_length=4000)
    send_on = models.DateField("送付予定日")
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField("区へ提出した日時", null=True, blank=True)
    submitted_by = acting_user_field("提出した人")
    decided_at = models.DateTimeField("確認・差戻しの日時", null=True, blank=True)
    decided_by = acting_user_field("確認・差戻しした人")
    return_reason = models.CharField("差戻しの理由", max_length=500, blank=True)
    sent_on = models.DateField("送付した日", null=True, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = "通知文"
        verbose_name_plural = "通知文"
        ordering = ["contract", "send_on", "pk"]

    def __str__(self) -> str:
        return f"通知文 {self.pk}"


class Newsletter(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "作成中"
        PUBLISHED = "published", "発行済み"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_newsletters"
    )
    issue_number = models.PositiveIntegerField("号")
    month = models.DateField("発行月")  # the 1st of the month
    title = models.CharField("題名", max_length=200)
    body = models.TextField("本文", max_length=8000)
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField("発行日時", null=True, blank=True)
    published_by = acting_user_field("発行した人")

    class Meta:
        verbose_name = "いちょう学級だより"
        verbose_name_plural = "いちょう学級だより"
        ordering = ["contract", "-issue_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "issue_number"], name="ic_newsletter_issue_once"
            )
        ]

    def __str__(self) -> str:
        return f"いちょう学級だより 第{self.issue_number}号"


class NewsletterPhoto(models.Model):
    newsletter = models.ForeignKey(
        Newsletter, verbose_name="学級だより", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        "privacy.Attachment", verbose_name="写真", on_delete=models.PROTECT, related_name="+"
    )
    caption = models.CharField("説明", max_length=200, blank=True)
    participants = models.ManyToManyField(
        "ichou.Participant",
        verbose_name="写っている参加者",
        blank=True,
        related_name="newsletter_photos",
    )

    class Meta:
        verbose_name = "学級だよりの写真"
        verbose_name_plural = "学級だよりの写真"
        ordering = ["newsletter", "pk"]

    def __str__(self) -> str:
        return f"学級だよりの写真 {self.pk}"
