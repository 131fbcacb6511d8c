"""The money pages: an outsider (and a person of another contract) gets 404 on each page and
each POST, the lists' queries are bounded, the forms keep what was typed with the message next
to the field, and the pages show what the rules compute (IC-16, IC-25, IC-27)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.ichou.money.demo import eligible_lodging_values
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
from itaku.ichou.money.tests.helpers import FY, PNG, activity, entry, lodging, programme, sheet

pytestmark = pytest.mark.django_db


def _urls(world):
    c = world.contract.pk
    hike = activity(world, "bus_hike")
    line = entry(world)
    place = lodging(world)
    return [
        reverse("ichou:money_costs", args=[c]),
        reverse("ichou:money_activity", args=[c, hike.pk]),
        reverse("ichou:money_activity", args=[c, activity(world, "overnight").pk]),
        reverse("ichou:money_ledger", args=[c, hike.pk]),
        reverse("ichou:money_ledger_reverse", args=[c, hike.pk, line.pk]),
        reverse("ichou:money_lodgings", args=[c]),
        reverse("ichou:money_lodging", args=[c, place.pk]),
    ]


def test_pi2_an_outsider_gets_404_on_every_money_page_and_post(client, world, frozen_today):
    urls = _urls(world)
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "form": "lodging"}).status_code == 404, url
    assert BusHikeLedgerEntry.objects.count() == 1


def test_pi2_a_record_is_not_found_through_another_contract(client, world, frozen_today):
    urls = _urls(world)
    c, other = str(world.contract.pk), str(world.other_contract.pk)
    client.force_login(world.manager)
    for url in urls:
        moved = url.replace(f"/contracts/{c}/", f"/contracts/{other}/")
        assert client.get(moved).status_code == 404, moved


def test_the_ward_sees_the_pages_without_their_forms(client, world, frozen_today):
    urls = _urls(world)
    for viewer in (world.supervisor, world.auditor, world.worker):
        client.force_login(viewer)
        for url in urls[:4] + urls[5:]:
            response = client.get(url)
            assert response.status_code == 200, (viewer, url)
            assert not response.context.get("form"), (viewer, url)
            assert not response.context.get("choice_form"), (viewer, url)
        assert client.post(urls[5], eligible_lodging_values()).status_code == 403
    assert Lodging.objects.count() == 1


def test_a_ledger_page_is_only_for_a_bus_hike(client, world, frozen_today):
    programme(world)
    client.force_login(world.manager)
    outing = activity(world, "outing")
    assert (
        client.get(reverse("ichou:money_ledger", args=[world.contract.pk, outing.pk])).status_code
        == 404
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_take_the_same_queries_however_many(client, world, frozen_today):
    from itaku.ichou.day.tests.helpers import participant

    c = world.contract.pk
    hike = activity(world, "bus_hike")
    sheet(world, "outing")
    entry(world)
    lodging(world)
    participant(world, 0)
    urls = [
        reverse("ichou:money_costs", args=[c]),
        reverse("ichou:money_ledger", args=[c, hike.pk]),
        reverse("ichou:money_lodgings", args=[c]),
    ]
    client.force_login(world.manager)
    few = [_queries(client, u) for u in urls]
    sheet(world, "bus_hike")
    sheet(world, "overnight")
    for i in range(5):
        entry(world, "paid", 100 + i)
        lodging(world, eligible=bool(i % 2), name=f"施設{i}")
        participant(world, i + 1, group="2")
    assert [_queries(client, u) for u in urls] == few


def test_ic27_the_year_page_shows_each_share_total_and_who_collects(client, world, frozen_today):
    from itaku.ichou.day.tests.helpers import participant

    programme(world)
    sheet(world, "bus_hike")
    sheet(world, "outing")
    for i in range(3):
        participant(world, i)
    client.force_login(world.supervisor)
    body = client.get(reverse("ichou:money_costs", args=[world.contract.pk]) + f"?year={FY}")
    text = body.content.decode()
    hike = activity(world, "bus_hike")
    # The bus hike is joint: 3 registered (group 1 only), 2,975 yen each, the ward collects.
    row = text.split(f'data-activity="{hike.pk}"')[1].split("</tr>")[0]
    assert "2,975円" in row and "8,925円" in row and "区が徴収" in row and "参加登録者" in row
    assert "参加者の負担はありません" in text  # the regular activities
    assert "費用の内訳が未入力です" in text  # the overnight trip and the other outing
    assert "data-ward-total>8,925円" in text


def _sheet_post(**change):
    values = {
        "transport": "6000",
        "food": "1500",
        "lodging": "0",
        "materials": "300",
        "admissions": "800",
        "rounding": "down",
        "form": "sheet",
    }
    return values | change


def test_ic27_the_sheet_form_keeps_what_was_typed_and_says_what_is_wrong(
    client, world, frozen_today
):
    programme(world)
    client.force_login(world.manager)
    url = reverse("ichou:money_activity", args=[world.contract.pk, activity(world, "bus_hike").pk])
    response = client.post(url, _sheet_post(transport="6123", food="-5"))
    assert response.status_code == 400
    assert response.context["form"].errors["food"]
    assert 'value="6123"' in response.content.decode()
    assert CostSheet.objects.count() == 0
    assert client.post(url, _sheet_post()).status_code == 302
    text = client.get(url).content.decode()
    assert "data-share>2,975円" in text and "区が徴収します" in text


def test_ic27_a_kind_without_a_share_says_so(client, world, frozen_today):
    programme(world)
    client.force_login(world.manager)
    url = reverse("ichou:money_activity", args=[world.contract.pk, activity(world, "regular").pk])
    text = client.get(url).content.decode()
    assert "参加者の負担はありません" in text and "内訳を保存する" not in text


def _ledger_post(**change):
    return {
        "entry_date": f"{FY}-06-01",
        "kind": "paid",
        "amount": "9800",
        "description": "バス代の支払",
    } | change


def test_ic16_a_payment_without_receipt_is_refused_next_to_the_field(client, world, frozen_today):
    hike = activity(world, "bus_hike")
    client.force_login(world.manager)
    url = reverse("ichou:money_ledger", args=[world.contract.pk, hike.pk])
    response = client.post(url, _ledger_post())
    assert response.status_code == 400
    assert "IC-16" in response.context["form"].errors["receipt"][0]
    assert "バス代の支払" in response.content.decode()
    assert BusHikeLedgerEntry.objects.count() == 0
    upload = SimpleUploadedFile("領収書.png", PNG, content_type="image/png")
    assert client.post(url, _ledger_post(receipt=upload)).status_code == 302
    text = client.get(url).content.decode()
    assert "data-paid>9,800円" in text and "data-balance>-9,800円" in text
    assert "領収書を見る" in text and "領収書.png" not in text  # the file's name is not shown


def test_ic16_the_receipt_opens_through_the_attachment_page(client, world, frozen_today):
    paid = entry(world, "paid", 500)
    client.force_login(world.supervisor)
    url = reverse("privacy:attachment-detail", args=[world.contract.pk, paid.receipt_id])
    assert (
        url
        in client.get(
            reverse("ichou:money_ledger", args=[world.contract.pk, paid.activity_id])
        ).content.decode()
    )
    assert client.get(url).status_code == 200


def test_ic16_a_reversal_from_the_page_keeps_the_original(client, world, frozen_today):
    line = entry(world, amount=700)
    client.force_login(world.manager)
    url = reverse("ichou:money_ledger_reverse", args=[world.contract.pk, line.activity_id, line.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "二重の記帳"}).status_code == 302
    assert BusHikeLedgerEntry.objects.count() == 2
    text = client.get(
        reverse("ichou:money_ledger", args=[world.contract.pk, line.activity_id])
    ).content.decode()
    assert "取消済み" in text and "二重の記帳" in text and "data-balance>0円" in text
    assert client.post(url, {"reason": "もう一度"}).status_code == 400


def test_ic25_the_lodging_page_says_why_with_the_clause(client, world, frozen_today):
    bad = lodging(world, eligible=False)
    client.force_login(world.supervisor)
    text = client.get(
        reverse("ichou:money_lodging", args=[world.contract.pk, bad.pk])
    ).content.decode()
    assert 'data-eligible="no"' in text and "旧耐震基準" in text and "15(1)イ" in text


def test_ic25_the_lodging_form_keeps_what_was_typed(client, world, frozen_today):
    programme(world)
    client.force_login(world.manager)
    url = reverse("ichou:money_lodgings", args=[world.contract.pk])
    data = {
        k: ("on" if v is True else "" if v is False else str(v))
        for k, v in eligible_lodging_values().items()
    }
    response = client.post(url, data | {"floors": "0", "name": "港の宿"})
    assert response.status_code == 400
    assert response.context["form"].errors["floors"]
    assert "港の宿" in response.content.decode()
    assert Lodging.objects.count() == 0


def test_ic25_choosing_an_ineligible_lodging_is_refused_next_to_the_field(
    client, world, frozen_today
):
    bad = lodging(world, eligible=False)
    good = lodging(world)
    client.force_login(world.manager)
    url = reverse("ichou:money_activity", args=[world.contract.pk, activity(world, "overnight").pk])
    response = client.post(url, {"form": "lodging", "lodging": str(bad.pk)})
    assert response.status_code == 400
    assert "IC-25" in response.context["choice_form"].errors["lodging"][0]
    assert f'<option value="{bad.pk}" selected>' in response.content.decode()
    assert LodgingChoice.objects.count() == 0
    assert client.post(url, {"form": "lodging", "lodging": str(good.pk)}).status_code == 302
    assert "data-chosen" in client.get(url).content.decode()
    assert LodgingChoice.objects.get().lodging == good
