"""Contracts, organisations, people, the worker roster (従事者名簿) and obligations.

Every record of every service belongs to a contract; who may see a contract is decided by
``itaku.core.access`` from the roster entries below (SO-10, PI-2, PI-3).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import F, Q

from itaku.core import domain, registry
from itaku.privacy.fields import SealedTextField


class Organisation(models.Model):
    """A ward department (発注者側) or a contractor company (受注者側).

    Kept for as long as any contract refers to it.
    """

    class Kind(models.TextChoices):
        WARD = "ward", "区の部署"
        CONTRACTOR = "contractor", "受注事業者"

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("区分", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "組織"
        verbose_name_plural = "組織"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A login account. Administrators (ward IT) are ``is_superuser``; everyone else acts through
    roster entries on contracts. Kept while the person works with the system; disabled, not deleted.
    """

    class Meta:
        verbose_name = "利用者アカウント"
        verbose_name_plural = "利用者アカウント"

    def get_full_name(self) -> str:
        """The person's name, family name first as Japanese forms write it."""
        try:
            return self.person.full_name
        except Person.DoesNotExist:
            return super().get_full_name()


def acting_user_field(verbose_name: str) -> models.ForeignKey:
    """Who submitted, approved or acknowledged something; kept even if the account is disabled."""
    return models.ForeignKey(
        User,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class UserSession(AbstractBaseSession):
    """A login session, stored with its user's id so that ending a roster entry, disabling an
    account or an administrator can end all of a person's sessions at once (ASVS V7).
    Kept until it expires (``manage.py clearsessions``)."""

    user_id = models.BigIntegerField("利用者ID", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "ログインセッション"
        verbose_name_plural = "ログインセッション"

    @classmethod
    def get_session_store_class(cls) -> type:
        from itaku.core.sessions import SessionStore

        return SessionStore


class Person(models.Model):
    """A person who works on a contract: ward staff, contractor staff, nurses, volunteers.

    Participants and residents are not people of this table; they belong to the service apps.
    Kept while any roster entry refers to the person.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name="所属", on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        User,
        verbose_name="アカウント",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    family_name = models.CharField("姓", max_length=50)
    given_name = models.CharField("名", max_length=50)
    family_name_kana = models.CharField("姓(かな)", max_length=50, blank=True)
    given_name_kana = models.CharField("名(かな)", max_length=50, blank=True)
    # IC-17: only needed where the role depends on age (volunteers count from 18).
    birth_date = models.DateField("生年月日", null=True, blank=True)

    class Meta:
        verbose_name = "従事者・職員"
        verbose_name_plural = "従事者・職員"
        ordering = ["family_name_kana", "given_name_kana", "id"]

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"


class Contract(models.Model):
    """A service contract (業務委託契約) between a ward department and a contractor (SO-1, IC-1).

    Kept until its data is returned and destroyed at the end (PI-8); the row itself stays as the
    record that the contract existed.
    """

    class PaymentCycle(models.TextChoices):
        MONTHLY = "monthly", "毎月払い"
        QUARTERLY = "quarterly", "四半期払い"

    State = domain.ContractState

    title = models.CharField("件名", max_length=200)
    number = models.CharField("契約番号", max_length=50, unique=True)
    # SO-10: from the award the contractor's manager prepares the roster and the first schedule.
    awarded_on = models.DateField(
        "契約締結日",
        help_text="この日から受注者の責任者が名簿と最初の勤務予定表を準備できます。",
    )
    period_start = models.DateField("履行期間(開始)")
    period_end = models.DateField("履行期間(終了)")
    # The kinds are declared by the service apps (``contributions.SERVICE_KINDS``).
    service_kind = models.CharField(
        "業務の種類", max_length=30, choices=registry.service_kind_choices
    )
    department = models.ForeignKey(
        Organisation,
        verbose_name="所管課(発注者)",
        on_delete=models.PROTECT,
        related_name="commissioned_contracts",
        limit_choices_to={"kind": Organisation.Kind.WARD},
    )
    contractor = models.ForeignKey(
        Organisation,
        verbose_name="受注者",
        on_delete=models.PROTECT,
        related_name="contracts",
        limit_choices_to={"kind": Organisation.Kind.CONTRACTOR},
    )
    payment_cycle = models.CharField("支払方法", max_length=20, choices=PaymentCycle.choices)
    state = models.CharField(
        "状態", max_length=20, choices=domain.ContractState.choices(), default="active"
    )

    class Meta:
        verbose_name = "契約"
        verbose_name_plural = "契約"
        ordering = ["-period_start", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="contract_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(awarded_on__lte=F("period_start")),
                name="contract_awarded_not_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}({self.number})"

    @property
    def period(self) -> domain.Period:
        return domain.Period(self.period_start, self.period_end)


class RosterVersion(models.Model):
    """One submission of a contract's roster (従事者名簿) to the ward (SO-10).

    Every change to the roster opens a new draft version; the version keeps a snapshot of the
    entries as submitted, so the ward can see what it approved. Kept with the contract.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "作成中"
        SUBMITTED = "submitted", "提出済み"
        APPROVED = "approved", "承認済み"
        RETURNED = "returned", "差戻し"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.CASCADE, related_name="roster_versions"
    )
    number = models.PositiveIntegerField("版")
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.DRAFT)
    snapshot = models.JSONField("提出時の名簿", default=list, blank=True)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = acting_user_field("提出者")
    decided_at = models.DateTimeField("承認・差戻し日時", null=True, blank=True)
    decided_by = acting_user_field("承認者")
    decision_note = models.CharField("差戻しの理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "従事者名簿の版"
        verbose_name_plural = "従事者名簿の版"
        ordering = ["contract", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="roster_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} 第{self.number}版"


# What the audit log keeps of a change to the sealed phone: never the number (PI-6).
PHONE_SET, PHONE_CHANGED, PHONE_CLEARED = "set", "changed", "cleared"


class RosterEntry(models.Model):
    """A person's place on a contract's roster, with role, qualifications and pledge (誓約書).

    Contractor-side entries give access only once a roster version holding them is approved
    (SO-10) and a pledge is recorded (SO-17, PI-2). Kept with the contract as evidence of who had
    access and when.
    """

    Role = domain.Role
    # The audit log shows the qualifications kept in the JSONField by their labels (PI-10), and
    # of the sealed phone only whether it was recorded, changed or removed (PI-6).
    audit_value_choices: ClassVar = {
        "qualifications": domain.Qualification.choices(),
        "contact_phone": [
            (PHONE_SET, "記録しました"),
            (PHONE_CHANGED, "変更しました"),
            (PHONE_CLEARED, "削除しました"),
        ],
    }

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.CASCADE, related_name="roster_entries"
    )
    person = models.ForeignKey(
        Person, verbose_name="氏名", on_delete=models.PROTECT, related_name="roster_entries"
    )
    role = models.CharField("役割", max_length=30, choices=domain.Role.choices())
    qualifications = models.JSONField("資格・経験", default=list, blank=True)
    valid_from = models.DateField("従事開始日")
    valid_to = models.DateField("従事終了日", null=True, blank=True)
    pledge_date = models.DateField("誓約書の提出日", null=True, blank=True)
    # IC-19 (仕様書 9(1)ウ): the responsible person is 常に連絡が可能な者. Sealed under the
    # contract's key (PI-6); shown only to those who may see the roster's contacts
    # (``VIEW_ROSTER_CONTACTS``). None when no phone is recorded, never a sealed "": a migration
    # cannot write a sealed default into the rows already there, whether a phone is recorded can
    # be asked in SQL (``isnull``) without opening it, and a line without one still reads after
    # the contract's key is destroyed.
    contact_phone = SealedTextField("常に連絡が取れる電話番号", null=True, blank=True)
    # PI-2: ending an entry ends access at once, whatever valid_to says.
    ended_at = models.DateTimeField("従事終了の登録日時", null=True, blank=True)
    approved_version = models.ForeignKey(
        RosterVersion,
        verbose_name="承認された版",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_entries",
    )
    # SO-10, PI-2: the terms that give access now. The fields above are the roster as the
    # contractor writes it; a change that widens access reaches these only when the ward approves
    # a version holding it, one that narrows it at once (``domain.terms_in_force``).
    granted_valid_to = models.DateField("従事終了日(承認済み)", null=True, blank=True)
    granted_pledge_date = models.DateField("誓約書の提出日(承認済み)", null=True, blank=True)
    granted_qualifications = models.JSONField("資格・経験(承認済み)", default=list, blank=True)

    class Meta:
        verbose_name = "従事者名簿の記載"
        verbose_name_plural = "従事者名簿の記載"
        ordering = ["contract", "role", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="roster_entry_valid_to_not_before_from",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in domain.Role]),
                name="roster_entry_role_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}({self.get_role_display()})"

    @property
    def role_side(self) -> str:
        return domain.Role(self.role).side.value

    @property
    def qualification_labels(self) -> list[str]:
        labels = dict(domain.Qualification.choices())
        return [labels.get(q, q) for q in self.qualifications]

    def as_domain(self) -> domain.RosterGrant:
        """The entry as the access rule sees it: with the terms in force."""
        return domain.RosterGrant(
            role=domain.Role(self.role),
            valid_from=self.valid_from,
            valid_to=self.granted_valid_to,
            pledge_date=self.granted_pledge_date,
            approved=self.approved_version_id is not None,
            ended=self.ended_at is not None,
        )

    @property
    def proposed_terms(self) -> domain.GrantTerms:
        """The terms as the contractor wrote them."""
        return domain.GrantTerms(
            valid_to=self.valid_to,
            pledge_date=self.pledge_date,
            qualifications=frozenset(self.qualifications),
        )

    @property
    def granted_terms(self) -> domain.GrantTerms:
        """The terms that give access now."""
        return domain.GrantTerms(
            valid_to=self.granted_valid_to,
            pledge_date=self.granted_pledge_date,
            qualifications=frozenset(self.granted_qualifications),
        )

    def set_granted(self, terms: domain.GrantTerms) -> None:
        self.granted_valid_to = terms.valid_to
        self.granted_pledge_date = terms.pledge_date
        self.granted_qualifications = sorted(terms.qualifications)

    @property
    def awaits_approval(self) -> bool:
        """Whether the roster as written gives more than the terms in force: a widening the
        ward has still to approve (SO-10)."""
        return self.approved_version_id is None or self.granted_terms != self.proposed_terms


