"""The reports' form texts for the My Number walk (``itaku/privacy/tests/test_guard.py``): each
is posted with a My Number and must be refused next to its field, audited and not saved."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.support_office.reports import services
from itaku.support_office.reports.forms import (
    AdHocReportForm,
    PerformanceConfirmForm,
    ReportSubmitForm,
)
from itaku.support_office.reports.models import AdHocReport, DailyReport, PerformanceConfirmation
from itaku.support_office.reports.tests import factories
from itaku.support_office.reports.tests.test_services import PNG


def _daily_submit(world: Any, field: str, text: str) -> Any:
    factories.schedule(world)
    url = reverse("support_office:daily-submit", args=[world.contract.pk, "2026-06-12"])
    return world.manager, url, {field: text}, DailyReport.objects.count


def _confirm(world: Any, field: str, text: str) -> Any:
    factories.schedule(world)
    services.monthly_report_submit(
        actor=world.manager, access=world.access(world.manager), year=2026, month=5
    )
    url = reverse("support_office:performance-confirm", args=[world.contract.pk, 2026, 5])
    return (
        world.supervisor,
        url,
        {"amount": "1000", field: text},
        PerformanceConfirmation.objects.count,
    )


def _adhoc(world: Any, field: str, text: str) -> Any:
    url = reverse("support_office:adhoc-record", args=[world.contract.pk])
    data: dict[str, Any] = {"title": "報告", "body": "窓口での対応について"}
    if field == "file":
        data["file"] = SimpleUploadedFile(f"写真 {text}.png", PNG, content_type="image/png")
    else:
        data[field] = text
    return world.manager, url, data, AdHocReport.objects.count


STORED = {
    (ReportSubmitForm, "remarks"): _daily_submit,
    (PerformanceConfirmForm, "note"): _confirm,
    (AdHocReportForm, "title"): _adhoc,
    (AdHocReportForm, "body"): _adhoc,
    (AdHocReportForm, "file"): _adhoc,
}
