"""The notices and newsletter pages: an outsider (and a person of another contract) gets 404 on
each page and POST, the lists' queries are bounded, the forms keep what was typed with the
message next to the field, a late submission is refused on the page with its deadline (IC-23),
the ward acknowledges and returns, and the letter and the newsletter come out as PDFs through
the background jobs (和暦 dates, the contractor, no personal data; the photos embedded)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
from itaku.ichou.notices.tests.helpers import (
    july_activity,
    newsletter,
    notice,
    png,
    submitted,
)
from itaku.ichou.participants.tests.helpers import participant
from itaku.ichou.programme.tests.helpers import make_ichou

pytestmark = pytest.mark.django_db


def _urls(world) -> list[str]:
    c = world.contract.pk
    n, nl = notice(world), newsletter(world)
    return [
        reverse("ichou:notices_list", args=[c]),
        reverse("ichou:notices_detail", args=[c, n.pk]),
        reverse("ichou:notices_newsletters", args=[c]),
        reverse("ichou:notices_newsletter", args=[c, nl.pk]),
    ]


STEPS = ["change", "submit", "acknowledge", "return", "sent", "pdf", "photo", "remove", "publish"]


def test_pi2_an_outsider_gets_404_on_every_notices_page_and_post(client, world, frozen_today):
    urls = _urls(world)
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
        for step in STEPS:
            assert client.post(url, {"step": step, "title": "x"}).status_code == 404, (url, step)
    assert Notice.objects.count() == 1 and Newsletter.objects.count() == 1


def test_pi2_a_notice_or_newsletter_is_not_found_through_another_contract(
    client, world, frozen_today
):
    c = world.contract.pk
    n, nl = notice(world), newsletter(world)
    client.force_login(world.manager)
    other = world.other_contract.pk
    assert c != other
    assert client.get(reverse("ichou:notices_detail", args=[other, n.pk])).status_code == 404
    assert client.get(reverse("ichou:notices_newsletter", args=[other, nl.pk])).status_code == 404
    post = client.post(reverse("ichou:notices_detail", args=[other, n.pk]), {"step": "submit"})
    assert post.status_code == 404
    assert Notice.objects.get().state == Notice.State.DRAFT


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_take_the_same_queries_for_1_and_5_rows(client, world, frozen_today):
    activity = july_activity(world)
    notice(world, activity=activity)
    newsletter(world)
    client.force_login(world.manager)
    c = world.contract.pk
    urls = [reverse("ichou:notices_list", args=[c]), reverse("ichou:notices_newsletters", args=[c])]
    few = [_queries(client, u) for u in urls]
    for i in range(4):
        notice(world, activity=activity, title=f"通知 {i}")
        newsletter(world, issue_number=i + 2)
    assert [_queries(client, u) for u in urls] == few


def test_ic23_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.worker)
    url = reverse("ichou:notices_list", args=[world.contract.pk])
    response = client.post(url, {"title": "遠足のお知らせ", "body": "", "send_on": "2026-06-30"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "遠足のお知らせ" in body and "2026-06-30" in body and "field-error" in body
    assert Notice.objects.count() == 0
    response = client.post(
        url, {"title": "遠足のお知らせ", "body": "本文", "send_on": "2026-06-30"}
    )
    assert response.status_code == 302 and Notice.objects.count() == 1


def test_ic23_a_late_submission_is_refused_on_the_page_with_its_deadline(
    client, world, frozen_today
):
    from datetime import date

    n = notice(world, send_on=date(2026, 6, 20))
    client.force_login(world.manager)
    url = reverse("ichou:notices_detail", args=[world.contract.pk, n.pk])
    response = client.post(url, {"step": "submit"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "令和8年6月13日" in body and 'data-clause="IC-23"' in body
    assert Notice.objects.get().state == Notice.State.DRAFT


def test_ic23_the_ward_acknowledges_or_returns_on_the_page(client, world, frozen_today):
    n = submitted(world)
    client.force_login(world.supervisor)
    url = reverse("ichou:notices_detail", args=[world.contract.pk, n.pk])
    page = client.get(url).content.decode()
    assert "確認した" in page and "差し戻す" in page and "変更する</button>" not in page
    response = client.post(url, {"step": "return", "reason": ""})
    assert (
        response.status_code == 400
        and "差し戻す理由を入力してください" in response.content.decode()
    )
    assert client.post(url, {"step": "return", "reason": "持ち物を追記"}).status_code == 302
    assert Notice.objects.get().state == Notice.State.RETURNED
    client.force_login(world.manager)
    page = client.get(url).content.decode()
    assert "持ち物を追記" in page and "区へ提出する" in page


def test_ic23_the_auditor_reads_but_finds_no_form(client, world, frozen_today):
    n = submitted(world)
    client.force_login(world.auditor)
    page = client.get(reverse("ichou:notices_detail", args=[world.contract.pk, n.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "区へ提出する</button>" not in body and "確認した" not in body
    listing = client.get(reverse("ichou:notices_list", args=[world.contract.pk])).content.decode()
    assert "通知文を作る" not in listing


def _job_file(client, response) -> bytes:
    from itaku.jobs.models import Job

    assert response.status_code == 302 and "/jobs/" in response["Location"]
    job = Job.objects.latest("pk")
    assert job.state == Job.State.DONE, job.message
    download = client.get(reverse("jobs:download", args=[job.contract_id, job.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content) if download.streaming else download.content


def test_ic23_the_letter_is_a_pdf_in_wareki_with_the_contractor_and_the_activity(
    client, world, frozen_today
):
    from itaku.documents.pdf import pdf_text

    activity = july_activity(world)
    n = notice(world, activity=activity)
    client.force_login(world.worker)
    url = reverse("ichou:notices_detail", args=[world.contract.pk, n.pk])
    data = _job_file(client, client.post(url, {"step": "pdf"}))
    assert data.startswith(b"%PDF")
    text = (pdf_text(data=data) or "").replace(" ", "")
    for expected in (
        "参加者・保護者の皆様",
        "令和8年6月26日",  # the send date
        "令和8年7月11日",  # the activity
        world.contract.contractor.name.replace(" ", ""),
        "7月の活動のお知らせ",
        activity.place,
    ):
        assert expected in text, expected


def _photo_post(world, **fields: Any) -> dict[str, Any]:
    return {
        "step": "photo",
        "image": SimpleUploadedFile("写真.png", png(), content_type="image/png"),
        "caption": "ボール運び",
    } | fields


def test_ic16_the_photo_form_refuses_a_participant_without_consent_next_to_the_field(
    client, world, frozen_today
):
    nl = newsletter(world)
    no = participant(world, photo_consent=False)
    client.force_login(world.manager)
    url = reverse("ichou:notices_newsletter", args=[world.contract.pk, nl.pk])
    page = client.get(url).content.decode()
    assert "(写真の同意なし)" in page
    response = client.post(url, _photo_post(world, participants=[str(no.pk)]))
    assert response.status_code == 400
    body = response.content.decode()
    assert "同意していない参加者が写っています(1人)" in body and "ボール運び" in body
    assert NewsletterPhoto.objects.count() == 0


def test_ic16_the_newsletter_pdf_embeds_its_photos_and_names_no_one(client, world, frozen_today):
    from itaku.documents.pdf import pdf_pages, pdf_text

    nl = newsletter(world)
    yes = participant(world, photo_consent=True, family_name="写真", given_name="同意子")
    client.force_login(world.manager)
    url = reverse("ichou:notices_newsletter", args=[world.contract.pk, nl.pk])
    assert client.post(url, _photo_post(world, participants=[str(yes.pk)])).status_code == 302
    photo = NewsletterPhoto.objects.get()
    assert list(photo.participants.all()) == [yes]
    data = _job_file(client, client.post(url, {"step": "pdf"}))
    pages = pdf_pages(data=data)
    assert any(p.has_images for p in pages)
    text = (pdf_text(data=data) or "").replace(" ", "")
    assert "いちょう学級だより" in text and "第1号" in text and "令和8年6月" in text
    assert "ボール運び" in text and "同意子" not in text
    assert client.post(url, {"step": "publish"}).status_code == 302
    assert Newsletter.objects.get().state == Newsletter.State.PUBLISHED
    page = client.get(url).content.decode()
    assert "写真を加える" not in page


def test_ic16_the_newsletter_form_keeps_what_was_typed(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:notices_newsletters", args=[world.contract.pk])
    response = client.post(
        url, {"issue_number": "1", "month": "2026-13", "title": "夏号", "body": "本文"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "夏号" in body and "2026-13" in body
    response = client.post(
        url, {"issue_number": "1", "month": "2026-07", "title": "夏号", "body": "本文"}
    )
    assert response.status_code == 302
    assert Newsletter.objects.get().month.isoformat() == "2026-07-01"


def test_ic23_the_contract_page_and_the_home_page_lead_to_the_notices(client, world, frozen_today):
    submitted(world)
    client.force_login(world.supervisor)
    home = client.get(reverse("core:home")).content.decode()
    assert "区の確認を待っています" in home
    contract_page = client.get(reverse("core:contract-detail", args=[world.contract.pk]))
    assert reverse("ichou:notices_list", args=[world.contract.pk]) in contract_page.content.decode()
