"""The staff part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.programme.tests.helpers import make_ichou
from itaku.ichou.staff.forms import ManualForm, TrainingPlanForm, TrainingReportForm
from itaku.ichou.staff.models import ManualVersion, TrainingPlan, TrainingReport

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def _file(field: str, text: str, data: dict[str, Any], name: str) -> dict[str, Any]:
    data[name] = SimpleUploadedFile(
        f"写し {text}.png" if field == name else "写し.png", PNG, content_type="image/png"
    )
    if field != name:
        data[field] = text
    return data


def _manual(world: Any, field: str, text: str):
    make_ichou(world)
    data = _file(field, text, {"kind": "operations", "summary": ""}, "document")
    url = reverse("ichou:staff-manuals", args=[world.contract.pk])
    return world.manager, url, data, ManualVersion.objects.count


def _plan(world: Any, field: str, text: str):
    from itaku.ichou.staff.tests.helpers import plan_values

    make_ichou(world)
    data = {k: str(v) for k, v in plan_values().items()}
    data[field] = text
    url = reverse("ichou:staff-training", args=[world.contract.pk])
    return world.manager, url, data, TrainingPlan.objects.count


def _report(world: Any, field: str, text: str):
    from itaku.ichou.staff.tests.helpers import entries, plan

    training = plan(world)
    data: dict[str, Any] = {
        "held_on": "2026-05-20",
        "content": "話し合った",
        "attendees": [str(e.pk) for e in entries(world)],
    }
    if field == "materials":
        data["materials"] = SimpleUploadedFile(f"資料 {text}.png", PNG, content_type="image/png")
    else:
        data[field] = text
    url = reverse("ichou:staff-training-report", args=[world.contract.pk, training.pk])
    return world.manager, url, data, TrainingReport.objects.count


STORED = {
    (ManualForm, "summary"): _manual,
    (ManualForm, "document"): _manual,
    (TrainingPlanForm, "target"): _plan,
    (TrainingPlanForm, "outline"): _plan,
    (TrainingReportForm, "content"): _report,
    (TrainingReportForm, "materials"): _report,
}
