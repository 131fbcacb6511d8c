"""``manage.py check`` for the declared job kinds: keys unique and ``<app>.<what>``, the action
declared in ACTIONS, the service kind declared, ``produce`` a callable (or the path of one)."""

from __future__ import annotations

import re
from typing import Any

from django.core import checks
from django.utils.module_loading import import_string

from itaku.core import registry

KEY = re.compile(r"[a-z_]+\.[a-z_]+")


@checks.register()
def check_job_kinds(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    seen: set[str] = set()
    actions = registry.grant_table()
    service_kinds = {kind.key for kind in registry.declared("SERVICE_KINDS")}
    for label, kind in registry.declared_by_app("JOB_KINDS"):
        where = f"{label}: the job kind {kind.key!r}"
        if not KEY.fullmatch(kind.key):
            errors.append(checks.Error(f"{where} is not named <app>.<what>", id="itaku.E201"))
        if kind.key in seen:
            errors.append(checks.Error(f"{where} is declared twice", id="itaku.E202"))
        seen.add(kind.key)
        if actions.get(kind.action.key) != kind.action:
            errors.append(
                checks.Error(
                    f"{where} needs the action {kind.action.key!r}, which no app declares",
                    id="itaku.E203",
                )
            )
        if kind.service_kind and kind.service_kind not in service_kinds:
            errors.append(
                checks.Error(
                    f"{where} is for the service kind {kind.service_kind!r}, which no app declares",
                    id="itaku.E204",
                )
            )
        produce = kind.produce
        if isinstance(produce, str):
            try:
                produce = import_string(produce)
            except ImportError:
                produce = None
        if not callable(produce):
            errors.append(checks.Error(f"{where}: produce is not a callable", id="itaku.E205"))
    return errors
