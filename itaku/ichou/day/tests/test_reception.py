"""The 受付簿 (reception book) of an activity (IC-9 仕様書 7(2)イ): an A4 landscape PDF with a row
per expected participant sorted by kana, blank before the day, filled from the recorded check-in
(the temperature) and dismissal (the relation of whom a participant was handed to, never the
name). It holds names and temperatures, so it leaves only as an approved export (PI-5, decision
0006 §3), asked for from the door screen by the responsible person and made with the access of
one who runs the day; anyone else's access gets 404; bounded queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.documents.protect import zip_read
from itaku.ichou.day import services
from itaku.ichou.day.documents import reception_file
from itaku.ichou.day.tests.helpers import activity_day, entry_of, participant
from itaku.ichou.participants.tests.pdfcheck import read_pdf
from itaku.privacy.models import ExportRequest

pytestmark = pytest.mark.django_db


def _book(world, user, activity) -> bytes:
    made = reception_file(world.access(user), {"activity": activity.pk})
    assert made.content_type == "application/pdf"
    return made.data


@pytest.mark.parametrize(
    ("user", "made"),
    [
        ("manager", True),
        ("worker", True),
        ("nurse", True),
        ("volunteer", True),  # runs the door screen
        ("supervisor", False),
        ("auditor", False),
        ("outsider", False),
    ],
)
def test_ic9_the_book_is_made_only_with_the_access_of_one_who_runs_the_day(world, user, made):
    activity, _ = activity_day(world, participants=1)
    if made:
        assert read_pdf(_book(world, world.user(user), activity)).a4
    else:
        with pytest.raises(Http404):
            _book(world, world.user(user), activity)


def test_ic9_pi5_the_book_comes_through_export_approval_from_the_door_screen(client, world):
    activity, people = activity_day(world, participants=2)
    kw = {"contract_id": world.contract.pk}
    door = reverse("ichou:day-door", args=[world.contract.pk, activity.pk])
    client.force_login(world.volunteer)  # runs the day, may not ask for exports
    assert 'value="ic_reception_book"' not in client.get(door).content.decode()
    client.force_login(world.supervisor)
    assert 'value="ic_reception_book"' not in client.get(door).content.decode()
    client.force_login(world.manager)
    page = client.get(door).content.decode()
    assert 'value="ic_reception_book"' in page
    response = client.post(
        reverse("privacy:export-request", kwargs=kw),
        {"kind": "ic_reception_book", "activity": str(activity.pk), "purpose": "受付簿の印刷"},
    )
    assert response.status_code == 302
    request = ExportRequest.objects.get()
    assert (request.kind, request.parameters) == ("ic_reception_book", {"activity": activity.pk})
    client.force_login(world.supervisor)
    client.post(reverse("privacy:export-approve", kwargs={**kw, "request_id": request.pk}))
    client.force_login(world.manager)
    made = client.post(reverse("privacy:export-produce", kwargs={**kw, "request_id": request.pk}))
    assert made.status_code == 200
    data = client.get(
        reverse("privacy:export-download", kwargs={**kw, "request_id": request.pk})
    ).content
    files = zip_read(data=data, password=made.context["password"])
    [name] = [n for n in files if n.endswith(".pdf")]
    text = read_pdf(files[name]).text
    assert people[0].full_name_kana in text and "受付簿の印刷" in text  # the rows, the watermark
    assert AuditEvent.objects.filter(action="export.produce").count() == 1


def test_ic9_an_activity_of_another_contract_cannot_be_asked_for(client, world):
    activity_day(world, participants=1)
    client.force_login(world.manager)
    response = client.post(
        reverse("privacy:export-request", kwargs={"contract_id": world.contract.pk}),
        {"kind": "ic_reception_book", "activity": "999999", "purpose": "受付簿の印刷"},
    )
    assert response.status_code == 400
    assert ExportRequest.objects.count() == 0


def test_ic9_the_blank_book_has_a_row_per_expected_participant_by_kana(world):
    activity, people = activity_day(world, participants=3)
    participant(world, 9, group="2")  # another group's: not expected
    pdf = read_pdf(_book(world, world.manager, activity))
    assert pdf.a4 and pdf.sizes[0][0] > pdf.sizes[0][1]  # landscape
    text = pdf.text
    for heading in ("受付簿", "氏名", "ふりがな", "到着時刻", "体温", "健康調査票", "確認者"):
        assert heading in text.replace(" ", ""), heading
    assert "令和8年" in text and world.contract.title in text
    positions = [text.index(p.full_name_kana) for p in people]
    assert positions == sorted(positions)  # あやま, いやま, うやま
    assert "参加9" not in text
    assert "℃" not in text  # nothing recorded yet


def test_ic9_a_recorded_check_in_and_hand_over_fill_the_row_without_the_name(world):
    activity, people = activity_day(world, participants=2)
    access = world.access(world.worker)
    services.checkin_record(
        actor=world.worker,
        access=access,
        activity=activity,
        participant_id=people[0].pk,
        temperature="36.8",
        questionnaire=True,
    )
    services.dismissal_record(
        actor=world.worker,
        access=access,
        activity=activity,
        participant_id=people[0].pk,
        how="handed_over",
        handed_to_name="迎田 秘子",
        handed_to_relation="母",
        staff_id=entry_of(world, world.worker).pk,
    )
    text = read_pdf(_book(world, world.manager, activity)).text
    assert "36.8℃" in text and "受領" in text and "母" in text
    assert "迎田" not in text and "秘子" not in text
    assert "試験 worker" in text  # who checked them in


def test_ic9_the_book_takes_the_same_queries_however_many(world):
    activity, people = activity_day(world, participants=2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            _book(world, world.manager, activity)
        return len(seen)

    def check_in_all() -> None:
        for p in people:
            services.checkin_record(
                actor=world.worker,
                access=world.access(world.worker),
                activity=activity,
                participant_id=p.pk,
                temperature="36.5",
            )

    check_in_all()
    small = queries()
    people = [participant(world, 10 + i) for i in range(4)]
    check_in_all()
    assert queries() == small
