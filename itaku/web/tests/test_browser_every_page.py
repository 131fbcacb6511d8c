"""Every page of the project in headless Chromium, at 375 px (a phone) and 1280 px (a desk):
no sideways scrolling, the page's primary action visible inside the window, and axe-core with
no serious or critical violation (issue 8, "done when").

One ``PageRow`` per page: the URL name, who views it (a ``World`` persona, or ``None`` for a
visitor who is not signed in), the primary action (a link or button, by its accessible name, a
part of it is enough) and how to reach the page's objects (``kwargs``, a function of the world
that may make the records the page shows, through the services).

``test_every_url_name_has_a_row_or_a_reason`` walks every URL pattern of the project
(``django.urls.get_resolver``) and fails when a URL name has neither a row nor an entry in
``EXEMPT`` saying why it has none (an API endpoint, a download, an htmx partial, a POST-only
endpoint, Django's admin…). A key ending in ``:*`` exempts a whole namespace.

**How an app adds its pages.** Beside its own tests, in ``itaku/<app>[/<part>]/tests/page_rows.py``,
an app writes::

    from itaku.web.tests.page_rows import PageRow, contract

    ROWS = [PageRow("support_office:dispatch-list", "manager", "出動を記録する")]
    EXEMPT = {"support_office:dispatch-progress": "htmx partial of the dispatch page"}

This module gathers every such file, as ``itaku/privacy/tests/test_guard.py`` gathers
``guard_posts.py``; nothing here needs editing. ``kwargs`` defaults to ``contract`` (the
world's contract); give a function for pages of a record (see the rows below).

Run with ``ITAKU_SCREENSHOTS=docs/img`` to save, at phone width, the pictures of the shared
screens that ``docs/components.md`` shows (rows with ``shots``, and ``test_component_pictures``).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from playwright.sync_api import Page, expect

import itaku
from itaku.conftest import PASSWORD, World
from itaku.core.tests.browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    log_in_quickly,
    page_new,
    submit,
)
from itaku.web.tests.page_rows import PageRow, contract, nothing

SCREENSHOTS = os.environ.get("ITAKU_SCREENSHOTS")


# ---- how to reach the objects of a page ---------------------------------------------------------


def _attachment(world: World) -> dict[str, Any]:
    from itaku.privacy.services.attachments import attachment_add
    from itaku.privacy.tests.test_attachments import PNG

    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="窓口の写真.png", data=PNG
    )
    return {"contract_id": world.contract.pk, "attachment_id": attachment.id}


def _ended(world: World) -> dict[str, Any]:
    from itaku.core import services as core_services

    core_services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    return contract(world)


def _certificate(world: World) -> dict[str, Any]:
    from itaku.privacy.tests.test_contract_end import destroy, returned

    returned(world)
    return {"certificate_id": destroy(world).pk}


def _job(world: World) -> dict[str, Any]:
    from itaku.jobs.models import Job
    from itaku.jobs.services import job_start

    job = job_start(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        kind="privacy.package",
        params={"purpose": "handover", "sections": ["roster"]},
    )
    Job.objects.filter(pk=job.pk).update(state="running", progress_done=2, progress_total=5)
    return {"contract_id": world.contract.pk, "job_id": job.pk}


def _roster_entry(world: World) -> dict[str, Any]:
    entry = world.contract.roster_entries.filter(person=world.worker.person).first()
    assert entry is not None
    return {"contract_id": world.contract.pk, "entry_id": entry.pk}


def _notice(world: World) -> dict[str, Any]:
    _export_asked(world)
    return {}


def _export_asked(world: World) -> dict[str, Any]:
    from itaku.privacy.services.exports import export_request

    export_request(
        actor=world.manager,
        access=world.access(world.manager),
        kind="roster",
        file_format="xlsx",
        purpose="区への月次報告のため",
    )
    return contract(world)


# ---- the platform's pages ---------------------------------------------------------------------

ROWS: list[PageRow] = [
    PageRow("login", None, "ログイン", role="button", kwargs=nothing),
    PageRow("second-factor", "supervisor", "設定を完了する", "button", nothing, sign_in="form"),
    PageRow("password_change", "manager", "変更する", "button", nothing),
    PageRow("password_change_done", "manager", "ホーム", kwargs=nothing),
    PageRow("core:home", "manager", "試験契約 T-1", kwargs=nothing),
    PageRow(
        "core:home",
        "supervisor",
        "申請を確認する",
        kwargs=_notice,
        shots={"todos": "section.todo"},
    ),
    PageRow("core:home", "admin", "組織", kwargs=nothing),
    PageRow("core:settings", "manager", "トークンを発行する", "button", nothing),
    PageRow("core:notification-list", "supervisor", "すべて既読にする", "button", _notice),
    PageRow(
        "core:contract-detail",
        "supervisor",
        "従事者名簿",
        shots={"contract-pages": "nav.button-row"},
    ),
    PageRow("core:roster", "manager", "名簿に追加する", "button", shots={"list": ".table-wrap"}),
    PageRow("core:roster-entry-change", "manager", "変更する", "button", _roster_entry),
    PageRow("audit:event-list", "auditor", "絞り込む", "button", nothing),
    PageRow("privacy:export-list", "manager", "申請する", "button", _export_asked),
    PageRow("privacy:attachment-list", "worker", "保存する", "button"),
    PageRow("privacy:attachment-detail", "supervisor", "出力を申請する", "button", _attachment),
    PageRow(
        "privacy:contract-end",
        "supervisor",
        "作成する",
        "button",
        _ended,
        shots={"clause": "tr:has(.clause)"},
    ),
    PageRow("privacy:certificate", "supervisor", "PDF", kwargs=_certificate),
    PageRow(
        "jobs:detail", "supervisor", "契約の終了", kwargs=_job, shots={"progress": ".job-progress"}
    ),
]

EXEMPT: dict[str, str] = {
    "admin:*": "Django's admin: its own screens, titled in Japanese (itaku/core/admin.py)",
    "api-v1:*": "the JSON API and its OpenAPI pages, not screens for the ward or the staff",
    "logout": "POST-only (Django 5); the button sits in every page's header",
    "core:api-token-revoke": "POST-only; a GET goes back to the settings page",
    "core:notification-read": "POST-only; a GET goes back to the notifications",
    "core:notification-read-all": "POST-only; a GET goes back to the notifications",
    "core:roster-entry-add": "POST-only; its form is on the roster page",
    "core:roster-entry-end": "POST-only; its confirmation step is test_browser_forms.py's",
    "core:roster-version-submit": "POST-only; its form is on the roster page",
    "core:roster-version-decide": "POST-only; its confirmation step answers the POST",
    "core:obligation-item-act": "POST-only; the buttons sit in the deadline lists",
    "leaks:incident-follow": "POST-only; its forms are on the incident's page",
    "privacy:export-request": "POST-only; its form is on the export page",
    "privacy:export-preapprove": "POST-only; its form is on the export page",
    "privacy:export-approve": "POST-only; the button is on the export page",
    "privacy:export-refuse": "POST-only; the button is on the export page",
    "privacy:export-produce": "POST-only; the button is on the export page",
    "privacy:export-download": "a download (an encrypted workbook), not a page",
    "privacy:attachment-add": "POST-only; its form is on the attachment list",
    "privacy:attachment-content": "the attachment's bytes, shown inside its page",
    "privacy:roster-close": "POST-only; the button is on the contract-end page",
    "privacy:end-item-confirm": "POST-only; its forms are on the contract-end page",
    "privacy:package-build": "POST-only; it answers with the job's page (jobs:detail)",
    "privacy:package-download": "a download (an encrypted ZIP), not a page",
    "privacy:package-receive": "POST-only; the button is on the contract-end page",
    "privacy:contract-destroy": "POST-only; its form is on the contract-end page",
    "privacy:certificate-download": "a download (the certificate's PDF), not a page",
    "jobs:progress": "htmx partial of the job's page, polled every second",
    "jobs:download": "a download (the job's file), not a page",
    "jobs:retry": "POST-only; the button is on the job's page",
}


def _gather_app_rows() -> None:
    """Add each app's rows: a module ``itaku.<app>[.<part>].tests.page_rows`` may hold ``ROWS``
    (a list of PageRow) and ``EXEMPT`` (URL name → why it has no row)."""
    for info in pkgutil.walk_packages(itaku.__path__, "itaku."):
        if info.name.endswith(".tests") and info.ispkg:
            try:
                module = importlib.import_module(info.name + ".page_rows")
            except ModuleNotFoundError as error:
                if error.name != info.name + ".page_rows":
                    raise
                continue
            ROWS.extend(getattr(module, "ROWS", []))
            EXEMPT.update(getattr(module, "EXEMPT", {}))


_gather_app_rows()


# ---- the walk: every URL name has a row or a reason ------------------------------------------


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """Every named URL pattern of the project, with its namespace ("core:home")."""
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def exempt_reason(name: str) -> str | None:
    if name in EXEMPT:
        return EXEMPT[name]
    namespace = name.rpartition(":")[0]
    return EXEMPT.get(f"{namespace}:*") if namespace else None


def test_every_url_name_has_a_row_or_a_reason():
    names = url_names()
    covered = {row.name for row in ROWS}
    missing = sorted(n for n in names if n not in covered and not exempt_reason(n))
    assert not missing, f"URL names with no PageRow and no EXEMPT reason: {missing}"
    # Rows and reasons name pages that exist (a part built elsewhere adds its rows with its URLs).
    assert covered <= names, f"rows for unknown URL names: {sorted(covered - names)}"
    assert all(reason.strip() for reason in EXEMPT.values())


def test_the_walk_sees_a_url_name_without_a_row():
    assert "core:home" in url_names()
    assert exempt_reason("admin:index")
    assert exempt_reason("core:home") is None


# ---- the browser test, one per row and width --------------------------------------------------

SCREENS = [("phone", PHONE), ("desk", DESKTOP)]


def _picture(element: Any, name: str) -> None:
    """A picture of one element for docs/components.md, at most 600 px tall and reduced to 64
    colours, so that each PNG stays a few KB."""
    from io import BytesIO

    from PIL import Image

    shot = Image.open(BytesIO(element.screenshot()))
    image = shot.crop((0, 0, shot.width, min(shot.height, 600)))
    image.convert("RGB").quantize(colors=64).save(f"{SCREENSHOTS}/{name}.png", optimize=True)


def _open(page: Page, base: str, row: PageRow, world: World) -> None:
    url = base + reverse(row.name, kwargs=row.kwargs(world))
    if row.viewer is None:
        pass
    elif row.sign_in == "form":
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("ユーザー名").fill(row.viewer)
        page.get_by_label("パスワード").fill(PASSWORD)
        submit(page, "ログイン")
    else:
        log_in_quickly(page, base, world.user(row.viewer))
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, f"{url}: {response.status}"


def assert_fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide in a {width}px window"


def assert_no_list_scrolls(page: Page) -> None:
    """No list scrolls sideways inside its frame either (a plain table in ``table-wrap`` would
    keep the page narrow and hide its right-hand columns): lists are ``table-stack``."""
    wide = page.evaluate(
        """[...document.querySelectorAll('.table-wrap')]
           .filter(e => e.scrollWidth > e.clientWidth + 1)
           .map(e => e.getAttribute('aria-label') || e.className)"""
    )
    assert not wide, f"{page.url}: lists that scroll sideways: {wide}"


def assert_in_view(page: Page, row: PageRow, width: int) -> None:
    action = page.get_by_role(row.role, name=row.primary).first  # type: ignore[arg-type]
    expect(action).to_be_visible()
    action.scroll_into_view_if_needed()
    box = action.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (
        f"{row.primary!r} at x={box['x']:.0f}..{box['x'] + box['width']:.0f} in a {width}px window"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("screen", "viewport"), SCREENS, ids=[s for s, _ in SCREENS])
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_the_page_fits_shows_its_action_and_is_accessible(
    browser, site, live_server, row, screen, viewport
):
    options: dict[str, Any] = {"viewport": viewport}
    if screen == "phone":
        options.update(is_mobile=True, has_touch=True)
    page = page_new(browser, **options)
    try:
        _open(page, live_server.url, row, site)
        assert_fits(page, viewport["width"])
        assert_in_view(page, row, viewport["width"])
        assert_fits(page, viewport["width"])
        assert_no_list_scrolls(page)
        assert_accessible(page)
        if SCREENSHOTS and screen == "phone":
            for name, selector in row.shots.items():
                _picture(page.locator(selector).first, name)
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not SCREENSHOTS, reason="only with ITAKU_SCREENSHOTS=folder")
def test_component_pictures(browser, site, live_server):
    """The pictures of docs/components.md that no plain page shows: a form's errors, the
    confirmation step, the leaks panel of the home page and the 404 page, at phone width."""
    from itaku.leaks.tests.page_rows import _incident

    _incident(site)
    base = live_server.url
    page = page_new(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    log_in_quickly(page, base, site.supervisor)
    page.goto(f"{base}/")
    _picture(page.locator("section:has(#panel-leaks)"), "panels")
    page.context.close()

    page = page_new(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    log_in_quickly(page, base, site.manager)
    page.goto(f"{base}/contracts/{site.contract.pk}/roster/")
    submit(page, "名簿に追加する")
    _picture(page.locator(".error-summary"), "form-errors")
    _picture(page.locator(".field--error").first, "form-field")
    page.goto(f"{base}/contracts/{site.contract.pk}/roster/")
    with page.expect_navigation():
        page.get_by_role("button", name="従事を終了").first.click()
    _picture(page.locator("main"), "confirm")
    page.context.close()

    page = page_new(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    log_in_quickly(page, base, site.outsider)
    page.goto(f"{base}/contracts/{site.contract.pk}/")
    _picture(page.locator("body"), "error-404")
    page.context.close()
