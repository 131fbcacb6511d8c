"""The printed forms of the registration (IC-9 仕様書 7(2)ア), both BLANK: the 新規受講者参加登録
申込書 a family fills in by hand, and the 参加予定表 listing the approved programme's activities of
the year with a 「参加する」 box each. Neither carries any participant's data, so anyone who may
view the participants may print them (not audited: nothing personal is read). A4, the Japanese
font embedded, dates in 和暦, like the 協議記録 (``agreements.documents``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string

from itaku.documents.pdf import html_to_pdf
from itaku.ichou import domain

# The lines left blank for names on the participation plan (a family may return one sheet for
# the participant; a spare line or two for a correction).
PLAN_NAME_LINES = 2


def application_form_pdf(*, contract: Any, fiscal_year: int) -> bytes:
    html = render_to_string(
        "ichou/participants/application_print.html",
        {
            "contract": contract,
            "fiscal_year": fiscal_year,
            "first_april": date(fiscal_year, 4, 1),
            "minimum_age": domain.GROUP_1_FROM,
        },
    )
    return html_to_pdf(html=html)


def plan_sheet_pdf(*, contract: Any, fiscal_year: int, activities: list[Any]) -> bytes:
    html = render_to_string(
        "ichou/participants/plan_print.html",
        {
            "contract": contract,
            "fiscal_year": fiscal_year,
            "activities": activities,
            "name_lines": range(PLAN_NAME_LINES),
        },
    )
    return html_to_pdf(html=html)
