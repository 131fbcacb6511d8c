"""The printed 受付簿 (reception book) of one activity (IC-9 仕様書 7(2)イ): A4 landscape, a row
per expected participant sorted by kana, blank before the day and filled from the recorded
check-ins and dismissals after; dates in 和暦. It holds names and temperatures, so it leaves
only as the approved export ``ic_reception_book`` (``day.decl.EXPORT_KINDS``), made with the
access of one who runs the day; the export's request, approval and download are audited."""

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


def reception_parameters(access: Any, data: Any) -> dict[str, Any]:
    """The export request's parameters: the activity, of this contract (else the field's error)."""
    from django.core.exceptions import ValidationError

    from itaku.ichou.programme.models import Activity

    try:
        pk = int(str(data.get("activity")))
    except (TypeError, ValueError):
        pk = None
    found = (
        Activity.objects.filter(programme__contract=access.contract, pk=pk).first()
        if pk is not None
        else None
    )
    if found is None:
        raise ValidationError({"activity": ["この契約の活動を選んでください。"]})
    return {"activity": found.pk}


def reception_file(access: Any, parameters: Any) -> Any:
    """IC-9, PI-5: the 受付簿 holds names and temperatures, so it leaves only as an approved
    export (decision 0006 §3), made with the requester's access (who must run the day)."""
    from itaku.ichou.day import selectors
    from itaku.privacy.exports import ExportFile

    activity = selectors.activity_get(access=access, activity_id=parameters["activity"])
    rows = selectors.reception_book(access=access, activity=activity)
    return ExportFile("application/pdf", "pdf", reception_pdf(activity=activity, rows=rows))
