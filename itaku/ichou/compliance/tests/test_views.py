"""The insurance and bus pages: an outsider (and a person of another contract) gets 404 on
each, the lists' queries are bounded, the policy form keeps what was typed with the message
next to the field, and a policy's problems are shown with their clause."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.ichou.compliance.demo import policy_values
from itaku.ichou.compliance.models import InsurancePolicy
from itaku.ichou.compliance.tests.helpers import policy, vehicle
from itaku.ichou.programme.tests.helpers import FY, make_ichou

pytestmark = pytest.mark.django_db


def _urls(world):
    c = world.contract.pk
    p, v = policy(world), vehicle(world)
    return (
        [
            reverse("ichou:policies", args=[c]),
            reverse("ichou:policy", args=[c, p.pk]),
            reverse("ichou:vehicles", args=[c]),
            reverse("ichou:vehicle", args=[c, v.pk]),
        ],
        p,
        v,
    )


def test_pi2_an_outsider_gets_404_on_every_compliance_page(client, world, frozen_today):
    urls, _, _ = _urls(world)
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"insurer": "x"}).status_code == 404, url


def test_pi2_a_policy_or_bus_is_not_found_through_another_contract(client, world, frozen_today):
    _, p, v = _urls(world)
    client.force_login(world.manager)
    other = world.other_contract.pk
    assert client.get(reverse("ichou:policy", args=[other, p.pk])).status_code == 404
    assert client.get(reverse("ichou:vehicle", args=[other, v.pk])).status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_take_the_same_queries_however_many(client, world, frozen_today):
    policy(world)
    vehicle(world)
    client.force_login(world.manager)
    c = world.contract.pk
    urls = [reverse("ichou:policies", args=[c]), reverse("ichou:vehicles", args=[c])]
    few = [_queries(client, u) for u in urls]
    for _ in range(5):
        policy(world, death=1)
        vehicle(world, rating="B")
    assert [_queries(client, u) for u in urls] == few


def _post(world, **change):
    values = policy_values(FY) | change
    data = {k: ("on" if v is True else "" if v is False else str(v)) for k, v in values.items()}
    return data


def test_ic26_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:policies", args=[world.contract.pk])
    response = client.post(url, _post(world, valid_to="2026-01-01", insurer="みなと保険"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "みなと保険" in body and "始めより後" in body
    assert InsurancePolicy.objects.count() == 0


def test_ic26_the_page_shows_each_problem_with_its_clause(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:policies", args=[world.contract.pk])
    assert client.post(url, _post(world, liability=99_999_999)).status_code == 302
    body = client.get(url).content.decode()
    assert "賠償責任保険の支払限度額" in body and "仕様書 16" in body
    assert 'data-clause="IC-26"' in body


def test_ic33_the_vehicle_page_marks_a_bus_below_a(client, world, frozen_today):
    vehicle(world, rating="B")
    client.force_login(world.supervisor)
    body = client.get(reverse("ichou:vehicles", args=[world.contract.pk])).content.decode()
    assert "Aランク未満" in body and "仕様書 22" in body
    assert "貸切バスを登録する" not in body


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def test_ic26_the_certificate_is_stored_as_an_attachment(client, world, frozen_today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_ichou(world)
    client.force_login(world.manager)
    data = _post(world) | {
        "certificate": SimpleUploadedFile("証券.png", PNG, content_type="image/png")
    }
    url = reverse("ichou:policies", args=[world.contract.pk])
    assert client.post(url, data).status_code == 302
    policy = InsurancePolicy.objects.get()
    assert policy.certificate is not None and policy.certificate.contract_id == world.contract.pk
    assert "保険証券の写しあり" in client.get(url).content.decode()


def test_ic26_the_breach_is_on_the_home_page_until_fixed(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.supervisor)
    home = reverse("core:home")
    assert "今日を含む期間の保険が登録されていません" in client.get(home).content.decode()
    policy(world)
    assert "今日を含む期間の保険が登録されていません" not in client.get(home).content.decode()


def test_ic26_before_the_period_the_cover_is_judged_on_its_first_day(world, frozen_today):
    from datetime import timedelta

    from itaku.ichou.compliance.selectors import compliance_todos

    make_ichou(world)
    start = world.contract.period_start
    before = start - timedelta(days=20)
    access = world.access(world.supervisor)
    (missing,) = compliance_todos(world.supervisor, before, [access])
    assert f"{start:%Y年%m月%d日}を含む期間の保険が登録されていません" in missing.what
    policy(world)  # from the period's first day: nothing is missing before it begins
    assert compliance_todos(world.supervisor, before, [access]) == []
