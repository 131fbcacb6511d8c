"""The test app's one record: a visit note with a sealed narrative."""

from django.db import models

from itaku.core.models import Contract
from itaku.privacy.fields import SealedTextField


class Visit(models.Model):
    """A visit of the test service: never used outside the tests."""

    contract = models.ForeignKey(Contract, verbose_name="契約", on_delete=models.PROTECT)
    visited_on = models.DateField("訪問日")
    note = SealedTextField("記録")

    def __str__(self) -> str:
        return f"訪問(試験) {self.pk}"
