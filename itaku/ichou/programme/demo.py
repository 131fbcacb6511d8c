"""The annual programme's part of the demo (``DEMO_STEPS``), through the services: this fiscal
year's programme, which passes every rule of 仕様書 6, submitted by the manager and approved by
the ward supervisor, so each activity's schedule and notice fall due a week before it (IC-23).

Each group meets on the second Saturday of seven months for its regular activities (the opening
ceremony in May, the closing one in March; group 1 in the morning, group 2 in the afternoon) and
of two for cooking; both groups go together on two day outings, the bus hike and the overnight
trip (fourth Saturdays). Expected participants: 30 a group, 60 together (仕様書 8(1)).

Before it, the class's staff pool grows to a believable size for about 30 participants a group
(仕様書 8: 3 more nurses, 8 support staff, 4 adult volunteers), added to the roster in a new
version the ward approves. The next activity from today has most of the pool assigned, two
places still open, so its page shows the shortfall with its clause."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from itaku.core import domain as core_domain
from itaku.core import services as core_services
from itaku.core.access import contract_access
from itaku.core.demo import NameMaker
from itaku.core.models import User
from itaku.ichou.domain import ActivityKind, staffing_required
from itaku.ichou.programme import selectors, services

K = ActivityKind


def _saturday(year: int, month: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7 + 7 * (nth - 1))


def _month(fy: int, month: int) -> tuple[int, int]:
    return (fy + 1, month) if month <= 3 else (fy, month)


# (month, kind) of each group's own activities, on the month's second Saturday.
GROUP_DAYS = [
    (5, K.OPENING_CEREMONY),
    (6, K.REGULAR),
    (7, K.REGULAR),
    (9, K.REGULAR),
    (10, K.REGULAR),
    (11, K.COOKING),
    (12, K.REGULAR),
    (2, K.COOKING),
    (3, K.CLOSING_CEREMONY),
]
# (month, kind, place) of the joint ones, on the month's fourth Saturday.
JOINT_DAYS = [
    (5, K.OUTING, "区立公園"),
    (8, K.OVERNIGHT, "区の保養施設"),
    (10, K.BUS_HIKE, "高原の牧場"),
    (1, K.OUTING, "水族館"),
]
CONTENT = {
    K.OPENING_CEREMONY: "開級式と自己紹介",
    K.CLOSING_CEREMONY: "閉級式と1年のふりかえり",
    K.REGULAR: "スポーツ・工作",
    K.COOKING: "調理実習(カレーライス)",
    K.OUTING: "1日外出",
    K.BUS_HIKE: "バスハイク",
    K.OVERNIGHT: "宿泊事業(1泊2日)",
}


def programme_values(fy: int) -> list[dict[str, Any]]:
    """The activities of the demo's programme, as the services take them."""
    values = []
    for month, kind in GROUP_DAYS:
        day = _saturday(*_month(fy, month), 2)
        minutes = 120 if kind == K.COOKING else 90
        for group, start in (("1", time(9, 30)), ("2", time(13, 30))):
            end = (
                (start.hour * 60 + start.minute + minutes) // 60,
                (start.hour * 60 + start.minute + minutes) % 60,
            )
            values.append(
                {
                    "kind": kind.value,
                    "date": day,
                    "end_date": None,
                    "start": start,
                    "end": time(*end),
                    "group": group,
                    "place": "区立障害保健福祉センター",
                    "lecturer": "",
                    "content": CONTENT[kind],
                    "expected_participants": 30,
                }
            )
    for month, kind, place in JOINT_DAYS:
        values.append(
            {
                "kind": kind.value,
                "date": _saturday(*_month(fy, month), 4),
                "end_date": None,
                "start": time(9, 0),
                "end": time(17, 0) if kind == K.OVERNIGHT else time(16, 0),
                "group": "joint",
                "place": place,
                "lecturer": "",
                "content": CONTENT[kind],
                "expected_participants": 60,
            }
        )
    return values


# (role, qualifications, age or None, how many): the pool beside the demo's named accounts.
POOL = [
    (core_domain.Role.NURSE, ["nurse_licence"], None, 3),
    (core_domain.Role.WORKER, ["disability_support"], None, 8),
    (core_domain.Role.VOLUNTEER, [], 21, 8),
]
# The demo class: 14 registered per group (the participants' step), so each activity is
# planned for 15 (30 when joint) rather than the specification's 30 (60), and the pool above
# staffs every day the ratio needs (IC-17).
DEMO_EXPECTED = {"1": 15, "2": 15, "joint": 30}


def staff_pool_demo(world: Any, manager: User, supervisor: User) -> None:
    """The pool, through the roster's services: added by the manager, submitted, approved."""
    contract = world.contracts["ichou"]
    start = contract.period_start
    access = contract_access(manager, contract.pk, on=world.working_day)
    names = NameMaker(seed=world.fiscal_year + 31)
    for role, quals, age, count in POOL:
        for i in range(count):
            birth = date(world.fiscal_year - age - i, 6, 1) if age else None
            core_services.roster_entry_add(
                actor=manager,
                access=access,
                person=names.person(contract.contractor, None, birth),
                role=role,
                qualifications=quals,
                valid_from=start,
                pledge_date=start - timedelta(days=7),
            )
    version = core_services.roster_version_submit(actor=manager, access=access)
    core_services.roster_version_decide(
        actor=supervisor,
        access=contract_access(supervisor, contract.pk, on=world.working_day),
        version=version,
        approve=True,
    )


def programme_demo_step(world: Any) -> None:
    contract = world.contracts["ichou"]
    on = world.working_day
    manager = User.objects.get(username="ic-manager")
    supervisor = User.objects.get(username=world.supervisors["ichou"])
    staff_pool_demo(world, manager, supervisor)
    access = contract_access(manager, contract.pk, on=on)
    programme = services.programme_start(
        actor=manager, access=access, fiscal_year=world.fiscal_year
    )
    for values in programme_values(world.fiscal_year):
        values = values | {"expected_participants": DEMO_EXPECTED[values["group"]]}
        services.activity_add(actor=manager, access=access, programme=programme, values=values)
    programme = services.programme_submit(actor=manager, access=access, programme=programme)
    services.programme_decide(
        actor=supervisor,
        access=contract_access(supervisor, contract.pk, on=on),
        programme=programme,
        approve=True,
    )
    upcoming = programme.activities.filter(date__gte=on).order_by("date", "start").first()
    if upcoming is not None:
        # The team is not complete yet: two places are still open, which the activity's
        # planning page shows with the clause (IC-17).
        places = staffing_required(upcoming.kind, upcoming.expected_participants).staff - 2
        for entry in list(selectors.entries_for(contract=contract, on=upcoming.date))[:places]:
            if entry.role != "manager":
                services.staff_assign(
                    actor=manager, access=access, activity=upcoming, entry_id=entry.pk
                )
