"""The contract page's obligations: what waits for a step first (期限超過, 提出待ち, 受領待ち), then
what falls due in the next two weeks, and the acknowledged and far-ahead ones folded away with
their counts (issue 8: the page was a wall of 60 rows)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from itaku.conftest import TODAY
from itaku.core import domain, selectors, services
from itaku.core.models import ObligationItem

pytestmark = pytest.mark.django_db

S = domain.ObligationState


def schedule(world, *, open_days: int = 5) -> None:
    """The standard obligations through August; everything due more than ``open_days`` days
    ago done (submitted and acknowledged), and one recent daily report submitted only."""
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=date(2026, 8, 31)
    )
    ObligationItem.objects.filter(due_date__lt=TODAY - timedelta(days=open_days)).update(
        submitted_at=timezone.now(), acknowledged_at=timezone.now()
    )
    recent = world.contract.obligations.get(clause_id="SO-13").items.get(
        period_start=date(2026, 6, 11)
    )
    services.obligation_item_submit(
        actor=world.manager, access=world.access(world.manager), item=recent
    )


def row(state, due, *, name="日報"):
    item = ObligationItem(due_date=due, period_start=due, period_end=due)
    return selectors.ObligationRow(item=item, state=state, submitted_late=False)


def test_the_page_groups_waiting_first_then_the_next_two_weeks_and_folds_the_rest():
    d = TODAY
    rows = [
        row(S.ACKNOWLEDGED, d - timedelta(days=20)),
        row(S.SUBMITTED, d - timedelta(days=5)),
        row(S.LATE, d - timedelta(days=2)),
        row(S.LATE, d - timedelta(days=1)),
        row(S.DUE, d),
        row(S.NOT_DUE, d + timedelta(days=3)),
        row(S.NOT_DUE, d + timedelta(days=14)),
        row(S.NOT_DUE, d + timedelta(days=15)),
    ]
    page = selectors.obligation_page(rows, today=d)
    assert [r.state for r in page.waiting] == [S.LATE, S.LATE, S.DUE, S.SUBMITTED]
    assert [r.item.due_date for r in page.waiting[:2]] == [d - timedelta(days=2), d - timedelta(1)]
    assert [r.item.due_date for r in page.next] == [d + timedelta(days=3), d + timedelta(14)]
    assert [r.state for r in page.done] == [S.ACKNOWLEDGED]
    assert [r.item.due_date for r in page.later] == [d + timedelta(days=15)]


@pytest.mark.usefixtures("generic_hand_in")
def test_the_contract_page_shows_what_waits_first_and_folds_the_rest_with_counts(
    client, world, frozen_today
):
    schedule(world)
    client.force_login(world.manager)
    html = client.get(reverse("core:contract-detail", args=[world.contract.pk])).content.decode()
    waiting, coming = html.index('id="obligations-waiting"'), html.index('id="obligations-next"')
    done, later = html.index('id="obligations-done"'), html.index('id="obligations-later"')
    assert waiting < coming < done < later
    states = re.findall(r'data-state="(\w+)"', html[waiting:coming])
    assert states[0] == "late" and set(states) == {"late", "due", "submitted"}
    assert states == sorted(states, key=["late", "due", "submitted"].index)
    assert set(re.findall(r'data-state="(\w+)"', html[coming:done])) == {"not_due"}
    # Folded: <details> without ``open``, the count in the summary.
    access = world.access(world.manager)
    groups = selectors.obligation_page(
        selectors.obligation_items_around(access=access), today=TODAY
    )
    assert groups.done and groups.later
    assert f"提出済み {len(groups.done)}件" in html[done:later]
    assert f"その先の予定 {len(groups.later)}件" in html[later:]
    assert re.search(r'<details class="fold" id="obligations-done">', html)
    assert set(re.findall(r'data-state="(\w+)"', html[done:later])) == {"acknowledged"}
    # Each button names its item: 「令和8年6月12日分の日報を提出済みにする」.
    assert "令和8年6月12日分の日報を</span>提出済みにする" in html


def test_an_old_item_still_open_stays_on_the_page(client, world, frozen_today):
    schedule(world)
    old = world.contract.obligations.get(clause_id="SO-13").items.get(period_start=date(2026, 4, 1))
    ObligationItem.objects.filter(pk=old.pk).update(submitted_at=None, acknowledged_at=None)
    client.force_login(world.manager)
    html = client.get(reverse("core:contract-detail", args=[world.contract.pk])).content.decode()
    waiting, coming = html.index('id="obligations-waiting"'), html.index('id="obligations-next"')
    assert f'data-item="{old.pk}" data-state="late"' in html[waiting:coming]


def test_the_contract_pages_queries_do_not_grow_with_its_items(
    client, world, frozen_today, django_assert_max_num_queries
):
    client.force_login(world.manager)
    url = reverse("core:contract-detail", args=[world.contract.pk])
    client.get(url)
    with django_assert_max_num_queries(11):
        client.get(url)
    schedule(world)
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
