"""Panels that apps add to the home page, below the obligations.

``core`` imports no feature app, yet their deadlines belong on the home page. So each app
declares its panels in its ``contributions.PANELS`` (``itaku.core.registry.Panel``)::

    PANELS = [Panel(key="leaks", template="leaks/_dashboard_panel.html", context=panel_context)]

``context(user, today, accesses)`` returns the panel's template context, or ``None`` to leave the
panel out (nothing to show, or nothing the user may see). ``accesses`` is the user's standing on
each contract they may see today, as the home page already worked it out (``core.access``), so a
panel need not ask again. Panels appear in the order the apps are installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from itaku.core import registry
from itaku.core.access import ContractAccess


@dataclass(frozen=True)
class ShownPanel:
    """A panel as the home page renders it: its template with the context it returned."""

    key: str
    template: str
    context: dict[str, Any]


def panels_shown(*, user: Any, today: date, accesses: list[ContractAccess]) -> list[ShownPanel]:
    """The panels to show ``user`` on ``today``, in declaration order."""
    shown = []
    for panel in registry.declared("PANELS"):
        context = panel.context(user, today, accesses)
        if context is not None:
            shown.append(ShownPanel(key=panel.key, template=panel.template, context=context))
    return shown
