"""Reads of the platform, always through the access rule (``itaku.core.access``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from itaku.core import domain
from itaku.core.access import (
    ContractAccess,
    active_entry_q,
    contract_access,
    contract_accesses,
    contracts_visible_to,
)
from itaku.core.calendar import BusinessCalendar, format_wareki, format_wareki_month
from itaku.core.contributions import (
    ACKNOWLEDGE_OBLIGATION,
    APPROVE_ROSTER,
    EDIT_ROSTER,
    SUBMIT_OBLIGATION,
    VIEW_OBLIGATIONS,
    VIEW_ROSTER,
    VIEW_ROSTER_CONTACTS,
)
from itaku.core.models import (
    ClosureDay,
    Contract,
    Notification,
    ObligationItem,
    RosterEntry,
    RosterVersion,
    User,
)
from itaku.privacy import crypto
from itaku.web.lookup import get_or_404


def contract_role_holders(*, contract: Any, role: domain.Role, on: date) -> list[Any]:
    """The active accounts holding ``role`` on the contract on a day: whom a notification about
    the contract goes to (a leak to its ward supervisors, an export request to them …)."""
    user_ids = (
        RosterEntry.objects.filter(
            active_entry_q(on), contract=contract, role=role, person__user__isnull=False
        )
        .values("person__user")
        .distinct()
    )
    return list(User.objects.filter(pk__in=user_ids, is_active=True))


def business_calendar() -> BusinessCalendar:
    """The ward's calendar: national holidays and year-end closure, plus its own closure days."""
    return BusinessCalendar(closures=frozenset(ClosureDay.objects.values_list("date", flat=True)))


# The orders the API pages through (``itaku.api_common.keyset_page``), each ending in the pk so
# that it is total; the roster and obligation pages of the web show the same orders.
CONTRACT_ORDER = ("-period_start", "pk")
ROSTER_ORDER = ("ended_at", "role", "person__family_name_kana", "pk")
OBLIGATION_ITEM_ORDER = ("due_date", "obligation__clause_id", "pk")


def contract_list(
    *, user: Any, on: date | None = None, contracts: Sequence[Contract] | None = None
) -> list[ContractAccess]:
    """The contracts the user may see, each with the user's roles on it; with ``contracts``,
    only those of them the user may see (a page of ``contract_query``), in their order."""
    return contract_accesses(user, on=on, among=contracts)


def contract_query(*, user: Any, on: date | None = None) -> QuerySet[Contract]:
    """The contracts the user may see, as a query to page through."""
    return contracts_visible_to(user, on=on).select_related("department", "contractor")


def contract_get(*, user: Any, contract_id: Any, on: date | None = None) -> ContractAccess:
    return contract_access(user, contract_id, on=on)


def contract_pages(*, access: ContractAccess) -> list[tuple[str, str]]:
    """The service pages the apps declared for this kind of contract (``CONTRACT_PAGES``) that
    the user's access allows, as (label, url), in the order declared."""
    from django.urls import reverse

    from itaku.core import registry

    grants = registry.grant_table()
    pages = []
    for page in registry.declared("CONTRACT_PAGES"):
        if page.service_kind not in ("", access.contract.service_kind):
            continue
        action = grants.get(page.action)
        if action is not None and access.can(action):
            pages.append(
                (page.label, reverse(page.url_name, kwargs={"contract_id": access.contract.pk}))
            )
    return pages


def roster_entry_list(*, access: ContractAccess) -> QuerySet[RosterEntry]:
    """The contract's roster lines. The sealed phone is not loaded (IC-19): it is read through
    ``roster_contact_phones`` by who may see it, and the list still reads once the contract's
    key is destroyed."""
    access.require(VIEW_ROSTER)
    # Current entries first on every database (PostgreSQL would put NULL last).
    return (
        access.contract.roster_entries.select_related("person", "approved_version")
        .defer("contact_phone")
        .order_by(F("ended_at").asc(nulls_first=True), *ROSTER_ORDER[1:])
    )


def roster_entry_get(*, access: ContractAccess, entry_id: Any) -> RosterEntry:
    return get_or_404(roster_entry_list(access=access), pk=entry_id)


@dataclass(frozen=True)
class RosterPhones:
    """The always-reachable phones of a contract's roster lines (IC-19): by entry id, and the
    ids of the lines whose phone can no longer be read (the contract's key destroyed, PI-8)."""

    phones: dict[int, str]
    unreadable: frozenset[int] = frozenset()


