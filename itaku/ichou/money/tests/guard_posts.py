"""The money part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.money.demo import PNG, eligible_lodging_values
from itaku.ichou.money.forms import LedgerEntryForm, LedgerReverseForm, LodgingForm
from itaku.ichou.money.models import BusHikeLedgerEntry, Lodging


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"写し {text}.png", PNG, content_type="image/png")


def _entry(world: Any, field: str, text: str):
    from itaku.ichou.money.tests.helpers import FY, activity

    hike = activity(world, "bus_hike")
    data: dict[str, Any] = {
        "entry_date": f"{FY}-06-01",
        "kind": "received",
        "amount": "1000",
        "description": "参加者負担金",
    }
    if field == "receipt":
        data |= {"kind": "paid", "receipt": _upload(text)}
    else:
        data[field] = text
    url = reverse("ichou:money_ledger", args=[world.contract.pk, hike.pk])
    return world.manager, url, data, BusHikeLedgerEntry.objects.count


def _reverse(world: Any, field: str, text: str):
    from itaku.ichou.money.tests.helpers import entry

    line = entry(world)
    url = reverse("ichou:money_ledger_reverse", args=[world.contract.pk, line.activity_id, line.pk])
    return world.manager, url, {field: text}, BusHikeLedgerEntry.objects.count


def _lodging(world: Any, field: str, text: str):
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    data: dict[str, Any] = {
        k: ("on" if v is True else "" if v is False else str(v))
        for k, v in eligible_lodging_values().items()
    }
    if field == "evidence":
        data["evidence"] = _upload(text)
    else:
        data[field] = text
    url = reverse("ichou:money_lodgings", args=[world.contract.pk])
    return world.manager, url, data, Lodging.objects.count


STORED = {
    (LedgerEntryForm, "description"): _entry,
    (LedgerEntryForm, "receipt"): _entry,
    (LedgerReverseForm, "reason"): _reverse,
    (LodgingForm, "name"): _lodging,
    (LodgingForm, "address"): _lodging,
    (LodgingForm, "note"): _lodging,
    (LodgingForm, "evidence"): _lodging,
}
