"""The agreements with the ward (協議記録, 仕様書 24(3), IC-35) and the quarterly confirmation
of the performance from which the quarter's invoice follows (仕様書 18, IC-28).

An agreement record is numbered per contract, recorded by the manager or the ward supervisor
and confirmed by the ward supervisor; once confirmed it never changes: a new record supersedes
it and points to it. The decision may name people, so it is sealed under the contract's key.
Steps of the other parts that the specification leaves to agreement point to a record."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, acting_user_field
from itaku.privacy.fields import SealedTextField


class Agreement(models.Model):
    class Kind(models.TextChoices):
        ELIGIBILITY = "eligibility", "参加資格"
        GROUP_MOVE = "group_move", "グループ変更"
        PROGRAMME_CHANGE = "programme_change", "計画変更"
        CANCELLATION = "cancellation", "中止"
        OTHER = "other", "その他"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_agreements"
    )
    number = models.PositiveIntegerField("協議番号")
    agreed_on = models.DateField("協議した日")
    kind = models.CharField("種類", max_length=30, choices=Kind.choices)
    subject = models.CharField("件名", max_length=200)
    # What was agreed; it may name participants or staff (sealed, PI-6).
    content = SealedTextField("協議の内容・決定事項")
    ward_attendees = models.CharField("出席者(区)", max_length=500)
    contractor_attendees = models.CharField("出席者(受注者)", max_length=500)
    attachment = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="添付ファイル",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name="改める前の協議記録",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)
    recorded_by = acting_user_field("記録した人")
    confirmed_at = models.DateTimeField("区が確認した日時", null=True, blank=True)
    confirmed_by = acting_user_field("確認した人")

    class Meta:
        verbose_name = "協議記録"
        verbose_name_plural = "協議記録"
        ordering = ["contract", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="ic_agreement_number")
        ]

    def __str__(self) -> str:
        # Never the content: the string appears in audit targets.
        return f"協議記録 第{self.number}号"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class QuarterConfirmation(models.Model):
    """One quarter's performance, requested by the manager after the quarter ends with the
    figures computed then (kept as they were), confirmed or returned by the ward supervisor;
    after the confirmation the manager records the invoice."""

    class State(models.TextChoices):
        REQUESTED = "requested", "確認待ち"
        CONFIRMED = "confirmed", "確認済み"
        RETURNED = "returned", "差戻し"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_quarters"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("四半期")
    state = models.CharField("状態", max_length=20, choices=State.choices)
    figures = models.JSONField("実績の数値", default=dict)
    requested_at = models.DateTimeField("確認を依頼した日時")
    requested_by = acting_user_field("確認を依頼した人")
    decided_at = models.DateTimeField("確認・差戻しの日時", null=True, blank=True)
    decided_by = acting_user_field("確認・差戻しした人")
    return_reason = models.CharField("差戻しの理由", max_length=500, blank=True)
    invoice_number = models.CharField("請求書番号", max_length=50, blank=True)
    invoice_date = models.DateField("請求日", null=True, blank=True)
    invoice_amount = models.PositiveBigIntegerField("請求金額(円)", null=True, blank=True)
    invoice_recorded_at = models.DateTimeField("請求を記録した日時", null=True, blank=True)
    invoice_recorded_by = acting_user_field("請求を記録した人")

    class Meta:
        verbose_name = "四半期の履行確認"
        verbose_name_plural = "四半期の履行確認"
        ordering = ["contract", "fiscal_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "fiscal_year", "quarter"], name="ic_quarter_once"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="ic_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"四半期の履行確認 {self.fiscal_year}年度 第{self.quarter}四半期"