def roster_contact_phones(*, access: ContractAccess) -> RosterPhones:
    """The roster's phones for the ward supervisor and the contractor's manager only (404 for
    anyone else). A line without a phone has none to open, so only those with one are read, in
    one query; if the key no longer opens them, they are said to be unreadable."""
    access.require(VIEW_ROSTER_CONTACTS)
    recorded = access.contract.roster_entries.filter(contact_phone__isnull=False)
    try:
        rows = recorded.values_list("pk", "contact_phone")
        return RosterPhones(phones={pk: phone for pk, phone in rows if phone})
    except crypto.Unreadable:
        return RosterPhones(phones={}, unreadable=frozenset(recorded.values_list("pk", flat=True)))


def roster_version_list(*, access: ContractAccess) -> QuerySet[RosterVersion]:
    access.require(VIEW_ROSTER)
    return access.contract.roster_versions.order_by("-number")


def roster_version_get(*, access: ContractAccess, version_id: Any) -> RosterVersion:
    return get_or_404(roster_version_list(access=access), pk=version_id)


def _allowing(accesses: Sequence[ContractAccess], action: domain.Action) -> list[int]:
    """The ids of the contracts among ``accesses`` where the user may do ``action``."""
    return [a.contract.pk for a in accesses if a.can(action)]


def roster_versions_to_decide(*, accesses: Sequence[ContractAccess]) -> list[RosterVersion]:
    """Roster versions submitted and waiting for the ward supervisor (SO-10), oldest first, on
    every contract where the user may approve them: one query however many contracts."""
    ids = _allowing(accesses, APPROVE_ROSTER)
    if not ids:
        return []
    return list(
        RosterVersion.objects.filter(
            contract__in=ids, state=RosterVersion.State.SUBMITTED
        ).order_by("submitted_at", "pk")
    )


def roster_versions_returned(*, accesses: Sequence[ContractAccess]) -> list[RosterVersion]:
    """Roster versions the ward returned and that are still the latest: the manager has to
    correct and resubmit the roster (SO-10). One query however many contracts."""
    ids = _allowing(accesses, EDIT_ROSTER)
    if not ids:
        return []
    newer = RosterVersion.objects.filter(
        contract=OuterRef("contract"), number__gt=OuterRef("number")
    )
    return list(
        RosterVersion.objects.filter(contract__in=ids, state=RosterVersion.State.RETURNED)
        .exclude(Exists(newer))
        .order_by("decided_at", "pk")
    )


@dataclass(frozen=True)
class ObligationGroup:
    """The items of one obligation of one contract that wait for the same step: how many, and
    since when (the earliest submission, or the earliest due date)."""

    contract_id: int
    name: str
    count: int
    since: date


def obligation_groups_to_acknowledge(
    *, accesses: Sequence[ContractAccess]
) -> list[ObligationGroup]:
    """Submitted items waiting for the ward's acknowledgement, per contract and obligation, on
    every contract where the user may acknowledge them: one query."""
    ids = _allowing(accesses, ACKNOWLEDGE_OBLIGATION)
    if not ids:
        return []
    groups = (
        ObligationItem.objects.filter(
            obligation__contract__in=ids,
            submitted_at__isnull=False,
            acknowledged_at__isnull=True,
        )
        .values("obligation__contract_id", "obligation__name")
        .annotate(count=Count("pk"), since=Min("submitted_at"))
        .order_by("since", "obligation__name")
    )
    return [
        ObligationGroup(
            contract_id=g["obligation__contract_id"],
            name=g["obligation__name"],
            count=g["count"],
            since=timezone.localdate(g["since"]),
        )
        for g in groups
    ]


def obligation_groups_to_submit(
    *, accesses: Sequence[ContractAccess], on: date
) -> list[ObligationGroup]:
    """Items due by ``on`` and not submitted, per contract and obligation, on every contract
    where the user submits them: one query."""
    ids = _allowing(accesses, SUBMIT_OBLIGATION)
    if not ids:
        return []
    groups = (
        ObligationItem.objects.filter(
            obligation__contract__in=ids, submitted_at__isnull=True, due_date__lte=on
        )
        .values("obligation__contract_id", "obligation__name")
        .annotate(count=Count("pk"), since=Min("due_date"))
        .order_by("since", "obligation__name")
    )
    return [
        ObligationGroup(
            contract_id=g["obligation__contract_id"],
            name=g["obligation__name"],
            count=g["count"],
            since=g["since"],
        )
        for g in groups
    ]


@dataclass(frozen=True)
class ObligationRow:
    """An obligation item with its state on a day, as the dashboard shows it."""

    item: ObligationItem
    state: domain.ObligationState
    submitted_late: bool

    @property
    def clause_id(self) -> str:
        return self.item.obligation.clause_id

    @property
    def title(self) -> str:
        """What the item is, as an action's name says it: 「令和8年6月10日分の日報」,
        「令和8年6月分の月報」."""
        item = self.item
        if item.period_start == item.period_end:
            period = format_wareki(item.period_start)
        else:
            period = format_wareki_month(item.period_start.year, item.period_start.month)
        return f"{period}分の{item.obligation.name}"


