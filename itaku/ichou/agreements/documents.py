"""The printed 協議記録 (IC-35): one record on A4, dates in 和暦, with the boxes for the
signatures of both sides."""

from __future__ import annotations

from django.template.loader import render_to_string

from itaku.documents.pdf import html_to_pdf
from itaku.ichou.agreements.models import Agreement


def agreement_pdf(agreement: Agreement) -> bytes:
    html = render_to_string(
        "ichou/agreements/agreement_print.html",
        {"agreement": agreement, "contract": agreement.contract},
    )
    return html_to_pdf(html=html)
