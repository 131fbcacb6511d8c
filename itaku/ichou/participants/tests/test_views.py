"""The participants pages: who sees what (IC-30: a volunteer never sees the medical notes), the
forms keep what was typed, the registration actions ask first, outsiders get 404, the list's
queries are bounded."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.ichou.participants import services
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.participants.tests.helpers import FY, make_ichou, participant, registered

pytestmark = pytest.mark.django_db


def _pages(world):
    r = registered(world)
    c = world.contract.pk
    return [
        reverse("ichou:participants-index", args=[c]),
        reverse("ichou:participants", args=[c, FY]),
        reverse("ichou:participant-add", args=[c]),
        reverse("ichou:participants-import", args=[c]),
        reverse("ichou:participant", args=[c, r.participant_id]),
        reverse("ichou:participant-edit", args=[c, r.participant_id]),
        reverse("ichou:registration", args=[c, r.pk]),
    ]


def test_pi2_an_outsider_gets_404_on_every_participants_page(client, world, frozen_today):
    client.force_login(world.outsider)
    for url in _pages(world):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"step": "agree"}).status_code == 404, url


def test_pi2_a_participant_of_another_contract_is_404(client, world, frozen_today):
    r = registered(world)
    other = world.other_contract.pk
    client.force_login(world.manager)
    for url in (
        reverse("ichou:participant", args=[other, r.participant_id]),
        reverse("ichou:registration", args=[other, r.pk]),
    ):
        assert client.get(url).status_code == 404


def test_ic30_a_volunteer_sees_names_and_groups_never_the_medical_notes(
    client, world, frozen_today
):
    r = registered(world)
    client.force_login(world.volunteer)
    listing = client.get(reverse("ichou:participants", args=[world.contract.pk, FY]))
    assert listing.status_code == 200
    assert "山田 太郎" in listing.content.decode() and "第1グループ" in listing.content.decode()
    page = client.get(reverse("ichou:participant", args=[world.contract.pk, r.participant_id]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "てんかん" not in body and "卵" not in body and 'data-section="health"' not in body
    assert 'data-section="contacts"' not in body
    assert not AuditEvent.objects.filter(action__startswith="ic_participant.read").exists()
    edit = reverse("ichou:participant-edit", args=[world.contract.pk, r.participant_id])
    assert client.get(edit).status_code in (403, 404)


def test_ic30_a_nurse_sees_the_medical_notes_and_the_read_is_audited(client, world, frozen_today):
    r = registered(world)
    client.force_login(world.nurse)
    page = client.get(reverse("ichou:participant", args=[world.contract.pk, r.participant_id]))
    assert "てんかんの発作あり" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="ic_participant.read_health", actor=world.nurse
    ).exists()
    assert AuditEvent.objects.filter(
        action="ic_participant.read_contacts", actor=world.nurse
    ).exists()


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:participant-add", args=[world.contract.pk]) + f"?year={FY}"
    data = {
        "family_name": "鈴木",
        "given_name": "一郎",
        "family_name_kana": "Suzuki",
        "given_name_kana": "いちろう",
        "birth_date": "1999-04-10",
        "goes_home": "alone",
        "allergies": "そば",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "ひらがなかカタカナ" in body and "鈴木" in body and "そば" in body
    assert not Participant.objects.exists()
    data["family_name_kana"] = "すずき"
    response = client.post(url, {**data, "year": str(FY)})
    assert response.status_code == 302
    assert Registration.objects.get().state == Registration.State.APPLIED


def test_ic9_agree_asks_first_then_registers(client, world, frozen_today):
    p = participant(world)
    registration, _ = services.registration_add(
        actor=world.manager, access=world.access(world.manager), participant=p, fiscal_year=FY
    )
    url = reverse("ichou:registration", args=[world.contract.pk, registration.pk])
    client.force_login(world.supervisor)
    asked = client.post(url, {"step": "agree"})
    assert asked.status_code == 200 and "参加資格を確認する" in asked.content.decode()
    registration.refresh_from_db()
    assert registration.state == Registration.State.APPLIED
    assert client.post(url, {"step": "agree", "confirmed": "1"}).status_code == 302
    registration.refresh_from_db()
    assert registration.state == Registration.State.REGISTERED


def test_ic2_move_group_without_a_reason_is_refused_next_to_the_field(client, world, frozen_today):
    r = registered(world)
    url = reverse("ichou:registration", args=[world.contract.pk, r.pk])
    client.force_login(world.manager)
    response = client.post(url, {"step": "move", "move-reason": ""})
    assert response.status_code == 400
    assert (
        client.post(url, {"step": "move", "reason": "介助者の都合", "confirmed": "1"}).status_code
        == 302
    )
    r.refresh_from_db()
    assert r.group == "2" and r.group_reason == "介助者の都合"


def _add(world, n, group_birth):
    for i in range(n):
        registered(
            world,
            family_name=f"田中{i}",
            family_name_kana="たなか" + "あ" * i,
            birth_date=group_birth,
        )


def test_the_list_is_sorted_by_kana_and_warns_when_groups_are_unbalanced(
    client, world, frozen_today
):
    registered(world, family_name="渡辺", family_name_kana="わたなべ")
    registered(world, family_name="青木", family_name_kana="あおき")
    _add(world, 2, date(1980, 1, 1))
    client.force_login(world.manager)
    body = client.get(reverse("ichou:participants", args=[world.contract.pk, FY])).content.decode()
    assert body.index("青木") < body.index("渡辺")
    assert 'data-warning="unbalanced"' not in body  # 2 and 2
    registered(world, family_name="森", family_name_kana="もり", birth_date=date(1970, 1, 1))
    registered(world, family_name="林", family_name_kana="はやし", birth_date=date(1970, 1, 1))
    body = client.get(reverse("ichou:participants", args=[world.contract.pk, FY])).content.decode()
    assert 'data-warning="unbalanced"' in body  # 2 and 4


def test_the_list_takes_a_bounded_number_of_queries(client, world, frozen_today):
    url = reverse("ichou:participants", args=[world.contract.pk, FY])
    registered(world)
    client.force_login(world.manager)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _add(world, 8, date(1990, 1, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_ic2_someone_under_15_is_flagged_on_the_list_and_the_registration(
    client, world, frozen_today
):
    p = participant(world, birth_date=date(2011, 4, 2))
    registration, warnings = services.registration_add(
        actor=world.manager, access=world.access(world.manager), participant=p, fiscal_year=FY
    )
    assert warnings
    client.force_login(world.supervisor)
    listing = client.get(reverse("ichou:participants", args=[world.contract.pk, FY]))
    assert 'data-warning="under-age"' in listing.content.decode()
    page = client.get(reverse("ichou:registration", args=[world.contract.pk, registration.pk]))
    assert 'data-warning="under-age"' in page.content.decode()


def test_ic9_renew_from_the_list_asks_first_and_adds_last_year_s_once(client, world, frozen_today):
    registered(world, fiscal_year=FY - 1)
    url = reverse("ichou:participants", args=[world.contract.pk, FY])
    client.force_login(world.manager)
    assert client.post(url, {"step": "renew"}).status_code == 200
    assert not Registration.objects.filter(fiscal_year=FY).exists()
    client.post(url, {"step": "renew", "confirmed": "1"})
    client.post(url, {"step": "renew", "confirmed": "1"})
    assert Registration.objects.filter(fiscal_year=FY, renewed=True).count() == 1


def test_ic9_withdraw_from_the_registration_page_keeps_the_reason(client, world, frozen_today):
    r = registered(world)
    url = reverse("ichou:registration", args=[world.contract.pk, r.pk])
    client.force_login(world.manager)
    asked = client.post(url, {"step": "withdraw", "withdraw-reason": "転居"})
    assert asked.status_code == 200 and "転居" in asked.content.decode()
    assert (
        client.post(url, {"step": "withdraw", "reason": "転居", "confirmed": "1"}).status_code
        == 302
    )
    r.refresh_from_db()
    assert r.state == Registration.State.WITHDRAWN and r.withdrawal_reason == "転居"


def test_ic9_waiting_applications_are_in_the_supervisor_s_todos_as_a_count(
    client, world, frozen_today
):
    p = participant(world)
    services.registration_add(
        actor=world.manager, access=world.access(world.manager), participant=p, fiscal_year=FY
    )
    client.force_login(world.supervisor)
    body = client.get(reverse("core:home")).content.decode()
    assert f"{FY}年度の参加申込み1件の参加資格を確認する" in body
    assert "山田" not in body
    client.force_login(world.manager)
    assert "参加資格を確認する" not in client.get(reverse("core:home")).content.decode()
