"""The 和暦 beside the browser's own date inputs, in a Japanese browser (locale ja-JP, as the
ward's PCs and phones run): static/js/wareki.js on the roster form (issue 8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from itaku.core.calendar import format_wareki
from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each era's first day and the day before it, 元年 and the last year of the era before.
EDGES = [
    ("2019-04-30", "平成31年4月30日"),
    ("2019-05-01", "令和元年5月1日"),
    ("1989-01-07", "昭和64年1月7日"),
    ("1989-01-08", "平成元年1月8日"),
    ("1926-12-25", "昭和元年12月25日"),
    ("2026-12-02", "令和8年12月2日"),
]


@pytest.mark.parametrize("screen", ["phone", "page"])
def test_the_roster_form_shows_the_wareki_of_the_chosen_birth_date(
    request, site, live_server, screen
):
    page = request.getfixturevalue(screen)
    viewport = PHONE if screen == "phone" else DESKTOP
    assert page.evaluate("navigator.language") == "ja-JP"
    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    birth = page.get_by_label("生年月日")
    shown = page.locator("#id_birth_date_wareki")
    expect(shown).to_be_empty()
    for typed, wareki in EDGES:
        birth.fill(typed)
        expect(shown).to_have_text(wareki)
    expect(shown).to_be_visible()
    # Read with the field: the 和暦 line is one of the input's descriptions.
    described = birth.get_attribute("aria-describedby") or ""
    assert "id_birth_date_wareki" in described.split()
    birth.fill("")
    expect(shown).to_be_empty()
    # The other dates of the form have theirs too.
    page.get_by_label("従事開始日").fill("2026-06-20")
    expect(page.locator("#id_valid_from_wareki")).to_have_text("令和8年6月20日")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide on a {viewport['width']}px screen"
    assert_accessible(page)


def test_the_script_writes_every_day_as_format_wareki_does(page, site, live_server):
    log_in_quickly(page, live_server.url, site.manager)
    page.goto(f"{live_server.url}/contracts/{site.contract.pk}/roster/")
    days = [date(1926, 12, 25) + timedelta(days=n) for n in range(0, 40000, 97)]
    days += [date(2019, 4, 30), date(2019, 5, 1), date(1989, 1, 7), date(1989, 1, 8)]
    got = page.evaluate(
        "days => days.map(d => window.itakuWareki(d))", [d.isoformat() for d in days]
    )
    assert got == [format_wareki(d) for d in days]
    # Before 昭和 and half-typed dates: nothing rather than a wrong era.
    assert page.evaluate("['1926-12-24', '', '2026-1-2'].map(window.itakuWareki)") == ["", "", ""]
