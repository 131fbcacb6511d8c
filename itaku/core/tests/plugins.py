"""A test helper: declarations of an app that exists only for one test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from itaku.core import registry


@contextmanager
def extra_contributions(label: str, **points: Any) -> Iterator[ModuleType]:
    """Declare ``points`` (``PANELS=[...]``, ``ACTIONS=[...]``…) as if an app ``label`` were
    installed last, for the duration of the block."""
    module = ModuleType(f"{label}.contributions")
    for name, items in points.items():
        setattr(module, name, items)
    registry._modules[label] = module
    registry.clear_caches()
    try:
        yield module
    finally:
        registry._modules.pop(label, None)
        registry.clear_caches()
