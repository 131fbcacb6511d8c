"""The office's demo month: a training each month, the closing on most business days (two
missing), the lent equipment with one key out, one vehicle."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from itaku.core.access import contract_access
from itaku.core.demo import demo_data_create
from itaku.core.models import Contract, User
from itaku.support_office.office import selectors
from itaku.support_office.office.models import EquipmentItem, TrainingSession, Vehicle

pytestmark = pytest.mark.django_db
DEMO_DAY = date(2026, 11, 20)


def test_the_office_demo(time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    demo_data_create(today=DEMO_DAY)
    contract = Contract.objects.get(service_kind="support_office")
    access = contract_access(User.objects.get(username="so-supervisor"), contract.pk, on=DEMO_DAY)
    assert TrainingSession.objects.filter(contract=contract).count() == 8  # April … November
    assert {m.state.value for m in selectors.training_months(access=access)} == {"held"}
    missing = selectors.closing_missing_days(access, 2026, 11) + selectors.closing_missing_days(
        access, 2026, 10
    )
    recent = [d for d in missing if d >= date(2026, 10, 22)]
    assert len(recent) == 2
    out = [i for i in EquipmentItem.objects.filter(contract=contract) if i.outstanding]
    assert [i.identifier for i in out if i.kind == "key"] == ["K-1"]
    assert Vehicle.objects.filter(contract=contract).count() == 1
