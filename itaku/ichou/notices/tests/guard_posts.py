"""The notices part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.notices.forms import MonthField, NewsletterForm, NoticeForm, PhotoForm, ReturnForm
from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice


def _notice(world: Any, field: str, text: str):
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    data = {"title": "7月のお知らせ", "body": "本文", "send_on": "2026-06-30", field: text}
    url = reverse("ichou:notices_list", args=[world.contract.pk])
    return world.manager, url, data, Notice.objects.count


def _return(world: Any, field: str, text: str):
    from itaku.ichou.notices.tests.helpers import submitted

    n = submitted(world)
    url = reverse("ichou:notices_detail", args=[world.contract.pk, n.pk])
    return (
        world.supervisor,
        url,
        {"step": "return", field: text},
        Notice.objects.filter(state=Notice.State.RETURNED).count,
    )


def _newsletter(world: Any, field: str, text: str):
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    data = {"issue_number": "1", "month": "2026-06", "title": "夏号", "body": "本文", field: text}
    url = reverse("ichou:notices_newsletters", args=[world.contract.pk])
    return world.manager, url, data, Newsletter.objects.count


def _photo(world: Any, field: str, text: str):
    from itaku.ichou.notices.tests.helpers import newsletter, png

    n = newsletter(world)
    data: dict[str, Any] = {"step": "photo", "caption": "ボール運び"}
    if field == "image":
        data["image"] = SimpleUploadedFile(f"写真 {text}.png", png(), content_type="image/png")
    else:
        data["image"] = SimpleUploadedFile("写真.png", png(), content_type="image/png")
        data[field] = text
    url = reverse("ichou:notices_newsletter", args=[world.contract.pk, n.pk])
    return world.manager, url, data, NewsletterPhoto.objects.count


STORED = {
    (NoticeForm, "title"): _notice,
    (NoticeForm, "body"): _notice,
    (ReturnForm, "reason"): _return,
    (NewsletterForm, "title"): _newsletter,
    (NewsletterForm, "body"): _newsletter,
    (PhotoForm, "caption"): _photo,
    (PhotoForm, "image"): _photo,  # the file's name
}

NEVER_STORED = {
    (NewsletterForm, "month"): f"a {MonthField.__name__}: parsed to the month's 1st, a date",
}
