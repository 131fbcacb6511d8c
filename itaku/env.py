"""Typed readers of settings from the environment.

Each helper fails loudly with a message that names the variable, so a bad production value stops
start-up instead of running with a surprise (STYLE.md, "Settings and text").
"""

from __future__ import annotations

import os


class ImproperSetting(Exception):
    """A setting in the environment is missing or malformed."""


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperSetting(f"環境変数 {name} が設定されていません。")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperSetting(f"環境変数 {name} は true / false で指定してください(値: {value!r})。")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperSetting(
            f"環境変数 {name} は整数で指定してください(値: {value!r})。"
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
