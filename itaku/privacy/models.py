"""Data keys, the blind name index, encrypted attachments, export requests, and the contract-end
records: confirmations, return and handover packages, destruction certificates (PI-5, PI-6, PI-8,
PI-18, IC-29). The keys themselves are not here: see ``itaku.privacy.keystore``."""

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
    # What the request names, for kinds that need it: the attachment (by id), or the auditor's
    # filters and the last event seen when asking. Never a name or other personal data.
    parameters = models.JSONField("出力の条件", default=dict, blank=True)
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


class EndItemConfirmation(models.Model):
    """The ward supervisor's confirmation of one contract-end checklist item that the system
    cannot check itself (equipment and keys returned, SO-11; no handover needed, IC-29), with a
    note of what was checked. Kept with the contract's record, after destruction too (PI-8)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="+"
    )
    item_key = models.CharField("確認項目", max_length=50)
    confirmed_by = acting_user_field("確認した人")
    confirmed_at = models.DateTimeField("確認日時", auto_now_add=True)
    note = models.CharField("確認の内容", max_length=500)

    class Meta:
        verbose_name = "契約終了時の確認"
        verbose_name_plural = "契約終了時の確認"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "item_key"], name="privacy_enditem_one_confirmation_per_item"
            ),
            models.CheckConstraint(
                condition=~Q(note=""), name="privacy_enditem_confirmation_has_note"
            ),
        ]

    def __str__(self) -> str:
        return f"確認 {self.item_key}"


class ContractPackage(models.Model):
    """A package of a contract's data made at its end: the return package to the ward (PI-8),
    which holds everything, or a handover package for the next contractor (IC-29), which holds
    the sections the ward supervisor chose. The archive is an AES zip whose password was shown
    once to its builder; it is stored sealed under the contract's key and deleted with the data.
    The row (manifest and hashes, receipt, approval) is kept as the record of what was returned."""

    class Purpose(models.TextChoices):
        RETURN = "return", "返却パッケージ"
        HANDOVER = "handover", "引継ぎパッケージ"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="packages"
    )
    purpose = models.CharField("種類", max_length=20, choices=Purpose.choices)
    sections = models.JSONField("収録した項目", default=list)
    built_by = acting_user_field("作成した人")
    built_at = models.DateTimeField("作成日時")
    manifest = models.JSONField("収録ファイルの一覧", default=list)
    manifest_sha256 = models.CharField("一覧(manifest.json)のSHA-256", max_length=64)
    archive_sha256 = models.CharField("ZIPファイルのSHA-256", max_length=64)
    received_by = acting_user_field("受領した人")
    received_at = models.DateTimeField("受領日時", null=True, blank=True)
    approved_by = acting_user_field("引継ぎを承認した人")
    approved_at = models.DateTimeField("引継ぎの承認日時", null=True, blank=True)

    class Meta:
        verbose_name = "返却・引継ぎパッケージ"
        verbose_name_plural = "返却・引継ぎパッケージ"
        ordering = ["-built_at"]
        constraints = [
            # Only the return package is received (PI-8); only a handover is approved (IC-29).
            models.CheckConstraint(
                condition=Q(purpose="return") | Q(received_at__isnull=True),
                name="privacy_package_only_return_is_received",
            ),
            models.CheckConstraint(
                condition=Q(purpose="handover") | Q(approved_at__isnull=True),
                name="privacy_package_only_handover_is_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} #{self.pk}"


class DestructionCertificate(models.Model):
    """The data destruction certificate (データ消去証明書) of a contract (PI-8): who ordered it,
    when it ran, which keys were destroyed, what was deleted, the return package's manifest hash,
    the check that no key opens its canary any more, and the PDF itself. Not sealed (the key it
    would be sealed under is gone) and holding no personal data. Kept indefinitely."""

    contract = models.OneToOneField(
        Contract,
        verbose_name="契約",
        on_delete=models.PROTECT,
        related_name="destruction_certificate",
    )
    ordered_by = acting_user_field("消去を指示した人")
    executed_at = models.DateTimeField("消去日時")
    manifest_sha256 = models.CharField("返却パッケージの一覧のSHA-256", max_length=64)
    key_ids = models.JSONField("消去した鍵ID", default=list)
    counts = models.JSONField("消去した記録・ファイルの数", default=dict)
    no_key_opens = models.BooleanField("検証：いずれの鍵でも復号できない")
    pdf = models.BinaryField("証明書(PDF)")
    pdf_sha256 = models.CharField("証明書のSHA-256", max_length=64)

    class Meta:
        verbose_name = "データ消去証明書"
        verbose_name_plural = "データ消去証明書"
        constraints = [
            # The certificate is issued only once the check has shown that nothing opens (PI-8).
            models.CheckConstraint(
                condition=Q(no_key_opens=True), name="privacy_certificate_verified"
            ),
        ]

    def __str__(self) -> str:
        return f"データ消去証明書 #{self.pk}"
