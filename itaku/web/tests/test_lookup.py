"""get_or_404: the one lookup of selectors and services. Whatever is wrong with the id, the
answer is the same 404, and an object of another contract is not told apart from none."""

from __future__ import annotations

import uuid

import pytest
from django.http import Http404

from itaku.core.models import RosterEntry
from itaku.privacy.models import Attachment
from itaku.web.lookup import get_or_404

pytestmark = pytest.mark.django_db


def test_an_object_the_queryset_holds_is_returned(world):
    entry = world.contract.roster_entries.first()
    assert get_or_404(RosterEntry.objects.filter(contract=world.contract), pk=entry.pk) == entry
    assert get_or_404(RosterEntry.objects, pk=str(entry.pk)) == entry  # an id from a URL


@pytest.mark.parametrize(
    "lookups",
    [
        pytest.param({"pk": 10**6}, id="missing"),
        pytest.param({"pk": None}, id="no id"),
        pytest.param({"pk": "abc"}, id="malformed int"),
        pytest.param({"pk": "1.5"}, id="malformed int with a dot"),
        pytest.param({"pk": ["1"]}, id="a list for an id"),
        pytest.param({"pk": {"id": 1}}, id="a dict for an id"),
        pytest.param({"pk": 10**30}, id="beyond any integer column"),
    ],
)
def test_a_missing_or_malformed_integer_id_is_404(world, lookups):
    with pytest.raises(Http404):
        get_or_404(RosterEntry.objects, **lookups)


@pytest.mark.parametrize(
    "attachment_id",
    [
        pytest.param("not-a-uuid", id="malformed uuid"),
        pytest.param("1234", id="a number for a uuid"),
        pytest.param(str(uuid.uuid4()), id="well-formed uuid of nothing"),
    ],
)
def test_a_missing_or_malformed_uuid_is_404(world, attachment_id):
    with pytest.raises(Http404):
        get_or_404(Attachment.objects, contract=world.contract, pk=attachment_id)


def test_another_contracts_object_is_404_as_if_it_did_not_exist(world):
    entry = world.contract.roster_entries.first()
    with pytest.raises(Http404):
        get_or_404(RosterEntry.objects.filter(contract=world.other_contract), pk=entry.pk)
    with pytest.raises(Http404):
        get_or_404(RosterEntry.objects, pk=entry.pk, contract=world.other_contract)
