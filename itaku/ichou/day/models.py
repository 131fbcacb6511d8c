"""The activity day of いちょう学級 (IC-10 … IC-15, IC-31, IC-32, IC-34): the preparation checklist
with the infection-control items, the check-in of participants and staff at the door with the
health rule of 仕様書 25(4), the dismissal of each participant, the work log (業務日誌), accident
reports (事故報告書) and the closing of the day.

Every record hangs on an ``ActivityDay``, one per activity; when a new programme version is
approved the day moves onto the same activity's copy (``services.day_records_carry``), so nothing
recorded on the day is lost with the superseded version. Kept with the contract's records until
the contract-end package returns them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from itaku.core.models import Contract, RosterEntry, acting_user_field
from itaku.ichou.participants.models import Participant
from itaku.ichou.programme.models import Activity
from itaku.privacy.fields import SealedTextField


class ActivityDay(models.Model):
    """The running of one activity on its day: preparation checklist (IC-10, IC-34), work log
    (IC-13) and closing. Created on the first record of the day."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_days"
    )
    activity = models.OneToOneField(
        Activity, verbose_name="活動", on_delete=models.PROTECT, related_name="day"
    )
    # IC-10 仕様書 7(3)ア: preparation before the participants arrive.
    keys_borrowed = models.BooleanField("施設の鍵を借用・開錠した", default=False)
    facility_inspected = models.BooleanField("施設を点検・整理した", default=False)
    roles_confirmed = models.BooleanField("当日の行程・役割分担・事務連絡を確認した", default=False)
    equipment_ready = models.BooleanField("当日の必要備品を準備した", default=False)
    # IC-34 仕様書 25(1)(2)(5)–(9): infection control.
    masks_worn = models.BooleanField(
        "受講者・従事者がマスクを着用(調理実習は手袋も)", default=False
    )
    mask_exemptions_cared = models.BooleanField("マスクを着用できない方への配慮", default=False)
    sanitiser_at_entrance = models.BooleanField("出入口に手指消毒液を設置", default=False)
    surfaces_disinfected = models.BooleanField("テーブル・備品・ドアノブ等を消毒", default=False)
    seats_spaced = models.BooleanField("席の間隔を1m設けた", default=False)
    ventilated = models.BooleanField("扉や窓を開けて換気", default=False)
    cooking_safe = models.BooleanField(
        "調理実習:包丁を使わず短時間・横並び・持ち帰り", default=False
    )
    # IC-13 仕様書 7(3)エ, IC-14 7(4): the work log, one form.
    log_preparation = SealedTextField("準備", blank=True)
    log_notices = SealedTextField("事務連絡・関係機関との連絡", blank=True)
    log_meeting = SealedTextField("打合せ・反省会", blank=True)
    log_staffing = SealedTextField("従事者の配置", blank=True)
    log_participants = SealedTextField("受講者の様子", blank=True)
    log_events = SealedTextField("本日の出来事", blank=True)
    cleaned = models.BooleanField("使用箇所の片付け・清掃", default=False)
    locked = models.BooleanField("施錠", default=False)
    keys_returned = models.BooleanField("鍵の返却", default=False)
    log_written_at = models.DateTimeField("業務日誌の記入日時", null=True, blank=True)
    log_written_by = acting_user_field("業務日誌を書いた人")
    closed_at = models.DateTimeField("終了日時", null=True, blank=True)
    closed_by = acting_user_field("終了した人")

    PREPARATION = ("keys_borrowed", "facility_inspected", "roles_confirmed", "equipment_ready")
    INFECTION = (
        "masks_worn",
        "mask_exemptions_cared",
        "sanitiser_at_entrance",
        "surfaces_disinfected",
        "seats_spaced",
        "ventilated",
        "cooking_safe",
    )
    LOG_TEXTS = (
        "log_preparation",
        "log_notices",
        "log_meeting",
        "log_staffing",
        "log_participants",
        "log_events",
    )
    AFTER = ("cleaned", "locked", "keys_returned")

    class Meta:
        verbose_name = "活動日"
        verbose_name_plural = "活動日"
        ordering = ["activity"]

    def __str__(self) -> str:
        return f"活動日 {self.pk}"


