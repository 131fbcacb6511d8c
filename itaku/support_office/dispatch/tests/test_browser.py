"""The dispatch in headless Chromium (SO-5): the requester taps 「至急来てください」, the office's
board, already open, shows the emergency with a visible alert within 5 s and no reload; the worker
accepts, departs, arrives and completes. On a phone and on a desk."""

from __future__ import annotations

import pytest

from itaku.core.tests.browser import DESKTOP, PHONE, assert_accessible, log_in_quickly, page_new
from itaku.support_office.dispatch.models import SupportRequest

from .browser_steps import (
    assert_fits,
    board_open,
    board_shows_emergency,
    requester_taps_for_help,
    worker_handles,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("screen", "viewport"), [("phone", PHONE), ("desk", DESKTOP)])
def test_so5_a_tap_reaches_the_open_board_without_reload_and_is_handled(
    browser, site, live_server, place, screen, viewport
):
    base = live_server.url
    office = page_new(browser, viewport=viewport)
    log_in_quickly(office, base, site.worker)
    board_open(office, base, site.contract.pk)
    assert_fits(office)
    assert_accessible(office)

    requester = page_new(browser, viewport=viewport)
    log_in_quickly(requester, base, site.requester)
    requester_taps_for_help(requester, base)
    assert_accessible(requester)
    number = SupportRequest.objects.get().number

    board_shows_emergency(office, number)
    assert_fits(office)
    assert_accessible(office)
    worker_handles(office, number)
    assert SupportRequest.objects.get().state == "completed"
    office.context.close()
    requester.context.close()
