"""The demo's money records, made through the services (IC-16, IC-25, IC-27), and the
contract-end package that hands them over (IC-29)."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
from itaku.ichou.money.services import lodging_verdict

pytestmark = pytest.mark.django_db


def test_ic27_ic16_ic25_the_demo_has_sheets_a_ledger_and_a_chosen_lodging(time_machine):
    time_machine.move_to("2026-06-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2026, 6, 15))
    kinds = set(CostSheet.objects.values_list("activity__kind", flat=True))
    assert kinds == {"outing", "bus_hike", "overnight"}
    assert CostSheet.objects.count() == CostSheet.objects.values("activity").distinct().count()
    lines = list(BusHikeLedgerEntry.objects.all())
    assert {line.kind for line in lines} == {"received", "paid"}
    assert all(line.receipt_id for line in lines if line.kind == "paid")
    verdicts = {
        lodging.name: lodging_verdict(lodging).eligible for lodging in Lodging.objects.all()
    }
    assert sorted(verdicts.values()) == [False, True]
    choice = LodgingChoice.objects.get()
    assert verdicts[choice.lodging.name] and choice.activity.kind == "overnight"


def test_ic29_the_contract_end_package_hands_over_the_money_records(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.money.decl import PACKAGE_SECTIONS
    from itaku.ichou.money.tests.helpers import entry, lodging, sheet

    sheet(world)
    entry(world, "paid", 300)
    lodging(world)
    [section] = PACKAGE_SECTIONS
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {
        "ichou/cost_sheets.csv",
        "ichou/bus_hike_ledger.csv",
        "ichou/lodgings.csv",
        "ichou/lodging_choices.csv",
    }
    assert "バス代の支払" in files["ichou/bus_hike_ledger.csv"].decode("utf-8-sig")
