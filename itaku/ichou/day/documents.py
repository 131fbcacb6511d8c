"""The printed 受付簿 (reception book) of one activity (IC-9 仕様書 7(2)イ): A4 landscape, a row
per expected participant sorted by kana, blank before the day and filled from the recorded
check-ins and dismissals after; dates in 和暦. It holds names, so only those who run the day
print it, each print audited (``services.reception_print``)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from itaku.documents.pdf import html_to_pdf


def reception_pdf(*, activity: Any, rows: list[Any]) -> bytes:
    html = render_to_string(
        "ichou/day/reception_print.html",
        {"activity": activity, "contract": activity.programme.contract, "rows": rows},
    )
    return html_to_pdf(html=html)
