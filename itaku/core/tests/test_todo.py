"""The home page's 「対応が必要なもの」: core's sources (roster versions, items to acknowledge or
submit), the list on the page with links that work, items gone once done, and a page whose
queries do not grow with the number of contracts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from itaku.conftest import PERIOD_START, TODAY, make_contract, make_user
from itaku.core import domain, selectors, services, todo
from itaku.core.models import ObligationItem, Organisation
from itaku.core.registry import TodoSource
from itaku.core.selectors import contract_list
from itaku.core.templatetags.itaku import wareki
from itaku.core.tests.plugins import extra_contributions

pytestmark = pytest.mark.django_db


def todos(world, name):
    user = world.user(name)
    return todo.todo_list(user=user, today=TODAY, accesses=contract_list(user=user, on=TODAY))


def whats(world, name):
    return [t.what for t in todos(world, name)]


def submit_new_version(world):
    """The manager adds a worker and submits the roster: version 3 waits for the ward."""
    access = world.access(world.manager)
    services.roster_entry_add(
        actor=world.manager,
        access=access,
        person=make_user("newcomer", world.contract.contractor).person,
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=TODAY,
        pledge_date=TODAY,
    )
    return services.roster_version_submit(actor=world.manager, access=access)


@pytest.fixture
def reports(world, frozen_today):
    """Three daily reports submitted by the manager, waiting for the ward's acknowledgement."""
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(actor=world.admin, contract=world.contract, through=TODAY)
    daily = ObligationItem.objects.filter(
        obligation__contract=world.contract, obligation__clause_id="SO-13"
    ).order_by("due_date")[:3]
    for item in daily:
        services.obligation_item_submit(
            actor=world.manager, access=world.access(world.manager), item=item
        )
    return list(daily)


def test_so10_a_submitted_roster_version_waits_for_the_supervisor_only(world, frozen_today):
    version = submit_new_version(world)
    [item] = todos(world, "supervisor")
    assert item.what == f"提出された従事者名簿 第{version.number}版を承認または差戻し"
    assert item.contract == world.contract
    assert item.since == TODAY
    assert item.url == reverse("core:roster", args=[world.contract.pk]) + "#submitted"
    for name in ("auditor", "manager", "worker", "requester", "outsider"):
        assert not [w for w in whats(world, name) if "従事者名簿" in w], name


def test_so10_a_returned_roster_waits_for_the_manager_until_resubmitted(world, frozen_today):
    version = submit_new_version(world)
    services.roster_version_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        version=version,
        approve=False,
        note="資格の記載が抜けています",
    )
    # Among the manager's other to-dos (a service's own, e.g. the support office's closing).
    assert f"差し戻された従事者名簿 第{version.number}版を直して再提出" in whats(world, "manager")
    assert whats(world, "supervisor") == []
    services.roster_version_submit(actor=world.manager, access=world.access(world.manager))
    assert not [w for w in whats(world, "manager") if "差し戻された" in w]


def test_so13_submitted_reports_wait_as_one_line_per_contract_and_obligation(world, reports):
    [item] = [t for t in todos(world, "supervisor") if "受領" in t.what]
    assert item.what == "提出された日報 3件の受領を確認"
    # The support office declares where its daily reports are read and acknowledged.
    assert item.url == reverse("support_office:reports", args=[world.contract.pk])
    for name in ("auditor", "manager", "worker", "outsider"):
        assert not [w for w in whats(world, name) if "受領" in w], name
    for report in reports:
        services.obligation_item_acknowledge(
            actor=world.supervisor, access=world.access(world.supervisor), item=report
        )
    assert not [w for w in whats(world, "supervisor") if "受領" in w]


def test_so13_the_manager_sees_what_is_due_or_overdue_to_submit(world, reports):
    mine = whats(world, "manager")
    assert any(w.startswith("期限を過ぎた日報 ") and w.endswith("件を提出") for w in mine)
    assert not [w for w in whats(world, "supervisor") if w.endswith("を提出")]
    assert whats(world, "outsider") == []


def test_the_home_page_lists_what_waits_with_links_that_work_and_forgets_it_once_done(
    client, world, reports
):
    version = submit_new_version(world)
    client.force_login(world.supervisor)
    page = client.get(reverse("core:home"))
    html = page.content.decode()
    assert "対応が必要なもの（2件）" in html
    assert html.index("対応が必要なもの") < html.index("提出物の期限")
    items = page.context["todos"]
    assert len(items) == 2
    for item in items:
        assert f'href="{item.url}"' in html
        assert client.get(item.url).status_code == 200
    client.post(
        reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "approve"]),
        {"confirmed": "1"},
    )
    html = client.get(reverse("core:home")).content.decode()
    assert "対応が必要なもの（1件）" in html
    assert "従事者名簿 第" not in html


def test_nothing_waits_for_the_outsider(client, world, reports):
    submit_new_version(world)
    client.force_login(world.outsider)
    html = client.get(reverse("core:home")).content.decode()
    assert "対応が必要なものはありません" in html
    assert world.contract.title not in html


