"""The world of the notices tests: the test world's contract as a いちょう学級 contract with an
approved programme (so each activity has its notice obligation), notices and newsletters made
through the services, and a real small PNG."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from itaku.ichou.notices import services
from itaku.ichou.notices.models import Newsletter, Notice
from itaku.ichou.programme.tests.helpers import approved, make_ichou

JULY = date(2026, 7, 11)  # a regular activity of the demo programme, after TODAY (15 June)
SEND_ON = date(2026, 6, 26)  # submitted on 15 June: 11 days ahead


def png(colour: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def july_activity(world: Any) -> Any:
    from itaku.ichou.programme.models import Activity

    activity = Activity.objects.filter(programme__contract=world.contract, date=JULY).first()
    if activity is None:
        approved(world)
        activity = Activity.objects.filter(
            programme__contract=world.contract, date=JULY, group="1"
        ).get()
    return activity


def notice_values(**change: Any) -> dict[str, Any]:
    return {
        "activity": None,
        "title": "7月の活動のお知らせ",
        "body": "下記のとおり活動を行います。\n\n動きやすい服装でお越しください。",
        "send_on": SEND_ON,
    } | change


def notice(world: Any, **change: Any) -> Notice:
    make_ichou(world)
    return services.notice_create(
        actor=world.manager, access=world.access(world.manager), values=notice_values(**change)
    )


def submitted(world: Any, **change: Any) -> Notice:
    n = notice(world, **change)
    return services.notice_submit(actor=world.manager, access=world.access(world.manager), notice=n)


def newsletter_values(**change: Any) -> dict[str, Any]:
    return {
        "issue_number": 1,
        "month": date(2026, 6, 1),
        "title": "春の活動をふりかえって",
        "body": "開講式を行いました。\n\n次回もお楽しみに。",
    } | change


def newsletter(world: Any, **change: Any) -> Newsletter:
    make_ichou(world)
    return services.newsletter_create(
        actor=world.manager,
        access=world.access(world.manager),
        values=newsletter_values(**change),
    )
