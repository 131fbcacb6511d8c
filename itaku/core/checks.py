"""``manage.py check`` refuses incomplete or inconsistent declarations (``itaku.core.registry``),
so CI fails before a forgotten declaration reaches a user: an unknown extension point, an item
of the wrong type, a key declared twice, an action no role holds, an audit event without its
label or not named ``<entity>.<verb>``, an obligation that cites no clause ID."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from django.core import checks
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from itaku.core import domain, registry

CLAUSE_ID = re.compile(r"(SO|IC|PI)-[0-9]{1,2}")
EVENT_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
KEYED_POINTS = (
    "SERVICE_KINDS",
    "CLAUSES",
    "ACTIONS",
    "NOTIFICATION_KINDS",
    "AUDIT_EVENTS",
    "PANELS",
    "TODOS",
)


def _type(path: str) -> type | None:
    if path in ("callable", "tuple"):
        return None
    return import_string(path)


@checks.register()
def check_declarations(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    points = registry.extension_points()
    for label, module in registry.contribution_modules().items():
        for name in dir(module):
            unknown = name.isupper() and name not in points and name != "EXTENSION_POINTS"
            if unknown and isinstance(getattr(module, name), list | tuple):
                errors.append(
                    checks.Error(
                        f"{label}.contributions declares {name}, which is no extension point",
                        hint=f"Known points: {', '.join(sorted(points))}.",
                        id="itaku.E001",
                    )
                )
    for point, path in points.items():
        kind = _type(path)
        for label, item in registry.declared_by_app(point):
            wrong = (
                (path == "callable" and not callable(item))
                or (path == "tuple" and not isinstance(item, tuple))
                or (kind is not None and not isinstance(item, kind))
            )
            if wrong:
                errors.append(
                    checks.Error(
                        f"{label}.contributions.{point} holds {item!r}, not a {path}",
                        id="itaku.E002",
                    )
                )
    for point in [*KEYED_POINTS, *(p for p in points if p not in registry.CORE_POINTS)]:
        keys = Counter(
            getattr(item, "key", getattr(item, "id", None)) for item in registry.declared(point)
        )
        for key, count in keys.items():
            if key is not None and count > 1:
                errors.append(
                    checks.Error(
                        f"{point}: the key {key!r} is declared {count} times", id="itaku.E003"
                    )
                )
    service_kinds = {kind.key for kind in registry.declared("SERVICE_KINDS")}
    for label, action in registry.declared_by_app("ACTIONS"):
        if action.service_kind and action.service_kind not in service_kinds:
            errors.append(
                checks.Error(
                    f"{label}: the action {action.key!r} is for the undeclared service kind "
                    f"{action.service_kind!r}",
                    id="itaku.E004",
                )
            )
        if not action.roles:
            errors.append(
                checks.Error(
                    f"{label}: the action {action.key!r} is granted to no role", id="itaku.E004"
                )
            )
        if not action.label:
            errors.append(
                checks.Error(f"{label}: the action {action.key!r} has no label", id="itaku.E004")
            )
        if not action.before_period <= action.roles:
            errors.append(
                checks.Error(
                    f"{label}: the action {action.key!r} lets roles act before the period that "
                    "do not hold it",
                    id="itaku.E004",
                )
            )
        if action.after_period and not action.writes:
            errors.append(
                checks.Error(
                    f"{label}: the action {action.key!r} is a read; reads need no after_period",
                    id="itaku.E004",
                )
            )
    for label, event in registry.declared_by_app("AUDIT_EVENTS"):
        if not EVENT_NAME.fullmatch(event.key):
            errors.append(
                checks.Error(
                    f"{label}: the audit event {event.key!r} is not named <entity>.<verb>",
                    id="itaku.E005",
                )
            )
        if not event.label.strip():
            errors.append(
                checks.Error(
                    f"{label}: the audit event {event.key!r} has no label", id="itaku.E005"
                )
            )
    rules = set(domain.DueRule.values())
    for label, decl in registry.declared_by_app("OBLIGATIONS"):
        problems = []
        if not CLAUSE_ID.fullmatch(decl.clause):
            problems.append(f"cites {decl.clause!r}, not a clause ID such as SO-13")
        elif decl.clause not in registry.clauses():
            problems.append(f"cites {decl.clause!r}, which no app declares in CLAUSES")
        if decl.rule not in rules:
            problems.append(f"has the unknown due rule {decl.rule!r}")
        if decl.rule == domain.DueRule.DAYS_BEFORE_EVENT and decl.days_before is None:
            problems.append("is due some days before an event but says not how many")
        if decl.service_kind not in service_kinds:
            problems.append(f"is for the undeclared service kind {decl.service_kind!r}")
        errors.extend(
            checks.Error(f"{label}: the obligation {decl.name!r} {p}", id="itaku.E006")
            for p in problems
        )
    for label, kind in registry.declared_by_app("NOTIFICATION_KINDS"):
        # The page names the link by its action: a blank one would be a link with no text.
        if not kind.label.strip() or not kind.what.strip() or not kind.action.strip():
            errors.append(
                checks.Error(
                    f"{label}: the notification kind {kind.key!r} needs a label, a what and "
                    "an action",
                    id="itaku.E007",
                )
            )
    grants = registry.grant_table()
    for label, page in registry.declared_by_app("CONTRACT_PAGES"):
        problems = []
        if page.action not in grants:
            problems.append(f"is shown for the undeclared action {page.action!r}")
        if page.service_kind and page.service_kind not in service_kinds:
            problems.append(f"is for the undeclared service kind {page.service_kind!r}")
        try:
            reverse(page.url_name, kwargs={"contract_id": 1})
        except NoReverseMatch:
            problems.append(f"links to {page.url_name!r}, which takes no contract_id")
        errors.extend(
            checks.Error(f"{label}: the contract page {page.key!r} {p}", id="itaku.E008")
            for p in problems
        )
    return errors
