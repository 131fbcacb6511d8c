"""Users see the project's Japanese error pages (templates/400, 403, 403_csrf, 404, 500), never
Django's English debug pages: in the tests, and with the development settings `make run` uses,
where Django's pages are shown only to a developer who sets ITAKU_DEBUG_PAGES=1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from itaku.conftest import VerifiedClient

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
DJANGO_WORDS = ["Page not found", "URLconf", "Traceback", "Forbidden", "CSRF verification"]


def assert_japanese_page(response, status: int, heading: str) -> None:
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in body
    assert "ホームへ戻る" in body
    for word in DJANGO_WORDS:
        assert word not in body, word


@pytest.fixture(autouse=True)
def _users_pages(settings):
    settings.DEBUG = False  # as `make run` and production run: see test_settings


@pytest.mark.parametrize("who", [None, "worker", "admin"])
def test_an_unknown_address_answers_the_japanese_404_page(client, world, who):
    if who:
        client.force_login(world.user(who))
    response = client.get("/no-such-page/")
    assert_japanese_page(response, 404, "ページが見つかりません")


def test_a_contract_the_user_may_not_see_answers_the_same_japanese_404_page(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("core:contract-detail", args=[world.contract.pk]))
    assert_japanese_page(response, 404, "ページが見つかりません")
    assert world.contract.title not in response.content.decode()


def test_with_debug_pages_asked_for_a_developer_sees_djangos_page(client, world, settings):
    # The switch the developer's ITAKU_DEBUG_PAGES=1 turns on (DEBUG): only then the URL list.
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()


def test_a_write_the_role_does_not_allow_answers_the_japanese_403_page(client, world):
    client.force_login(world.worker)
    version = world.contract.roster_versions.first()
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "approve"])
    assert_japanese_page(client.post(url), 403, "この操作は行えません")


def test_a_bad_request_answers_the_japanese_400_page(client, world):
    # A Host the site does not serve is a SuspiciousOperation (DisallowedHost).
    response = client.get("/", HTTP_HOST="elsewhere.example")
    assert_japanese_page(response, 400, "要求を受け付けられませんでした")


def test_a_form_sent_without_its_csrf_token_answers_the_japanese_page(world):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "worker", "password": "x"}
    )
    assert_japanese_page(response, 403, "送信を受け付けられませんでした")


def test_a_view_that_fails_answers_the_japanese_500_page(world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database is gone")

    monkeypatch.setattr("itaku.core.views.selectors.contract_list", broken)
    client = VerifiedClient(raise_request_exception=False)
    client.force_login(world.worker)
    response = client.get(reverse("core:home"))
    assert_japanese_page(response, 500, "システムエラーが発生しました")
    assert "the database is gone" not in response.content.decode()


def test_the_500_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert_japanese_page(response, 500, "システムエラーが発生しました")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - our own server
            return answer.status, answer.headers["Content-Type"], answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers["Content-Type"], answer.read().decode()


def test_runserver_as_make_run_starts_it_shows_the_japanese_404_and_serves_static(tmp_path):
    # The Makefile's `runserver` with the development settings and nothing set: DEBUG is off,
    # so WhiteNoise (not runserver) serves /static/, and a wrong address gets our page.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "ITAKU_DEBUG_PAGES", "ITAKU_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="itaku.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ITAKU_KEYSTORE_DIR=str(tmp_path / "keystore"),
        ITAKU_FILES_DIR=str(tmp_path / "files"),
    )
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, kind, css = fetch(f"{base}/static/css/itaku.css")
                break
            except (ConnectionError, urllib.error.URLError):
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.2)
        else:
            pytest.fail("runserver did not answer")
        assert (status, kind.split(";")[0]) == (200, "text/css")
        assert ".site-header" in css
        status, _, body = fetch(f"{base}/no-such-page/")
        assert status == 404
        assert "<h1>ページが見つかりません</h1>" in body
        for word in DJANGO_WORDS:
            assert word not in body, word
    finally:
        server.terminate()
        server.wait(timeout=10)
