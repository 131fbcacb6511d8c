"""The printed registration forms (IC-9 仕様書 7(2)ア): the blank 新規受講者参加登録申込書 and the
blank 参加予定表 open as A4 PDFs with the expected text and carry nobody's name; the plan sheet
says so when the year has no approved programme; an outsider gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.ichou.participants.tests.helpers import FY, make_ichou, registered
from itaku.ichou.participants.tests.pdfcheck import read_pdf
from itaku.ichou.programme.tests.helpers import approved, draft

pytestmark = pytest.mark.django_db

# A name no form text holds, to find a leak.
DISTINCT = {"family_name": "鰐淵", "given_name": "纏", "family_name_kana": "わにぶち"}


def test_ic9_the_blank_application_form_is_a4_with_its_fields_and_no_ones_name(client, world):
    registered(world, **DISTINCT)
    client.force_login(world.volunteer)
    url = reverse("ichou:participants-application-pdf", args=[world.contract.pk, FY])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    assert pdf.a4 and len(pdf.sizes) == 1
    for text in (
        "新規受講者参加登録申込書",
        world.contract.title,
        f"{FY}年度",
        "令和8年4月1日",
        "ふりがな",
        "生年月日",
        "住所",
        "保護者の氏名・続柄",
        "緊急連絡先",
        "支援が必要なこと",
        "アレルギー",
        "医療上の注意",
        "基礎疾患等",
        "ひとりで帰る",
        "迎えに来る人",
        "同意する",
        "署名",
        "参加資格は区が判断します",
        "15歳以上",
    ):
        assert text in pdf.text, text
    assert "性別" not in pdf.text
    assert "鰐淵" not in pdf.text and "わにぶち" not in pdf.text


def test_ic9_the_blank_plan_sheet_lists_the_approved_activities_in_wareki(client, world):
    programme = approved(world)
    registered(world, **DISTINCT)
    client.force_login(world.manager)
    response = client.get(reverse("ichou:participants-plan-sheet", args=[world.contract.pk, FY]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    assert pdf.a4
    flat = pdf.text.replace(" ", "")
    assert "参加予定表" in flat and "参加する" in flat and "氏名" in flat
    first = programme.activities.order_by("date", "start").first()
    from itaku.core.templatetags.itaku import wareki

    assert wareki(first.date) in flat and first.get_kind_display() in flat
    assert "合同" in flat and "第1グループ" in flat
    assert "鰐淵" not in pdf.text and "わにぶち" not in pdf.text


def test_ic9_without_an_approved_programme_the_plan_sheet_page_says_so(client, world):
    draft(world)
    client.force_login(world.manager)
    response = client.get(reverse("ichou:participants-plan-sheet", args=[world.contract.pk, FY]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert 'data-warning="no-programme"' in response.content.decode()


def test_ic9_the_list_links_both_forms_and_an_outsider_gets_404(client, world):
    make_ichou(world)
    c = world.contract.pk
    client.force_login(world.manager)
    page = client.get(reverse("ichou:participants", args=[c, FY])).content.decode()
    application = reverse("ichou:participants-application-pdf", args=[c, FY])
    sheet = reverse("ichou:participants-plan-sheet", args=[c, FY])
    assert application in page and sheet in page
    client.force_login(world.outsider)
    assert client.get(application).status_code == 404
    assert client.get(sheet).status_code == 404
