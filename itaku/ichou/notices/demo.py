"""The notices' and newsletter's part of the demo (``DEMO_STEPS``, after the programme's and
participants' steps), through the services: a notice for each of the next activities of the demo
year in each state (sent for past ones, waiting for the ward, acknowledged, returned, a draft
whose deadline is near, a draft), and two newsletters with generated photos (small PNGs drawn
with Pillow) of participants who consented to photos, the first published.

A past notice cannot be submitted today (IC-23), so as core's demo back-dates the past of the
obligations, a past notice is submitted for a later day and then moved back to when it was
submitted and acknowledged, before it is recorded as sent through the service."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.notices import rules, services
from itaku.ichou.notices.models import Notice

TOKYO = ZoneInfo("Asia/Tokyo")

BODY = (
    "日ごろより、いちょう学級の活動にご理解とご協力をいただき、ありがとうございます。\n\n"
    "下記のとおり活動を行います。動きやすい服装で、飲み物とタオルをお持ちください。"
    "当日の朝、体温を測って健康調査票にご記入のうえ、受付でお出しください。\n\n"
    "37.5度以上の熱やせき・息苦しさなどがあるときは、参加をお控えください。"
    "欠席のときは前日までにご連絡ください。"
)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TOKYO)


def _png(colour: tuple[int, int, int], label: str) -> bytes | None:
    try:
        from PIL import Image, ImageDraw
    except ImportError:  # pragma: no cover - Pillow is installed with the project
        return None
    image = Image.new("RGB", (320, 200), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 300, 180), outline=(255, 255, 255), width=4)
    draw.ellipse((120, 60, 200, 140), fill=(255, 240, 200))
    draw.text((30, 160), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _title(activity: Any) -> str:
    return f"{activity.date.month}月の{activity.get_kind_display()}のお知らせ"


def notices_demo_step(world: Any) -> None:
    from itaku.ichou.programme.models import Activity

    contract = world.contracts["ichou"]
    on = world.working_day
    manager = User.objects.get(username="ic-manager")
    supervisor = User.objects.get(username=world.supervisors["ichou"])
    access = contract_access(manager, contract.pk, on=on)
    ward = contract_access(supervisor, contract.pk, on=on)
    today = timezone.localdate()
    activities = list(
        Activity.objects.filter(programme__contract=contract, cancelled_for_weather=False)
        .exclude(programme__state="superseded")
        .select_related("programme")
        .order_by("date", "start")
    )

    def make(activity: Any, send_on: date) -> Notice:
        return services.notice_create(
            actor=manager,
            access=access,
            values={
                "activity": activity,
                "title": _title(activity),
                "body": BODY,
                "send_on": send_on,
            },
        )

    # Past activities: two notices sent, submitted three weeks before the activity.
    for activity in [a for a in activities if a.date < today][-2:]:
        notice = make(activity, rules.earliest_send_on(today))
        services.notice_submit(actor=manager, access=access, notice=notice)
        services.notice_decide(actor=supervisor, access=ward, notice=notice, acknowledge=True)
        sent = activity.date - timedelta(days=14)
        Notice.objects.filter(pk=notice.pk).update(
            send_on=sent,
            submitted_at=_at(sent - timedelta(days=7)),
            decided_at=_at(sent - timedelta(days=6)),
        )
        notice.refresh_from_db()
        services.notice_mark_sent(actor=manager, access=access, notice=notice, sent_on=sent)

    # The next activities: one notice in each state still open.
    upcoming = [a for a in activities if a.date > today + timedelta(days=10)]
    states = ["submitted", "acknowledged", "returned", "near", "draft"]
    for activity, state in zip(upcoming, states, strict=False):
        if state == "near":
            send_on = today + timedelta(days=rules.NOTICE_LEAD_DAYS + 2)
        else:
            send_on = max(activity.date - timedelta(days=10), today + timedelta(days=7))
        notice = make(activity, send_on)
        if state in ("submitted", "acknowledged", "returned"):
            services.notice_submit(actor=manager, access=access, notice=notice)
        if state == "acknowledged":
            services.notice_decide(actor=supervisor, access=ward, notice=notice, acknowledge=True)
        if state == "returned":
            services.notice_decide(
                actor=supervisor,
                access=ward,
                notice=notice,
                acknowledge=False,
                reason="持ち物に雨具を加えてください。集合時刻も書いてください。",
            )
    _newsletters(world, contract, manager, access, on)


def _newsletters(world: Any, contract: Any, manager: Any, access: Any, on: date) -> None:
    from itaku.ichou.participants.models import Participant

    consenting = list(
        Participant.objects.filter(contract=contract, photo_consent=True).order_by("pk")[:4]
    )
    month = on.replace(day=1)
    previous = (month - timedelta(days=1)).replace(day=1)
    issues = [
        (1, previous, "春の活動をふりかえって", True),
        (2, month, "夏に向けて", False),
    ]
    for number, first, title, publish in issues:
        newsletter = services.newsletter_create(
            actor=manager,
            access=access,
            values={
                "issue_number": number,
                "month": first,
                "title": title,
                "body": (
                    "いちょう学級の皆様、こんにちは。\n\n"
                    "先月は体育館でのスポーツと、調理実習を行いました。"
                    "みんなで作ったカレーはとてもおいしくできました。\n\n"
                    "次回も元気にお会いできるのを楽しみにしています。"
                ),
            },
        )
        for i, (colour, caption) in enumerate(
            [((70, 130, 180), "体育館でのボール運び"), ((205, 133, 63), "調理実習のカレー")]
        ):
            data = _png(colour, f"photo {number}-{i + 1}")
            if data is None:
                break
            services.newsletter_photo_add(
                actor=manager,
                access=access,
                newsletter=newsletter,
                image=(f"newsletter-{number}-{i + 1}.png", data),
                caption=caption,
                participants=consenting[i * 2 : i * 2 + 2],
            )
        if publish:
            services.newsletter_publish(actor=manager, access=access, newsletter=newsletter)
