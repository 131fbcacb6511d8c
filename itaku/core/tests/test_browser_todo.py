"""The ward supervisor's home page in Chromium: each thing waiting for them, with a link that
works, gone from the list once done; at phone and desk widths, nothing wider than the screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from itaku.conftest import TODAY
from itaku.core import services
from itaku.core.models import ObligationItem
from itaku.core.tests.browser import PHONE, log_in, page_new
from itaku.core.tests.test_todo import submit_new_version
from itaku.privacy.services import exports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport",
    [PHONE, {"width": 1280, "height": 800}],
    ids=["phone", "desk"],
)
def test_the_supervisor_sees_what_waits_follows_each_link_and_approves_one(
    browser, site, live_server, viewport
):
    services.obligations_declare_standard(actor=site.admin, contract=site.contract)
    services.obligation_items_schedule(actor=site.admin, contract=site.contract, through=TODAY)
    manager = site.access(site.manager)
    for item in ObligationItem.objects.filter(
        obligation__contract=site.contract, obligation__clause_id="SO-13"
    ).order_by("due_date")[:5]:
        services.obligation_item_submit(actor=site.manager, access=manager, item=item)
    version = submit_new_version(site)
    exports.export_request(
        actor=site.manager,
        access=manager,
        kind="roster",
        file_format="xlsx",
        purpose="区との定例会議で従事体制を確認するため",
    )
    page = page_new(browser, viewport=viewport, is_mobile=viewport == PHONE)
    log_in(page, live_server.url, "supervisor")
    todo = page.locator(".todo")
    expect(todo.get_by_role("heading")).to_have_text("対応が必要なもの（3件）")
    waiting = {
        f"提出された従事者名簿 第{version.number}版を承認または差戻し": "名簿を確認する",
        "提出された日報 5件の受領を確認": "受領を確認する",
    }
    asked = f"{site.manager.get_full_name()}さんの出力申請(従事者名簿)を承認または不承認"
    waiting[asked] = "申請を確認する"
    for what, action in waiting.items():
        expect(todo.get_by_text(what)).to_be_visible()
        expect(todo.get_by_role("link", name=action)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the home page is {width}px wide"
    for action in ("受領を確認する", "申請を確認する", "名簿を確認する"):
        with page.expect_navigation() as navigation:
            todo.get_by_role("link", name=action).click()
        assert navigation.value.status == 200, page.url
        expect(page.get_by_role("heading", level=1)).not_to_have_text("ホーム")
        if action != "名簿を確認する":
            page.go_back()
    # On the roster page now: approve the version, confirm it, and come back home.
    with page.expect_navigation():
        page.get_by_role("button", name=f"従事者名簿 第{version.number}版を承認する").click()
    with page.expect_navigation():
        page.get_by_role("button", name=f"従事者名簿 第{version.number}版を承認する").click()
    page.goto(f"{live_server.url}/")
    expect(todo.get_by_role("heading")).to_have_text("対応が必要なもの（2件）")
    expect(todo.get_by_text(re.compile("従事者名簿 第"))).to_have_count(0)
    page.context.close()
