"""The demo's requests on the support-office contract (generated, through the services): the
places of the main building and the five 総合支所, a requester of each 総合支所 and their usual
places, three months of requests moved through the dispatch (so the monthly report's trends and
departments have something to show), and a few still open so the board shows something."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from itaku.core import domain as core_domain
from itaku.core.access import contract_access
from itaku.core.calendar import TOKYO
from itaku.core.demo import NameMaker
from itaku.core.models import Organisation, RosterEntry, User
from itaku.core.services import ward_role_grant
from itaku.support_office.dispatch import services
from itaku.support_office.dispatch.models import Place, SupportRequest, UsualPlace

PLACES = [
    ("main", "2階 戸籍住民課 窓口"),
    ("main", "3階 生活福祉調整課 窓口"),
    ("main", "4階 保険年金課 窓口"),
    ("shiba", "1階 区民課 窓口"),
    ("azabu", "1階 区民課 窓口"),
    ("akasaka", "1階 区民課 窓口"),
    ("takanawa", "1階 区民課 窓口"),
    ("shibaura_konan", "1階 区民課 窓口"),
]


def _users(contract: Any, roles: set[str]) -> list[Any]:
    entries = RosterEntry.objects.filter(
        contract=contract, role__in=roles, person__user__isnull=False
    ).select_related("person__user", "person__organisation")
    return [e.person.user for e in entries]


# The requesters the demo adds beside the persona ``requester`` (芝地区総合支所): one of each
# other 総合支所, with accounts that cannot sign in (no password), so the reports show requests
# from every department.
OTHER_REQUESTERS = [
    ("demo-requester-azabu", "麻布地区総合支所", "azabu"),
    ("demo-requester-akasaka", "赤坂地区総合支所", "akasaka"),
    ("demo-requester-takanawa", "高輪地区総合支所", "takanawa"),
    ("demo-requester-konan", "芝浦港南地区総合支所", "shibaura_konan"),
]
SITE_OF = {"芝地区総合支所": "shiba", **{dept: site for _, dept, site in OTHER_REQUESTERS}}
MONTHS_BACK = 3


def _other_requesters(world: Any, contract: Any) -> None:
    names = NameMaker(seed=world.fiscal_year * 11)
    for username, dept, _site in OTHER_REQUESTERS:
        org = Organisation.objects.filter(name=f"港区 {dept}", kind="ward").first()
        if org is None or User.objects.filter(username=username).exists():
            continue
        user = User(username=username)
        user.set_unusable_password()
        user.save()
        ward_role_grant(
            actor=world.admin,
            contract=contract,
            person=names.person(org, user),
            role=core_domain.Role.DEPARTMENT_REQUESTER,
            valid_from=contract.period_start,
        )


def demo_month(world: Any) -> None:
    contract = world.contracts.get("support_office")
    if contract is None:
        return
    rng = random.Random(world.fiscal_year * 7 + 5)  # noqa: S311 - demo data, not security
    places = [
        Place.objects.get_or_create(contract=contract, site=site, name=name, defaults={"order": i})[
            0
        ]
        for i, (site, name) in enumerate(PLACES)
    ]
    if world.admin is not None:
        _other_requesters(world, contract)
    requesters = _users(contract, {core_domain.Role.DEPARTMENT_REQUESTER.value})
    office = _users(contract, {core_domain.Role.WORKER.value, core_domain.Role.MANAGER.value})
    by_site = {site: place for place, (site, _) in zip(places, PLACES, strict=True)}
    for i, user in enumerate(requesters):
        site = SITE_OF.get(user.person.organisation.name.removeprefix("港区 "))
        UsualPlace.objects.get_or_create(
            contract=contract,
            person=user.person,
            defaults={"place": by_site.get(site or "", places[3 + i % 5])},
        )
    if not requesters or not office:
        return
    today = world.working_day
    kinds = [k for k, _ in SupportRequest.Kind.choices]
    day = max(contract.period_start, today - timedelta(days=31 * MONTHS_BACK))
    while day < today:
        if day.weekday() < 5:
            for _ in range(rng.randint(0, 3)):
                at = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), TOKYO)
                requester = rng.choice(requesters)
                access = contract_access(requester, contract.pk, on=day)
                usual = UsualPlace.objects.filter(contract=contract, person=requester.person)
                home = usual.values_list("place_id", flat=True).first()
                if not access.can(services.FILE_REQUEST):
                    continue
                kind = rng.choice(kinds)
                filed = services.request_file(
                    actor=requester,
                    access=access,
                    kind=kind,
                    place=next((p for p in places if p.pk == home), rng.choice(places)),
                    scheduled_at=at if kind in ("sit_in", "field_visit") else None,
                    address="港区内の集合住宅(デモ)" if kind == "field_visit" else "",
                    details="(デモ)大声で職員を責め続けている来庁者への対応",
                    now=at,
                )
                worker = rng.choice(office)
                wa = contract_access(worker, contract.pk, on=day)
                if not wa.can(services.HANDLE_REQUEST):
                    continue
                step = at
                for to in (
                    "accepted",
                    "departed",
                    "arrived",
                    rng.choice(["completed", "completed", "continuing"]),
                ):
                    step += timedelta(minutes=rng.randint(1, 12))
                    services.request_move(
                        actor=worker, access=wa, request_id=filed.request.pk, to=to, now=step
                    )
        day += timedelta(days=1)
    # Today: a few open requests for the board.
    access = contract_access(requesters[0], contract.pk, on=today)
    if access.can(services.FILE_REQUEST):
        now = datetime.combine(today, time(10, 5), TOKYO)
        services.emergency_file(actor=requesters[0], access=access, client_token="", now=now)
        services.request_file(
            actor=requesters[0],
            access=access,
            kind="sit_in",
            place=places[0],
            scheduled_at=now + timedelta(hours=3),
            details="(デモ)前回大声になった方の再来庁に同席してほしい",
            now=now - timedelta(minutes=20),
        )