def obligation_row(*, access: ContractAccess, item: ObligationItem) -> ObligationRow:
    """An item of ``obligation_item_query`` with its state on the access's day."""
    return _row(item, access.on)


def _row(item: ObligationItem, today: date) -> ObligationRow:
    submitted_on = timezone.localdate(item.submitted_at) if item.submitted_at else None
    rule = domain.DueRule(item.obligation.rule)
    state = domain.obligation_state(
        opens_on=domain.opens_on(
            rule,
            period_start=item.period_start,
            period_end=item.period_end,
            due_date=item.due_date,
        ),
        due_date=item.due_date,
        submitted_on=submitted_on,
        acknowledged=item.acknowledged_at is not None,
        today=today,
    )
    late = domain.is_submitted_late(due_date=item.due_date, submitted_on=submitted_on)
    return ObligationRow(item=item, state=state, submitted_late=late)


def obligation_item_query(
    *, access: ContractAccess, start: date | None = None, end: date | None = None
) -> QuerySet[ObligationItem]:
    """The contract's obligation items due from ``start`` to ``end``, as a query to page through."""
    access.require(VIEW_OBLIGATIONS)
    items = ObligationItem.objects.filter(obligation__contract=access.contract).select_related(
        "obligation"
    )
    if start is not None:
        items = items.filter(due_date__gte=start)
    if end is not None:
        items = items.filter(due_date__lte=end)
    return items.order_by(*OBLIGATION_ITEM_ORDER)


def obligation_item_list(
    *, access: ContractAccess, start: date | None = None, end: date | None = None
) -> list[ObligationRow]:
    """The contract's obligation items with their states, by due date."""
    items = obligation_item_query(access=access, start=start, end=end)
    return [_row(item, access.on) for item in items]


def obligation_items_around(
    *, access: ContractAccess, before: int = 31, after: int = 42
) -> list[ObligationRow]:
    """The contract page's items: those due from ``before`` days back to ``after`` days ahead,
    and every older one still waiting for a step (not submitted or not acknowledged), by due
    date, with their states: one query."""
    access.require(VIEW_OBLIGATIONS)
    start, end = access.on - timedelta(days=before), access.on + timedelta(days=after)
    items = (
        ObligationItem.objects.filter(obligation__contract=access.contract)
        .filter(Q(due_date__range=(start, end)) | Q(due_date__lt=start, acknowledged_at=None))
        .select_related("obligation")
        .order_by(*OBLIGATION_ITEM_ORDER)
    )
    return [_row(item, access.on) for item in items]


# The contract page shows first what waits for a step, in this order, then what falls due next.
_WAITING = (
    domain.ObligationState.LATE,
    domain.ObligationState.DUE,
    domain.ObligationState.SUBMITTED,
)
NEXT_DAYS = 14  # "next": not open yet and due within two weeks; later ones are folded away


@dataclass(frozen=True)
class ObligationPage:
    """The contract page's items in the order a person works through them: what waits for a
    step (期限超過, 提出待ち, 受領待ち), what falls due in the next two weeks, and, folded away,
    the acknowledged ones (``done``) and those further ahead (``later``)."""

    waiting: list[ObligationRow]
    next: list[ObligationRow]
    done: list[ObligationRow]
    later: list[ObligationRow]


def obligation_page(rows: Sequence[ObligationRow], *, today: date) -> ObligationPage:
    """Sort the contract page's rows (by due date already) into its four groups."""
    waiting = sorted(
        (r for r in rows if r.state in _WAITING), key=lambda r: _WAITING.index(r.state)
    )  # stable: by due date within a state
    soon = today + timedelta(days=NEXT_DAYS)
    pending = [r for r in rows if r.state == domain.ObligationState.NOT_DUE]
    return ObligationPage(
        waiting=waiting,
        next=[r for r in pending if r.item.due_date <= soon],
        done=[r for r in rows if r.state == domain.ObligationState.ACKNOWLEDGED],
        later=[r for r in pending if r.item.due_date > soon],
    )


def obligation_item_get(*, access: ContractAccess, item_id: Any) -> ObligationRow:
    access.require(VIEW_OBLIGATIONS)
    item = get_or_404(
        ObligationItem.objects.select_related("obligation"),
        pk=item_id,
        obligation__contract=access.contract,
    )
    return _row(item, access.on)


@dataclass(frozen=True)
class Deadline:
    """An open item on the home page's list of deadlines, with its contract."""

    contract: Contract
    row: ObligationRow


