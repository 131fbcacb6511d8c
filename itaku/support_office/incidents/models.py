"""Harassment incidents (事案) and consultations (相談) (SO-7).

Every narrative and personal field is sealed under the contract's key; the customer is found
again across departments only through the blind name index, never by reading another
department's narrative.
"""

from __future__ import annotations

from django.db import models

from itaku.core.models import Contract, Organisation, User, acting_user_field
from itaku.privacy.fields import SealedTextField
from itaku.privacy.models import Attachment
from itaku.support_office.dispatch.models import Place, SupportRequest


class Behaviour(models.TextChoices):
    """Behaviour categories of the MHLW manual and the Tokyo ordinance's guideline (2025)."""

    PHYSICAL = "physical", "身体的な攻撃"
    MENTAL = "mental", "精神的な攻撃(脅迫・中傷・名誉毀損・侮辱・暴言)"
    INTIMIDATING = "intimidating", "威圧的な言動"
    DOGEZA = "dogeza", "土下座の要求"
    PERSISTENT = "persistent", "継続的・執拗な言動"
    RESTRAINING = "restraining", "拘束的な言動(不退去・居座り・監禁・長時間の電話)"
    DISCRIMINATORY = "discriminatory", "差別的な言動"
    SEXUAL = "sexual", "性的な言動"
    PERSONAL_ATTACK = "personal_attack", "職員個人への攻撃・要求"
    EXPOSURE = "exposure", "撮影・SNSでの晒し"
    UNDUE_DEMAND = "undue_demand", "不当な金品・謝罪の要求"


class ResponseTaken(models.TextChoices):
    SIT_IN = "sit_in", "同席"
    DE_ESCALATION = "de_escalation", "沈静化"
    WARNING = "warning", "警告"
    ENDING = "ending", "対応の打ち切り"
    ENTRY_BAN = "entry_ban", "来庁の禁止(出入禁止)"


