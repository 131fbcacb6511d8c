"""What the overview declares to the platform (gathered by ``support_office.contributions``):
the action of looking at the office's progress and the home-page panel that shows it (SO-18)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import Panel
from itaku.support_office import KIND

VIEW_PROGRESS = Action(
    key="so_view_progress",
    label="サポート室の履行状況を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR}),  # the ward's own view (SO-18)
    service_kind=KIND,
)

ACTIONS = [VIEW_PROGRESS]


def _panel_context(user: Any, today: date, accesses: list[Any]) -> dict[str, Any] | None:
    from itaku.support_office.overview.selectors import progress_rows, progress_table_rows

    rows = progress_rows(today=today, accesses=accesses)
    return {"rows": rows, "table": progress_table_rows(rows), "today": today} if rows else None


PANELS = [
    Panel(
        key="so_progress",
        template="support_office/overview/_panel.html",
        context=_panel_context,
    )
]
