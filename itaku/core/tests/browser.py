"""Helpers for the browser tests: find and launch Chromium, log in, and check a page with axe-core.

Plain functions on Playwright pages, so that every app's browser tests drive the pages the same way,
and the fixtures they share (``browser``, ``page``, ``phone``, ``site``), loaded for the whole suite
by ``pytest_plugins`` in ``itaku/conftest.py``.
"""

from __future__ import annotations

import os
import re
from base64 import b32decode
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from itaku.conftest import PASSWORD, VerifiedClient, World
from itaku.core import demo

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PRIMARY_BLUE = "rgb(0, 23, 193)"  # --color-primary, the header's top border in itaku.css
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}


def chromium_launch(playwright: Playwright) -> Browser:
    """Debian's Chromium (or $CHROMIUM_PATH), headless; skip when it is missing, fail on CI."""
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).is_file():
        message = f"Chromium not found at {executable}: sudo apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def page_new(browser: Browser, **options) -> Page:
    """A page in a fresh context (no cookies), in Japanese and Tokyo time."""
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", **options)
    context.set_default_timeout(10_000)
    return context.new_page()


def submit(page: Page, button: str) -> None:
    """Click a form's submit button and wait for the page that answers it."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person would, and, for the roles that need it, type
    the authenticator's code (enrolling first, from the key the page shows, if need be)."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    submit(page, "ログイン")
    if "/accounts/2fa/" not in page.url:
        return
    secret = page.locator("#otp-secret")
    if secret.count():
        page.get_by_label("確認コード").fill(authenticator_code(secret.inner_text()))
        submit(page, "設定を完了する")
    else:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.get_by_label("確認コード").fill(authenticator_code(device))
        submit(page, "確認する")


def authenticator_code(key: str | TOTPDevice) -> str:
    """What an authenticator app shows now, for the key shown at enrolment or a device."""
    if isinstance(key, TOTPDevice):
        return demo.authenticator_code(key)
    return f"{totp(b32decode(key.replace(' ', ''))):06d}"


def log_in_quickly(page: Page, base_url: str, user) -> None:
    """A session without the login form, for tests about what comes after it."""
    client = VerifiedClient()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
    )


def assert_accessible(page: Page) -> None:
    """axe-core finds nothing serious or critical on the page as it is now."""
    violations = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    report = "; ".join(
        f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']]}" for v in violations
    )
    assert not violations, f"{page.url}: {report}"


def assert_styled(page: Page) -> None:
    """The stylesheet was served: a broken static set-up would leave the header unstyled."""
    expect(page.locator(".site-header")).to_have_css("border-top-color", PRIMARY_BLUE)
    expect(page.locator("body")).to_have_css("font-family", re.compile(r'^"Noto Sans JP"'))


# ---- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # While Playwright's sync API is alive it marks an asyncio loop as running in this thread, so
    # Django would refuse the ORM calls of the fixtures here. Nothing runs concurrently in this
    # thread, so the check is lifted, and only for as long as this module's browser lives; for the
    # same reason the browser is scoped to a test module, not to the whole test session.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = chromium_launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def on_today(time_machine) -> None:
    """The server thread shares the process clock: move it to TODAY, 10:00 Tokyo, ticking."""
    tokyo_ten = datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    time_machine.move_to(tokyo_ten, tick=True)


@pytest.fixture
def site(on_today, transactional_db, live_server, world) -> World:
    """The personas, built on TODAY (the clock moved first) for the live server."""
    return world


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = page_new(browser, viewport=DESKTOP)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    phone = page_new(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield phone
    phone.context.close()
