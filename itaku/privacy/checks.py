"""``manage.py check`` for privacy's extension points (PI-8, IC-29): every model with a sealed
field is covered by a package section, so no app's sensitive data stays behind when the contract
ends and its key is destroyed; sections cover real models; end items cite a clause ID."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import checks

from itaku.core import registry
from itaku.core.checks import CLAUSE_ID
from itaku.privacy.fields import SealedTextField


@checks.register()
def check_package_sections(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    covered: set[str] = set()
    for label, section in registry.declared_by_app("PACKAGE_SECTIONS"):
        for model in section.covers:
            try:
                apps.get_model(model)
            except (LookupError, ValueError):
                errors.append(
                    checks.Error(
                        f"{label}: the package section {section.key!r} covers {model!r}, "
                        "which is no installed model",
                        id="itaku.E101",
                    )
                )
            covered.add(model)
    for model in apps.get_models():
        sealed = [f.name for f in model._meta.get_fields() if isinstance(f, SealedTextField)]
        if sealed and model._meta.label_lower not in covered:
            errors.append(
                checks.Error(
                    f"{model._meta.label_lower} holds sealed fields ({', '.join(sealed)}) that no "
                    "package section covers: they would not be returned at contract end (PI-8)",
                    hint="Declare a PackageSection with covers=(...) in the app's contributions.",
                    obj=model,
                    id="itaku.E102",
                )
            )
    for label, item in registry.declared_by_app("END_ITEMS"):
        if not CLAUSE_ID.fullmatch(item.clause):
            errors.append(
                checks.Error(
                    f"{label}: the contract-end item {item.key!r} cites {item.clause!r}, "
                    "not a clause ID",
                    id="itaku.E103",
                )
            )
    return errors
