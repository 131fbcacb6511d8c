"""Name tags (IC-21): the activity's expected participants (kana over the name, the group) and
assigned staff (name, role) on A4 sheets of 10 cards; since they print participants' names they
leave only through export approval (PI-5, PI-18): the manager asks from the name-tag page, the
ward supervisor approves, the PDF comes watermarked in an AES zip."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from itaku.audit.models import AuditEvent
from itaku.documents.protect import zip_read
from itaku.ichou.day.tests.helpers import activity_day, entry_of, participant
from itaku.ichou.programme import services as programme_services
from itaku.ichou.staff import name_tags
from itaku.privacy.models import ExportRequest

pytestmark = pytest.mark.django_db


def _activity(world, participants=3):
    activity, people = activity_day(world, participants=participants)
    programme_services.staff_assign(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity,
        entry_id=entry_of(world, world.nurse).pk,
    )
    return activity, people


def test_ic21_the_tags_are_the_groups_participants_then_the_assigned_staff(world, frozen_today):
    activity, _ = _activity(world)
    participant(world, 40, group="2")  # another group: not on a group-1 activity
    tags = name_tags.tags_of(activity)
    assert [t.staff for t in tags] == [False, False, False, True]
    assert {t.name for t in tags[:3]} == {f"参加{i} 花子" for i in range(3)}
    assert tags[0].kana.endswith("はなこ") and tags[0].line == "第1グループ"
    assert (tags[3].name, tags[3].line) == ("試験 nurse", "看護師")


def test_ic21_ten_cards_a_sheet():
    tags = [name_tags.Tag("か", f"名{i}", "第1グループ", False) for i in range(23)]
    assert [len(s) for s in name_tags.sheets(tags)] == [10, 10, 3]
    assert name_tags.sheets([]) == [[]]


def test_ic21_the_pdf_holds_each_name_on_a4(world, frozen_today):
    activity, _ = _activity(world, participants=12)
    data = name_tags.name_tags_pdf(activity)
    if os.environ.get("NAME_TAGS_PDF"):  # to look at it: pdftoppm -png the file
        Path(os.environ["NAME_TAGS_PDF"]).write_bytes(data)
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) == 2  # 13 tags: 10 + 3
    page = pdf.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "参加0" in text and "試験" in text and "看護師" in text


def test_ic21_pi18_name_tags_come_through_export_approval(client, world, frozen_today):
    activity, _ = _activity(world)
    kw = {"contract_id": world.contract.pk}
    client.force_login(world.manager)
    page = client.get(reverse("ichou:staff-name-tags", kwargs=kw)).content.decode()
    assert 'value="ic_name_tags"' in page and "受講者 3人・従事者 1人" in page
    assert "参加0" not in page  # no names on the page
    response = client.post(
        reverse("privacy:export-request", kwargs=kw),
        {"kind": "ic_name_tags", "activity": str(activity.pk), "purpose": "名札の印刷"},
    )
    assert response.status_code == 302
    request = ExportRequest.objects.get()
    assert (request.kind, request.parameters, request.state) == (
        "ic_name_tags",
        {"activity": activity.pk},
        "requested",
    )
    client.force_login(world.supervisor)
    client.post(reverse("privacy:export-approve", kwargs={**kw, "request_id": request.pk}))
    client.force_login(world.manager)
    made = client.post(reverse("privacy:export-produce", kwargs={**kw, "request_id": request.pk}))
    assert made.status_code == 200
    password = made.context["password"]
    data = client.get(
        reverse("privacy:export-download", kwargs={**kw, "request_id": request.pk})
    ).content
    files = zip_read(data=data, password=password)
    [pdf_name] = [n for n in files if n.endswith(".pdf")]
    assert "参加" not in pdf_name
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(files[pdf_name])).pages)
    assert "参加0" in text and "名札の印刷" in text  # the names and the watermark
    assert AuditEvent.objects.filter(action="export.produce").count() == 1


def test_ic21_an_activity_of_another_contract_cannot_be_asked_for(client, world, frozen_today):
    activity, _ = _activity(world)
    client.force_login(world.manager)
    response = client.post(
        reverse("privacy:export-request", kwargs={"contract_id": world.contract.pk}),
        {"kind": "ic_name_tags", "activity": "999999", "purpose": "名札の印刷"},
    )
    assert response.status_code == 400
    assert ExportRequest.objects.count() == 0
    client.force_login(world.worker)  # a worker may not request exports
    response = client.post(
        reverse("privacy:export-request", kwargs={"contract_id": world.contract.pk}),
        {"kind": "ic_name_tags", "activity": str(activity.pk), "purpose": "名札の印刷"},
    )
    assert response.status_code in (400, 403)
    assert ExportRequest.objects.count() == 0
