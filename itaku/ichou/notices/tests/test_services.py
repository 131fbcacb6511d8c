"""The notices' and newsletters' services: each write audited, the week's lead enforced at
submission with the deadline named (IC-23), edits only as a draft or when returned, the
activity's notice obligation met on submission, the ward's acknowledgement or return, the
newsletter photo refused for a participant without photo consent naming no one (IC-16), and the
home page's to-dos."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from itaku.audit.models import AuditEvent
from itaku.core.models import ObligationItem
from itaku.ichou.notices import services
from itaku.ichou.notices.decl import NOTICE_OBLIGATION
from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
from itaku.ichou.notices.selectors import notices_todos
from itaku.ichou.notices.tests.helpers import (
    JULY,
    july_activity,
    newsletter,
    newsletter_values,
    notice,
    notice_values,
    png,
    submitted,
)
from itaku.ichou.participants.tests.helpers import participant
from itaku.ichou.programme.tests.helpers import make_ichou

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)
NUMBER = "1234–5678–9018"


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_ic23_a_notice_is_created_changed_and_audited(world, frozen_today):
    n = notice(world)
    assert n.state == Notice.State.DRAFT and _events("ic_notice.create") == 1
    services.notice_change(
        actor=world.worker,
        access=world.access(world.worker),
        notice=n,
        values=notice_values(title="変更後の件名"),
    )
    n.refresh_from_db()
    assert n.title == "変更後の件名" and _events("ic_notice.change") == 1


def test_ic23_a_notice_refuses_a_my_number_and_an_activity_of_another_contract(world, frozen_today):
    from itaku.ichou.programme.models import Activity

    make_ichou(world)
    access = world.access(world.manager)
    with pytest.raises(ValidationError):
        services.notice_create(
            actor=world.manager, access=access, values=notice_values(body=NUMBER)
        )
    with pytest.raises(ValidationError) as error:
        services.notice_create(
            actor=world.manager, access=access, values=notice_values(activity="999999")
        )
    assert "activity" in error.value.error_dict
    assert Notice.objects.count() == 0 and not Activity.objects.filter(pk=999999).exists()


def test_ic23_submitted_a_week_before_the_send_date_it_waits_for_the_ward(world, frozen_today):
    n = submitted(world, send_on=date(2026, 6, 22))  # exactly 7 days after TODAY
    assert n.state == Notice.State.SUBMITTED and n.submitted_by == world.manager
    assert _events("ic_notice.submit") == 1


def test_ic23_submitted_too_late_it_is_refused_with_the_deadline(world, frozen_today):
    n = notice(world, send_on=date(2026, 6, 21))
    with pytest.raises(ValidationError) as error:
        services.notice_submit(actor=world.manager, access=world.access(world.manager), notice=n)
    [message] = error.value.message_dict["send_on"]
    assert "令和8年6月14日" in message and "令和8年6月22日以降" in message
    n.refresh_from_db()
    assert n.state == Notice.State.DRAFT and _events("ic_notice.submit") == 0


def test_ic23_the_lead_counts_from_the_send_date_not_the_activity(world, frozen_today):
    # The activity is almost four weeks ahead, but the notice is to be sent in 5 days.
    activity = july_activity(world)
    n = notice(world, activity=activity, send_on=date(2026, 6, 20))
    with pytest.raises(ValidationError):
        services.notice_submit(actor=world.manager, access=world.access(world.manager), notice=n)


def test_ic23_submitting_meets_the_activitys_notice_obligation(world, frozen_today):
    activity = july_activity(world)
    item = ObligationItem.objects.get(
        obligation__contract=world.contract, obligation__name=NOTICE_OBLIGATION, period_start=JULY
    )
    assert item.submitted_at is None
    submitted(world, activity=activity)
    item.refresh_from_db()
    assert item.submitted_at is not None and item.submitted_by == world.manager
    assert AuditEvent.objects.filter(action="obligation_item.fulfil").count() == 1


def test_ic23_a_submitted_notice_is_not_changed_until_returned(world, frozen_today):
    n = submitted(world)
    manager = world.access(world.manager)
    with pytest.raises(ValidationError):
        services.notice_change(
            actor=world.manager, access=manager, notice=n, values=notice_values()
        )
    with pytest.raises(ValidationError):
        services.notice_submit(actor=world.manager, access=manager, notice=n)
    ward = world.access(world.supervisor)
    with pytest.raises(ValidationError) as error:
        services.notice_decide(actor=world.supervisor, access=ward, notice=n, acknowledge=False)
    assert "reason" in error.value.error_dict
    services.notice_decide(
        actor=world.supervisor, access=ward, notice=n, acknowledge=False, reason="日付の誤り"
    )
    n.refresh_from_db()
    assert n.state == Notice.State.RETURNED and n.return_reason == "日付の誤り"
    assert _events("ic_notice.return") == 1
    services.notice_change(
        actor=world.manager, access=manager, notice=n, values=notice_values(title="直した件名")
    )
    services.notice_submit(actor=world.manager, access=manager, notice=n)
    n.refresh_from_db()
    assert n.state == Notice.State.SUBMITTED and n.title == "直した件名"


def test_ic23_acknowledged_then_recorded_as_sent_a_week_after_submission(
    world, frozen_today, time_machine
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    n = submitted(world)
    ward = world.access(world.supervisor)
    services.notice_decide(actor=world.supervisor, access=ward, notice=n, acknowledge=True)
    assert _events("ic_notice.acknowledge") == 1
    manager = world.access(world.manager)
    with pytest.raises(ValidationError) as error:  # the same day: not a week yet
        services.notice_mark_sent(actor=world.manager, access=manager, notice=n)
    assert "sent_on" in error.value.error_dict
    time_machine.move_to(datetime(2026, 6, 26, 10, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    services.notice_mark_sent(
        actor=world.manager, access=world.access(world.manager, on=date(2026, 6, 26)), notice=n
    )
    n.refresh_from_db()
    assert n.state == Notice.State.SENT and n.sent_on == date(2026, 6, 26)
    assert _events("ic_notice.send") == 1


def test_ic23_only_the_contractor_writes_and_only_the_ward_decides(world, frozen_today):
    n = submitted(world)
    with pytest.raises((PermissionDenied, Http404)):
        services.notice_create(
            actor=world.supervisor, access=world.access(world.supervisor), values=notice_values()
        )
    with pytest.raises((PermissionDenied, Http404)):
        services.notice_decide(
            actor=world.manager, access=world.access(world.manager), notice=n, acknowledge=True
        )
    with pytest.raises((PermissionDenied, Http404)):
        services.notice_create(
            actor=world.auditor, access=world.access(world.auditor), values=notice_values()
        )


# ---- to-dos -----------------------------------------------------------------------------------


def _whats(world, user):
    return [i.what for i in notices_todos(user, TODAY, [world.access(user)])]


def test_ic23_the_ward_supervisor_sees_the_notices_waiting_for_acknowledgement(world, frozen_today):
    submitted(world)
    notice(world, title="下書き")
    [what] = _whats(world, world.supervisor)
    assert "区の確認を待っています" in what and "7月の活動のお知らせ" in what
    assert _whats(world, world.worker) == []


def test_ic23_the_manager_sees_returned_notices_and_deadlines_within_3_days(world, frozen_today):
    n = submitted(world)
    services.notice_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        notice=n,
        acknowledge=False,
        reason="時間を直してください",
    )
    notice(world, title="期限間近", send_on=date(2026, 6, 25))  # deadline 18 June: in 3 days
    notice(world, title="まだ先", send_on=date(2026, 6, 26))  # deadline 19 June: in 4 days
    whats = _whats(world, world.manager)
    assert len(whats) == 2
    assert any("差し戻されました" in w for w in whats)
    assert any("期限間近" in w and "令和8年6月18日" in w for w in whats)
    assert _whats(world, world.supervisor) == []


def test_ic23_the_todos_take_one_query(world, frozen_today, django_assert_max_num_queries):
    for i in range(5):
        submitted(world, title=f"通知 {i}")
    accesses = [world.access(world.supervisor)]
    with django_assert_max_num_queries(1):
        notices_todos(world.supervisor, TODAY, accesses)


# ---- newsletters ------------------------------------------------------------------------------


def test_ic16_a_newsletter_is_created_changed_published_and_audited(world, frozen_today):
    n = newsletter(world)
    access = world.access(world.manager)
    services.newsletter_change(
        actor=world.manager, access=access, newsletter=n, values=newsletter_values(title="夏号")
    )
    services.newsletter_publish(actor=world.manager, access=access, newsletter=n)
    n.refresh_from_db()
    assert n.state == Newsletter.State.PUBLISHED and n.title == "夏号"
    assert [_events(f"ic_newsletter.{v}") for v in ("create", "change", "publish")] == [1, 1, 1]
    with pytest.raises(ValidationError):
        services.newsletter_change(
            actor=world.manager, access=access, newsletter=n, values=newsletter_values()
        )


def test_ic16_an_issue_number_is_used_once(world, frozen_today):
    newsletter(world)
    with pytest.raises(ValidationError) as error:
        newsletter(world)
    assert "issue_number" in error.value.error_dict


def test_ic16_a_photo_of_consenting_participants_is_stored_encrypted(world, frozen_today):
    n = newsletter(world)
    shown = [participant(world, photo_consent=True), participant(world, photo_consent=True)]
    photo = services.newsletter_photo_add(
        actor=world.manager,
        access=world.access(world.manager),
        newsletter=n,
        image=("写真.png", png()),
        caption="ボール運び",
        participants=shown,
    )
    assert photo.image.content_type == "image/png"
    assert set(photo.participants.all()) == set(shown)
    assert _events("ic_newsletter_photo.add") == 1
    services.newsletter_photo_remove(
        actor=world.manager, access=world.access(world.manager), photo=photo
    )
    assert NewsletterPhoto.objects.count() == 0 and _events("ic_newsletter_photo.remove") == 1


def test_ic16_a_photo_showing_a_participant_without_consent_is_refused_naming_no_one(
    world, frozen_today, caplog
):
    n = newsletter(world)
    ok = participant(world, photo_consent=True, family_name="同意", given_name="あり子")
    no = participant(world, photo_consent=False, family_name="非同意", given_name="なし男")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ValidationError) as error:
        services.newsletter_photo_add(
            actor=world.manager,
            access=world.access(world.manager),
            newsletter=n,
            image=("写真.png", png()),
            participants=[ok, no],
        )
    [message] = error.value.message_dict["participants"]
    assert "1人" in message
    for text in (message, caplog.text):
        assert "非同意" not in text and "なし男" not in text and "同意 あり子" not in text
    assert str(no.pk) not in message
    assert NewsletterPhoto.objects.count() == 0


def test_ic16_a_photo_must_be_an_image_of_this_contracts_participants(world, frozen_today):
    n = newsletter(world)
    access = world.access(world.manager)
    with pytest.raises(ValidationError) as error:
        services.newsletter_photo_add(
            actor=world.manager, access=access, newsletter=n, image=("a.txt", b"hello")
        )
    assert "image" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.newsletter_photo_add(
            actor=world.manager,
            access=access,
            newsletter=n,
            image=("a.png", png()),
            participants=["999999"],
        )
    assert "participants" in error.value.error_dict


def test_ic29_the_contract_end_package_returns_notices_and_newsletters(world, frozen_today):
    from django.utils import timezone

    from itaku.documents.watermark import Watermark
    from itaku.ichou.notices.decl import PACKAGE_SECTIONS

    notice(world)
    newsletter(world)
    [section] = PACKAGE_SECTIONS
    mark = Watermark(who="試験", at=timezone.now(), purpose="返却", reference="R-1")
    files = dict(section.files(world.contract, mark))
    assert set(files) == {
        "ichou/notices.csv",
        "ichou/newsletters.csv",
        "ichou/newsletter_photos.csv",
    }


def test_ic23_the_activitys_notice_item_falls_due_a_week_before_the_send_date(world, frozen_today):
    from datetime import timedelta

    activity = july_activity(world)
    item = ObligationItem.objects.get(
        obligation__contract=world.contract, obligation__name=NOTICE_OBLIGATION, period_start=JULY
    )
    assert item.due_date <= JULY - timedelta(days=7)  # before a notice: from the activity
    n = notice(world, activity=activity, send_on=JULY - timedelta(days=14))
    item.refresh_from_db()
    assert item.due_date == JULY - timedelta(days=21)
    services.notice_change(
        actor=world.manager,
        access=world.access(world.manager),
        notice=n,
        values=notice_values(activity=activity, send_on=JULY - timedelta(days=10)),
    )
    item.refresh_from_db()
    assert item.due_date == JULY - timedelta(days=17)
    event = AuditEvent.objects.filter(action="obligation_item.due_set").latest("seq")
    assert event.changes["by"] == f"ic_notice:{n.pk}"
    submitted_one = submitted(world, activity=activity, send_on=JULY - timedelta(days=9))
    item.refresh_from_db()
    assert item.submitted_at is not None and item.due_date == JULY - timedelta(days=16)
    assert submitted_one.state == Notice.State.SUBMITTED
