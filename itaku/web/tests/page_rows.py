"""The row of the every-page browser test (``test_browser_every_page.py``), importable by each
app's own ``tests/page_rows.py`` without importing Playwright."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


def contract(world: Any) -> dict[str, Any]:
    """The URL arguments of a contract's page: the world's contract."""
    return {"contract_id": world.contract.pk}


def nothing(world: Any) -> dict[str, Any]:
    """A page without URL arguments."""
    return {}


@dataclass(frozen=True)
class PageRow:
    """One page: its URL name, who views it (a ``World`` attribute such as "manager", or None
    for a visitor not signed in), the primary action's accessible name (a part of it is enough)
    and role ("link" or "button"), and the URL arguments, a function of the world that may make
    the records the page shows (through the services). ``sign_in="form"`` signs in through the
    login form instead of a ready session (for the pages of signing in). ``shots``: picture
    name → CSS selector, saved at phone width under $ITAKU_SCREENSHOTS for docs/components.md."""

    name: str
    viewer: str | None
    primary: str
    role: Literal["link", "button"] = "link"
    kwargs: Callable[[Any], dict[str, Any]] = contract
    sign_in: Literal["session", "form"] = "session"
    shots: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.name}-{self.viewer or 'visitor'}"
