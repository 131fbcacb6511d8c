"""The home page's panels: apps declare them (``contributions.PANELS``) and core shows them
without importing the apps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.core.registry import Panel
from itaku.core.tests.plugins import extra_contributions

pytestmark = pytest.mark.django_db


@pytest.fixture
def panels():
    """Declare test panels as an app would, and take them away again afterwards."""
    declared: list[Panel] = []
    with extra_contributions("panel_test_app", PANELS=declared):

        def add(key, context):
            declared.append(Panel(key=key, template="core/tests/_panel.html", context=context))

        yield add


@pytest.fixture(autouse=True)
def _panel_template(settings, tmp_path):
    folder = tmp_path / "templates" / "core" / "tests"
    folder.mkdir(parents=True)
    (folder / "_panel.html").write_text(
        '<section class="card"><h2>{{ panel.title }}</h2></section>', encoding="utf-8"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path / "templates"]}
    ]


def test_declared_panels_show_below_the_obligations_in_declaration_order(
    client, world, frozen_today, panels
):
    seen = []

    def first(user, today, accesses):
        seen.append((user, today, [a.contract for a in accesses]))
        return {"title": "一つ目のパネル"}

    panels("test-first", first)
    panels("test-second", lambda user, today, accesses: {"title": "二つ目のパネル"})
    client.force_login(world.manager)
    page = client.get(reverse("core:home")).content.decode()
    assert page.index(world.contract.title) < page.index("一つ目のパネル")
    assert page.index("一つ目のパネル") < page.index("二つ目のパネル")
    assert seen == [(world.manager, frozen_today, [world.contract])]


def test_a_panel_whose_context_is_none_is_left_out(client, world, frozen_today, panels):
    panels("test-hidden", lambda user, today, accesses: None)
    panels("test-shown", lambda user, today, accesses: {"title": "表示されるパネル"})
    client.force_login(world.manager)
    page = client.get(reverse("core:home")).content.decode()
    assert "表示されるパネル" in page
    assert page.count('<section class="card"><h2>') == 1
