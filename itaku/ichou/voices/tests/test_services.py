"""The services of IC-16: every write audited without its content, a closed survey refusing
forms, questions fixed once forms are entered, anonymous responses with sealed free texts, an
answer recorded once and corrected with a reason, the participant link only for those who may
read contacts, and the manager's to-do of opinions waiting too long."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from itaku.audit.models import AuditEvent
from itaku.ichou.participants.models import Participant
from itaku.ichou.voices import selectors, services
from itaku.ichou.voices.models import Opinion, OpinionCorrection, SurveyAnswer, SurveyResponse
from itaku.ichou.voices.tests.helpers import TODAY, answered, opinion, respond, survey

pytestmark = pytest.mark.django_db
NUMBER = "1234–5678–9018"


def _events(prefix: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__startswith=prefix).order_by("pk"))


def test_ic16_each_survey_write_is_audited_without_its_texts(world, frozen_today):
    s, (q1, _, free) = survey(world)
    respond(world, s, {q1.pk: 4, free.pk: "お弁当がおいしかった"})
    services.survey_close(actor=world.manager, access=world.access(world.manager), survey=s)
    actions = [e.action for e in _events("ic_survey.")]
    assert actions == [
        "ic_survey.create",
        *["ic_survey.question_add"] * 3,
        "ic_survey.response_add",
        "ic_survey.close",
    ]
    assert all("お弁当" not in str(e.changes) for e in _events("ic_survey."))


def test_ic16_a_closed_survey_takes_no_more_forms(world, frozen_today):
    s, (q1, _, _) = survey(world)
    respond(world, s, {q1.pk: 3})
    services.survey_close(actor=world.manager, access=world.access(world.manager), survey=s)
    with pytest.raises(ValidationError, match="締め切っています"):
        respond(world, s, {q1.pk: 5})
    assert SurveyResponse.objects.count() == 1
    with pytest.raises(ValidationError, match="もう締め切って"):
        services.survey_close(actor=world.manager, access=world.access(world.manager), survey=s)


def test_ic16_questions_are_fixed_once_a_form_is_entered(world, frozen_today):
    s, (q1, _, _) = survey(world)
    respond(world, s, {q1.pk: 3})
    with pytest.raises(ValidationError, match="回答を入力したあと"):
        services.survey_question_add(
            actor=world.manager,
            access=world.access(world.manager),
            survey=s,
            text="x",
            kind="scale",
        )


def test_ic16_a_form_of_someone_outside_the_audience_or_with_a_bad_point_is_refused(
    world, frozen_today
):
    s, (q1, q2, _) = survey(world, audience="guardians")
    with pytest.raises(ValidationError) as refused:
        respond(world, s, {q1.pk: 3}, respondent="participant")
    assert "respondent" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        respond(world, s, {q1.pk: 6, q2.pk: 2}, respondent="guardian")
    assert list(refused.value.message_dict) == [f"q{q1.pk}"]
    with pytest.raises(ValidationError, match="どの設問にも回答がありません"):
        respond(world, s, {q1.pk: "", q2.pk: None}, respondent="guardian")
    assert SurveyResponse.objects.count() == 0


def test_ic16_a_response_is_anonymous_and_its_free_text_sealed(world, frozen_today):
    s, (q1, _, free) = survey(world)
    respond(world, s, {q1.pk: 5, free.pk: "スタッフがやさしかった"})
    linked = [f.related_model for f in SurveyResponse._meta.get_fields() if f.is_relation]
    assert Participant not in linked
    assert SurveyAnswer.objects.count() == 2  # the skipped question has no row
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM ichou_surveyanswer")
        raw = " ".join(str(r[0]) for r in cursor.fetchall())
    assert "やさしかった" not in raw


def test_pi11_a_my_number_in_a_free_text_is_refused(world, frozen_today):
    s, (_, _, free) = survey(world)
    with pytest.raises(ValidationError) as refused:
        respond(world, s, {free.pk: f"番号は {NUMBER}"})
    assert f"q{free.pk}" in refused.value.message_dict
    assert SurveyResponse.objects.count() == 0


def test_ic16_the_summary_of_what_is_stored(world, frozen_today):
    s, (q1, q2, free) = survey(world)
    respond(world, s, {q1.pk: 5, q2.pk: 4, free.pk: "楽しかった"})
    respond(world, s, {q1.pk: 4}, respondent="guardian")
    summary = selectors.survey_summary_of(access=world.access(world.supervisor), survey=s)
    assert summary.by_respondent == {"participant": 1, "guardian": 1}
    assert [str(q.average) for q in summary.questions[:2]] == ["4.5", "4.0"]
    assert summary.questions[2].texts == ("楽しかった",)


def test_ic16_the_ward_and_the_auditor_read_but_do_not_write(world, frozen_today):
    s, _ = survey(world)
    for user in (world.supervisor, world.auditor):
        assert selectors.survey_get(access=world.access(user), survey_id=s.pk) == s
        with pytest.raises(PermissionDenied):
            services.survey_close(actor=user, access=world.access(user), survey=s)
    for user in (world.volunteer, world.nurse):
        with pytest.raises(Http404):
            selectors.survey_get(access=world.access(user), survey_id=s.pk)


def test_ic16_an_answer_is_recorded_once(world, frozen_today):
    o = answered(world)
    assert (o.state, o.answered_by) == ("answered", world.manager)
    with pytest.raises(ValidationError, match="もう記録されています"):
        services.opinion_answer(
            actor=world.worker,
            access=world.access(world.worker),
            opinion=o,
            answer="別の回答",
            answered_on=TODAY,
        )
    o.refresh_from_db()
    assert o.answer == "看板を出します。"


def test_ic16_an_answer_is_not_dated_before_the_opinion_nor_after_today(world, frozen_today):
    o = opinion(world)
    for day, field_message in [
        (date(2026, 6, 9), "受付日より後"),
        (TODAY + timedelta(1), "今日以前"),
    ]:
        with pytest.raises(ValidationError, match=field_message):
            services.opinion_answer(
                actor=world.manager,
                access=world.access(world.manager),
                opinion=o,
                answer="回答",
                answered_on=day,
            )


def test_ic16_a_correction_needs_a_reason_keeps_the_answer_before_and_is_audited(
    world, frozen_today
):
    o = answered(world)
    access = world.access(world.worker)
    with pytest.raises(ValidationError) as refused:
        services.opinion_answer_correct(
            actor=world.worker, access=access, opinion=o, answer="新しい回答", reason=" "
        )
    assert "reason" in refused.value.message_dict
    services.opinion_answer_correct(
        actor=world.worker, access=access, opinion=o, answer="大きな看板を出します。", reason="誤記"
    )
    o.refresh_from_db()
    correction = OpinionCorrection.objects.get()
    assert o.answer == "大きな看板を出します。"
    assert (correction.previous_answer, correction.reason) == ("看板を出します。", "誤記")
    [event] = _events("ic_opinion.correct")
    assert event.changes["fields"] == ["answer"]
    assert "看板" not in str(event.changes) and "誤記" not in str(event.changes)


def test_ic16_an_opinion_cannot_be_corrected_before_it_is_answered(world, frozen_today):
    o = opinion(world)
    with pytest.raises(ValidationError, match="まだ回答が"):
        services.opinion_answer_correct(
            actor=world.manager,
            access=world.access(world.manager),
            opinion=o,
            answer="a",
            reason="b",
        )


def _participant(world) -> Participant:
    from itaku.ichou.participants.tests.helpers import participant

    return participant(world)


def test_ic16_only_who_may_read_contacts_links_an_opinion_to_a_participant(world, frozen_today):
    p = _participant(world)
    with pytest.raises(ValidationError) as refused:
        services.opinion_create(
            actor=world.worker,
            access=world.access(world.worker),
            values={**_values(), "participant": p.pk},
        )
    assert "participant" in refused.value.message_dict
    o = opinion(world, participant=p.pk)
    assert o.participant == p
    assert selectors.opinion_participant(access=world.access(world.manager), opinion=o) == p
    assert selectors.opinion_participant(access=world.access(world.worker), opinion=o) is None
    assert selectors.opinion_participant(access=world.access(world.supervisor), opinion=o) is None


def _values():
    from itaku.ichou.voices.tests.helpers import opinion_values

    return opinion_values()


def test_ic16_the_opinion_content_is_sealed_and_never_in_the_audit(world, frozen_today):
    o = opinion(world, content="トイレの場所を教えてほしい")
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM ichou_opinion")
        assert "トイレ" not in str(cursor.fetchone()[0])
    assert all("トイレ" not in str(e.changes) for e in _events("ic_opinion."))
    assert "トイレ" not in str(o)


def test_ic16_an_opinion_is_reported_to_the_ward_once(world, frozen_today):
    o = opinion(world)
    access = world.access(world.manager)
    services.opinion_report(actor=world.manager, access=access, opinion=o)
    o.refresh_from_db()
    assert o.ward_reported
    with pytest.raises(ValidationError):
        services.opinion_report(actor=world.manager, access=access, opinion=o)
    assert len(_events("ic_opinion.report")) == 1


def test_ic16_the_manager_is_told_of_opinions_open_for_more_than_14_days(world, frozen_today):
    opinion(world, received_on=TODAY - timedelta(days=14))
    manager = [world.access(world.manager)]
    assert selectors.voices_todos(world.manager, TODAY, manager) == []
    opinion(world, received_on=TODAY - timedelta(days=15))
    opinion(world, received_on=TODAY - timedelta(days=20))
    answered(world, received_on=TODAY - timedelta(days=30))
    [item] = selectors.voices_todos(world.manager, TODAY, manager)
    assert "2件" in item.what and item.since == TODAY - timedelta(days=20)
    assert "?state=open" in item.url
    assert selectors.voices_todos(world.worker, TODAY, [world.access(world.worker)]) == []
    assert Opinion.objects.count() == 4


def test_pi8_the_contract_package_holds_every_voices_table_opened(world, frozen_today):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from itaku.documents.watermark import Watermark
    from itaku.ichou.voices.decl import PACKAGE_SECTIONS

    s, (q1, _, free) = survey(world)
    respond(world, s, {q1.pk: 5, free.pk: "また来たい"})
    answered(world, content="駐輪場が分かりにくい")
    mark = Watermark(
        who="試験",
        at=datetime(2026, 6, 15, tzinfo=ZoneInfo("Asia/Tokyo")),
        purpose="試験",
        reference="#1",
    )
    [section] = PACKAGE_SECTIONS
    files = dict(section.files(world.contract, mark))
    assert set(files) == {
        "ichou/surveys.csv",
        "ichou/survey_questions.csv",
        "ichou/survey_responses.csv",
        "ichou/survey_answers.csv",
        "ichou/opinions.csv",
        "ichou/opinion_corrections.csv",
    }
    text = b"".join(files.values()).decode("utf-8-sig", errors="replace")
    assert "また来たい" in text and "駐輪場が分かりにくい" in text
    assert not dict(section.files(world.other_contract, mark))["ichou/opinions.csv"].count(
        "駐輪場".encode()
    )
