"""The access rule as queries: who may see which contract, and what they may do on it.

``domain.grant_is_active`` states the rule on plain values; ``active_entry_q`` is the same rule as
a database filter, and ``tests/test_access.py`` checks with hypothesis that the two always agree.
Every selector, page and API endpoint goes through ``contract_access`` or ``contracts_visible_to``.
An object the user may not see is a 404, never a 403 that would confirm it exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from itaku.audit import context
from itaku.core import domain, registry
from itaku.core.models import Contract, RosterEntry, contract_facts
from itaku.web.lookup import get_or_404


def active_entry_q(on: date, prefix: str = "") -> Q:
    """``domain.grant_is_active`` as a filter on RosterEntry (``prefix`` for related lookups)."""

    def f(**kwargs: Any) -> Q:
        return Q(**{prefix + key: value for key, value in kwargs.items()})

    common = (
        f(ended_at__isnull=True)
        & f(valid_from__lte=on)
        & (f(granted_valid_to__isnull=True) | f(granted_valid_to__gte=on))
        & ~f(contract__state=domain.ContractState.DESTROYED)
    )
    ward = f(role__in=[r.value for r in domain.WARD_ROLES])
    # SO-10: the manager prepares from the award date; everyone else from the period's start.
    preparing = f(role__in=[r.value for r in domain.PREPARING_ROLES]) & (
        f(contract__awarded_on__lte=on) | f(contract__period_start__lte=on)
    )
    contractor = (
        f(role__in=[r.value for r in domain.CONTRACTOR_ROLES])
        & f(approved_version__isnull=False)
        & f(granted_pledge_date__lte=on)
        & (f(contract__period_start__lte=on) | preparing)
        & f(contract__period_end__gte=on)
        & f(contract__state=domain.ContractState.ACTIVE)
    )
    return common & (ward | contractor)


def active_entries(user: Any, *, on: date | None = None) -> QuerySet[RosterEntry]:
    """The user's roster entries that give access today (or ``on``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RosterEntry.objects.none()
    on = on or timezone.localdate()
    return RosterEntry.objects.filter(active_entry_q(on), person__user=user)


def contracts_visible_to(user: Any, *, on: date | None = None) -> QuerySet[Contract]:
    """Contracts the user may see today (or ``on``)."""
    on = on or timezone.localdate()
    ids = active_entries(user, on=on).values("contract_id")
    return Contract.objects.filter(pk__in=ids)


def needs_second_factor(user: Any, *, on: date | None = None) -> bool:
    """``domain.needs_second_factor`` for the user's roles on any contract today."""
    roles = frozenset(
        domain.Role(r) for r in active_entries(user, on=on).values_list("role", flat=True)
    )
    return domain.needs_second_factor(roles=roles, is_administrator=user.is_superuser)


@dataclass(frozen=True)
class ContractAccess:
    """A user's standing on one contract on one day."""

    user: Any
    contract: Contract
    roles: frozenset[domain.Role]
    on: date

    def can(self, action: domain.Action) -> bool:
        c = self.contract
        # The contract as it is now (a service may change its state within the request).
        now = (c.state, c.period_start, c.period_end, c.awarded_on, c.service_kind)
        return _answer(action.key, self.roles, now, self.on, c)

    def require(self, action: domain.Action) -> None:
        """Refuse an action: 404 if the user may not even see what it concerns, else 403."""
        if self.can(action):
            return
        if not action.writes:
            raise Http404
        raise PermissionDenied

    @property
    def acting_role(self) -> str:
        """The roles the user acts in here, for the audit log (``manager``, ``auditor,…``)."""
        return ",".join(sorted(role.value for role in self.roles))

    @property
    def sides(self) -> frozenset[domain.Side]:
        return frozenset(role.side for role in self.roles)


# The rule's answers already given, shared by every access of the process: ``domain.can`` is a
# pure function of the action, the roles, the contract's facts and the day, and an auditor's home
# page asks about 20 actions of each of 200 accesses that mostly share all four. The table is
# emptied when the registry's grant table is rebuilt (tests that declare apps) and when it grows
# past a bound (a new day adds answers).
_answers: dict[tuple[Any, ...], bool] = {}
_answers_for: list[Any] = [None]
_ANSWERS_MAX = 50_000


def _answer(key: str, roles: frozenset[Any], now: tuple[Any, ...], on: date, c: Contract) -> bool:
    grants = registry.grant_table()
    if _answers_for[0] is not grants or len(_answers) > _ANSWERS_MAX:
        _answers.clear()
        _answers_for[0] = grants
    cache_key = (key, roles, now, on)
    answer = _answers.get(cache_key)
    if answer is None:
        action = grants.get(key)
        answer = action is not None and domain.can(
            action, roles=roles, contract=contract_facts(c), on=on, grants=grants
        )
        _answers[cache_key] = answer
    return answer


def contract_accesses(
    user: Any, *, on: date | None = None, among: Sequence[Contract] | None = None
) -> list[ContractAccess]:
    """The user's access to every contract they may see, in two queries (home page), or only to
    those of ``among`` they may see, in its order and one query (a page of the API)."""
    on = on or timezone.localdate()
    entries = active_entries(user, on=on)
    if among is not None:
        entries = entries.filter(contract__in=[c.pk for c in among])
    roles: dict[int, set[domain.Role]] = {}
    for contract_id, role in entries.values_list("contract_id", "role"):
        roles.setdefault(contract_id, set()).add(domain.Role(role))
    contracts = (
        among
        if among is not None
        else Contract.objects.filter(pk__in=roles).select_related("department", "contractor")
    )
    return [
        ContractAccess(user=user, contract=c, roles=frozenset(roles[c.pk]), on=on)
        for c in contracts
        if c.pk in roles
    ]


def contract_access(user: Any, contract_id: Any, *, on: date | None = None) -> ContractAccess:
    """The user's access to a contract, or Http404 if they may not see it at all."""
    on = on or timezone.localdate()
    contract = get_or_404(
        Contract.objects.select_related("department", "contractor"), pk=contract_id
    )
    roles = frozenset(
        domain.Role(role)
        for role in active_entries(user, on=on)
        .filter(contract=contract)
        .values_list("role", flat=True)
    )
    if not roles:
        raise Http404
    return ContractAccess(user=user, contract=contract, roles=roles, on=on)


def acting_role(actor: Any, contract: Any) -> str:
    """The roles the actor holds on the contract at this moment (PI-9: who acted as what), e.g.
    ``manager`` or ``ward_supervisor,auditor``; ``administrator`` for the ward's IT staff. The
    audit log asks for it through ``set_acting_role_resolver`` (``CoreConfig.ready``); cached for
    the request, since one request may record several events on one contract."""
    if not getattr(actor, "pk", None):
        return ""
    if contract is None:
        return "administrator" if getattr(actor, "is_superuser", False) else ""
    cache = context.role_cache.get()
    key = (actor.pk, contract.pk)
    if cache is not None and key in cache:
        return cache[key]
    roles = sorted(
        set(active_entries(actor).filter(contract=contract).values_list("role", flat=True))
    )
    role = ",".join(roles) or ("administrator" if getattr(actor, "is_superuser", False) else "")
    if cache is not None:
        cache[key] = role
    return role
