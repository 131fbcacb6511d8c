"""The 協議記録 and quarter pages: an outsider (and a person of another contract) gets 404 on each
page and POST, the lists' queries are bounded, the form keeps what was typed with the message
next to the field, the ward confirms through the confirmation page, the PDF is an A4 document,
and the pages of the other parts offer and show the agreement of their step (IC-35, IC-28)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from itaku.ichou.agreements import services
from itaku.ichou.agreements.demo import agreement_values
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.ichou.agreements.tests.helpers import agreement, confirmed, requested
from itaku.ichou.notices.tests.helpers import png
from itaku.ichou.programme.tests.helpers import make_ichou

pytestmark = pytest.mark.django_db


def _urls(world):
    c = world.contract.pk
    a = agreement(world)
    return [
        reverse("ichou:agreements", args=[c]),
        reverse("ichou:agreement", args=[c, a.pk]),
        reverse("ichou:agreement-edit", args=[c, a.pk]),
        reverse("ichou:agreement-supersede", args=[c, a.pk]),
        reverse("ichou:agreement-pdf", args=[c, a.pk]),
        reverse("ichou:quarters", args=[c]),
        reverse("ichou:quarter", args=[c, 2026, 1]),
    ], a


def test_pi2_an_outsider_gets_404_on_every_agreements_page(client, world, frozen_today):
    urls, _ = _urls(world)
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"step": "confirm", "subject": "x"}).status_code == 404, url
    assert not Agreement.objects.filter(subject="x").exists()


def test_pi2_a_record_is_not_found_through_another_contract(client, world, frozen_today):
    _, a = _urls(world)
    client.force_login(world.manager)
    other = world.other_contract.pk
    for name in ("ichou:agreement", "ichou:agreement-edit", "ichou:agreement-pdf"):
        assert client.get(reverse(name, args=[other, a.pk])).status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_take_the_same_queries_however_many(client, world, frozen_today):
    make_ichou(world)
    confirmed(world)
    requested(world, 1)
    client.force_login(world.supervisor)
    c = world.contract.pk
    urls = [
        reverse("ichou:agreements", args=[c]),
        reverse("ichou:agreements", args=[c]) + "?kind=other",
        reverse("ichou:quarters", args=[c]) + "?year=2026",
    ]
    few = [_queries(client, u) for u in urls]
    from itaku.ichou.agreements import services

    for _ in range(4):
        old = confirmed(world)
        services.agreement_record(
            actor=world.manager,
            access=world.access(world.manager),
            values=agreement_values("other"),
            supersedes=old,
        )
    for q in (2, 3, 4):
        QuarterConfirmation.objects.create(
            contract=world.contract,
            fiscal_year=2026,
            quarter=q,
            state="requested",
            requested_at=timezone.now(),
        )
    assert [_queries(client, u) for u in urls] == few


def _data(**change):
    values = agreement_values("group_move") | change
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def test_ic35_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    url = reverse("ichou:agreements", args=[world.contract.pk])
    response = client.post(url, _data(subject="", content="決めたことの下書き"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "決めたことの下書き" in page
    assert "field--error" in page and "入力してください" in page
    assert not Agreement.objects.exists()
    response = client.post(url, _data())
    record = Agreement.objects.get()
    assert response.status_code == 302 and record.number == 1


def test_ic35_the_list_filters_by_kind(client, world, frozen_today):
    agreement(world, "eligibility", subject="資格の件")
    agreement(world, "cancellation", subject="中止の件")
    client.force_login(world.manager)
    url = reverse("ichou:agreements", args=[world.contract.pk])
    page = client.get(url, {"kind": "cancellation"}).content.decode()
    assert "中止の件" in page and "資格の件" not in page


def test_ic35_the_ward_confirms_through_the_confirmation_page_and_edit_is_gone(
    client, world, frozen_today
):
    record = agreement(world)
    url = reverse("ichou:agreement", args=[world.contract.pk, record.pk])
    client.force_login(world.manager)
    assert client.post(url, {"step": "confirm"}).status_code in (403, 404)
    client.force_login(world.supervisor)
    asked = client.post(url, {"step": "confirm"})
    assert asked.status_code == 200 and "確認した記録は変えられません" in asked.content.decode()
    record.refresh_from_db()
    assert not record.confirmed
    assert client.post(url, {"step": "confirm", "confirmed": "1"}).status_code == 302
    record.refresh_from_db()
    assert record.confirmed
    client.force_login(world.manager)
    page = client.get(url).content.decode()
    assert "新しい記録で改める" in page and ">直す<" not in page
    edit = reverse("ichou:agreement-edit", args=[world.contract.pk, record.pk])
    assert client.post(edit, _data(subject="変えた")).status_code == 302
    record.refresh_from_db()
    assert record.subject != "変えた"


def test_ic35_superseding_from_the_page_links_both_records(client, world, frozen_today):
    old = confirmed(world)
    client.force_login(world.manager)
    url = reverse("ichou:agreement-supersede", args=[world.contract.pk, old.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _data(subject="改めた件名"))
    new = Agreement.objects.get(subject="改めた件名")
    assert response.status_code == 302 and new.supersedes == old
    page = client.get(reverse("ichou:agreement", args=[world.contract.pk, old.pk])).content
    assert f'data-superseded-by="{new.pk}"'.encode() in page


def test_ic35_the_pdf_is_one_a4_page_and_its_printing_is_audited(client, world, frozen_today):
    from itaku.audit.models import AuditEvent

    record = confirmed(world)
    client.force_login(world.auditor)
    response = client.get(reverse("ichou:agreement-pdf", args=[world.contract.pk, record.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    [page] = reader.pages
    # A4 is 595 × 842 points; the dates are in 和暦.
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
    text = page.extract_text()
    assert "協" in text and "令和8年" in text and "第1号" in text
    assert AuditEvent.objects.filter(action="ic_agreement.print").count() == 1


def test_ic28_the_quarter_page_runs_request_confirm_and_invoice(client, world, frozen_today):
    make_ichou(world)
    url = reverse("ichou:quarter", args=[world.contract.pk, 2026, 4])
    client.force_login(world.manager)
    # 15 June: the fourth quarter of 2026 has not ended.
    assert client.post(url, {"step": "request"}).status_code == 400
    assert not QuarterConfirmation.objects.exists()
    url = reverse("ichou:quarter", args=[world.contract.pk, 2025, 4])
    assert client.post(url, {"step": "request"}).status_code == 302
    client.force_login(world.supervisor)
    returned = client.post(url, {"step": "return", "reason": ""})
    assert returned.status_code == 400 and "差し戻す理由" in returned.content.decode()
    assert client.post(url, {"step": "confirm"}).status_code == 302
    client.force_login(world.manager)
    bad = client.post(
        url, {"step": "invoice", "number": "INV-9", "invoice_date": "", "amount": "5"}
    )
    assert bad.status_code == 400 and "INV-9" in bad.content.decode()
    ok = client.post(
        url, {"step": "invoice", "number": "INV-9", "invoice_date": "2026-06-15", "amount": "5"}
    )
    assert ok.status_code == 302
    q = QuarterConfirmation.objects.get()
    assert (q.state, q.invoice_amount) == ("confirmed", 5)
    assert "INV-9" in client.get(url).content.decode()


def test_ic28_a_quarter_that_does_not_exist_is_404(client, world, frozen_today):
    make_ichou(world)
    client.force_login(world.manager)
    assert (
        client.get(reverse("ichou:quarter", args=[world.contract.pk, 2026, 5])).status_code == 404
    )


# ---- the pages of the other parts ---------------------------------------------------------------


def test_ic35_the_group_move_form_offers_and_the_page_shows_the_agreement(
    client, world, frozen_today
):
    from itaku.ichou.participants.tests.helpers import registered

    registration = registered(world)
    record = agreement(world, "group_move")
    agreement(world, "other", subject="関係のない件")
    client.force_login(world.manager)
    url = reverse("ichou:registration", args=[world.contract.pk, registration.pk])
    page = client.get(url).content.decode()
    assert "関係のない件" not in page and agreement_values("group_move")["subject"] in page
    asked = client.post(url, {"step": "move", "move-reason": "人数", "move-agreement": record.pk})
    assert asked.status_code == 200 and "協議記録" in asked.content.decode()
    done = client.post(
        url, {"step": "move", "reason": "人数", "agreement": record.pk, "confirmed": "1"}
    )
    assert done.status_code == 302
    registration.refresh_from_db()
    assert registration.group_agreement == record
    assert 'data-agreement="group_move"' in client.get(url).content.decode()
    # A worker sees which record, without a link to a page closed to them.
    client.force_login(world.worker)
    page = client.get(url).content.decode()
    assert '<span data-agreement="group_move">' in page
    assert reverse("ichou:agreement", args=[world.contract.pk, record.pk]) not in page


def test_ic35_the_weather_cancellation_form_offers_and_the_page_shows_the_agreement(
    client, world, frozen_today
):
    from itaku.ichou.programme.tests.helpers import approved

    programme = approved(world)
    activity = programme.activities.filter(date__gte=date(2026, 6, 15)).first()
    record = agreement(world, "cancellation")
    client.force_login(world.manager)
    url = reverse("ichou:activity", args=[world.contract.pk, activity.pk])
    wrong = client.post(
        url,
        {
            "step": "cancel",
            "agreed_on": "2026-06-15",
            "notice_sent_on": "2026-06-15",
            "agreement": "999999",
        },
    )
    assert wrong.status_code == 400
    ok = client.post(
        url,
        {
            "step": "cancel",
            "agreed_on": "2026-06-15",
            "notice_sent_on": "2026-06-15",
            "agreement": record.pk,
        },
    )
    assert ok.status_code == 302
    assert 'data-agreement="cancellation"' in client.get(url).content.decode()


def test_ic35_the_record_links_its_attachment_for_those_who_may_open_it(
    client, world, frozen_today
):
    make_ichou(world)
    record = services.agreement_record(
        actor=world.manager,
        access=world.access(world.manager),
        values=agreement_values("other"),
        attachment=("kyogi.png", png()),
    )
    url = reverse("ichou:agreement", args=[world.contract.pk, record.pk])
    link = reverse("privacy:attachment-detail", args=[world.contract.pk, record.attachment_id])
    client.force_login(world.manager)
    assert link in client.get(url).content.decode()
    assert client.get(link).status_code == 200
    client.force_login(world.auditor)
    page = client.get(url)
    assert page.status_code == 200 and link not in page.content.decode()
    assert client.get(link).status_code == 404
