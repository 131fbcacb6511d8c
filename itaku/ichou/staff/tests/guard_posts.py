"""The staff part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.programme.tests.helpers import make_ichou
from itaku.ichou.staff.forms import (
    ApplicantForm,
    ApplicantMoveForm,
    ManualForm,
    PublicityForm,
    TrainingPlanForm,
    TrainingReportForm,
)
from itaku.ichou.staff.models import (
    Applicant,
    ManualVersion,
    Publicity,
    TrainingPlan,
    TrainingReport,
)

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


def _publicity(world: Any, field: str, text: str):
    make_ichou(world)
    data = {"role": "volunteer", "channel": "sns", "published_on": "2026-06-01", "places": "3"}
    data[field] = text
    url = reverse("ichou:staff-publicity-add", args=[world.contract.pk])
    return world.manager, url, data, Publicity.objects.count


def _applicant_data() -> dict[str, str]:
    return {
        "role": "nurse",
        "family_name": "応募",
        "given_name": "花子",
        "family_name_kana": "おうぼ",
        "given_name_kana": "はなこ",
        "birth_date": "1990-01-01",
        "applied_on": "2026-06-01",
    }


def _applicant(world: Any, field: str, text: str):
    make_ichou(world)
    data = _applicant_data()
    # An e-mail address is checked as one first: the number is put where an address holds it.
    data[field] = text.replace("–", ".") + "@example.jp" if field == "email" else text
    url = reverse("ichou:staff-applicant-add", args=[world.contract.pk])
    return world.manager, url, data, Applicant.objects.count


def _move(world: Any, field: str, text: str):
    from itaku.ichou.staff.tests.helpers import applicant

    person = applicant(world)
    data = {"target": "rejected", "on": "2026-06-12", field: text}
    url = reverse("ichou:staff-applicant-move", args=[world.contract.pk, person.pk])
    return world.manager, url, data, Applicant.objects.filter(status="rejected").count


STORED: dict[tuple[type[Any], str], Any] = {
    (ManualForm, "summary"): _manual,
    (ManualForm, "document"): _manual,
    (TrainingPlanForm, "target"): _plan,
    (TrainingPlanForm, "outline"): _plan,
    (TrainingReportForm, "content"): _report,
    (TrainingReportForm, "materials"): _report,
    (PublicityForm, "description"): _publicity,
    **{
        (ApplicantForm, name): _applicant
        for name in ("family_name", "given_name", "phone", "email", "licence_number")
    },
    (ApplicantMoveForm, "reason"): _move,
}

# The readings refuse every digit in the field (itaku.web.forms.KanaField).
NO_DIGITS: dict[tuple[type[Any], str], Any] = {
    (ApplicantForm, "family_name_kana"): _applicant,
    (ApplicantForm, "given_name_kana"): _applicant,
}
