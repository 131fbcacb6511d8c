"""Settings come from the environment; a bad production value stops start-up with a message."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from itaku.env import ImproperSetting, env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[3]
GOOD = {
    "ITAKU_ENV": "production",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "itaku.example.jp",
    "DATABASE_URL": "postgres://itaku@127.0.0.1:5432/itaku",
    "ITAKU_MASTER_KEY": base64.b64encode(bytes(range(32))).decode(),
    "ITAKU_KEYSTORE_DIR": "/srv/itaku-keys",
    "ITAKU_FILES_DIR": "/srv/itaku-files",
}


def start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in GOOD and k not in {"DEBUG", "ITAKU_DEBUG_PAGES", "ITAKU_MASTER_KEY_PREVIOUS"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import itaku.settings as s; print(s.DEBUG, getattr(s, 'SECURE_HSTS_SECONDS', None))",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_start_when_everything_is_given():
    result = start(GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "31536000"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"ITAKU_MASTER_KEY": ""}, "ITAKU_MASTER_KEY"),
        ({"ITAKU_MASTER_KEY": "not base64!"}, "ITAKU_MASTER_KEY"),
        ({"ITAKU_MASTER_KEY": base64.b64encode(b"too short").decode()}, "ITAKU_MASTER_KEY"),
        ({"ITAKU_MASTER_KEY_PREVIOUS": "short"}, "ITAKU_MASTER_KEY_PREVIOUS"),
        ({"ITAKU_KEYSTORE_DIR": ""}, "ITAKU_KEYSTORE_DIR"),
        ({"ITAKU_FILES_DIR": ""}, "ITAKU_FILES_DIR"),
        ({"ITAKU_DEBUG_PAGES": "true"}, "ITAKU_DEBUG_PAGES"),
        ({"ITAKU_DEBUG_PAGES": "perhaps"}, "ITAKU_DEBUG_PAGES"),
        ({"ITAKU_ENV": "staging"}, "ITAKU_ENV"),
    ],
)
def test_a_bad_production_value_stops_start_up_naming_it(change, message):
    result = start({**GOOD, **change})
    assert result.returncode != 0
    assert "ImproperSetting" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(("env", "debug"), [({}, "False"), ({"ITAKU_DEBUG_PAGES": "1"}, "True")])
def test_development_shows_djangos_debug_pages_only_when_a_developer_asks(env, debug):
    # `make run` sets nothing: users see the Japanese error pages there too.
    result = start({"DATABASE_URL": "sqlite:///unused.sqlite3", **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == debug


def test_the_master_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "master.key"
    key_file.write_text(GOOD["ITAKU_MASTER_KEY"])
    result = start({**GOOD, "ITAKU_MASTER_KEY": "", "ITAKU_MASTER_KEY_FILE": str(key_file)})
    assert result.returncode == 0, result.stderr


def test_the_system_speaks_japanese_in_tokyo_time_with_argon2():
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ is True


def test_argon2_is_the_production_hasher():
    from itaku import settings as module

    assert module.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    lengths = [v.get("OPTIONS", {}).get("min_length") for v in module.AUTH_PASSWORD_VALIDATORS]
    assert 12 in lengths


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", True), (None, True)]
)
def test_env_bool(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("ITAKU_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("ITAKU_TEST_FLAG", raw)
    assert env_bool("ITAKU_TEST_FLAG", default=True) is expected


def test_env_helpers_fail_loudly(monkeypatch):
    monkeypatch.setenv("ITAKU_TEST_INT", "ten")
    with pytest.raises(ImproperSetting, match="ITAKU_TEST_INT"):
        env_int("ITAKU_TEST_INT", 1)
    monkeypatch.delenv("ITAKU_TEST_MISSING", raising=False)
    with pytest.raises(ImproperSetting, match="ITAKU_TEST_MISSING"):
        env_str("ITAKU_TEST_MISSING")
    monkeypatch.setenv("ITAKU_TEST_LIST", " a, b ,,c ")
    assert env_list("ITAKU_TEST_LIST", []) == ["a", "b", "c"]
