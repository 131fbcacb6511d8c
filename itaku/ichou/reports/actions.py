"""The actions of the reports part (a leaf: the selectors, services and decl import it)."""

from __future__ import annotations

from itaku.core.domain import Action, Role

KIND = "ichou"

# IC-24: the monthly implementation report holds counts only: the ward, the auditor and the
# responsible person see it.
VIEW_IC_REPORTS = Action(
    key="ic_view_reports",
    label="いちょう学級の月ごとの実施報告を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER}),
    service_kind=KIND,
)
