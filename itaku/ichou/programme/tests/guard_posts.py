"""The programme's form texts for the My Number guard walk (itaku/privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaku.ichou.programme.forms import ActivityForm, DecideForm, ReviseForm
from itaku.ichou.programme.models import Activity, Programme
from itaku.ichou.programme.tests.helpers import FY, approved, draft, submitted


def _url(world: Any) -> str:
    return reverse("ichou:programme", args=[world.contract.pk, FY])


def _activity(world: Any, field: str, text: str):
    draft(world, values=[])
    data = {
        "kind": "regular",
        "group": "1",
        "date": "2026-07-11",
        "start": "09:30",
        "end": "11:00",
        "expected_participants": "30",
        field: text,
    }
    url = reverse("ichou:activity-add", args=[world.contract.pk, FY])
    return world.manager, url, data, Activity.objects.count


def _return(world: Any, field: str, text: str):
    submitted(world)
    return (
        world.supervisor,
        _url(world),
        {"step": "return", field: text, "confirmed": "1"},  # past the confirmation page
        Programme.objects.filter(state="returned").count,
    )


def _revise(world: Any, field: str, text: str):
    approved(world)
    return world.manager, _url(world), {"step": "revise", field: text}, Programme.objects.count


STORED = {
    (ActivityForm, "place"): _activity,
    (ActivityForm, "lecturer"): _activity,
    (ActivityForm, "content"): _activity,
    (DecideForm, "note"): _return,
    (ReviseForm, "change_reason"): _revise,
}
