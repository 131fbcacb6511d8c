"""How an app plugs into the platform: one module, ``<app>/contributions.py``, and nothing else.

Core imports no feature app. Each app says what it adds to the platform in its
``contributions.py``, as module-level sequences named after the platform's extension points::

    SERVICE_KINDS = [ServiceKind("support_office", "…")]  # core: the kinds of contract
    ACTIONS = [VIEW_INCIDENTS, RECORD_INCIDENT]          # core: what roles may do (domain.Action)
    NOTIFICATION_KINDS = [NotificationKind(...)]         # core: what a notice is about
    AUDIT_EVENTS = [AuditEventKind("incident.record", "事案の記録")]  # core: the audit catalogue
    OBLIGATIONS = [ObligationDecl(...)]                  # core: deliverables with clause and rule
    PANELS = [Panel(...)]                                # core: home-page panels
    TODOS = [TodoSource(...)]                            # core: the home page's to-do list
    DEMO_STEPS = [demo_step]                             # core: the app's part of the demo data
    API_ROUTERS = [("/incidents", router)]               # core: the app's django-ninja router
    EXPORT_KINDS, END_ITEMS, PACKAGE_SECTIONS            # privacy: exports, contract end
    JOB_KINDS = [JobKind(...)]                           # jobs: background work (0005)

An app that offers an extension point of its own names it with the type of its items in
``EXTENSION_POINTS = {"END_ITEMS": EndItem}``. The app's ``AppConfig`` derives from
``PlatformAppConfig``, whose ``ready()`` registers the module, so declarations are read in the
order of ``INSTALLED_APPS`` and an app left out of it contributes nothing. ``manage.py check``
(``itaku.core.checks`` and ``itaku.privacy.checks``) refuses incomplete declarations.

This module is a leaf: it imports no other module of itaku, so every app, audit included, may
use it without an import cycle.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import AppConfig

# The extension points core offers, with the type of their items (checked by core.checks).
CORE_POINTS: dict[str, str] = {
    "SERVICE_KINDS": "itaku.core.registry.ServiceKind",
    "CLAUSES": "itaku.core.registry.Clause",
    "ACTIONS": "itaku.core.domain.Action",
    "NOTIFICATION_KINDS": "itaku.core.registry.NotificationKind",
    "AUDIT_EVENTS": "itaku.core.registry.AuditEventKind",
    "OBLIGATIONS": "itaku.core.registry.ObligationDecl",
    "PANELS": "itaku.core.registry.Panel",
    "TODOS": "itaku.core.registry.TodoSource",
    "DEMO_STEPS": "callable",
    "API_ROUTERS": "tuple",
    "CONTRACT_PAGES": "itaku.core.registry.ContractPage",
}


@dataclass(frozen=True)
class ServiceKind:
    """A kind of contracted service (業務の種類): the app that runs it declares it."""

    key: str
    label: str


@dataclass(frozen=True)
class Clause:
    """A requirement ID (``SO-13``) and the clause a person reads it as (「仕様書 9(1)」), so
    pages cite what the contract says and keep the ID in the markup for search and tests."""

    id: str
    reference: str


@dataclass(frozen=True)
class NotificationKind:
    """What a notification is about. The label is all an e-mail tells (PI-5, IC-30); ``what``
    says on the page what happened and what to do, without personal data, and ``action`` names
    the page's link by what it does there (「申請を確認する」, not 「開く」)."""

    key: str
    label: str
    what: str = ""
    action: str = "開く"


@dataclass(frozen=True)
class AuditEventKind:
    """One event name of the audit catalogue, ``<entity>.<verb>``, with the label the auditor
    reads (as Zulip keeps one catalogue of its audit event types)."""

    key: str
    label: str


@dataclass(frozen=True)
class ObligationDecl:
    """A deliverable that every contract of ``service_kind`` owes: its name, the clause it
    comes from, the rule that computes its due dates (``core.domain.DueRule`` value) and, for
    event-based rules, how many days before."""

    service_kind: str
    name: str
    clause: str
    rule: str
    days_before: int | None = None
    # The page where the app's users make and hand in the deliverable (a URL name reversed with
    # ``contract_id``); the to-do list leads there. "" leads to the contract page's list.
    url_name: str = ""


@dataclass(frozen=True)
class Panel:
    """A home-page panel: ``context(user, today, accesses)`` returns the template's context, or
    None to leave the panel out. ``accesses`` is the user's standing on each contract they may
    see today, as the home page worked it out, so the panel reads through its selectors with
    them and the access rule holds on the home page as everywhere else."""

    key: str
    template: str
    context: Callable[..., dict[str, Any] | None]


