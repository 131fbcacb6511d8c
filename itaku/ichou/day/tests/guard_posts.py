"""The activity day's form texts for the My Number guard walk
(itaku/privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaku.ichou.day.forms import AccidentForm, LogForm
from itaku.ichou.day.models import AccidentReport, ActivityDay


def _log(world: Any, field: str, text: str):
    from itaku.ichou.day.tests.helpers import activity_day

    activity, _ = activity_day(world, participants=0)
    data = {"step": "log", "log_events": "予定どおり", field: text}
    url = reverse("ichou:day-log", args=[world.contract.pk, activity.pk])
    return world.manager, url, data, ActivityDay.objects.filter(log_written_at__isnull=False).count


def _accident(world: Any, field: str, text: str):
    from itaku.ichou.day.tests.helpers import activity_day

    activity, _ = activity_day(world, participants=0)
    data = {"kind": "injury", "happened_at": "2026-06-13T10:00", "what": "転んだ", field: text}
    url = reverse("ichou:accident-add", args=[world.contract.pk, activity.pk])
    return world.manager, url, data, AccidentReport.objects.count


STORED: dict[Any, Any] = {
    **{(LogForm, name): _log for name in ActivityDay.LOG_TEXTS},
    **{(AccidentForm, name): _accident for name in AccidentReport.TEXTS},
}
