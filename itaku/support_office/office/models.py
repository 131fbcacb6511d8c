"""The office's own records: training and the manual (SO-8), lent equipment and keys (SO-11),
the daily closing (SO-17) and vehicles (SO-19)."""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, Organisation, Person, User, acting_user_field
from itaku.privacy.fields import SealedTextField
from itaku.privacy.models import Attachment


class TrainingSession(models.Model):
    """A harassment-response training for ward staff (SO-8: at least once a month)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_trainings"
    )
    held_on = models.DateField("実施日")
    theme = models.CharField("テーマ", max_length=200)
    trainer = SealedTextField("講師")
    attendee_count = models.PositiveIntegerField("参加者数")
    departments = models.ManyToManyField(
        Organisation, verbose_name="参加した所管課", blank=True, related_name="+"
    )
    material = models.ForeignKey(
        Attachment,
        verbose_name="資料",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = SealedTextField("備考", blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name="記録した人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("記録日時")

    class Meta:
        verbose_name = "職員研修"
        verbose_name_plural = "職員研修"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"研修 {self.held_on}"


class ManualProposal(models.Model):
    """A proposal to revise the 港区カスタマー・ハラスメント対応マニュアル (SO-8)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "提案"
        UNDER_REVIEW = "under_review", "検討中"
        ADOPTED = "adopted", "反映済み"
        REJECTED = "rejected", "見送り"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_manual_proposals"
    )
    section = models.CharField("該当箇所", max_length=200)
    proposal = SealedTextField("提案の内容")
    reason = SealedTextField("理由")
    incidents = models.ManyToManyField(
        "support_office.Incident", verbose_name="根拠となる事案", blank=True, related_name="+"
    )
    status = models.CharField(
        "状況", max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        User, verbose_name="提案した人", on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField("提案日時")
    status_changed_at = models.DateTimeField("状況の更新日時", null=True, blank=True)

    class Meta:
        verbose_name = "マニュアル見直しの提案"
        verbose_name_plural = "マニュアル見直しの提案"
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"見直しの提案 {self.pk}"


class EquipmentItem(models.Model):
    """Something the ward lent: desks, PCs, phones, printers, keys (SO-11). Not returned blocks
    the contract end; a lost key is the contractor's liability."""

    class Kind(models.TextChoices):
        DESK = "desk", "事務机・椅子"
        PC = "pc", "パソコン"
        PHONE = "phone", "電話"
        PRINTER = "printer", "プリンター"
        KEY = "key", "鍵"
        CABINET = "cabinet", "キャビネット"
        OTHER = "other", "その他"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_equipment"
    )
    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    name = models.CharField("品名", max_length=200)
    identifier = models.CharField("管理番号", max_length=100, blank=True)
    lent_on = models.DateField("貸与日")
    lent_to = models.ForeignKey(
        Person,
        verbose_name="貸与先",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_on = models.DateField("返却日", null=True, blank=True)
    lost_on = models.DateField("紛失日", null=True, blank=True)
    lost_note = SealedTextField("紛失の経緯", blank=True)
    recorded_by = acting_user_field("記録した人")

    class Meta:
        verbose_name = "貸与品"
        verbose_name_plural = "貸与品"
        ordering = ["contract", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def outstanding(self) -> bool:
        """Still with the contractor: neither returned nor (for the record) lost."""
        return self.returned_on is None and self.lost_on is None


class DailyClosing(models.Model):
    """The day's closing check by the last worker (SO-17; 仕様書 11(12))."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_closings"
    )
    day = models.DateField("日付")
    documents_locked = models.BooleanField("個人情報の資料をキャビネットに保管した")
    cabinet_locked = models.BooleanField("キャビネットの施錠を確認した")
    keys_returned = models.BooleanField("鍵を返却した")
    papers_shredded = models.BooleanField("不要な書類をシュレッダーした")
    note = SealedTextField("備考", blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name="確認した人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("確認日時")

    class Meta:
        verbose_name = "終業時の確認"
        verbose_name_plural = "終業時の確認"
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "day"], name="so_closing_one_per_day")
        ]

    def __str__(self) -> str:
        return f"終業時の確認 {self.day}"

    @property
    def complete(self) -> bool:
        return all(
            (self.documents_locked, self.cabinet_locked, self.keys_returned, self.papers_shredded)
        )


class Vehicle(models.Model):
    """A vehicle used for the work with its papers, shown to the ward on request (SO-19)."""

    class Power(models.TextChoices):
        EV = "ev", "電気自動車(EV)"
        PHV = "phv", "プラグインハイブリッド(PHV)"
        FCV = "fcv", "燃料電池自動車(FCV)"
        HV = "hv", "ハイブリッド(HV)"
        PETROL = "petrol", "ガソリン車"
        DIESEL = "diesel", "ディーゼル車"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_vehicles"
    )
    registration = models.CharField("登録番号", max_length=50)
    power = models.CharField("種別", max_length=10, choices=Power.choices)
    diesel_compliant = models.BooleanField("ディーゼル車規制に適合", default=True)
    inspection_certificate = models.ForeignKey(
        Attachment,
        verbose_name="自動車検査証(写し)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pm_certificate = models.ForeignKey(
        Attachment,
        verbose_name="粒子状物質減少装置装着証明書(写し)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inspection_valid_until = models.DateField("車検の有効期限", null=True, blank=True)
    shown_to_ward_at = models.DateTimeField("区に提示した日時", null=True, blank=True)
    recorded_by = acting_user_field("記録した人")

    class Meta:
        verbose_name = "使用車両"
        verbose_name_plural = "使用車両"
        ordering = ["contract", "registration"]

    def __str__(self) -> str:
        return self.registration
