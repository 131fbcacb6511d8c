"""Leak incidents (漏えい等事案) of a contract and their follow-up (PI-7)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from itaku.core.models import Contract, User
from itaku.leaks import domain
from itaku.privacy.fields import SealedTextField


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value is not None else None


class LeakIncident(models.Model):
    """A leak, loss or damage of personal information, or the risk of one, on a contract: reported
    to the ward at once and followed through the preliminary and final reports, the notice to the
    people concerned and closure (PI-7; 個人情報保護法26条, 施行規則7条・8条).

    The narratives may hold personal data and are sealed under the contract's data key (PI-6);
    they become unreadable when the key is destroyed at contract end (PI-8). The row with its dates
    and counts is kept with the contract's record as evidence of how the incident was handled
    (PI-9, PI-10).
    """

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="leak_incidents"
    )
    discovered_at = models.DateTimeField("発覚日時")
    recorded_by = models.ForeignKey(
        User, verbose_name="報告した人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("報告日時")
    suspected = models.BooleanField(
        "漏えい等のおそれ(未確定)",
        default=False,
        help_text="漏えい等が確定していない(おそれがある)段階の報告",
    )
    wrongdoing = models.BooleanField(
        "不正の目的によるおそれ", default=False, help_text="確報の期限が60日になります"
    )
    what_happened = SealedTextField("概要")
    cause = SealedTextField("原因", blank=True)
    containment = SealedTextField("二次被害の防止・対応", blank=True)
    participants_affected = models.IntegerField("対象の本人の数(受講者)", default=0)
    guardians_affected = models.IntegerField("対象の本人の数(保護者等)", default=0)
    customers_affected = models.IntegerField("対象の本人の数(相談者・相手方)", default=0)
    staff_affected = models.IntegerField("対象の本人の数(従事者)", default=0)
    others_affected = models.IntegerField("対象の本人の数(その他)", default=0)
    ward_notified_at = models.DateTimeField("区への報告日時")
    preliminary_reported_at = models.DateTimeField("速報の日時", null=True, blank=True)
    final_reported_at = models.DateTimeField("確報の日時", null=True, blank=True)
    persons_notified_at = models.DateTimeField("本人への通知の日時", null=True, blank=True)
    closed_at = models.DateTimeField("対応の完了日時", null=True, blank=True)

    # The follow-up step each date records (leak_follow).
    STEP_FIELDS = {
        domain.Step.PRELIMINARY: "preliminary_reported_at",
        domain.Step.FINAL: "final_reported_at",
        domain.Step.PERSONS_NOTIFIED: "persons_notified_at",
        domain.Step.CLOSED: "closed_at",
    }
    NARRATIVE_FIELDS = ("what_happened", "cause", "containment")

    class Meta:
        verbose_name = "漏えい等事案"
        verbose_name_plural = "漏えい等事案"
        ordering = ["-discovered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants_affected__gte=0)
                & Q(guardians_affected__gte=0)
                & Q(customers_affected__gte=0)
                & Q(staff_affected__gte=0)
                & Q(others_affected__gte=0),
                name="leak_incident_counts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(discovered_at__lte=F("recorded_at")),
                name="leak_incident_discovered_not_after_recorded",
            ),
            models.CheckConstraint(
                condition=Q(final_reported_at__isnull=True)
                | Q(preliminary_reported_at__isnull=False),
                name="leak_incident_final_only_after_preliminary",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(final_reported_at__isnull=False),
                name="leak_incident_closed_only_after_final",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "closed_at"], name="leak_incident_open_by_contract"),
        ]

    def __str__(self) -> str:
        return f"漏えい等事案 #{self.pk}"

    @property
    def affected(self) -> dict[str, int]:
        return {c: getattr(self, f"{c}_affected") for c in domain.AFFECTED_CATEGORIES}

    @property
    def affected_total(self) -> int:
        return sum(self.affected.values())

    def as_dates(self) -> domain.LeakDates:
        """The incident's days in Tokyo, for the deadline rules."""
        return domain.LeakDates(
            discovered_on=timezone.localdate(self.discovered_at),
            ward_notified_on=_day(self.ward_notified_at),
            preliminary_on=_day(self.preliminary_reported_at),
            final_on=_day(self.final_reported_at),
            persons_notified_on=_day(self.persons_notified_at),
            closed_on=_day(self.closed_at),
        )

    def as_progress(self) -> domain.LeakProgress:
        return domain.LeakProgress(
            discovered_at=self.discovered_at,
            preliminary_at=self.preliminary_reported_at,
            final_at=self.final_reported_at,
            persons_notified_at=self.persons_notified_at,
            closed_at=self.closed_at,
        )