@dataclass(frozen=True)
class ComingDeadlines:
    """How many of a contract's open items fall due in the next seven days, and the first day."""

    contract: Contract
    count: int
    first_due: date


@dataclass(frozen=True)
class ContractDeadlines:
    """One contract's open items as counts: overdue, due today, due in the next seven days."""

    contract: Contract
    overdue: int
    due_today: int
    coming: int
    first_due: date


# The home page lists the overdue and due-today items one by one up to this many in all; past
# it (an auditor on 200 contracts has 400), it shows counts per contract instead, and no row of
# an item is built.
DEADLINE_ROWS_IN_FULL = 20


@dataclass(frozen=True)
class Deadlines:
    """The home page's deadlines over every contract whose obligations the user follows: counts
    per contract of the open items overdue, due today and due in the next seven days, and, when
    there are few (``DEADLINE_ROWS_IN_FULL``), the overdue and due-today items themselves, so
    the page stays the same size whatever the week and the number of contracts hold."""

    overdue: list[Deadline]
    due_today: list[Deadline]
    coming: list[ComingDeadlines]
    # Whether the user follows the obligations of any contract at all.
    following: bool = True
    per_contract: list[ContractDeadlines] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(c.overdue for c in self.per_contract)

    @property
    def due_today_count(self) -> int:
        return sum(c.due_today for c in self.per_contract)

    @property
    def coming_count(self) -> int:
        return sum(c.count for c in self.coming)

    @property
    def in_full(self) -> bool:
        """Whether the overdue and due-today items are listed one by one (else: counts)."""
        return self.overdue_count + self.due_today_count <= DEADLINE_ROWS_IN_FULL

    @property
    def overdue_contracts(self) -> set[int]:
        return {c.contract.pk for c in self.per_contract if c.overdue}


def deadlines(*, accesses: Sequence[ContractAccess], on: date | None = None) -> Deadlines:
    """Open items overdue, due today and in the next week, counted per contract, on every
    contract whose obligations the user follows, and the overdue and due-today items themselves
    when they are few: two queries however many contracts (the home page)."""
    today = on or timezone.localdate()
    followed = {a.contract.pk: a.contract for a in accesses if a.can(VIEW_OBLIGATIONS)}
    if not followed:
        return Deadlines(overdue=[], due_today=[], coming=[], following=False)
    open_items = ObligationItem.objects.filter(
        obligation__contract__in=list(followed), submitted_at__isnull=True
    )
    week_end = today + timedelta(days=7)
    counts = (
        open_items.filter(due_date__lte=week_end)
        .values("obligation__contract_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            due_today=Count("pk", filter=Q(due_date=today)),
            coming=Count("pk", filter=Q(due_date__gt=today)),
            first_due=Min("due_date"),
            first_coming=Min("due_date", filter=Q(due_date__gt=today)),
        )
        .order_by("first_due", "obligation__contract_id")
    )
    per_contract, coming = [], []
    for c in counts:
        contract = followed[c["obligation__contract_id"]]
        per_contract.append(
            ContractDeadlines(
                contract=contract,
                overdue=c["overdue"],
                due_today=c["due_today"],
                coming=c["coming"],
                first_due=c["first_due"],
            )
        )
        if c["coming"]:
            coming.append(
                ComingDeadlines(contract=contract, count=c["coming"], first_due=c["first_coming"])
            )
    coming.sort(key=lambda c: (c.first_due, c.contract.pk))
    # Always asked (the page's queries do not depend on how many there are), at most one more
    # than are ever listed.
    due = list(
        open_items.filter(due_date__lte=today)
        .select_related("obligation")
        .order_by("due_date", "obligation__clause_id", "pk")[: DEADLINE_ROWS_IN_FULL + 1]
    )
    result = Deadlines(overdue=[], due_today=[], coming=coming, per_contract=per_contract)
    if not result.in_full:
        return result
    rows = [Deadline(contract=followed[i.obligation.contract_id], row=_row(i, today)) for i in due]
    result.overdue.extend(d for d in rows if d.row.item.due_date < today)
    result.due_today.extend(d for d in rows if d.row.item.due_date == today)
    return result


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first, with the contract each names; nobody sees
    another's. A notice stays listed when its contract is no longer the user's to see (it is
    theirs; the title and number are no personal data): the link's own check answers 404."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("contract")
        .order_by("-created_at", "-pk")
    )


def notification_get(*, user: Any, notification_id: Any) -> Notification:
    return get_or_404(notification_list(user=user), pk=notification_id)


def notification_unread_count(*, user: Any) -> int:
    """How many of the user's notifications are unread: one indexed query, 0 when signed out."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
