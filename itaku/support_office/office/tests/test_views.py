"""The office's pages: who gets what, outsiders get 404, lists in bounded queries, forms keep
what was typed (SO-8, SO-11, SO-17, SO-19)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.support_office.office import services
from itaku.support_office.office.models import DailyClosing, EquipmentItem, TrainingSession
from itaku.support_office.office.tests.conftest import LOST_NOTE, PROPOSAL, TRAINER

pytestmark = pytest.mark.django_db


def pages(world, office):
    c = world.contract.pk
    return {
        "training-list": ("get", reverse("support_office:training-list", args=[c])),
        "training-form": ("get", reverse("support_office:training-record", args=[c])),
        "training-record": ("post", reverse("support_office:training-record", args=[c])),
        "manual-list": ("get", reverse("support_office:manual-list", args=[c])),
        "manual-form": ("get", reverse("support_office:manual-propose", args=[c])),
        "manual-propose": ("post", reverse("support_office:manual-propose", args=[c])),
        "manual-detail": (
            "get",
            reverse("support_office:manual-detail", args=[c, office.proposal.pk]),
        ),
        "manual-status": (
            "post",
            reverse("support_office:manual-status", args=[c, office.proposal.pk]),
        ),
        "equipment-list": ("get", reverse("support_office:equipment-list", args=[c])),
        "equipment-form": ("get", reverse("support_office:equipment-add", args=[c])),
        "equipment-add": ("post", reverse("support_office:equipment-add", args=[c])),
        "equipment-return": (
            "post",
            reverse("support_office:equipment-return", args=[c, office.key.pk]),
        ),
        "equipment-lost": (
            "post",
            reverse("support_office:equipment-lost", args=[c, office.key.pk]),
        ),
        "closing": ("get", reverse("support_office:closing", args=[c])),
        "closing-record": ("post", reverse("support_office:closing", args=[c])),
        "vehicle-list": ("get", reverse("support_office:vehicle-list", args=[c])),
        "vehicle-form": ("get", reverse("support_office:vehicle-add", args=[c])),
        "vehicle-add": ("post", reverse("support_office:vehicle-add", args=[c])),
        "vehicle-shown": (
            "post",
            reverse("support_office:vehicle-shown", args=[c, office.vehicle.pk]),
        ),
    }


def test_outsider_gets_404_on_every_office_page(client, world, office):
    client.force_login(world.outsider)
    for method, url in pages(world, office).values():
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        body = response.content.decode()
        for secret in (TRAINER, PROPOSAL, world.contract.title):
            assert secret not in body


def test_a_record_of_another_contract_is_404_on_this_contracts_address(client, world, office):
    client.force_login(world.supervisor)
    other = world.other_contract.pk
    for name, arg in [
        ("manual-detail", office.proposal.pk),
        ("equipment-return", office.key.pk),
        ("vehicle-shown", office.vehicle.pk),
    ]:
        url = reverse(f"support_office:{name}", args=[other, arg])
        response = client.post(url) if name != "manual-detail" else client.get(url)
        assert response.status_code == 404, name


OK, FORM = 200, 400  # 400: an empty form comes back with its errors
EXPECTED = {
    "supervisor": {
        "training-list": OK, "training-form": 403, "training-record": 403,
        "manual-list": OK, "manual-form": 403, "manual-propose": 403,
        "manual-detail": OK, "manual-status": FORM,
        "equipment-list": OK, "equipment-form": OK, "equipment-add": FORM,
        "equipment-return": FORM, "equipment-lost": FORM,
        "closing": OK, "closing-record": 403,
        "vehicle-list": OK, "vehicle-form": 403, "vehicle-add": 403, "vehicle-shown": 302,
    },
    "manager": {
        "training-list": OK, "training-form": OK, "training-record": FORM,
        "manual-list": OK, "manual-form": OK, "manual-propose": FORM,
        "manual-detail": OK, "manual-status": 403,
        "equipment-list": OK, "equipment-form": OK, "equipment-add": FORM,
        "equipment-return": FORM, "equipment-lost": FORM,
        "closing": OK, "closing-record": FORM,
        "vehicle-list": OK, "vehicle-form": OK, "vehicle-add": FORM, "vehicle-shown": 403,
    },
    "worker": {
        "training-list": OK, "training-form": 403, "training-record": 403,
        "manual-list": OK, "manual-form": OK, "manual-propose": FORM,
        "manual-detail": OK, "manual-status": 403,
        "equipment-list": OK, "equipment-form": 403, "equipment-add": 403,
        "equipment-return": 403, "equipment-lost": 403,
        "closing": OK, "closing-record": FORM,
        "vehicle-list": 404, "vehicle-form": 404, "vehicle-add": 404, "vehicle-shown": 404,
    },
}  # fmt: skip


@pytest.mark.parametrize("user", list(EXPECTED))
def test_who_gets_what_on_the_office_pages(client, world, office, user):
    client.force_login(world.user(user))
    got = {
        name: getattr(client, method)(url).status_code
        for name, (method, url) in pages(world, office).items()
    }
    assert got == EXPECTED[user]


def test_so19_the_supervisor_reads_the_vehicle_and_its_papers(client, world, office):
    client.force_login(world.supervisor)
    body = client.get(reverse("support_office:vehicle-list", args=[world.contract.pk])).content
    text = body.decode()
    assert "品川 300 あ 12-34" in text and "自動車検査証" in text
    assert 'data-clause="SO-19"' in text
    client.post(
        reverse("support_office:vehicle-shown", args=[world.contract.pk, office.vehicle.pk])
    )
    office.vehicle.refresh_from_db()
    assert office.vehicle.shown_to_ward_at is not None
    assert AuditEvent.objects.filter(action="so_vehicle.shown").count() == 1


def test_so11_the_equipment_page_says_a_lost_key_is_the_contractors_to_pay(client, world, office):
    client.force_login(world.manager)
    text = client.get(
        reverse("support_office:equipment-list", args=[world.contract.pk])
    ).content.decode()
    assert "受注者の負担で弁償" in text
    assert 'data-clause="SO-11"' in text
    assert LOST_NOTE not in text


def test_so8_the_training_page_shows_the_month_held_and_audits_the_read(client, world, office):
    client.force_login(world.supervisor)
    text = client.get(
        reverse("support_office:training-list", args=[world.contract.pk])
    ).content.decode()
    assert TRAINER in text
    assert 'data-month="2026-6"' in text and "実施済み" in text
    # May had none, and its last business day has passed.
    assert "未実施(仕様に反しています)" in text
    assert AuditEvent.objects.filter(action="training_session.read").exists()


def test_the_training_form_keeps_what_was_typed(client, world, office):
    client.force_login(world.manager)
    url = reverse("support_office:training-record", args=[world.contract.pk])
    response = client.post(url, {"held_on": "2026-06-30", "theme": "録音の告知", "trainer": "講師"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "録音の告知" in text
    # A future date and no attendee count: said next to their fields.
    form = response.context["form"]
    assert "attendee_count" in form.errors
    response = client.post(
        url,
        {"held_on": "2026-06-30", "theme": "録音の告知", "trainer": "講師", "attendee_count": 3},
    )
    assert response.context["form"].errors["held_on"] == ["今日より後の日付は記録できません。"]


def test_so17_the_closing_form_records_the_day_and_the_page_lists_the_missing_days(
    client, world, office
):
    client.force_login(world.worker)
    url = reverse("support_office:closing", args=[world.contract.pk])
    response = client.post(
        url,
        {
            "day": "2026-06-11",
            "documents_locked": "on",
            "cabinet_locked": "on",
            "keys_returned": "on",
            "papers_shredded": "on",
        },
    )
    assert response.status_code == 302
    assert DailyClosing.objects.filter(day=date(2026, 6, 11)).exists()
    text = client.get(url).content.decode()
    assert 'data-missing-day="2026-06-01"' in text
    assert 'data-missing-day="2026-06-11"' not in text
    assert 'data-missing-day="2026-06-12"' not in text
    assert 'data-missing-day="2026-06-15"' not in text  # today: closed at its end


def test_a_closing_with_a_box_left_unticked_needs_a_note(client, world, office):
    client.force_login(world.worker)
    url = reverse("support_office:closing", args=[world.contract.pk])
    response = client.post(url, {"day": "2026-06-11", "documents_locked": "on"})
    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    assert response.context["form"]["documents_locked"].value() is True


def _bigger(world, n):
    manager = world.access(world.manager)
    supervisor = world.access(world.supervisor)
    for i in range(n):
        services.training_record(
            actor=world.manager,
            access=manager,
            held_on=date(2026, 4, 1 + i),
            theme=f"研修 {i}",
            trainer="講師",
            attendee_count=3,
        )
        services.manual_propose(
            actor=world.manager, access=manager, section=f"第{i}章", proposal="案", reason="理由"
        )
        services.equipment_lend(
            actor=world.supervisor,
            access=supervisor,
            kind="pc",
            name=f"パソコン {i}",
            lent_on=date(2026, 4, 1),
        )
        services.closing_record(
            actor=world.manager,
            access=manager,
            day=date(2026, 6, 1 + i),
            documents_locked=True,
            cabinet_locked=True,
            keys_returned=True,
            papers_shredded=True,
        )
        services.vehicle_record(
            actor=world.manager,
            access=manager,
            registration=f"品川 300 あ {i}",
            power="hv",
            diesel_compliant=True,
        )


@pytest.mark.parametrize(
    "name",
    ["training-list", "manual-list", "equipment-list", "closing", "vehicle-list"],
)
def test_list_pages_read_in_bounded_queries(
    client, world, office, name, django_assert_max_num_queries
):
    client.force_login(world.manager)
    url = reverse(f"support_office:{name}", args=[world.contract.pk])
    client.get(url)  # warm the caches (the calendar, the session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _bigger(world, 8)
    assert TrainingSession.objects.count() == 9 and EquipmentItem.objects.count() == 9
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200
