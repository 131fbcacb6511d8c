"""Participants of いちょう学級 and their registration for a fiscal year (IC-2, IC-9, IC-30).

A participant is kept once per contract; each fiscal year they take part in has a registration
with its age group. Names, contacts, support needs and health fields are sealed under the
contract's key (PI-6, IC-30); the name is found again through the blind index (a re-import
matches on name, kana and birth date without reading the names in SQL). Sealed fields are read
only by the selectors of this part, which audit each read of a health or support field.
"""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, acting_user_field
from itaku.privacy.fields import SealedTextField


class Participant(models.Model):
    class GoesHome(models.TextChoices):
        ALONE = "alone", "ひとりで帰る"
        COLLECTED = "collected", "迎えが来る"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_participants"
    )
    family_name = SealedTextField("姓")
    given_name = SealedTextField("名")
    family_name_kana = SealedTextField("姓(ふりがな)")
    given_name_kana = SealedTextField("名(ふりがな)")
    # Kept plain: the age group of every fiscal year is computed from it (IC-2).
    birth_date = models.DateField("生年月日")

    guardian_name = SealedTextField("保護者の氏名", blank=True)
    guardian_relation = SealedTextField("保護者の続柄", blank=True)
    guardian_phone = SealedTextField("保護者の電話番号", blank=True)
    emergency_contacts = SealedTextField("緊急連絡先", blank=True)

    # Health and support fields (IC-30): read only by the responsible person, the nurses and the
    # staff of that day's activity, each read audited.
    support_needs = SealedTextField("支援が必要なこと", blank=True)
    allergies = SealedTextField("アレルギー", blank=True)
    medical_notes = SealedTextField("医療上の注意", blank=True)
    # 基礎疾患等 (仕様書 25(4)イ): the condition, sealed; a participant is at higher risk when
    # it is not empty.
    higher_risk = SealedTextField("基礎疾患等(重症化リスク)", blank=True)

    photo_consent = models.BooleanField("写真撮影・掲載への同意", default=False)
    goes_home = models.CharField(
        "帰り方", max_length=20, choices=GoesHome.choices, default=GoesHome.COLLECTED
    )
    collected_by = SealedTextField("迎えに来る人", blank=True)

    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    NAME_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana")
    HEALTH_FIELDS = ("support_needs", "allergies", "medical_notes", "higher_risk")
    CONTACT_FIELDS = (
        "guardian_name",
        "guardian_relation",
        "guardian_phone",
        "emergency_contacts",
        "collected_by",
    )

    class Meta:
        verbose_name = "参加者"
        verbose_name_plural = "参加者"
        ordering = ["contract", "pk"]

    def __str__(self) -> str:
        # Never the name: a participant's string appears in logs and audit targets.
        return f"参加者 {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}"


class Registration(models.Model):
    """A participant's registration for one fiscal year, with the age group (IC-2, IC-9).

    Last year's participants are renewed unless withdrawn (``renewed``); a new application
    waits for the ward to agree its eligibility. The group follows the age on 1 April; a manual
    move keeps its reason."""

    class State(models.TextChoices):
        APPLIED = "applied", "申込み(区の確認待ち)"
        REGISTERED = "registered", "登録済み"
        WITHDRAWN = "withdrawn", "退級・辞退"

    class Group(models.TextChoices):
        FIRST = "1", "第1グループ"
        SECOND = "2", "第2グループ"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_registrations"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name="参加者",
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.APPLIED)
    group = models.CharField("グループ", max_length=2, choices=Group.choices)
    # A move against the age rule, with its reason (IC-2); empty when the group is the age's.
    group_reason = models.CharField("グループ変更の理由", max_length=500, blank=True)
    renewed = models.BooleanField("前年度からの継続", default=False)
    eligibility_agreed_at = models.DateTimeField(
        "区が参加資格を確認した日時", null=True, blank=True
    )
    eligibility_agreed_by = acting_user_field("参加資格を確認した人")
    # IC-35: the 協議記録 of the eligibility agreed (仕様書 7(2): 参加資格は別途協議) and of a
    # group move (仕様書 5: グループ分けは協議の上調整), when there is one.
    eligibility_agreement = models.ForeignKey(
        "ichou.Agreement",
        verbose_name="参加資格の協議記録",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    group_agreement = models.ForeignKey(
        "ichou.Agreement",
        verbose_name="グループ変更の協議記録",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("退級・辞退の日時", null=True, blank=True)
    withdrawal_reason = models.CharField("退級・辞退の理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "参加登録"
        verbose_name_plural = "参加登録"
        ordering = ["contract", "-fiscal_year", "group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "fiscal_year"], name="ic_registration_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"参加登録 {self.fiscal_year}年度 {self.pk}"


class ParticipantImport(models.Model):
    """An uploaded list of participants between its preview and its confirmation (IC-9): the
    rows read from the file are kept here sealed, so nothing of it travels in the session or a
    form; the session holds only this row's id."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_imports"
    )
    created_by = acting_user_field("取り込んだ人")
    created_at = models.DateTimeField("取込み日時", auto_now_add=True)
    # The rows as JSON (a list of lists of text), sealed under the contract's key.
    rows = SealedTextField("取り込んだ行")
    done_at = models.DateTimeField("取込みの完了日時", null=True, blank=True)
    added = models.PositiveIntegerField("追加した人数", default=0)

    class Meta:
        verbose_name = "参加者の一括取込み"
        verbose_name_plural = "参加者の一括取込み"
        ordering = ["contract", "-pk"]

    def __str__(self) -> str:
        return f"参加者の一括取込み {self.pk}"


class ParticipationPlan(models.Model):
    """One activity a registered participant said on the returned 参加予定表 they will come to
    (IC-9 仕様書 7(2)ア). A row per (registration, activity): the sheet is a set of ticks, kept
    plain so the planned count of an activity is one query. The activity is of the approved
    programme; when a new version is approved, the plans move onto the same activity's copy
    with the other records hanging on an activity (``programme.services.CARRIED_WITH_ACTIVITY``)."""

    registration = models.ForeignKey(
        Registration, verbose_name="参加登録", on_delete=models.CASCADE, related_name="plans"
    )
    activity = models.ForeignKey(
        "ichou.Activity",
        verbose_name="活動",
        on_delete=models.CASCADE,
        related_name="participation_plans",
    )
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)
    recorded_by = acting_user_field("記録した人")

    class Meta:
        verbose_name = "参加予定"
        verbose_name_plural = "参加予定"
        ordering = ["registration", "activity"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "activity"], name="ic_participation_plan_once"
            )
        ]

    def __str__(self) -> str:
        return f"参加予定 {self.pk}"