class Incident(models.Model):
    """A harassment incident and how it was handled and decided (SO-7)."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", "対面"
        PHONE = "phone", "電話"
        VISIT = "visit", "訪問"
        ONLINE = "online", "メール・SNS"

    class Reasonable(models.TextChoices):
        YES = "yes", "妥当"
        NO = "no", "妥当でない"
        UNCLEAR = "unclear", "判断できない"

    class Police(models.TextChoices):
        NONE = "none", "連絡なし"
        CALL_110 = "110", "110番"
        CALL_9110 = "9110", "#9110(警察相談)"
        STATION = "station", "警察署へ連絡"

    class Decision(models.TextChoices):
        PENDING = "pending", "判断保留"
        HARASSMENT = "harassment", "カスハラに該当"
        NOT_HARASSMENT = "not_harassment", "該当しない"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_incidents"
    )
    number = models.PositiveIntegerField("事案番号")
    request = models.ForeignKey(
        SupportRequest,
        verbose_name="依頼",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
    )
    department = models.ForeignKey(
        Organisation, verbose_name="所管課", on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        Place, verbose_name="場所", on_delete=models.PROTECT, null=True, blank=True
    )
    place_detail = SealedTextField("場所の補足", blank=True)
    started_at = models.DateTimeField("開始日時")
    ended_at = models.DateTimeField("終了日時", null=True, blank=True)
    channel = models.CharField("手段", max_length=20, choices=Channel.choices)

    staff_harmed = SealedTextField("被害を受けた職員", blank=True)
    staff_present = SealedTextField("その場にいた職員", blank=True)
    responders = SealedTextField("対応した者", blank=True)
    witnesses = SealedTextField("目撃者", blank=True)

    customer_identified = models.BooleanField("相手方を特定できた", default=False)
    customer_name = SealedTextField("相手方の氏名", blank=True)
    customer_name_kana = SealedTextField("相手方の氏名(かな)", blank=True)
    customer_notes = SealedTextField("相手方の特徴(必要最小限)", blank=True)

    demand = SealedTextField("要求の内容", blank=True)
    demand_reasonable = models.CharField(
        "要求の妥当性", max_length=10, choices=Reasonable.choices, default=Reasonable.UNCLEAR
    )
    behaviours = models.JSONField("行為の類型", default=list, blank=True)
    verbatim = SealedTextField("相手方の発言(そのまま)", blank=True)
    explanation = SealedTextField("職員が行った説明", blank=True)
    responses = models.JSONField("対応の内容", default=list, blank=True)
    response_notes = SealedTextField("対応の経過", blank=True)

    police = models.CharField(
        "警察への連絡", max_length=10, choices=Police.choices, default=Police.NONE
    )
    police_station = models.CharField("警察署", max_length=100, blank=True)
    police_contacted_at = models.DateTimeField("警察へ連絡した日時", null=True, blank=True)
    police_reference = SealedTextField("警察の受理番号等", blank=True)
    damage_report_filed = models.BooleanField("被害届の提出", default=False)

    staff_harm = SealedTextField("職員の心身の被害", blank=True)
    care_referral = models.BooleanField("職員のケアにつないだ", default=False)

    decision = models.CharField(
        "判断", max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = acting_user_field("判断した人")
    decided_at = models.DateTimeField("判断日時", null=True, blank=True)

    recorded_by = models.ForeignKey(
        User, verbose_name="記録した人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("記録日時")

    NARRATIVE_FIELDS = (
        "place_detail",
        "staff_harmed",
        "staff_present",
        "responders",
        "witnesses",
        "customer_name",
        "customer_name_kana",
        "customer_notes",
        "demand",
        "verbatim",
        "explanation",
        "response_notes",
        "police_reference",
        "staff_harm",
    )

    class Meta:
        verbose_name = "事案"
        verbose_name_plural = "事案"
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="so_incident_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"事案 {self.number}号"

    @property
    def duration_minutes(self) -> int | None:
        if self.ended_at is None:
            return None
        return max(0, int((self.ended_at - self.started_at).total_seconds() // 60))


class IncidentEvidence(models.Model):
    """A file kept as evidence of an incident (photo, recording), with its SHA-256 (SO-7)."""

    incident = models.ForeignKey(
        Incident, verbose_name="事案", on_delete=models.CASCADE, related_name="evidence"
    )
    attachment = models.ForeignKey(
        Attachment, verbose_name="ファイル", on_delete=models.PROTECT, related_name="+"
    )
    description = SealedTextField("説明", blank=True)
    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "事案の証拠"
        verbose_name_plural = "事案の証拠"
        ordering = ["added_at"]

    def __str__(self) -> str:
        return f"証拠 {self.pk}"


class FollowUp(models.Model):
    """An action to take after an incident or a consultation, with its due date; open ones
    appear on the home page of the person who must act."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_follow_ups"
    )
    incident = models.ForeignKey(
        Incident,
        verbose_name="事案",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    consultation = models.ForeignKey(
        "Consultation",
        verbose_name="相談",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    what = SealedTextField("対応すること")
    due_on = models.DateField("期限")
    assignee = models.ForeignKey(
        User,
        verbose_name="担当",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField("完了日時", null=True, blank=True)
    done_by = acting_user_field("完了とした人")

    class Meta:
        verbose_name = "事後の対応"
        verbose_name_plural = "事後の対応"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"事後の対応 {self.pk}"


class Consultation(models.Model):
    """A consultation (カスハラ相談): who consulted, about what, the advice given (SO-7).
    A consultation can become an incident."""

    class Advice(models.TextChoices):
        NEGOTIATION = "negotiation", "交渉の仕方"
        RECORDING = "recording", "記録の取り方"
        TECHNOLOGY = "technology", "新技術等を活用した製品・サービス"
        LEGAL = "legal", "法的対応・警察との連携"
        OTHER = "other", "その他"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_consultations"
    )
    number = models.PositiveIntegerField("相談番号")
    request = models.ForeignKey(
        SupportRequest,
        verbose_name="依頼",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    consulted_at = models.DateTimeField("相談日時")
    department = models.ForeignKey(
        Organisation, verbose_name="相談した所管課", on_delete=models.PROTECT, related_name="+"
    )
    consultant = SealedTextField("相談した職員")
    subject = SealedTextField("相談の内容")
    advice_kinds = models.JSONField("助言の種類", default=list, blank=True)
    advice = SealedTextField("助言の内容", blank=True)
    follow_up_notes = SealedTextField("今後の対応", blank=True)
    incident = models.OneToOneField(
        Incident,
        verbose_name="事案にした記録",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="from_consultation",
    )
    recorded_by = models.ForeignKey(
        User, verbose_name="記録した人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("記録日時")

    NARRATIVE_FIELDS = ("consultant", "subject", "advice", "follow_up_notes")

    class Meta:
        verbose_name = "相談"
        verbose_name_plural = "相談"
        ordering = ["-consulted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="so_consultation_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"相談 {self.number}号"