GRANTED_FIELDS = ["granted_valid_to", "granted_pledge_date", "granted_qualifications"]


def contract_facts(contract: Contract) -> domain.ContractFacts:
    return domain.ContractFacts(
        period=contract.period,
        state=contract.state,
        awarded_on=contract.awarded_on,
        service_kind=contract.service_kind,
    )


class ClosureDay(models.Model):
    """A day the ward office is closed beyond the national calendar (区が定める閉庁日).

    Kept indefinitely: past due dates were computed from it.
    """

    date = models.DateField("日付", unique=True)
    reason = models.CharField("理由", max_length=200)

    class Meta:
        verbose_name = "閉庁日"
        verbose_name_plural = "閉庁日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class Obligation(models.Model):
    """A deliverable a contract owes, with the rule that computes its due dates and the clause it
    comes from (e.g. daily report, SO-13). Kept with the contract.
    """

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.CASCADE, related_name="obligations"
    )
    name = models.CharField("提出物・義務", max_length=200)
    clause_id = models.CharField("条項", max_length=20)
    rule = models.CharField("期限の規則", max_length=40, choices=domain.DueRule.choices())
    days_before = models.PositiveSmallIntegerField("何日前まで", null=True, blank=True)

    class Meta:
        verbose_name = "履行義務"
        verbose_name_plural = "履行義務"
        ordering = ["contract", "clause_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "name"], name="obligation_unique_name_per_contract"
            ),
            models.CheckConstraint(
                condition=~Q(rule="days_before_event") | Q(days_before__isnull=False),
                name="obligation_days_before_needed_for_event_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.clause_id})"


class ObligationItem(models.Model):
    """One concrete occurrence of an obligation: the daily report for 2 Feb, the monthly report for
    February, the schedule for an activity. Its state is derived from its dates
    (``domain.obligation_state``), never stored. Kept with the contract.
    """

    obligation = models.ForeignKey(
        Obligation, verbose_name="履行義務", on_delete=models.CASCADE, related_name="items"
    )
    period_start = models.DateField("対象期間(開始)")
    period_end = models.DateField("対象期間(終了)")
    due_date = models.DateField("提出期限")
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = acting_user_field("提出者")
    acknowledged_at = models.DateTimeField("確認日時", null=True, blank=True)
    acknowledged_by = acting_user_field("確認者")

    class Meta:
        verbose_name = "提出物"
        verbose_name_plural = "提出物"
        ordering = ["due_date", "obligation__clause_id"]
        indexes = [
            # The home page's deadlines read the open items up to a week ahead on every
            # contract the user follows: without it, every item of the year is scanned.
            models.Index(
                fields=["obligation", "due_date"],
                condition=Q(submitted_at__isnull=True),
                name="obligation_item_open_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "period_start", "period_end"],
                name="obligation_item_unique_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="obligation_item_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(submitted_at__isnull=False),
                name="obligation_item_acknowledged_only_when_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation.name} {self.period_start}〜{self.period_end}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once.

    Kept until revoked and for a year after, as evidence of API access.
    """

    user = models.ForeignKey(
        User, verbose_name="利用者", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("先頭の文字", max_length=12)
    digest = models.CharField("ハッシュ値", max_length=64, unique=True)
    created_at = models.DateTimeField("発行日時", auto_now_add=True)
    last_used_at = models.DateTimeField("最終利用日時", null=True, blank=True)
    revoked_at = models.DateTimeField("失効日時", null=True, blank=True)

    class Meta:
        verbose_name = "APIトークン"
        verbose_name_plural = "APIトークン"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}({self.prefix}…)"


class Notification(models.Model):
    """A notice to one person that something waits for them: its kind, the contract it concerns
    (its 件名 and 契約番号 are no personal data) and where to look, never what the record says.
    The e-mail sent with it tells still less: the kind's label and the link (PI-5, PI-18, IC-30:
    no personal data in notifications or e-mail, only a link that opens behind the login).

    Kept while the account exists; deleted with it.
    """

    recipient = models.ForeignKey(
        User, verbose_name="宛先", on_delete=models.CASCADE, related_name="notifications"
    )
    # A kind some app declared (``registry.NotificationKind``); ``notification_send`` refuses any
    # other, so the registry is the check rather than a constraint core would have to edit.
    kind = models.CharField("種類", max_length=40)
    link = models.CharField("リンク先", max_length=300)
    # Empty for a notice about no contract. The notice stays listed when the recipient may no
    # longer see the contract: it is theirs; the link's own access check answers 404 then.
    contract = models.ForeignKey(
        Contract,
        verbose_name="契約",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField("通知日時", auto_now_add=True)
    read_at = models.DateTimeField("既読日時", null=True, blank=True)

    class Meta:
        verbose_name = "お知らせ"
        verbose_name_plural = "お知らせ"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_unread"),
        ]
        constraints = [
            # A path on this site, never an address elsewhere (no open redirect from a notice).
            models.CheckConstraint(
                condition=Q(link__startswith="/") & ~Q(link__startswith="//"),
                name="notification_link_is_site_path",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label}({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def declared_kind(self) -> Any:
        return registry.notification_kinds().get(self.kind)

    @property
    def kind_label(self) -> str:
        kind = self.declared_kind
        return kind.label if kind is not None else self.kind

    @property
    def kind_what(self) -> str:
        """What happened and what to do, as the kind declares it ("" if no longer declared)."""
        kind = self.declared_kind
        return kind.what if kind is not None else ""

    @property
    def kind_action(self) -> str:
        """The link's name on the page, by what it does there (「申請を確認する」)."""
        kind = self.declared_kind
        return kind.action if kind is not None else "開く"
