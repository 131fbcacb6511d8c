"""Panels that feature apps add to the home page, below the obligations.

``core`` imports no feature app (STYLE.md), yet their deadlines belong on the home page. So each
app registers a panel in its ``AppConfig.ready()``::

    register_panel(key="leaks", template="leaks/_dashboard_panel.html", context=panel_context)

``context(user, today, accesses)`` returns the panel's template context, or ``None`` to leave the
panel out (nothing to show, or nothing the user may see). ``accesses`` is the user's standing on
each contract they may see today, as the home page already worked it out (``core.access``), so a
panel need not ask again; it reads through the app's selectors with them, and the access rule
holds on the home page as everywhere else. Panels appear in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from itaku.core.access import ContractAccess

PanelContext = Callable[[Any, date, list[ContractAccess]], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: PanelContext


@dataclass(frozen=True)
class ShownPanel:
    """A panel as the home page renders it: its template with the context it returned."""

    key: str
    template: str
    context: dict[str, Any]


_panels: dict[str, Panel] = {}


def register_panel(*, key: str, template: str, context: PanelContext) -> None:
    """Add a panel to the home page. Registering a key again replaces that panel in its place
    (``ready()`` may run more than once, e.g. in tests)."""
    _panels[key] = Panel(key=key, template=template, context=context)


def unregister_panel(*, key: str) -> None:
    _panels.pop(key, None)


def panels_shown(*, user: Any, today: date, accesses: list[ContractAccess]) -> list[ShownPanel]:
    """The panels to show ``user`` on ``today``, in registration order."""
    shown = []
    for panel in _panels.values():
        context = panel.context(user, today, accesses)
        if context is not None:
            shown.append(ShownPanel(key=panel.key, template=panel.template, context=context))
    return shown
