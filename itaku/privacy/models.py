"""Data keys, the blind name index, encrypted attachments and export requests (PI-5, PI-6, PI-8,
PI-18). The keys themselves are not here: see ``itaku.privacy.keystore``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from itaku.core.models import Contract, acting_user_field
from itaku.privacy.fields import SealedTextField


class DataKey(models.Model):
    """The record of one contract's data key: which key, made when, destroyed when and by whom.

    The key material lives in the key store, wrapped by the master key. ``canary`` is a fixed
    text sealed under the key when it was made: opening it proves the key works, and failing to
    open it after destruction is the evidence on the destruction certificate (PI-8). Kept for as
    long as the contract's record is (the record of destruction outlives the data)."""

    id = models.UUIDField("鍵ID", primary_key=True, default=uuid.uuid4, editable=False)
    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="data_keys"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    canary = models.TextField("検証用の暗号文")
    destroyed_at = models.DateTimeField("破棄日時", null=True, blank=True)
    destroyed_by = acting_user_field("破棄した人")

    class Meta:
        verbose_name = "データ鍵"
        verbose_name_plural = "データ鍵"
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(destroyed_at__isnull=True),
                name="privacy_datakey_one_live_key_per_contract",
            )
        ]

    def __str__(self) -> str:
        return f"データ鍵 {self.id.hex[:8]}"


class NameIndexEntry(models.Model):
    """One keyed digest of a name or of its first characters (blind index), so a person can be
    found by exact name or prefix without the name being stored in clear. The digests are keyed
    per contract and mean nothing once the contract's key is destroyed. Deleted with the record
    they point to."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.CASCADE, related_name="+"
    )
    target_type = models.CharField("記録の種類", max_length=100)
    target_id = models.CharField("記録のID", max_length=64)
    digest = models.CharField("索引値", max_length=32)

    class Meta:
        verbose_name = "氏名の検索索引"
        verbose_name_plural = "氏名の検索索引"
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "digest"],
                name="privacy_nameindex_unique_digest_per_record",
            )
        ]
        indexes = [
            models.Index(
                fields=["contract", "target_type", "digest"], name="privacy_nameindex_lookup"
            )
        ]

    def __str__(self) -> str:
        return f"索引 {self.target_type} {self.target_id}"


class Attachment(models.Model):
    """An audio recording, photo or PDF kept with a contract's records (a consultation's
    recording, an incident photo, a signed form). The file is stored encrypted under the
    contract's data key; its name is sealed too. Kept with the contract's records, returned in
    the return package and made unreadable with the key (PI-6, PI-8)."""

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="attachments"
    )
    name = SealedTextField("ファイル名")
    content_type = models.CharField("種類", max_length=100)
    size = models.PositiveIntegerField("大きさ(バイト)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = acting_user_field("登録した人")
    uploaded_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "添付ファイル"
        verbose_name_plural = "添付ファイル"
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"添付ファイル {self.id.hex[:8]}"


class ExportPreapproval(models.Model):
    """The ward supervisor's standing permission for one kind of export on one contract, for
    routine outputs (the monthly roster, say), so each one need not wait (PI-5). Each export made
    under it is still requested, logged and watermarked. Kept with the contract's records."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("出力の種類", max_length=50)
    approved_by = acting_user_field("承認した人")
    approved_at = models.DateTimeField("承認日時", auto_now_add=True)
    valid_until = models.DateField("有効期限")
    revoked_at = models.DateTimeField("取消日時", null=True, blank=True)

    class Meta:
        verbose_name = "出力の事前承認"
        verbose_name_plural = "出力の事前承認"

    def __str__(self) -> str:
        return f"事前承認 {self.kind}({self.valid_until}まで)"


class ExportRequest(models.Model):
    """A request to take personal data out of the system as a file (PI-5, PI-18, IC-30): what,
    why, who asked, who approved or refused, when the file was made and its hash. The file is
    encrypted with a password shown once to the requester; the file made is kept for a day so
    that it can be downloaded, then deleted. The request itself is kept with the contract's
    records."""

    class State(models.TextChoices):
        REQUESTED = "requested", "承認待ち"
        APPROVED = "approved", "承認済み"
        REFUSED = "refused", "不承認"
        PRODUCED = "produced", "作成済み"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="export_requests"
    )
    kind = models.CharField("出力の種類", max_length=50)
    file_format = models.CharField("形式", max_length=10)
    purpose = models.CharField("利用目的", max_length=300)
    state = models.CharField("状態", max_length=20, choices=State.choices)
    requested_by = acting_user_field("申請した人")
    requested_at = models.DateTimeField("申請日時", auto_now_add=True)
    decided_by = acting_user_field("承認・不承認した人")
    decided_at = models.DateTimeField("承認・不承認の日時", null=True, blank=True)
    decision_note = models.CharField("不承認の理由", max_length=300, blank=True)
    preapproval = models.ForeignKey(
        ExportPreapproval,
        verbose_name="事前承認",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    produced_at = models.DateTimeField("作成日時", null=True, blank=True)
    row_count = models.PositiveIntegerField("件数", null=True, blank=True)
    file_sha256 = models.CharField("ファイルのSHA-256", max_length=64, blank=True)

    class Meta:
        verbose_name = "出力申請"
        verbose_name_plural = "出力申請"
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(decision_note=""),
                name="privacy_export_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"出力申請 #{self.pk}"
