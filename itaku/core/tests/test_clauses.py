"""Pages cite the clause a person reads (「仕様書 9(1)」, 「特記事項 第7条」), with the
requirement ID kept in the markup for search and tests; every cited ID is declared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.core import registry
from itaku.core.templatetags.itaku import clause

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("requirement", "shown"),
    [
        ("SO-13", "仕様書 9(1)"),  # the daily report
        ("SO-10", "仕様書 7(2)"),  # the roster and the duty schedule
        ("IC-23", "仕様書 13"),  # notices and the team formation
        ("IC-10", "仕様書 7(3)ア"),
        ("PI-7", "特記事項 第7条"),  # leaks
        ("PI-18", "特記事項 第18条"),
    ],
)
def test_a_requirement_id_is_shown_as_the_clause_of_the_contract(requirement, shown):
    html = clause(requirement)
    assert f">{shown}</span>" in html
    assert f'data-clause="{requirement}"' in html


def test_an_id_nobody_declared_is_shown_as_it_is():
    assert ">XX-1</span>" in clause("XX-1")


def test_every_clause_an_obligation_or_an_end_item_cites_is_declared():
    cited = {d.clause for d in registry.declared("OBLIGATIONS")}
    cited |= {i.clause for i in registry.declared("END_ITEMS")}
    assert cited and cited <= set(registry.clauses())


def test_the_contract_page_cites_clauses_not_ids(client, world, frozen_today):
    from itaku.core import services

    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=frozen_today
    )
    client.force_login(world.supervisor)
    page = client.get(reverse("core:contract-detail", kwargs={"contract_id": world.contract.pk}))
    html = page.content.decode()
    assert 'data-clause="SO-13"' in html and ">仕様書 9(1)</span>" in html
    assert ">SO-13<" not in html
