"""The reports' services and figures on the database: SO-13/SO-14 deadlines through the
obligation items, the day's and the month's figures, the confirmation (SO-16), ad-hoc reports
(SO-15), bounded queries whatever the number of requests."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from itaku.audit.models import AuditEvent
from itaku.core.models import ObligationItem
from itaku.support_office.dispatch.models import SupportRequest
from itaku.support_office.incidents.models import Behaviour, Incident
from itaku.support_office.reports import selectors, services
from itaku.support_office.reports.models import ReportState
from itaku.support_office.reports.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

FRIDAY = date(2026, 6, 12)  # the frozen day is Monday 15 June


@pytest.fixture
def scheduled(world):
    f.schedule(world)
    return world


def item(world, name, start):
    return ObligationItem.objects.get(
        obligation__contract=world.contract, obligation__name=name, period_start=start
    )


# ---- SO-13 ------------------------------------------------------------------------------------


def test_so13_the_daily_report_is_due_the_next_business_day(scheduled):
    assert item(scheduled, "日報", FRIDAY).due_date == date(2026, 6, 15)  # Fri → Mon
    # no daily report item on a Saturday: reports are for working days
    assert not ObligationItem.objects.filter(
        obligation__name="日報", period_start=date(2026, 6, 13)
    ).exists()


def test_so13_submitting_the_daily_report_meets_its_item_and_freezes_its_data(scheduled):
    w = scheduled
    f.request(w, requested_at=f.at(FRIDAY, 10))
    report = services.daily_report_submit(
        actor=w.manager, access=w.access(w.manager), day=FRIDAY, remarks="特になし"
    )
    it = item(w, "日報", FRIDAY)
    assert it.submitted_at is not None and it.submitted_by == w.manager
    assert report.state == ReportState.SUBMITTED and report.obligation_item == it
    assert report.data["counts"] == {"received": 1, "completed": 1, "continuing": 0}
    # later records do not change what was submitted
    f.request(w, requested_at=f.at(FRIDAY, 11))
    _, shown = selectors.daily_shown(access=w.access(w.manager), day=FRIDAY)
    assert shown["counts"]["received"] == 1
    event = AuditEvent.objects.get(action="so_daily_report.submit")
    assert event.changes["late"] is False and "特になし" not in json.dumps(event.changes)
    with pytest.raises(ValidationError):
        services.daily_report_submit(actor=w.manager, access=w.access(w.manager), day=FRIDAY)


def test_so13_a_late_daily_report_is_recorded_late(scheduled):
    w = scheduled
    services.daily_report_submit(actor=w.manager, access=w.access(w.manager), day=date(2026, 6, 1))
    assert AuditEvent.objects.get(action="so_daily_report.submit").changes["late"] is True
    [row] = [
        r
        for r in selectors.report_rows(access=w.access(w.manager))["daily"]
        if r.item.period_start == date(2026, 6, 1)
    ]
    assert row.late


def test_so13_the_ward_acknowledges_the_submitted_daily_report(scheduled):
    w = scheduled
    with pytest.raises(ValidationError):
        services.daily_report_acknowledge(
            actor=w.supervisor, access=w.access(w.supervisor), day=FRIDAY
        )
    services.daily_report_submit(actor=w.manager, access=w.access(w.manager), day=FRIDAY)
    report = services.daily_report_acknowledge(
        actor=w.supervisor, access=w.access(w.supervisor), day=FRIDAY
    )
    assert report.state == ReportState.ACKNOWLEDGED
    assert item(w, "日報", FRIDAY).acknowledged_by == w.supervisor


def test_so13_only_business_days_have_a_daily_report(scheduled):
    w = scheduled
    with pytest.raises(ValidationError, match="予定されていません"):
        services.daily_report_submit(
            actor=w.manager, access=w.access(w.manager), day=date(2026, 6, 13)
        )


def test_so13_the_day_lists_received_completed_continuing_without_visitor_details(scheduled):
    w = scheduled
    f.request(w, requested_at=f.at(FRIDAY, 9))  # received and completed
    f.request(w, requested_at=f.at(FRIDAY, 19), state="continuing", after_hours_minutes=45)
    f.request(w, requested_at=f.at(FRIDAY - timedelta(days=1), 15), state="arrived")
    f.request(w, requested_at=f.at(FRIDAY, 11), state="cancelled")
    data = selectors.daily_report_data(access=w.access(w.supervisor), day=FRIDAY)
    assert data["counts"] == {"received": 3, "completed": 1, "continuing": 2}
    assert data["after_hours"] == {"count": 1, "minutes": 45}
    line = data["received"][0]
    assert set(line) >= {"kind", "place", "requested_at", "state"}
    assert line["kind"] == "窓口同席" and line["place"] == "本庁舎 2階 戸籍住民課 窓口"
    text = json.dumps(data, ensure_ascii=False)
    assert "山田" not in text and "080" not in text and "大声" not in text
    assert data["closing"] == {"recorded": False, "label": "未記録", "checks": []}


@pytest.mark.parametrize(
    ("on_post", "accepted_after", "counted"),
    [
        pytest.param(False, 2, 1, id="SO-9 accepted off the duty schedule's shifts: counted"),
        pytest.param(True, 2, 0, id="SO-9 accepted on a shift: not counted"),
        pytest.param(None, 2, 0, id="SO-9 no approved schedule (not known): not counted"),
        pytest.param(False, None, 0, id="SO-9 not accepted yet: not counted"),
        pytest.param(False, 60 * 24, 0, id="SO-9 accepted the next day: not that day's"),
    ],
)
def test_so9_the_day_counts_requests_accepted_off_post(scheduled, on_post, accepted_after, counted):
    w = scheduled
    r = f.request(
        w, requested_at=f.at(FRIDAY, 9), state="continuing", accepted_after=accepted_after
    )
    SupportRequest.objects.filter(pk=r.pk).update(accepted_on_post=on_post)
    data = selectors.daily_report_data(access=w.access(w.supervisor), day=FRIDAY)
    assert data["off_post"] == counted


def test_so13_the_closing_check_appears_in_the_day(scheduled):
    w = scheduled
    f.closing(w, day=FRIDAY, complete=False)
    closing = selectors.daily_report_data(access=w.access(w.manager), day=FRIDAY)["closing"]
    assert closing["recorded"] is True
    assert [c["done"] for c in closing["checks"]] == [True, True, False, True]


# ---- SO-14 ------------------------------------------------------------------------------------


def test_so14_the_monthly_report_is_due_the_fifth_and_march_by_the_31st(world):
    f.schedule(world, through=date(2027, 3, 31))
    assert item(world, "月報", date(2026, 5, 1)).due_date == date(2026, 6, 5)
    assert item(world, "月報", date(2027, 3, 1)).due_date == date(2027, 3, 31)


MAY = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("arrivals", "median", "longest"),
    [
        pytest.param([10], 10.0, 10, id="SO-14 one request"),
        pytest.param([5, 20, 8], 8.0, 20, id="SO-14 three requests"),
        pytest.param([5, 20, 8, 40], 14.0, 40, id="SO-14 four requests: mean of the middle"),
        pytest.param([5, None], 5.0, 5, id="SO-14 a request not arrived is not timed"),
    ],
)
def test_so14_monthly_arrival_median_and_longest(world, arrivals, median, longest):
    for i, minutes in enumerate(arrivals):
        f.request(world, requested_at=f.at(MAY + timedelta(days=i), 10), arrived_after=minutes)
    data = selectors.monthly_report_data(access=world.access(world.supervisor), year=2026, month=5)
    assert (data["arrival"]["median"], data["arrival"]["longest"]) == (median, longest)
    assert data["total"] == len(arrivals)


def test_so14_monthly_counts_by_kind_place_behaviour_decision_and_trend(world):
    hall = f.place(world, name="1階 区民課", site="azabu")
    for day, kind, where, extra in [
        (1, "emergency", hall, 30),
        (2, "emergency", None, 0),
        (3, "sit_in", hall, 0),
    ]:
        f.request(
            world,
            requested_at=f.at(date(2026, 5, day), 10),
            kind=kind,
            where=where,
            after_hours_minutes=extra,
        )
    f.request(world, requested_at=f.at(date(2026, 4, 10), 10))  # April: only in the trend
    f.request(world, requested_at=f.at(date(2026, 5, 9), 10), state="cancelled")  # not counted
    f.incident(
        world,
        started_at=f.at(date(2026, 5, 1), 10),
        behaviours=[Behaviour.MENTAL, Behaviour.RESTRAINING],
        decision=Incident.Decision.HARASSMENT,
    )
    f.incident(
        world,
        started_at=f.at(date(2026, 5, 2), 10),
        behaviours=[Behaviour.MENTAL],
        decision=Incident.Decision.PENDING,
    )
    f.training(world, held_on=date(2026, 5, 20))
    data = selectors.monthly_report_data(access=world.access(world.manager), year=2026, month=5)
    pairs = lambda rows: [(r["label"], r["count"]) for r in rows]  # noqa: E731
    assert pairs(data["by_kind"]) == [("緊急対応", 2), ("窓口同席", 1)]
    assert pairs(data["by_place"]) == [
        ("麻布地区総合支所 1階 区民課", 2),
        ("本庁舎 2階 戸籍住民課 窓口", 1),
    ]
    assert pairs(data["by_department"]) == [("企画課(試験)", 3)]
    assert data["by_behaviour"][0] == {
        "key": "mental",
        "label": Behaviour.MENTAL.label,
        "count": 2,
    }
    assert pairs(data["by_decision"]) == [("カスハラに該当", 1), ("判断保留", 1)]
    assert data["after_hours"] == {"count": 1, "minutes": 30}
    assert [t["held_on_label"] for t in data["trainings"]] == ["令和8年5月20日"]
    assert [(r["month"], r["total"]) for r in data["trend"]][-2:] == [(4, 1), (5, 3)]
    assert len(data["trend"]) == selectors.TREND_MONTHS


@pytest.mark.parametrize("count", [1, 40])
def test_so14_the_monthly_figures_take_a_fixed_number_of_queries(
    world, django_assert_max_num_queries, count
):
    for i in range(count):
        f.request(world, requested_at=f.at(date(2026, 5, 1 + i % 28), 9 + i % 8))
    access = world.access(world.manager)
    with django_assert_max_num_queries(3):
        selectors.monthly_report_data(access=access, year=2026, month=5)


@pytest.mark.parametrize("count", [1, 40])
def test_so13_the_daily_figures_take_a_fixed_number_of_queries(
    world, django_assert_max_num_queries, count
):
    for _i in range(count):
        f.request(world, requested_at=f.at(FRIDAY, 9), state="arrived")
    access = world.access(world.manager)
    with django_assert_max_num_queries(2):
        selectors.daily_report_data(access=access, day=FRIDAY)


def test_so14_submitting_and_acknowledging_the_monthly_report(scheduled):
    w = scheduled
    report = services.monthly_report_submit(
        actor=w.manager, access=w.access(w.manager), year=2026, month=5
    )
    assert item(w, "月報", MAY).submitted_at is not None
    assert report.data["month_label"] == "令和8年5月"
    services.monthly_report_acknowledge(
        actor=w.supervisor, access=w.access(w.supervisor), year=2026, month=5
    )
    assert item(w, "月報", MAY).acknowledged_at is not None


# ---- SO-16, SO-15 -----------------------------------------------------------------------------


def test_so16_the_performance_is_confirmed_only_after_the_monthly_report(scheduled):
    w = scheduled
    access = w.access(w.supervisor)
    with pytest.raises(ValidationError, match="月報がまだ提出されていません"):
        services.performance_confirm(
            actor=w.supervisor, access=access, year=2026, month=5, amount=1
        )
    services.monthly_report_submit(actor=w.manager, access=w.access(w.manager), year=2026, month=5)
    confirmation = services.performance_confirm(
        actor=w.supervisor, access=access, year=2026, month=5, amount=1_234_000
    )
    assert confirmation.amount == 1_234_000 and confirmation.monthly_report.month == 5
    assert AuditEvent.objects.get(action="so_performance.confirm").changes["amount"] == 1_234_000
    with pytest.raises(ValidationError, match="確認済み"):
        services.performance_confirm(
            actor=w.supervisor, access=access, year=2026, month=5, amount=1
        )


def test_so16_the_manager_may_not_confirm_the_performance(scheduled):
    from django.core.exceptions import PermissionDenied

    w = scheduled
    with pytest.raises(PermissionDenied):
        services.performance_confirm(
            actor=w.manager, access=w.access(w.manager), year=2026, month=5, amount=1
        )


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_so15_an_adhoc_report_with_an_attachment(world):
    report = services.adhoc_report_record(
        actor=world.manager,
        access=world.access(world.manager),
        title="来庁者対応の報告",
        body="本日、窓口で長時間の居座りがありました。",
        asked_by_ward=True,
        file_name="写真.png",
        file_data=PNG,
    )
    assert report.attachment is not None and report.attachment.contract_id == world.contract.pk
    assert AuditEvent.objects.get(action="so_adhoc_report.record").changes == {
        "asked_by_ward": True,
        "attachment": True,
    }


def test_selectors_read_only_the_access_contract(world):
    f.request(world, requested_at=f.at(FRIDAY, 9), contract=world.other_contract)
    data = selectors.daily_report_data(access=world.access(world.manager), day=FRIDAY)
    assert data["counts"]["received"] == 0
    assert SupportRequest.objects.count() == 1
