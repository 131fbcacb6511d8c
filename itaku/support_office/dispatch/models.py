"""Requests for the support office and their dispatch (SO-2 … SO-6, SO-10).

A department asks the office to sit in at a counter (窓口同席), to come at once (緊急対応), to go
along on a field visit (現場対応同行), for a consultation or for technical advice. Each request
names its place; the dispatch moves it 受付 → 対応中 → 出発 → 到着 → 完了 (or 継続), each step
timestamped by a rostered worker and audited.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from itaku.core.models import Contract, Organisation, Person, User
from itaku.privacy.fields import SealedTextField


class Place(models.Model):
    """Where the office may be called to: a counter of the main building or of one of the five
    総合支所 (SO-2). Places are data the ward keeps per contract, not code."""

    class Site(models.TextChoices):
        MAIN = "main", "本庁舎"
        SHIBA = "shiba", "芝地区総合支所"
        AZABU = "azabu", "麻布地区総合支所"
        AKASAKA = "akasaka", "赤坂地区総合支所"
        TAKANAWA = "takanawa", "高輪地区総合支所"
        SHIBAURA_KONAN = "shibaura_konan", "芝浦港南地区総合支所"
        OTHER = "other", "その他"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_places"
    )
    site = models.CharField("庁舎", max_length=20, choices=Site.choices)
    name = models.CharField("場所", max_length=100, help_text="例: 2階 戸籍住民課 窓口")
    active = models.BooleanField("使用中", default=True)
    order = models.PositiveSmallIntegerField("表示順", default=0)

    class Meta:
        verbose_name = "場所"
        verbose_name_plural = "場所"
        ordering = ["contract", "order", "site", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "site", "name"], name="so_place_unique_per_contract"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_site_display()} {self.name}"


class UsualPlace(models.Model):
    """The place a requester usually works at: where the one-tap emergency is filed (SO-5)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name="職員", on_delete=models.CASCADE, related_name="so_usual_places"
    )
    place = models.ForeignKey(Place, verbose_name="いつもの場所", on_delete=models.PROTECT)

    class Meta:
        verbose_name = "いつもの場所"
        verbose_name_plural = "いつもの場所"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "person"], name="so_usual_place_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return str(self.place)


class SupportRequest(models.Model):
    """A department's request to the office (依頼). Emergencies come first in every queue (SO-5);
    work outside open hours carries its 時間外 minutes (SO-3); a request outside the contract
    period needs an audited override (SO-1)."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "緊急対応"
        SIT_IN = "sit_in", "窓口同席"
        FIELD_VISIT = "field_visit", "現場対応同行"
        CONSULTATION = "consultation", "相談"
        TECHNICAL_ADVICE = "technical_advice", "技術的助言"

    class State(models.TextChoices):
        RECEIVED = "received", "受付"
        ACCEPTED = "accepted", "対応中"
        DEPARTED = "departed", "出発"
        ARRIVED = "arrived", "到着"
        COMPLETED = "completed", "完了"
        CONTINUING = "continuing", "継続"
        CANCELLED = "cancelled", "取消"

    class Risk(models.TextChoices):
        UNKNOWN = "unknown", "不明"
        LOW = "low", "低"
        MEDIUM = "medium", "中"
        HIGH = "high", "高(暴力・凶器のおそれ)"

    OPEN_STATES = (State.RECEIVED, State.ACCEPTED, State.DEPARTED, State.ARRIVED)

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="so_requests"
    )
    number = models.PositiveIntegerField("受付番号")
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.RECEIVED)
    department = models.ForeignKey(
        Organisation,
        verbose_name="依頼した所管課",
        on_delete=models.PROTECT,
        related_name="so_requests",
    )
    requested_by = models.ForeignKey(
        User, verbose_name="依頼した職員", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("依頼日時")
    place = models.ForeignKey(
        Place, verbose_name="場所", on_delete=models.PROTECT, null=True, blank=True
    )
    scheduled_at = models.DateTimeField("予定日時", null=True, blank=True)
    scheduled_until = models.DateTimeField("予定終了日時", null=True, blank=True)
    # Field visit (SO-6): the address is a resident's, so sealed.
    address = SealedTextField("訪問先", blank=True)
    companions = SealedTextField("同行する職員", blank=True)
    visitor_notes = SealedTextField("来庁者・相手方について分かっていること", blank=True)
    risk = models.CharField("危険の程度", max_length=10, choices=Risk.choices, default=Risk.UNKNOWN)
    risk_notes = SealedTextField("危険についての補足", blank=True)
    details = SealedTextField("依頼の内容", blank=True)
    # A repeated tap on a slow connection carries the same token: one request, not two.
    client_token = models.CharField("送信の識別子", max_length=64, blank=True)

    accepted_at = models.DateTimeField("対応開始日時", null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name="対応した従事者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # SO-9, SO-10: whether the person who accepted was on a shift of the month's approved duty
    # schedule at that minute; None when the month had no approved schedule. Recorded, not
    # refused: an emergency after hours or while the one on post is out is answered by
    # whoever of the roster is there, and shows here and on the day's report.
    accepted_on_post = models.BooleanField("勤務予定表の勤務中に対応開始", null=True, blank=True)
    responders = models.ManyToManyField(
        User, verbose_name="対応した従事者(全員)", blank=True, related_name="+"
    )
    departed_at = models.DateTimeField("出発日時", null=True, blank=True)
    arrived_at = models.DateTimeField("到着日時", null=True, blank=True)
    completed_at = models.DateTimeField("完了日時", null=True, blank=True)
    continuing_at = models.DateTimeField("継続とした日時", null=True, blank=True)
    outcome = SealedTextField("対応の記録(沈静化の経過など)", blank=True)
    after_hours_minutes = models.PositiveIntegerField("時間外(分)", default=0)

    outside_period_override = models.BooleanField("履行期間外の受付(承認済み)", default=False)
    override_reason = models.CharField("期間外に受け付けた理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "依頼"
        verbose_name_plural = "依頼"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="so_request_number_unique"),
            models.UniqueConstraint(
                fields=["contract", "client_token"],
                condition=~Q(client_token=""),
                name="so_request_one_per_client_token",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "state"], name="so_request_state"),
            models.Index(fields=["contract", "requested_at"], name="so_request_time"),
        ]

    def __str__(self) -> str:
        return f"依頼 {self.number}号({self.get_kind_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def arrival_minutes(self) -> int | None:
        """Minutes from the request to the arrival on site (SO-2), if arrived."""
        if self.arrived_at is None:
            return None
        return max(0, int((self.arrived_at - self.requested_at).total_seconds() // 60))
