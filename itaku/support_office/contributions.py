"""What the 安心対応サポート室 adds to the platform (``itaku.core.registry``).

The service kind, its clauses and its deliverables are declared here; each part of the work
(``dispatch``, ``incidents``, ``duty``, ``office``, ``reports``) declares its own actions, events,
notices, to-dos, panels, export kinds, end items and package sections in its ``decl.py``, and the
lists below gather them, so the registry reads one module per app as for every app."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import DueRule
from itaku.core.registry import Clause, ObligationDecl, ServiceKind
from itaku.support_office import KIND
from itaku.support_office.dispatch import decl as dispatch
from itaku.support_office.duty import decl as duty
from itaku.support_office.incidents import decl as incidents
from itaku.support_office.office import decl as office
from itaku.support_office.overview import decl as overview
from itaku.support_office.reports import decl as reports

SERVICE_KINDS = [ServiceKind(KIND, "安心対応サポート室運営等業務")]

# The catalogue's requirement IDs and the clause of the specification (000_701d819c299f5095.txt)
# each stands for, as a person reads it on a page.
CLAUSES = [
    Clause("SO-1", "仕様書 2"),
    Clause("SO-2", "仕様書 3・6(1)"),
    Clause("SO-3", "仕様書 5"),
    Clause("SO-4", "仕様書 6(1)"),
    Clause("SO-5", "仕様書 6(2)"),
    Clause("SO-6", "仕様書 6(3)"),
    Clause("SO-7", "仕様書 6(4)"),
    Clause("SO-8", "仕様書 6(5)"),
    Clause("SO-9", "仕様書 7(1)"),
    Clause("SO-10", "仕様書 7(2)"),
    Clause("SO-11", "仕様書 8"),
    Clause("SO-12", "仕様書 8(3)・11(10)"),
    Clause("SO-13", "仕様書 9(1)"),
    Clause("SO-14", "仕様書 9(2)"),
    Clause("SO-15", "仕様書 9"),
    Clause("SO-16", "仕様書 10"),
    Clause("SO-17", "仕様書 11"),
    Clause("SO-18", "仕様書 12"),
    Clause("SO-19", "仕様書 13"),
]

OBLIGATIONS = [
    ObligationDecl(
        KIND, "日報", "SO-13", DueRule.NEXT_BUSINESS_DAY.value, url_name="support_office:reports"
    ),
    ObligationDecl(
        KIND, "月報", "SO-14", DueRule.FIFTH_OF_NEXT_MONTH.value, url_name="support_office:reports"
    ),
    ObligationDecl(
        KIND,
        "職員研修の実施",
        "SO-8",
        DueRule.ONCE_PER_MONTH.value,
        url_name="support_office:training-list",
    ),
    ObligationDecl(
        KIND,
        "勤務予定表",
        "SO-10",
        DueRule.BEFORE_MONTH_STARTS.value,
        url_name="support_office:duty-index",  # submitted with the schedule, refused with gaps
    ),
]

_parts = (dispatch, incidents, duty, office, reports, overview)


def _gather(point: str) -> list[Any]:
    return [item for part in _parts for item in getattr(part, point, [])]


ACTIONS = _gather("ACTIONS")
AUDIT_EVENTS = _gather("AUDIT_EVENTS")
NOTIFICATION_KINDS = _gather("NOTIFICATION_KINDS")
TODOS = _gather("TODOS")
PANELS = _gather("PANELS")
CONTRACT_PAGES = _gather("CONTRACT_PAGES")
API_ROUTERS = _gather("API_ROUTERS")
DEMO_STEPS = _gather("DEMO_STEPS")
# privacy's extension points
EXPORT_KINDS = _gather("EXPORT_KINDS")
END_ITEMS = _gather("END_ITEMS")
PACKAGE_SECTIONS = _gather("PACKAGE_SECTIONS")
# the jobs' extension point
JOB_KINDS = _gather("JOB_KINDS")
