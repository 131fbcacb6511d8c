"""What いちょう学級 adds to the platform (``itaku.core.registry``): the deliverables of its
specification (002_d0db182c2c0d7513.txt §13, §14) and its part of the demo data."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import DueRule
from itaku.core.registry import Clause, ObligationDecl, ServiceKind
from itaku.ichou.agreements import decl as agreements
from itaku.ichou.compliance import decl as compliance
from itaku.ichou.day import decl as day
from itaku.ichou.money import decl as money
from itaku.ichou.notices import decl as notices
from itaku.ichou.participants import decl as participants
from itaku.ichou.programme import decl as programme
from itaku.ichou.reports import decl as reports
from itaku.ichou.staff import decl as staff
from itaku.ichou.voices import decl as voices

KIND = "ichou"

SERVICE_KINDS = [ServiceKind(KIND, "いちょう学級事業運営業務")]

# The catalogue's requirement IDs and the clause of the specification (002_d0db182c2c0d7513.txt)
# each stands for, as a person reads it on a page.
CLAUSES = [
    Clause("IC-1", "仕様書 4"),
    Clause("IC-2", "仕様書 5"),
    Clause("IC-3", "仕様書 6"),
    Clause("IC-4", "仕様書 6(1)"),
    Clause("IC-5", "仕様書 6(2)"),
    Clause("IC-6", "仕様書 6(3)"),
    Clause("IC-7", "仕様書 6(4)"),
    Clause("IC-8", "仕様書 7(1)"),
    Clause("IC-9", "仕様書 7(2)"),
    Clause("IC-10", "仕様書 7(3)ア"),
    Clause("IC-11", "仕様書 7(3)イ"),
    Clause("IC-12", "仕様書 7(3)ウ"),
    Clause("IC-13", "仕様書 7(3)エ"),
    Clause("IC-14", "仕様書 7(4)"),
    Clause("IC-15", "仕様書 7(5)"),
    Clause("IC-16", "仕様書 7(6)"),
    Clause("IC-17", "仕様書 8(1)"),
    Clause("IC-18", "仕様書 8(2)"),
    Clause("IC-19", "仕様書 9"),
    Clause("IC-20", "仕様書 10"),
    Clause("IC-21", "仕様書 11"),
    Clause("IC-22", "仕様書 12"),
    Clause("IC-23", "仕様書 13"),
    Clause("IC-24", "仕様書 14"),
    Clause("IC-25", "仕様書 15"),
    Clause("IC-26", "仕様書 16"),
    Clause("IC-27", "仕様書 17"),
    Clause("IC-28", "仕様書 18"),
    Clause("IC-29", "仕様書 19・24(2)"),
    Clause("IC-30", "仕様書 20"),
    Clause("IC-31", "仕様書 21・23"),
    Clause("IC-32", "仕様書 25(3)(4)"),
    Clause("IC-33", "仕様書 22"),
    Clause("IC-34", "仕様書 25"),
    Clause("IC-35", "仕様書 24(3)"),
]

OBLIGATIONS = [
    # Submitted (its figures frozen) and acknowledged on the report's page, not by the contract
    # page's generic button.
    ObligationDecl(
        KIND,
        "月ごとの実施報告",
        "IC-24",
        DueRule.TENTH_OF_NEXT_MONTH.value,
        url_name="ichou:report-index",
    ),
    # IC-23: notices reach the ward a week before they are sent, schedules before the activity.
    ObligationDecl(
        KIND,
        "参加者への通知文(区への提出)",
        "IC-23",
        DueRule.DAYS_BEFORE_EVENT.value,
        7,
        # Met when a notice for the activity is submitted on the notices page.
        url_name="ichou:notices_list",
    ),
    ObligationDecl(KIND, "当日のスケジュール・班編成", "IC-23", DueRule.DAYS_BEFORE_EVENT.value, 7),
]


_parts = (
    programme,
    participants,
    day,
    compliance,
    notices,
    staff,
    voices,
    reports,
    money,
    agreements,
)


def _gather(point: str) -> list[Any]:
    return [item for part in _parts for item in getattr(part, point, [])]


ACTIONS = _gather("ACTIONS")
AUDIT_EVENTS = _gather("AUDIT_EVENTS")
NOTIFICATION_KINDS = _gather("NOTIFICATION_KINDS")
TODOS = _gather("TODOS")
PANELS = _gather("PANELS")
CONTRACT_PAGES = _gather("CONTRACT_PAGES")
API_ROUTERS = _gather("API_ROUTERS")
# The programme's step makes this year's programme and approves it, which adds each activity's
# notice and schedule items (IC-23).
DEMO_STEPS = _gather("DEMO_STEPS")
EXPORT_KINDS = _gather("EXPORT_KINDS")
END_ITEMS = _gather("END_ITEMS")
PACKAGE_SECTIONS = _gather("PACKAGE_SECTIONS")
JOB_KINDS = _gather("JOB_KINDS")
