"""The agreements part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.agreements.forms import AgreementForm, InvoiceForm, QuarterReturnForm
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def _agreement(world: Any, field: str, text: str):
    from itaku.ichou.agreements.demo import agreement_values
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    data = {
        k: (v.isoformat() if isinstance(v, date) else v)
        for k, v in agreement_values("other").items()
    }
    if field == "attachment":
        data[field] = SimpleUploadedFile(f"議事録 {text}.png", PNG, content_type="image/png")
    else:
        data[field] = text
    url = reverse("ichou:agreements", args=[world.contract.pk])
    return world.manager, url, data, Agreement.objects.count


def _return(world: Any, field: str, text: str):
    from itaku.ichou.agreements.tests.helpers import requested

    q = requested(world)
    url = reverse("ichou:quarter", args=[world.contract.pk, q.fiscal_year, q.quarter])
    return (
        world.supervisor,
        url,
        {"step": "return", field: text},
        QuarterConfirmation.objects.filter(state="returned").count,
    )


def _invoice(world: Any, field: str, text: str):
    from itaku.ichou.agreements import services
    from itaku.ichou.agreements.tests.helpers import AFTER_Q1, requested

    q = requested(world)
    services.quarter_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor, on=AFTER_Q1),
        confirmation=q,
        confirm=True,
    )
    url = reverse("ichou:quarter", args=[world.contract.pk, q.fiscal_year, q.quarter])
    data = {"step": "invoice", "invoice_date": "2026-06-15", "amount": "1000", field: text}
    return (
        world.manager,
        url,
        data,
        QuarterConfirmation.objects.filter(invoice_recorded_at__isnull=False).count,
    )


STORED: dict[tuple[type[Any], str], Any] = {
    (AgreementForm, "subject"): _agreement,
    (AgreementForm, "content"): _agreement,
    (AgreementForm, "ward_attendees"): _agreement,
    (AgreementForm, "contractor_attendees"): _agreement,
    (AgreementForm, "attachment"): _agreement,  # the file's name
    (QuarterReturnForm, "reason"): _return,
    (InvoiceForm, "number"): _invoice,
}
