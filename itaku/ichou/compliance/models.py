"""The insurance the contractor takes out for participants and staff (仕様書 16 and its 別表,
IC-26) and the buses it charters (仕様書 22, IC-33). A policy's certificate and a bus's
documents (車検証, the rating's certificate) are attachments, stored encrypted."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract
from itaku.ichou.domain import BUS_RATING_LABELS, BUS_RATINGS


class InsurancePolicy(models.Model):
    class HospitalUnit(models.TextChoices):
        PER_DAY = "day", "日額"
        PER_MONTH = "month", "月額"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_policies"
    )
    insurer = models.CharField("保険会社", max_length=200)
    policy_number = models.CharField("証券番号", max_length=100)
    valid_from = models.DateField("保険期間の始め")
    valid_to = models.DateField("保険期間の終わり")
    death = models.PositiveBigIntegerField("死亡保険金額(円)")
    residual_disability = models.PositiveBigIntegerField("後遺障害保険金額(円)")
    hospital_amount = models.PositiveBigIntegerField("入院保険金額(円)")
    hospital_unit = models.CharField(
        "入院保険金の単位",
        max_length=10,
        choices=HospitalUnit.choices,
        default=HospitalUnit.PER_DAY,
    )
    outpatient_per_day = models.PositiveBigIntegerField("通院保険金日額(円)")
    liability = models.PositiveBigIntegerField("賠償責任保険の支払限度額(円)")
    covers_travel = models.BooleanField("自宅と集合・解散場所の往復を補償する", default=False)
    certificate = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="保険証券の写し",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "保険"
        verbose_name_plural = "保険"
        ordering = ["contract", "-valid_from", "pk"]

    def __str__(self) -> str:
        return f"保険 {self.insurer} {self.policy_number}"


class CharteredVehicle(models.Model):
    RATINGS = [(r, BUS_RATING_LABELS[r]) for r in BUS_RATINGS]

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_vehicles"
    )
    activity = models.ForeignKey(
        "ichou.Activity",
        verbose_name="活動",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vehicles",
    )
    operator = models.CharField("バス会社", max_length=200)
    vehicle_number = models.CharField("車両番号", max_length=50)
    rating = models.CharField("環境性能の評価", max_length=10, choices=RATINGS)
    document = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="車検証・評価の書類",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "貸切バス"
        verbose_name_plural = "貸切バス"
        ordering = ["contract", "pk"]

    def __str__(self) -> str:
        return f"貸切バス {self.operator} {self.vehicle_number}"
