"""The money and lodging records of いちょう学級: the cost sheet of an activity and the share a
participant pays (仕様書 17, IC-27), the bus hike's ledger of what was received and paid (7(6)エ,
IC-16), and the lodgings of the overnight trip with their earthquake-safety evidence (15,
IC-25). Kept with the contract's records and handed over at its end (IC-29)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from itaku.core.models import Contract, acting_user_field
from itaku.ichou.domain import Rounding

ROUNDING_CHOICES = [
    (Rounding.DOWN.value, "切り捨て"),
    (Rounding.HALF_UP.value, "四捨五入"),
    (Rounding.UP.value, "切り上げ"),
]


def _default_rounding() -> str:
    from django.conf import settings

    return str(getattr(settings, "ICHOU_SHARE_ROUNDING", Rounding.DOWN.value))


class CostSheet(models.Model):
    """What one participant's part of an activity costs, item by item, in whole yen (IC-27); the
    share and the total are computed from it, never stored. One per activity."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_cost_sheets"
    )
    activity = models.OneToOneField(
        "ichou.Activity", verbose_name="活動", on_delete=models.CASCADE, related_name="cost_sheet"
    )
    transport = models.PositiveIntegerField("交通費(1人・円)", default=0)
    food = models.PositiveIntegerField("食費(1人・円)", default=0)
    lodging = models.PositiveIntegerField("宿泊費(1人・円)", default=0)
    materials = models.PositiveIntegerField("教材費(1人・円)", default=0)
    admissions = models.PositiveIntegerField("入館料等(1人・円)", default=0)
    rounding = models.CharField(
        "1/4の額の端数", max_length=10, choices=ROUNDING_CHOICES, default=_default_rounding
    )

    class Meta:
        verbose_name = "費用の内訳"
        verbose_name_plural = "費用の内訳"
        ordering = ["contract", "activity"]

    def __str__(self) -> str:
        return f"費用の内訳 {self.activity_id}"


class BusHikeLedgerEntry(models.Model):
    """One line of the bus hike's money book (IC-16): money received or paid. A line is never
    changed or deleted once saved; a mistake is put right by a new line that reverses it, with
    the reason. A payment carries its receipt (an encrypted attachment)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "受入"
        PAID = "paid", "支払"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_ledger_entries"
    )
    activity = models.ForeignKey(
        "ichou.Activity",
        verbose_name="バスハイク",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    entry_date = models.DateField("日付")
    kind = models.CharField("区分", max_length=10, choices=Kind.choices)
    amount = models.PositiveIntegerField("金額(円)")
    description = models.CharField("摘要", max_length=200)
    receipt = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="領収書",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name="取り消す記帳",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    reason = models.CharField("取消の理由", max_length=500, blank=True)
    recorded_at = models.DateTimeField("記帳日時", auto_now_add=True)
    recorded_by = acting_user_field("記帳した人")

    class Meta:
        verbose_name = "バスハイクの出納"
        verbose_name_plural = "バスハイクの出納"
        ordering = ["activity", "entry_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ic_ledger_amount_positive"),
            # IC-16: a payment has its receipt (a reversing line refers to the original's).
            models.CheckConstraint(
                condition=Q(kind="received") | Q(receipt__isnull=False) | Q(reverses__isnull=False),
                name="ic_ledger_payment_has_receipt",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="ic_ledger_reversal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"出納 {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # IC-16: a line of the money book is written once; a correction is a reversing line.
        if not self._state.adding:
            raise ValidationError("出納の記帳は変更できません。取り消す記帳を追加してください。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("出納の記帳は削除できません。取り消す記帳を追加してください。")


class Lodging(models.Model):
    """A building that may lodge the overnight trip, with what shows it earthquake-safe (仕様書
    15, IC-25): its kind and size, the year it was built, its seismic diagnosis and the
    evidence (an encrypted attachment)."""

    class Diagnosis(models.TextChoices):
        SAFE = "yes", "安全と診断された"
        UNSAFE = "no", "安全でないと診断された"
        UNKNOWN = "unknown", "診断なし・不明"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_lodgings"
    )
    name = models.CharField("施設名", max_length=200)
    address = models.CharField("所在地", max_length=300)
    hotel_or_ryokan = models.BooleanField("ホテル・旅館", default=True)
    floors = models.PositiveSmallIntegerField("階数")
    floor_area_m2 = models.DecimalField("床面積(㎡)", max_digits=10, decimal_places=2)
    built_year = models.PositiveSmallIntegerField("建築年(西暦)")
    diagnosed_safe = models.CharField(
        "耐震診断の結果", max_length=10, choices=Diagnosis.choices, default=Diagnosis.UNKNOWN
    )
    result_published = models.BooleanField(
        "所管行政庁が耐震診断の結果(安全)を公表している", default=False
    )
    evidence = models.ForeignKey(
        "privacy.Attachment",
        verbose_name="安全性を示す書類",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField("備考", max_length=2000, blank=True)

    class Meta:
        verbose_name = "宿泊施設"
        verbose_name_plural = "宿泊施設"
        ordering = ["contract", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(floors__gte=1), name="ic_lodging_floors_positive"),
            models.CheckConstraint(
                condition=Q(floor_area_m2__gt=0), name="ic_lodging_area_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"宿泊施設 {self.name}"


class LodgingChoice(models.Model):
    """The lodging chosen for an overnight trip (IC-25): only an eligible one with its
    evidence is taken."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_lodging_choices"
    )
    activity = models.OneToOneField(
        "ichou.Activity",
        verbose_name="宿泊事業",
        on_delete=models.CASCADE,
        related_name="lodging_choice",
    )
    lodging = models.ForeignKey(
        Lodging, verbose_name="宿泊施設", on_delete=models.PROTECT, related_name="choices"
    )

    class Meta:
        verbose_name = "宿泊施設の選定"
        verbose_name_plural = "宿泊施設の選定"
        ordering = ["contract", "activity"]

    def __str__(self) -> str:
        return f"宿泊施設の選定 {self.activity_id}"