@dataclass(frozen=True)
class ContractPage:
    """A page of a service, linked from the contract page for those whose access holds
    ``action`` (the ``key`` of a declared ``Action``): ``url_name`` is reversed with
    ``contract_id``. Only on contracts of ``service_kind`` ("" for all)."""

    key: str
    label: str
    url_name: str
    action: str
    service_kind: str = ""


@dataclass(frozen=True)
class TodoItem:
    """One thing waiting for the user, as the home page lists it under 「対応が必要なもの」:
    the contract, what to do (a whole Japanese sentence naming the object, no participant data),
    the day it has waited since, and the page where it is done, with the link's words."""

    contract: Any
    what: str
    since: date
    url: str
    action_label: str


@dataclass(frozen=True)
class TodoSource:
    """A kind of thing that waits for someone: ``items(user, today, accesses)`` returns the
    user's ``TodoItem``s. Like a panel it reads through its app's selectors with the accesses
    the home page already has, deciding with ``access.can(ACTION)``, in a fixed number of
    queries however many contracts (one, and none when no access allows the action)."""

    key: str
    label: str
    items: Callable[..., list[TodoItem]]


class PlatformAppConfig(AppConfig):
    """The base of every itaku app's config: reads the app's ``contributions.py`` in ready(),
    and registers its system checks (``<app>/checks.py``) if it has any.

    Derive from it as ``registry.PlatformAppConfig``: a name imported into ``apps.py`` would be a
    second config class there, and Django would then use neither."""

    def ready(self) -> None:
        app_register(self)
        checks = f"{self.name}.checks"
        if importlib.util.find_spec(checks) is not None:
            importlib.import_module(checks)


_modules: dict[str, ModuleType] = {}


def app_register(config: AppConfig) -> None:
    """Read an app's declarations (``<app>.contributions``), if it has any. Registering again
    replaces the app's entry (``ready()`` may run more than once in tests)."""
    name = f"{config.name}.contributions"
    if importlib.util.find_spec(name) is None:
        return
    _modules[config.label] = importlib.import_module(name)
    clear_caches()


def contribution_modules() -> dict[str, ModuleType]:
    """Each registered app's contributions module, by app label, in INSTALLED_APPS order."""
    return dict(_modules)


def declared(point: str) -> list[Any]:
    """Everything the apps declared for one extension point, in INSTALLED_APPS order."""
    items: list[Any] = []
    for module in _modules.values():
        items.extend(getattr(module, point, ()))
    return items


def declared_by_app(point: str) -> list[tuple[str, Any]]:
    """As ``declared``, with the label of the app that declared each item."""
    return [
        (label, item) for label, module in _modules.items() for item in getattr(module, point, ())
    ]


def extension_points() -> dict[str, str]:
    """Every extension point, core's and those the apps offer, with its item type's path."""
    points = dict(CORE_POINTS)
    for module in _modules.values():
        for point, kind in getattr(module, "EXTENSION_POINTS", {}).items():
            points[point] = f"{kind.__module__}.{kind.__qualname__}"
    return points


@cache
def grant_table() -> dict[str, Any]:
    """The actions of every app by key: the table of grants the access rule is given."""
    return {action.key: action for action in declared("ACTIONS")}


@cache
def clauses() -> dict[str, Clause]:
    return {clause.id: clause for clause in declared("CLAUSES")}


@cache
def notification_kinds() -> dict[str, NotificationKind]:
    return {kind.key: kind for kind in declared("NOTIFICATION_KINDS")}


@cache
def audit_events() -> dict[str, AuditEventKind]:
    return {event.key: event for event in declared("AUDIT_EVENTS")}


def obligation_url_names() -> dict[tuple[str, str], str]:
    """The page of each declared obligation that names one, by (service kind, name)."""
    return {(o.service_kind, o.name): o.url_name for o in declared("OBLIGATIONS") if o.url_name}


def obligation_pages(contract: Any) -> dict[str, str]:
    """The contract's deliverables that its app makes and hands in on a page of its own, by
    name, with that page's address: the contract page links there instead of offering its own
    submit and acknowledge buttons, since the app's service records what was handed in (a day's
    report freezes its figures, SO-13) and meets the item itself."""
    from django.urls import reverse

    return {
        name: reverse(url_name, kwargs={"contract_id": contract.pk})
        for (kind, name), url_name in obligation_url_names().items()
        if kind == contract.service_kind
    }


def service_kind_choices() -> list[tuple[str, str]]:
    """The declared kinds of service as choices, for ``Contract.service_kind``."""
    return [(kind.key, kind.label) for kind in declared("SERVICE_KINDS")]


def clear_caches() -> None:
    """Forget the tables built from the declarations (after a test changes one)."""
    grant_table.cache_clear()
    clauses.cache_clear()
    notification_kinds.cache_clear()
    audit_events.cache_clear()
