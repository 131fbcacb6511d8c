"""The printed letter of a notice (IC-23) and the newsletter (IC-16): A4 PDFs with 和暦 dates,
made in the background and handed out by the jobs' download (docs/security.md). The letter is
addressed to "参加者・保護者の皆様" and holds no personal data; the newsletter's photos are
embedded as data: URIs from their decrypted attachments (no fetch)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from itaku.core.calendar import format_wareki, format_wareki_month
from itaku.documents.pdf import html_to_pdf
from itaku.ichou.notices.models import Newsletter, Notice


def _time(t: Any) -> str:
    return f"{t.hour}時{t.minute:02d}分" if t.minute else f"{t.hour}時"


def activity_lines(notice: Notice) -> list[tuple[str, str]]:
    """The linked activity's day, time and place, as the letter prints them."""
    activity = notice.activity
    if activity is None:
        return []
    day = format_wareki(activity.date)
    if activity.end_date and activity.end_date != activity.date:
        day += f"〜{format_wareki(activity.end_date)}"
    lines = [
        ("活動", activity.get_kind_display()),
        ("日にち", day),
        ("時間", f"{_time(activity.start)}〜{_time(activity.end)}"),
    ]
    if activity.place:
        lines.append(("場所", activity.place))
    return lines


def notice_html(notice: Notice) -> str:
    contract = notice.contract
    return render_to_string(
        "ichou/notices/letter_print.html",
        {
            "notice": notice,
            "contractor": contract.contractor.name,
            "date_label": format_wareki(notice.send_on),
            "lines": activity_lines(notice),
            "paragraphs": [p for p in notice.body.split("\n\n") if p.strip()],
        },
    )


def notice_pdf(notice: Notice) -> bytes:
    return html_to_pdf(html=notice_html(notice))


def newsletter_html(newsletter: Newsletter, images: dict[int, str]) -> str:
    contract = newsletter.contract
    return render_to_string(
        "ichou/notices/newsletter_print.html",
        {
            "newsletter": newsletter,
            "contractor": contract.contractor.name,
            "month_label": format_wareki_month(newsletter.month.year, newsletter.month.month),
            "paragraphs": [p for p in newsletter.body.split("\n\n") if p.strip()],
            "photos": [(p, images.get(p.pk, "")) for p in newsletter.photos.all()],
        },
    )


def newsletter_pdf(newsletter: Newsletter, images: dict[int, str]) -> bytes:
    return html_to_pdf(html=newsletter_html(newsletter, images))


def produce_notice_pdf(run: Any) -> tuple[str, bytes]:
    from itaku.ichou.notices.selectors import notice_get

    run.progress(0, 1, "通知文のPDFを作っています")
    notice = notice_get(access=run.access, notice_id=run.params["notice_id"])
    content = notice_pdf(notice)
    run.progress(1, 1, "できあがりました")
    return f"通知文-{notice.send_on:%Y%m%d}-{notice.pk}.pdf", content


def produce_newsletter_pdf(run: Any) -> tuple[str, bytes]:
    from itaku.ichou.notices.selectors import newsletter_get, photo_images

    run.progress(0, 2, "写真を読み込んでいます")
    newsletter = newsletter_get(access=run.access, newsletter_id=run.params["newsletter_id"])
    images = photo_images(actor=run.actor, access=run.access, newsletter=newsletter)
    run.progress(1, 2, "PDFを作っています")
    content = newsletter_pdf(newsletter, images)
    run.progress(2, 2, "できあがりました")
    return f"いちょう学級だより-第{newsletter.issue_number}号.pdf", content
