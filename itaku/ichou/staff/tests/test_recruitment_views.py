"""The 応募者・募集 pages (IC-20): an outsider, a person of another contract, a volunteer and a
nurse get 404 on each page and POST (the applicants are personal data); the ward reads, only
the manager writes; the list's queries are bounded; the forms keep what was typed; the manager
moves an applicant and hires them onto the roster; the shortfall is said on the page."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.core.models import RosterEntry
from itaku.ichou.staff.models import Applicant, Publicity
from itaku.ichou.staff.tests.helpers import (
    applicant,
    interviewed,
    nurse_applicant,
    publicity,
)

pytestmark = pytest.mark.django_db


def _urls(world):
    c = world.contract.pk
    a = applicant(world)
    return [
        reverse("ichou:staff-recruitment", args=[c]),
        reverse("ichou:staff-publicity-add", args=[c]),
        reverse("ichou:staff-applicant-add", args=[c]),
        reverse("ichou:staff-applicant", args=[c, a.pk]),
        reverse("ichou:staff-applicant-move", args=[c, a.pk]),
        reverse("ichou:staff-applicant-hire", args=[c, a.pk]),
    ]


@pytest.mark.parametrize("who", ["outsider", "volunteer", "nurse", "worker"])
def test_ic20_pi2_outsiders_and_the_helpers_get_404_on_every_recruitment_page_and_post(
    client, world, frozen_today, who
):
    urls = _urls(world)
    client.force_login(world.user(who))
    for url in urls:
        assert client.get(url, follow=True).status_code == 404, url
        assert client.post(url, {"family_name": "x"}).status_code == 404, url
    assert Applicant.objects.count() == 1
    assert not AuditEvent.objects.filter(action="ic_applicant.read_contacts").exists()


def test_ic20_pi2_an_applicant_is_not_found_through_another_contract(client, world, frozen_today):
    person = applicant(world)
    client.force_login(world.supervisor)
    other = world.other_contract.pk
    for name in ("ichou:staff-applicant", "ichou:staff-applicant-move"):
        url = reverse(name, args=[other, person.pk])
        assert client.get(url, follow=True).status_code == 404


def test_ic20_the_ward_reads_without_contacts_and_only_the_manager_writes(
    client, world, frozen_today
):
    urls = _urls(world)
    for user in (world.supervisor, world.auditor):
        client.force_login(user)
        page = client.get(urls[0]).content.decode()
        assert "応募 花子" in page and "応募者を登録する" not in page
        detail = client.get(urls[3]).content.decode()
        assert "hanako@example.jp" not in detail and "採用して名簿に追加する" not in detail
        assert client.post(urls[4], {"target": "interview", "on": "2026-06-15"}).status_code == 403
    assert not AuditEvent.objects.filter(action="ic_applicant.read_contacts").exists()
    client.force_login(world.manager)
    detail = client.get(urls[3]).content.decode()
    assert "hanako@example.jp" in detail and "03-1234-5678" in detail
    assert AuditEvent.objects.filter(
        action="ic_applicant.read_contacts", actor=world.manager
    ).exists()


def test_ic20_the_staff_page_links_to_recruitment_for_those_who_may_see_it(
    client, world, frozen_today
):
    applicant(world)
    url = reverse("ichou:staff-roster", args=[world.contract.pk])
    link = reverse("ichou:staff-recruitment", args=[world.contract.pk])
    client.force_login(world.manager)
    assert link in client.get(url).content.decode()
    client.force_login(world.nurse)
    assert link not in client.get(url).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_ic20_the_recruitment_page_takes_the_same_queries_however_many(client, world, frozen_today):
    source = publicity(world)
    applicant(world, publicity=source.pk)
    _hire_one(world)
    client.force_login(world.manager)
    url = reverse("ichou:staff-recruitment", args=[world.contract.pk])
    few = _queries(client, url)
    for i in range(4):
        more = publicity(world, places=i + 1)
        applicant(world, publicity=more.pk, applied_on=date(2026, 5, 1))
        interviewed(world, nurse_applicant(world))
    _hire_one(world)
    assert _queries(client, url) == few


def _hire_one(world):
    from itaku.ichou.staff import services

    person = interviewed(world, nurse_applicant(world))
    return services.applicant_hire(
        actor=world.manager,
        access=world.access(world.manager),
        applicant=person,
        valid_from=date(2026, 6, 20),
    )


def test_ic20_the_forms_keep_what_was_typed_and_say_what_is_wrong(client, world, frozen_today):
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    client.force_login(world.manager)
    c = world.contract.pk
    response = client.post(
        reverse("ichou:staff-applicant-add", args=[c]),
        {
            "role": "volunteer",
            "family_name": "入力",
            "given_name": "保持",
            "family_name_kana": "にゅうりょく",
            "given_name_kana": "ほじ",
            "phone": "090-0000-1111",
            "applied_on": "2026-06-10",
        },
    )
    assert response.status_code == 400
    assert response.context["add_form"].errors["birth_date"]
    body = response.content.decode()
    assert "090-0000-1111" in body and "にゅうりょく" in body
    response = client.post(
        reverse("ichou:staff-publicity-add", args=[c]),
        {"role": "nurse", "channel": "nurse_association", "description": "会報に掲載"},
    )
    assert response.status_code == 400
    assert response.context["publicity_form"].errors["published_on"]
    assert "会報に掲載" in response.content.decode()
    response = client.post(
        reverse("ichou:staff-publicity-add", args=[c]),
        {
            "role": "nurse",
            "channel": "nurse_association",
            "description": "会報に掲載",
            "published_on": "2026-06-01",
            "places": "2",
        },
    )
    assert response.status_code == 302
    assert Publicity.objects.get().places == 2


def test_ic20_the_manager_interviews_and_hires_through_the_pages(client, world, frozen_today):
    person = applicant(world)
    client.force_login(world.manager)
    c = world.contract.pk
    move = reverse("ichou:staff-applicant-move", args=[c, person.pk])
    hire = reverse("ichou:staff-applicant-hire", args=[c, person.pk])
    # No hire before the interview: the page offers no hire form, the POST is refused.
    assert client.post(hire, {"valid_from": "2026-06-20"}).status_code == 400
    response = client.post(move, {"target": "rejected", "on": "2026-06-12", "reason": ""})
    assert response.status_code == 400
    assert response.context["move_form"].errors["reason"]
    assert client.post(move, {"target": "interview", "on": "2026-06-12"}).status_code == 302
    page = client.get(reverse("ichou:staff-applicant", args=[c, person.pk])).content.decode()
    assert "採用して名簿に追加する" in page
    assert client.post(hire, {"valid_from": "2026-06-20"}).status_code == 302
    person.refresh_from_db()
    assert person.status == "hired"
    assert RosterEntry.objects.filter(pk=person.entry_id, approved_version__isnull=True).exists()
    page = client.get(reverse("ichou:staff-applicant", args=[c, person.pk])).content.decode()
    assert "監督職員の承認待ち" in page


def test_ic20_an_under_18_volunteer_is_refused_on_the_page_with_the_reason(
    client, world, frozen_today
):
    person = interviewed(world, applicant(world, birth_date=date(2009, 1, 1)))
    client.force_login(world.manager)
    url = reverse("ichou:staff-applicant-hire", args=[world.contract.pk, person.pk])
    response = client.post(url, {"valid_from": "2026-06-20"})
    assert response.status_code == 400
    assert "18歳未満" in response.content.decode()
    person.refresh_from_db()
    assert person.status == "interview"


def test_ic20_the_page_says_how_many_nurses_are_still_needed(client, world, frozen_today):
    from itaku.ichou.programme.tests.helpers import approved

    approved(world)
    client.force_login(world.supervisor)
    response = client.get(reverse("ichou:staff-recruitment", args=[world.contract.pk]))
    body = response.content.decode()
    assert "看護師があと2名必要です" in body
    assert "計算の方法" in body
    assert 'data-count="applied">0人' in body
