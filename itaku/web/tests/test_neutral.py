"""itaku.web stays neutral: core and every feature app import it, so it imports none of them
(only the pure business calendar, for the date range). An import of an app here would bring back
the cycles this package was made to break."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parent.parent
ALLOWED = {"itaku.core.calendar"}


def itaku_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name == "itaku" or name.startswith("itaku.")}


@pytest.mark.parametrize("module", sorted(p.name for p in WEB.glob("*.py")))
def test_the_web_package_imports_no_app_of_itaku(module):
    imported = itaku_imports(WEB / module)
    assert {
        name for name in imported if name not in ALLOWED and not name.startswith("itaku.web")
    } == set()


def test_it_has_no_models_and_is_no_installed_app(settings):
    assert not (WEB / "models.py").exists()
    assert "itaku.web" not in settings.INSTALLED_APPS
