"""The activity day's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _activity(world: Any) -> dict[str, Any]:
    from itaku.ichou.day.tests.helpers import activity_day

    activity, _ = activity_day(world, participants=3)
    return {"contract_id": world.contract.pk, "activity_id": activity.pk}


def _list(world: Any) -> dict[str, Any]:
    _activity(world)
    return {"contract_id": world.contract.pk}


def _report(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from itaku.ichou.day import services
    from itaku.ichou.day.tests.helpers import activity_day

    activity, _ = activity_day(world, participants=0)
    report = services.accident_report(
        actor=world.nurse,
        access=world.access(world.nurse),
        activity=activity,
        values={"kind": "injury", "happened_at": timezone.now(), "what": "転んだ"},
    )
    return {"contract_id": world.contract.pk, "report_id": report.pk}


def _reports(world: Any) -> dict[str, Any]:
    return {"contract_id": _report(world)["contract_id"]}


ROWS = [
    PageRow("ichou:day-list", "worker", "通常活動", "link", _list),
    PageRow("ichou:day-door", "worker", "受付する", "button", _activity),
    PageRow("ichou:day-prepare", "worker", "確認を記録する", "button", _activity),
    PageRow("ichou:day-log", "manager", "業務日誌を保存する", "button", _activity),
    PageRow("ichou:day-health", "nurse", "受付の画面に戻る", "link", _activity),
    PageRow("ichou:accident-add", "nurse", "提出する", "button", _activity),
    PageRow("ichou:accident", "supervisor", "確認した", "button", _report),
    PageRow("ichou:accidents", "auditor", "けが", "link", _reports),
]

EXEMPT = {
    "ichou:day-staffing": "an htmx fragment of the door screen (ichou:day-door), polled",
    "ichou:day-mark": "POST only: the door screen's marks",
}