def test_the_deadlines_show_overdue_and_today_and_fold_the_week(client, world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=date(2026, 7, 31)
    )
    # Few open items (the older ones done): each listed, then the week folded into counts.
    ObligationItem.objects.filter(due_date__lt=TODAY - timedelta(days=3)).update(
        submitted_at=timezone.now(), acknowledged_at=timezone.now()
    )
    client.force_login(world.manager)
    html = client.get(reverse("core:home")).content.decode()
    overdue, today, week = (
        html.index("期限超過（"),
        html.index("本日が期限（"),
        html.index("<details"),
    )
    assert overdue < today < week
    assert 'data-clause="SO-13"' in html[overdue:week]
    assert "今後7日以内（" in html[week:]
    assert f"{world.contract.title}の提出物" in html[week:]


def test_many_deadlines_are_counted_per_contract_not_listed(client, world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=date(2026, 7, 31)
    )
    overdue = ObligationItem.objects.filter(due_date__lt=TODAY).count()
    assert overdue > selectors.DEADLINE_ROWS_IN_FULL
    client.force_login(world.manager)
    html = client.get(reverse("core:home")).content.decode()
    assert f"期限超過（{overdue}件）・本日が期限（1件）" in html
    assert 'data-clause="SO-13"' not in html  # no row of an item
    assert f"{world.contract.title}の提出物" in html
    # The contract's row: its counts, its earliest due date in 和暦, a link to its items.
    first_due = ObligationItem.objects.order_by("due_date").first().due_date
    row = html.split(f"{world.contract.title}の提出物")[1].split("</tr>")[0]
    assert f'<td data-label="期限超過" class="num">{overdue}件</td>' in row
    assert '<td data-label="本日が期限" class="num">1件</td>' in row
    assert f'<td data-label="最も早い期限">{wareki(first_due)}</td>' in row
    assert "<details" not in html.split('id="deadlines-title"')[1].split("</section>")[0]


def home_queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("core:home"))  # the session and the device are read once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    return len(queries)


def add_contracts(world, prefix: str, n: int) -> None:
    """``n`` more contracts the auditor and the supervisor hold, each with its obligations and
    open items, so the deadlines have rows on each and every source has contracts to ask."""
    dept = Organisation.objects.get(kind="ward")
    for i in range(n):
        company = Organisation.objects.create(name=f"受注者 {prefix}{i}", kind="contractor")
        contract = make_contract(f"{prefix}-{i}", dept, company)
        for user, role in (
            (world.auditor, domain.Role.AUDITOR),
            (world.supervisor, domain.Role.WARD_SUPERVISOR),
        ):
            services.ward_role_grant(
                actor=world.admin,
                contract=contract,
                person=user.person,
                role=role,
                valid_from=PERIOD_START,
            )
        services.obligations_declare_standard(actor=world.admin, contract=contract)
        services.obligation_items_schedule(actor=world.admin, contract=contract, through=TODAY)


@pytest.mark.parametrize("name", ["auditor", "supervisor"])
def test_the_home_pages_queries_do_not_grow_with_the_number_of_contracts(
    client, world, frozen_today, name
):
    add_contracts(world, "A", 3)
    few = home_queries(client, world.user(name))
    add_contracts(world, "B", 7)
    assert home_queries(client, world.user(name)) == few


def test_check_refuses_a_to_do_source_declared_twice():
    source = TodoSource("roster_decide", "名簿の承認(重複)", lambda user, today, accesses: [])
    with extra_contributions("todo_test_app", TODOS=[source]):
        errors = [e for e in checks.run_checks() if e.id == "itaku.E003"]
    assert [e.msg for e in errors] == ["TODOS: the key 'roster_decide' is declared 2 times"]


def test_a_declared_source_is_listed_oldest_first(world, frozen_today):
    from itaku.core.registry import TodoItem

    def items(user, today, accesses):
        return [
            TodoItem(accesses[0].contract, "新しいもの", TODAY, "/", "開く"),
            TodoItem(accesses[0].contract, "古いもの", date(2026, 6, 1), "/", "開く"),
        ]

    with extra_contributions("todo_test_app", TODOS=[TodoSource("test", "試験", items)]):
        assert whats(world, "auditor") == ["古いもの", "新しいもの"]


def test_a_deliverable_whose_app_names_no_page_leads_to_the_contract_pages_list(world):
    from itaku.core.todo import _obligations_url

    assert _obligations_url(world.contract, "勤務予定表(ページなし)") == (
        reverse("core:contract-detail", args=[world.contract.pk]) + "#obligations"
    )
    assert _obligations_url(world.contract, "職員研修の実施") == reverse(
        "support_office:training-list", args=[world.contract.pk]
    )


def test_every_declared_deliverable_page_exists(world):
    from itaku.core import registry

    for (kind, name), url_name in registry.obligation_url_names().items():
        assert reverse(url_name, kwargs={"contract_id": world.contract.pk}), (kind, name)
