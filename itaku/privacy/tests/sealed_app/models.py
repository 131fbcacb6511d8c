"""A stand-in for a service's participant record: a name and a health note, both sealed."""

from django.db import models

from itaku.core.models import Contract
from itaku.privacy.fields import SealedTextField


class Subject(models.Model):
    """A test participant (受講者): never used outside the tests."""

    contract = models.ForeignKey(Contract, verbose_name="契約", on_delete=models.PROTECT)
    family_name = SealedTextField("姓")
    given_name = SealedTextField("名")
    kana = SealedTextField("よみがな", blank=True)
    health_note = SealedTextField("健康上の配慮", null=True, blank=True)
    attendance = models.PositiveIntegerField("出席日数", default=0)

    def __str__(self) -> str:
        return f"受講者(試験) {self.pk}"
