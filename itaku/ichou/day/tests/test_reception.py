"""The 受付簿 (reception book) of an activity (IC-9 仕様書 7(2)イ): an A4 landscape PDF with a row
per expected participant sorted by kana, blank before the day, filled from the recorded check-in
(the temperature) and dismissal (the relation of whom a participant was handed to, never the
name); printed only by those who run the day, as the door screen's marks (a volunteer too), each
print audited; the ward, its auditor and an outsider get 404; bounded queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.ichou.day import services
from itaku.ichou.day.tests.helpers import activity_day, entry_of, participant
from itaku.ichou.participants.tests.pdfcheck import read_pdf

pytestmark = pytest.mark.django_db


def _url(world, activity):
    return reverse("ichou:day-reception-pdf", args=[world.contract.pk, activity.pk])


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("manager", 200),
        ("worker", 200),
        ("nurse", 200),
        ("volunteer", 200),  # runs the door screen, so prints its book too
        ("supervisor", 404),
        ("auditor", 404),
        ("outsider", 404),
    ],
)
def test_ic9_who_may_print_the_reception_book(client, world, user, status):
    activity, _ = activity_day(world, participants=1)
    client.force_login(world.user(user))
    assert client.get(_url(world, activity)).status_code == status
    printed = AuditEvent.objects.filter(action="ic_day.print_reception").count()
    assert printed == (1 if status == 200 else 0)


def test_ic9_the_blank_book_has_a_row_per_expected_participant_by_kana(client, world):
    activity, people = activity_day(world, participants=3)
    participant(world, 9, group="2")  # another group's: not expected
    client.force_login(world.manager)
    response = client.get(_url(world, activity))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    assert pdf.a4 and pdf.sizes[0][0] > pdf.sizes[0][1]  # landscape
    text = pdf.text
    for heading in ("受付簿", "氏名", "ふりがな", "到着時刻", "体温", "健康調査票", "確認者"):
        assert heading in text.replace(" ", ""), heading
    assert "令和8年" in text and world.contract.title in text
    positions = [text.index(p.full_name_kana) for p in people]
    assert positions == sorted(positions)  # あやま, いやま, うやま
    assert "参加9" not in text
    assert "℃" not in text  # nothing recorded yet
    [event] = AuditEvent.objects.filter(action="ic_day.print_reception")
    assert event.changes == {"rows": 3}


def test_ic9_a_recorded_check_in_and_hand_over_fill_the_row_without_the_name(client, world):
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
    client.force_login(world.manager)
    text = read_pdf(client.get(_url(world, activity)).content).text
    assert "36.8℃" in text and "受領" in text and "母" in text
    assert "迎田" not in text and "秘子" not in text
    assert "試験 worker" in text  # who checked them in


def test_ic9_the_book_takes_the_same_queries_however_many(client, world):
    activity, people = activity_day(world, participants=2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(_url(world, activity)).status_code == 200
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

    client.force_login(world.manager)
    check_in_all()
    small = queries()
    people = [participant(world, 10 + i) for i in range(4)]
    check_in_all()
    assert queries() == small


def test_ic9_the_door_screen_links_the_book_for_those_who_run_the_day(client, world):
    activity, _ = activity_day(world, participants=1)
    door = reverse("ichou:day-door", args=[world.contract.pk, activity.pk])
    client.force_login(world.volunteer)
    assert _url(world, activity) in client.get(door).content.decode()
    client.force_login(world.supervisor)
    assert _url(world, activity) not in client.get(door).content.decode()
