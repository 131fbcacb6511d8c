"""The survey and opinion pages: an outsider (and a person of another contract) gets 404 on
each page and POST, the lists' queries are bounded, the forms keep what was typed with the
message next to the field, the summary and its Excel file, and the participant link shown only
to those who may read contacts."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.ichou.voices.models import Opinion, SurveyResponse
from itaku.ichou.voices.tests.helpers import TODAY, answered, opinion, respond, survey

pytestmark = pytest.mark.django_db


def _urls(world) -> list[str]:
    c = world.contract.pk
    s, _ = survey(world)
    o = opinion(world)
    return [
        reverse("ichou:voices-surveys", args=[c]),
        reverse("ichou:voices-survey", args=[c, s.pk]),
        reverse("ichou:voices-survey-close", args=[c, s.pk]),
        reverse("ichou:voices-survey-respond", args=[c, s.pk]),
        reverse("ichou:voices-survey-summary", args=[c, s.pk]),
        reverse("ichou:voices-survey-xlsx", args=[c, s.pk]),
        reverse("ichou:voices-opinions", args=[c]),
        reverse("ichou:voices-opinion-add", args=[c]),
        reverse("ichou:voices-opinion", args=[c, o.pk]),
        reverse("ichou:voices-opinion-report", args=[c, o.pk]),
    ]


def test_pi2_an_outsider_gets_404_on_every_voices_page_and_post(client, world, frozen_today):
    urls = _urls(world)
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x", "answer": "x"}).status_code == 404, url
    assert SurveyResponse.objects.count() == 0
    assert not Opinion.objects.filter(ward_reported=True).exists()


def test_pi2_a_survey_or_opinion_is_not_found_through_another_contract(client, world, frozen_today):
    urls = _urls(world)
    client.force_login(world.manager)
    c, other = f"/contracts/{world.contract.pk}/", f"/contracts/{world.other_contract.pk}/"
    for url in urls:
        moved = url.replace(c, other)
        assert client.get(moved).status_code == 404, moved
        assert client.post(moved, {}).status_code == 404, moved


def test_ic16_a_volunteer_and_a_nurse_do_not_see_the_voices_pages(client, world, frozen_today):
    urls = _urls(world)
    for user in (world.volunteer, world.nurse):
        client.force_login(user)
        for url in urls[:2] + urls[6:7]:
            assert client.get(url).status_code == 404, url


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_and_the_summary_take_the_same_queries_however_many(client, world, frozen_today):
    s, (q1, q2, free) = survey(world)
    respond(world, s, {q1.pk: 4, free.pk: "たのしい"})
    opinion(world)
    client.force_login(world.manager)
    c = world.contract.pk
    urls = [
        reverse("ichou:voices-surveys", args=[c]),
        reverse("ichou:voices-opinions", args=[c]),
        reverse("ichou:voices-survey-summary", args=[c, s.pk]),
    ]
    few = [_queries(client, u) for u in urls]
    for _ in range(4):
        survey(world)
        respond(world, s, {q1.pk: 5, q2.pk: 3, free.pk: "また来たい"}, respondent="guardian")
        opinion(world)
        answered(world)
    assert [_queries(client, u) for u in urls] == few


def test_ic16_the_survey_form_keeps_what_was_typed_and_says_what_is_wrong(
    client, world, frozen_today
):
    survey(world)
    client.force_login(world.worker)
    url = reverse("ichou:voices-surveys", args=[world.contract.pk])
    data = {
        "title": "秋のアンケート",
        "audience": "both",
        "period_start": "2026-07-10",
        "period_end": "2026-07-01",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "秋のアンケート" in body and "始めより後" in body
    response = client.post(url, data | {"period_end": "2026-07-31"})
    assert response.status_code == 302


def test_ic16_a_paper_form_is_entered_and_the_summary_shows_it(client, world, frozen_today):
    s, (q1, _, free) = survey(world)
    client.force_login(world.worker)
    url = reverse("ichou:voices-survey-respond", args=[world.contract.pk, s.pk])
    bad = {"respondent": "guardian", f"q{q1.pk}": "7", f"q{free.pk}": "楽しかったです"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "楽しかったです" in response.content.decode()
    good = bad | {f"q{q1.pk}": "4"}
    assert client.post(url, good).status_code == 302
    assert client.post(url, {"respondent": "participant", f"q{q1.pk}": "5"}).status_code == 302
    summary = reverse("ichou:voices-survey-summary", args=[world.contract.pk, s.pk])
    client.force_login(world.supervisor)
    body = client.get(summary).content.decode()
    assert "回答 2件" in body and "4.5" in body and "楽しかったです" in body
    assert "仕様書 7(6)" in body


def test_ic16_a_closed_survey_shows_no_form(client, world, frozen_today):
    s, _ = survey(world)
    client.force_login(world.manager)
    close = reverse("ichou:voices-survey-close", args=[world.contract.pk, s.pk])
    assert client.post(close).status_code == 302
    body = client.get(reverse("ichou:voices-survey-respond", args=[world.contract.pk, s.pk]))
    assert "締め切りました" in body.content.decode()
    assert client.post(close).status_code == 302  # told on the page, not a 500


def test_ic16_the_summary_downloads_as_excel_watermarked_and_audited(client, world, frozen_today):
    from openpyxl import load_workbook

    from itaku.audit.models import AuditEvent

    s, (q1, _, free) = survey(world)
    respond(world, s, {q1.pk: 5, free.pk: "また来たい"})
    client.force_login(world.auditor)
    response = client.get(reverse("ichou:voices-survey-xlsx", args=[world.contract.pk, s.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("出力者" in v for v in cells)
    assert "楽しかったですか" in cells and "また来たい" in cells
    assert AuditEvent.objects.filter(action="ic_survey.download").count() == 1


def test_ic16_the_opinion_list_filters_open_and_answered(client, world, frozen_today):
    open_one = opinion(world, content="未回答のご意見")
    done = answered(world, content="回答済みのご意見")
    late = opinion(world, content="古いご意見", received_on=TODAY - timedelta(days=15))
    client.force_login(world.supervisor)
    url = reverse("ichou:voices-opinions", args=[world.contract.pk])
    body = client.get(url + "?state=open").content.decode()
    assert f'data-opinion="{open_one.pk}"' in body and f'data-opinion="{done.pk}"' not in body
    assert "14日超" in body and f'data-opinion="{late.pk}"' in body
    body = client.get(url + "?state=answered").content.decode()
    assert f'data-opinion="{done.pk}"' in body and f'data-opinion="{open_one.pk}"' not in body
    body = client.get(url + "?state=nonsense").content.decode()
    assert body.count("data-opinion=") == 3
    assert "受け付ける" not in body


def test_ic16_the_opinion_form_keeps_what_was_typed(client, world, frozen_today):
    opinion(world)
    client.force_login(world.worker)
    url = reverse("ichou:voices-opinion-add", args=[world.contract.pk])
    body = client.get(url).content.decode()
    assert 'name="participant"' not in body  # a worker may not read contacts
    data = {
        "received_on": "2026-06-20",
        "source": "guardian",
        "channel": "phone",
        "content": "送迎の時間を知りたい",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "送迎の時間を知りたい" in body and "今日以前" in body
    assert client.post(url, data | {"received_on": "2026-06-14"}).status_code == 302


def test_ic16_answering_and_correcting_on_the_opinion_page(client, world, frozen_today):
    o = opinion(world)
    client.force_login(world.worker)
    url = reverse("ichou:voices-opinion", args=[world.contract.pk, o.pk])
    response = client.post(url, {"answer": "", "answered_on": "2026-06-12"})
    assert response.status_code == 400 and "入力してください" in response.content.decode()
    assert (
        client.post(url, {"answer": "看板を出します", "answered_on": "2026-06-12"}).status_code
        == 302
    )
    body = client.get(url).content.decode()
    assert "回答を訂正する" in body and "看板を出します" in body
    response = client.post(url, {"answer": "大きな看板を出します", "reason": ""})
    assert response.status_code == 400 and "大きな看板を出します" in response.content.decode()
    assert client.post(url, {"answer": "大きな看板を出します", "reason": "誤記"}).status_code == 302
    body = client.get(url).content.decode()
    assert "訂正の記録" in body and "誤記" in body


def test_ic16_the_ward_supervisor_reads_an_opinion_but_has_no_form(client, world, frozen_today):
    o = answered(world)
    client.force_login(world.supervisor)
    url = reverse("ichou:voices-opinion", args=[world.contract.pk, o.pk])
    body = client.get(url).content.decode()
    assert "看板を出します" in body and "回答を訂正する" not in body
    assert client.post(url, {"answer": "x", "reason": "y"}).status_code == 403
    report = reverse("ichou:voices-opinion-report", args=[world.contract.pk, o.pk])
    assert client.post(report).status_code == 403


def test_ic16_the_participant_link_is_shown_only_to_who_may_read_contacts(
    client, world, frozen_today
):
    from itaku.ichou.participants.tests.helpers import participant

    p = participant(world)
    o = opinion(world, participant=p.pk, source="participant")
    url = reverse("ichou:voices-opinion", args=[world.contract.pk, o.pk])
    link = reverse("ichou:participant", args=[world.contract.pk, p.pk])
    client.force_login(world.manager)
    assert link in client.get(url).content.decode()
    for user in (world.worker, world.supervisor, world.auditor):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert link not in body and p.family_name not in body, user


def test_ic16_reporting_to_the_ward_from_the_page(client, world, frozen_today):
    o = opinion(world)
    client.force_login(world.manager)
    report = reverse("ichou:voices-opinion-report", args=[world.contract.pk, o.pk])
    assert client.post(report).status_code == 302
    o.refresh_from_db()
    assert o.ward_reported
    assert client.get(report).status_code == 405


def test_ic16_the_waiting_opinions_are_on_the_managers_home_page(client, world, frozen_today):
    opinion(world, received_on=TODAY - timedelta(days=15), content="古いご意見の本文")
    client.force_login(world.manager)
    body = client.get(reverse("core:home")).content.decode()
    assert "回答していないご意見・ご要望が1件" in body
    assert "古いご意見の本文" not in body
