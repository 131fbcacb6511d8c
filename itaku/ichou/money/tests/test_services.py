"""The money services: a cost sheet saved and audited (IC-27), who is counted once the day has
check-ins, the ledger's lines never changed and put right by a reversal with its reason
(IC-16), and the lodging of the overnight trip refused when ineligible or without evidence
(IC-25)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from itaku.audit.models import AuditEvent
from itaku.ichou.money import selectors, services
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, LodgingChoice
from itaku.ichou.money.tests.helpers import (
    FY,
    PNG,
    activity,
    entry,
    lodging,
    programme,
    sheet,
)

pytestmark = pytest.mark.django_db


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_ic27_a_sheet_is_saved_once_per_activity_and_each_save_is_audited(world, frozen_today):
    first = sheet(world, transport=4_000)
    again = sheet(world, transport=4_400)
    assert first.pk == again.pk and CostSheet.objects.count() == 1
    assert CostSheet.objects.get().transport == 4_400
    assert _events("ic_cost_sheet.save") == 2


def test_ic27_the_sheet_starts_with_the_rounding_setting(world, frozen_today, settings):
    from itaku.ichou.money.views import _sheet_initial

    settings.ICHOU_SHARE_ROUNDING = "up"
    assert _sheet_initial(activity(world, "overnight"))["rounding"] == "up"


def test_ic27_a_negative_amount_is_refused_next_to_its_field(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        sheet(world, food=-1)
    assert "food" in refused.value.message_dict
    assert CostSheet.objects.count() == 0


def test_ic27_only_the_manager_saves_a_sheet(world, frozen_today):
    programme(world)
    with pytest.raises(PermissionDenied):
        services.cost_sheet_save(
            actor=world.worker,
            access=world.access(world.worker),
            activity=activity(world, "outing"),
            values={
                "transport": 1,
                "food": 1,
                "lodging": 0,
                "materials": 0,
                "admissions": 0,
                "rounding": "down",
            },
        )


def test_ic27_the_total_counts_those_present_once_the_day_has_check_ins(world, frozen_today):
    from itaku.ichou.day.models import ActivityDay, CheckIn
    from itaku.ichou.day.tests.helpers import participant

    hike = activity(world, "bus_hike")
    sheet(world)  # the demo's bus hike: 2,975 yen each
    people = [participant(world, i, group=g) for i, g in enumerate("1122")]
    row = selectors.cost_rows([hike])[0]
    assert (row.people.count, row.people.source) == (4, "registered")  # joint: both groups
    assert row.result.total == 4 * 2_975
    day = ActivityDay.objects.create(contract=world.contract, activity=hike)
    for person, result in zip(people[:3], ["checked_in", "stay_home", "overridden"], strict=True):
        CheckIn.objects.create(
            contract=world.contract, day=day, participant=person, result=result, at=timezone.now()
        )
    hike.refresh_from_db()
    row = selectors.cost_rows([hike])[0]
    assert (row.people.count, row.people.source) == (2, "present")
    assert row.result.total == 2 * 2_975 and row.ward_collects


def test_ic16_a_payment_needs_its_receipt(world, frozen_today):
    programme(world)
    with pytest.raises(ValidationError) as refused:
        services.ledger_entry_add(
            actor=world.manager,
            access=world.access(world.manager),
            activity=activity(world, "bus_hike"),
            values={
                "entry_date": date(FY, 6, 1),
                "kind": "paid",
                "amount": 500,
                "description": "バス代",
            },
        )
    assert "IC-16" in refused.value.message_dict["receipt"][0]
    assert BusHikeLedgerEntry.objects.count() == 0


def test_ic16_a_payment_with_its_receipt_is_kept_and_audited(world, frozen_today):
    paid = entry(world, "paid", 98_000)
    assert paid.receipt is not None and paid.receipt.contract_id == world.contract.pk
    assert _events("ic_ledger_entry.add") == 1


def test_ic16_the_ledger_is_only_for_the_bus_hike(world, frozen_today):
    programme(world)
    with pytest.raises(ValidationError):
        services.ledger_entry_add(
            actor=world.manager,
            access=world.access(world.manager),
            activity=activity(world, "outing"),
            values={
                "entry_date": date(FY, 6, 1),
                "kind": "received",
                "amount": 5,
                "description": "受入",
            },
        )


@pytest.mark.parametrize("amount", [0, -5])
def test_ic16_an_amount_is_more_than_zero(world, frozen_today, amount):
    with pytest.raises(ValidationError) as refused:
        entry(world, amount=amount)
    assert "amount" in refused.value.message_dict


def test_ic16_a_line_is_never_changed_nor_deleted(world, frozen_today):
    line = entry(world, amount=1_000)
    line.amount = 10
    with pytest.raises(ValidationError):
        line.save()
    with pytest.raises(ValidationError):
        line.delete()
    assert BusHikeLedgerEntry.objects.get().amount == 1_000


def test_ic16_a_reversal_puts_a_line_right_with_its_reason(world, frozen_today):
    programme(world)
    access = world.access(world.manager)
    entry(world, amount=126_000)
    wrong = entry(world, "paid", 9_800)
    reversal = services.ledger_entry_reverse(
        actor=world.manager, access=access, entry=wrong, reason="金額の誤り", on=frozen_today
    )
    assert (reversal.kind, reversal.amount, reversal.reverses_id) == ("paid", 9_800, wrong.pk)
    entry(world, "paid", 98_000, entry_date=date(FY, 6, 20))
    ledger = selectors.ledger_of(access=access, activity=activity(world, "bus_hike"))
    assert [r.balance for r in ledger.rows] == [126_000, 116_200, 126_000, 28_000]
    assert (ledger.received, ledger.paid, ledger.balance) == (126_000, 98_000, 28_000)
    assert [r.reversed for r in ledger.rows] == [False, True, False, False]
    event = AuditEvent.objects.get(action="ic_ledger_entry.reverse")
    assert event.changes["reverses"] == wrong.pk
    assert "金額の誤り" not in str(event.changes)


def test_ic16_a_line_is_reversed_once_and_a_reversal_is_not_reversed(world, frozen_today):
    programme(world)
    access = world.access(world.manager)
    line = entry(world)
    reversal = services.ledger_entry_reverse(
        actor=world.manager, access=access, entry=line, reason="二重の記帳", on=frozen_today
    )
    for target in (line, reversal):
        with pytest.raises(ValidationError):
            services.ledger_entry_reverse(
                actor=world.manager, access=access, entry=target, reason="再度", on=frozen_today
            )
    assert BusHikeLedgerEntry.objects.count() == 2


def test_ic16_a_reversal_needs_a_reason(world, frozen_today):
    programme(world)
    with pytest.raises(ValidationError) as refused:
        services.ledger_entry_reverse(
            actor=world.manager,
            access=world.access(world.manager),
            entry=entry(world),
            reason="  ",
            on=frozen_today,
        )
    assert "reason" in refused.value.message_dict


def _choose(world, chosen, kind="overnight"):
    programme(world)
    return services.lodging_choose(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity(world, kind),
        lodging=chosen,
    )


def test_ic25_an_eligible_lodging_with_its_evidence_is_chosen_and_audited(world, frozen_today):
    good = lodging(world)
    choice = _choose(world, good)
    assert choice.lodging == good and LodgingChoice.objects.count() == 1
    other = lodging(world, name="ホテル第二")
    assert _choose(world, other).pk == choice.pk
    assert LodgingChoice.objects.get().lodging == other
    assert _events("ic_lodging_choice.set") == 2


def test_ic25_an_ineligible_lodging_is_refused_with_the_clause(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        _choose(world, lodging(world, eligible=False))
    message = refused.value.message_dict["lodging"][0]
    assert "IC-25" in message and "15(1)イ" in message
    assert LodgingChoice.objects.count() == 0


def test_ic25_a_lodging_without_its_evidence_is_refused(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        _choose(world, lodging(world, evidence=False))
    assert "書類" in refused.value.message_dict["lodging"][0]
    assert LodgingChoice.objects.count() == 0


def test_ic25_only_the_overnight_trip_takes_a_lodging(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        _choose(world, lodging(world), kind="bus_hike")
    assert "宿泊事業" in refused.value.message_dict["lodging"][0]


def test_ic25_a_chosen_lodging_cannot_be_changed_into_an_ineligible_one(world, frozen_today):
    from itaku.ichou.money.demo import eligible_lodging_values

    good = lodging(world)
    _choose(world, good)
    with pytest.raises(ValidationError) as refused:
        services.lodging_change(
            actor=world.manager,
            access=world.access(world.manager),
            lodging=good,
            values=eligible_lodging_values() | {"diagnosed_safe": "no"},
        )
    assert "IC-25" in refused.value.message_dict["diagnosed_safe"][0]
    good.refresh_from_db()
    assert good.diagnosed_safe == "unknown"


def test_ic25_the_evidence_is_an_attachment_of_the_contract(world, frozen_today):
    good = lodging(world)
    assert good.evidence is not None and good.evidence.contract_id == world.contract.pk
    assert _events("ic_lodging.create") == 1
    assert PNG


def test_ic27_ic16_the_money_records_follow_their_activity_to_a_new_version(world, frozen_today):
    from itaku.audit.models import AuditEvent
    from itaku.ichou.money.models import BusHikeLedgerEntry
    from itaku.ichou.programme import services as programme_services
    from itaku.ichou.programme.tests.helpers import approved

    old = approved(world)
    kept, line = sheet(world), entry(world, "received")
    manager, supervisor = world.manager, world.supervisor
    new = programme_services.programme_revise(
        actor=manager, access=world.access(manager), programme=old, reason="講師の変更"
    )
    later = new.activities.filter(kind="regular", date__gt=frozen_today).last()
    values = {n: getattr(later, n) for n in programme_services.PLAN_FIELDS}
    values["lecturer"] = "新しい講師"
    programme_services.activity_change(
        actor=manager, access=world.access(manager), activity=later, values=values
    )
    programme_services.programme_submit(actor=manager, access=world.access(manager), programme=new)
    programme_services.programme_decide(
        actor=supervisor, access=world.access(supervisor), programme=new, approve=True
    )
    kept.refresh_from_db()
    assert kept.activity.programme_id == new.pk and kept.activity.kind == "bus_hike"
    assert BusHikeLedgerEntry.objects.get(pk=line.pk).activity.programme_id == new.pk
    event = AuditEvent.objects.get(action="ic_programme.carry")
    assert event.changes == {"costsheet": 1, "bushikeledgerentry": 1}
