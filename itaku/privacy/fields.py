"""``SealedTextField``: a text column whose value is encrypted under its contract's data key.

Use it for every sensitive field (PI-6): names and contacts of participants, guardians and
customers; health, disability and allergy notes; incident narratives and verbatim words::

    class LeakIncident(models.Model):
        contract = models.ForeignKey(Contract, ...)
        cause = SealedTextField("原因")  # sealed under the data key of ``self.contract``

In Python the attribute is the plain text; in the database, in any SQL dump and in ``dumpdata``
it is only ever the sealed form (``itaku.privacy.crypto``). The row's contract chooses the key:
``contract_field`` names the foreign key (default ``contract``).

- A sealed value cannot be searched or compared in SQL: only ``isnull`` lookups are allowed. To
  find people by name, store a blind index with ``itaku.privacy.services.name_index_set``.
- ``QuerySet.update()`` with plain text is refused: write through ``save()``.
- Reading a value whose key has been destroyed raises ``crypto.Unreadable``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from itaku.privacy import crypto


class SealedTextField(models.TextField):
    description = "暗号化したテキスト"

    def __init__(self, *args: Any, contract_field: str = "contract", **kwargs: Any) -> None:
        self.contract_field = contract_field
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.contract_field != "contract":
            kwargs["contract_field"] = self.contract_field
        return name, path, args, kwargs

    @property
    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def _seal(self, instance: models.Model, plaintext: str) -> str:
        from itaku.privacy.keys import contract_key

        contract_id = getattr(instance, f"{self.contract_field}_id")
        if contract_id is None:
            raise ValueError(f"{self.context}: 契約のない行は暗号化できません")
        key_id, key = contract_key(contract_id)
        return crypto.seal(key=key, key_id=key_id, context=self.context, plaintext=plaintext)

    def _open(self, value: str) -> str:
        from itaku.privacy import keystore

        token = crypto.parse(value)
        if token is None:
            raise crypto.Unreadable(f"{self.context}: 暗号化されていない値があります")
        key = keystore.get(token.key_id)
        return crypto.open_sealed(key=key, token=token, context=self.context)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if value is None:
            return None
        return self._seal(model_instance, str(value))

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        # Only pre_save's sealed form reaches the database; plain text (an update() or a raw
        # assignment in a migration) is refused rather than written in clear.
        if value is None or (isinstance(value, str) and crypto.parse(value) is not None):
            return value
        raise ValueError(f"{self.context}: 暗号化フィールドは save() で保存してください")

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return self._open(value)

    def value_to_string(self, obj: models.Model) -> str:
        # dumpdata and other serialisers write the sealed form, never the plain text; loaddata
        # saves it "raw", which skips pre_save, so the sealed form goes back into the column.
        value = self.value_from_object(obj)
        return "" if value is None else self._seal(obj, value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(f"暗号化フィールド {self.name} は SQL で検索・比較できません")
        return super().get_lookup(lookup_name)
