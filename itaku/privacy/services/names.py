"""The blind name index (PI-6): find a person by exact name or by its first characters without
the name being stored in clear. Call ``name_index_set`` in the service that saves the record, in
the same transaction; ``name_search`` in the selector that lists them."""

from __future__ import annotations

from typing import Any

from django.db import models

from itaku.privacy import crypto
from itaku.privacy.keys import contract_key
from itaku.privacy.models import NameIndexEntry


def name_index_set(*, record: models.Model, contract_id: Any, forms: list[tuple[str, ...]]) -> None:
    """Replace the index entries of ``record`` with those of a name written in one or more
    forms, each split into parts: ``[(family, given), (family_kana, given_kana)]``."""
    _, key = contract_key(contract_id)
    digests = crypto.name_digests(crypto.index_key(key), forms)
    label, pk = record._meta.label_lower, str(record.pk)
    NameIndexEntry.objects.filter(target_type=label, target_id=pk).delete()
    NameIndexEntry.objects.bulk_create(
        NameIndexEntry(contract_id=contract_id, target_type=label, target_id=pk, digest=d)
        for d in sorted(digests)
    )


def name_index_clear(*, record: models.Model) -> None:
    NameIndexEntry.objects.filter(
        target_type=record._meta.label_lower, target_id=str(record.pk)
    ).delete()


def name_search(
    *, queryset: models.QuerySet, contract_id: Any, query: str, prefix: bool = True
) -> models.QuerySet:
    """``queryset`` narrowed to the records of the contract whose indexed name equals ``query``
    (``prefix=False``) or starts with it. Spaces, kana forms and variant kanji are ignored."""
    _, key = contract_key(contract_id)
    wanted = crypto.query_digest(crypto.index_key(key), query, prefix=prefix)
    if wanted is None:
        return queryset.none()
    ids = NameIndexEntry.objects.filter(
        contract_id=contract_id, target_type=queryset.model._meta.label_lower, digest=wanted
    ).values_list("target_id", flat=True)
    return queryset.filter(pk__in=list(ids))
