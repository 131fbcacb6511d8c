"""Privacy guards called by the services of every app before they write."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from itaku.audit.services import audit_record
from itaku.privacy.domain import contains_my_number

MY_NUMBER_MESSAGE = (
    "個人番号(マイナンバー)と思われる12桁の番号が含まれています。"
    "この業務では個人番号を扱えないため、削除してから保存してください。"
)


def my_number_refuse(*, actor: Any, fields: dict[str, str], contract: Any = None) -> None:
    """PI-11 … PI-16: refuse text that holds a My Number, naming the field; the attempt is
    audited in its own transaction (so it stays recorded) without the number itself. Call it
    before the service opens its own transaction."""
    found = [name for name, text in fields.items() if text and contains_my_number(text)]
    if not found:
        return
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="my_number.refuse",
            contract=contract,
            changes={"fields": found},
        )
    raise ValidationError({name: [MY_NUMBER_MESSAGE] for name in found})