class CheckIn(models.Model):
    """The health check at the door of one participant or one staff member (IC-11, IC-32): the
    temperature, the symptoms, the questionnaire (健康調査票, 25(3)) and the result. Asked to stay
    home is a result too; a nurse may override it with a reason (audited)."""

    class Result(models.TextChoices):
        CHECKED_IN = "checked_in", "受付済み"
        STAY_HOME = "stay_home", "欠席をお願いした"
        OVERRIDDEN = "overridden", "看護師の判断で受付"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_checkins"
    )
    day = models.ForeignKey(
        ActivityDay, verbose_name="活動日", on_delete=models.CASCADE, related_name="checkins"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name="参加者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entry = models.ForeignKey(
        RosterEntry,
        verbose_name="従事者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    temperature = models.DecimalField("体温", max_digits=3, decimal_places=1, null=True)
    strong_symptom = models.BooleanField("強い症状(息苦しさ・強いだるさ・高熱)", default=False)
    mild_symptom = models.BooleanField("軽い風邪症状(咳など)", default=False)
    continuing = models.BooleanField("発熱や軽い症状が続いている", default=False)
    higher_risk = models.BooleanField("重症化しやすい(基礎疾患等)", default=False)
    questionnaire = models.BooleanField("健康調査票を受け取った", default=False)
    result = models.CharField("結果", max_length=20, choices=Result.choices)
    override_reason = SealedTextField("看護師の判断の理由", blank=True)
    overridden_by = acting_user_field("判断した看護師")
    client_token = models.CharField("送信の識別子", max_length=64, blank=True)
    at = models.DateTimeField("受付日時")
    by = acting_user_field("受付した人")

    class Meta:
        verbose_name = "受付(健康確認)"
        verbose_name_plural = "受付(健康確認)"
        ordering = ["day", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "participant"],
                condition=Q(participant__isnull=False),
                name="ic_checkin_participant_once",
            ),
            models.UniqueConstraint(
                fields=["day", "entry"],
                condition=Q(entry__isnull=False),
                name="ic_checkin_staff_once",
            ),
            models.UniqueConstraint(
                fields=["day", "client_token"],
                condition=~Q(client_token=""),
                name="ic_checkin_one_per_token",
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=True) ^ Q(entry__isnull=True),
                name="ic_checkin_participant_or_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"受付 {self.pk}"

    @property
    def present(self) -> bool:
        return self.result != self.Result.STAY_HOME


class Dismissal(models.Model):
    """How one participant left (IC-12 仕様書 7(3)ウ): home alone at a time, or handed over in
    person to someone (name and relation sealed) by a staff member."""

    class How(models.TextChoices):
        ALONE = "alone", "ひとりで帰宅"
        HANDED_OVER = "handed_over", "迎えの人に引渡し"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_dismissals"
    )
    day = models.ForeignKey(
        ActivityDay, verbose_name="活動日", on_delete=models.CASCADE, related_name="dismissals"
    )
    participant = models.ForeignKey(
        Participant, verbose_name="参加者", on_delete=models.PROTECT, related_name="+"
    )
    how = models.CharField("帰り方", max_length=20, choices=How.choices)
    at = models.DateTimeField("時刻")
    handed_to_name = SealedTextField("引き渡した相手", blank=True)
    handed_to_relation = SealedTextField("相手の続柄", blank=True)
    staff = models.ForeignKey(
        RosterEntry,
        verbose_name="付き添った従事者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    client_token = models.CharField("送信の識別子", max_length=64, blank=True)
    by = acting_user_field("記録した人")

    class Meta:
        verbose_name = "解散(帰宅・引渡し)"
        verbose_name_plural = "解散(帰宅・引渡し)"
        ordering = ["day", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "participant"], name="ic_dismissal_participant_once"
            ),
            models.UniqueConstraint(
                fields=["day", "client_token"],
                condition=~Q(client_token=""),
                name="ic_dismissal_one_per_token",
            ),
        ]

    def __str__(self) -> str:
        return f"解散 {self.pk}"


class AccidentReport(models.Model):
    """An accident report (事故報告書, IC-15, IC-31): an illness or injury on the day, the first
    aid, when the guardian was called and the hospital; the narratives sealed. The ward
    supervisor is told at once (the kind and a link only) and acknowledges it."""

    class Kind(models.TextChoices):
        INJURY = "injury", "けが"
        ILLNESS = "illness", "体調不良"
        MISSING = "missing", "行方不明・はぐれ"
        DAMAGE = "damage", "物の破損・損害"
        OTHER = "other", "その他"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_accidents"
    )
    day = models.ForeignKey(
        ActivityDay, verbose_name="活動日", on_delete=models.CASCADE, related_name="accidents"
    )
    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    happened_at = models.DateTimeField("発生日時")
    what = SealedTextField("何が起きたか")
    first_aid = SealedTextField("応急手当・対応", blank=True)
    guardian_contacted_at = models.DateTimeField("保護者に連絡した時刻", null=True, blank=True)
    hospital = SealedTextField("受診した医療機関", blank=True)
    reported_at = models.DateTimeField("報告日時")
    reported_by = acting_user_field("報告した人")
    acknowledged_at = models.DateTimeField("区が確認した日時", null=True, blank=True)
    acknowledged_by = acting_user_field("確認した人")

    TEXTS = ("what", "first_aid", "hospital")

    class Meta:
        verbose_name = "事故報告書"
        verbose_name_plural = "事故報告書"
        ordering = ["day", "happened_at", "pk"]

    def __str__(self) -> str:
        return f"事故報告書 {self.pk}"
