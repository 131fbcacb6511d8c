"""What waits for the other side is also told as a notification (besides its to-do): a notice to
participants, a new manual version, a contractor's agreement record and a quarter to confirm go
to the contract's ward supervisors; the ward's decision on a notice or a quarter goes back to the
manager (IC-21, IC-23, IC-28, IC-35). A notification holds only its kind and a link: nothing of
what it is about (PI-5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from itaku.core.models import Notification
from itaku.ichou.agreements import services as agreement_services
from itaku.ichou.agreements.tests.helpers import AFTER_Q1, agreement, requested
from itaku.ichou.notices import services as notice_services
from itaku.ichou.notices.tests.helpers import submitted
from itaku.ichou.staff.tests.helpers import manual

pytestmark = pytest.mark.django_db


def _notice_submitted(world: Any) -> tuple[str, str]:
    n = submitted(world)
    return "ic_notice_submitted", reverse("ichou:notices_detail", args=[world.contract.pk, n.pk])


def _notice_decided(world: Any) -> tuple[str, str]:
    n = submitted(world)
    Notification.objects.all().delete()
    notice_services.notice_decide(
        actor=world.supervisor, access=world.access(world.supervisor), notice=n, acknowledge=True
    )
    return "ic_notice_decided", reverse("ichou:notices_detail", args=[world.contract.pk, n.pk])


def _manual(world: Any) -> tuple[str, str]:
    manual(world)
    return "ic_manual_submitted", reverse("ichou:staff-manuals", args=[world.contract.pk])


def _agreement(world: Any) -> tuple[str, str]:
    a = agreement(world)
    return "ic_agreement_recorded", reverse("ichou:agreement", args=[world.contract.pk, a.pk])


def _quarter_requested(world: Any) -> tuple[str, str]:
    requested(world)
    return "ic_quarter_requested", reverse("ichou:quarter", args=[world.contract.pk, 2026, 1])


def _quarter_decided(world: Any) -> tuple[str, str]:
    q = requested(world)
    Notification.objects.all().delete()
    agreement_services.quarter_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor, on=AFTER_Q1),
        confirmation=q,
        confirm=False,
        reason="出席者数の記載が違います。",
    )
    return "ic_quarter_decided", reverse("ichou:quarter", args=[world.contract.pk, 2026, 1])


@pytest.mark.parametrize(
    ("step", "to"),
    [
        pytest.param(_notice_submitted, "supervisor", id="IC-23 a notice submitted: the ward"),
        pytest.param(_notice_decided, "manager", id="IC-23 the ward's decision: the manager"),
        pytest.param(_manual, "supervisor", id="IC-21 a manual version: the ward"),
        pytest.param(_agreement, "supervisor", id="IC-35 the contractor's record: the ward"),
        pytest.param(_quarter_requested, "supervisor", id="IC-28 a quarter to confirm: the ward"),
        pytest.param(_quarter_decided, "manager", id="IC-28 the ward's decision: the manager"),
    ],
)
def test_what_waits_for_the_other_side_is_told_by_kind_and_link(world, frozen_today, step, to):
    kind, link = step(world)
    sent = list(Notification.objects.filter(kind=kind))
    assert [(n.recipient, n.link, n.contract_id) for n in sent] == [
        (getattr(world, to), link, world.contract.pk)
    ]
    # Nobody else heard of it, and nothing but the kind, the link and the contract is kept.
    assert Notification.objects.exclude(kind=kind).filter(kind__startswith="ic_").count() == 0
    fields = {f.name for f in Notification._meta.concrete_fields}
    assert fields <= {"id", "recipient", "kind", "link", "contract", "created_at", "read_at"}


def test_ic35_a_record_the_ward_itself_writes_tells_no_one(world, frozen_today):
    agreement(world, by=world.supervisor)
    assert not Notification.objects.filter(kind="ic_agreement_recorded").exists()
