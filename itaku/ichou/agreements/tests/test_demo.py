"""The demo's agreements (IC-35) and quarters (IC-28): one record of each kind, all but the last
confirmed; in January the first two quarters confirmed with their invoices, the third requested."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.core.demo import demo_data_create
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation

pytestmark = pytest.mark.django_db


def test_ic35_ic28_the_demo_has_an_agreement_of_each_kind_and_its_quarters(time_machine):
    time_machine.move_to("2027-01-15 10:00 +09:00", tick=False)
    demo_data_create(today=date(2027, 1, 15))
    records = list(Agreement.objects.order_by("number"))
    assert {a.kind for a in records} == set(Agreement.Kind.values)
    assert [a.confirmed for a in records] == [True, True, True, True, False]
    quarters = {q.quarter: q for q in QuarterConfirmation.objects.filter(fiscal_year=2026)}
    assert set(quarters) == {1, 2, 3}
    for q in (1, 2):
        assert quarters[q].state == "confirmed" and quarters[q].invoice_amount
    assert quarters[3].state == "requested" and not quarters[3].invoice_recorded_at
