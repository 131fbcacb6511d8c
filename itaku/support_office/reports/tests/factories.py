"""Small factories for the reports' tests: the records of the other parts made with the ORM
(their services are being built at the same time), and the contract's obligation items."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from itaku.core import services as core_services
from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.support_office.incidents.models import Incident
from itaku.support_office.office.models import DailyClosing, TrainingSession

JST = ZoneInfo("Asia/Tokyo")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=JST)


def schedule(world, through: date = date(2026, 6, 30)) -> None:
    """The contract's standard obligations (日報, 月報, …) and their items up to ``through``."""
    core_services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    core_services.obligation_items_schedule(
        actor=world.admin, contract=world.contract, through=through
    )


def place(world, name: str = "2階 戸籍住民課 窓口", site: str = "main", contract=None) -> Place:
    place, _ = Place.objects.get_or_create(
        contract=contract or world.contract, site=site, name=name
    )
    return place


_numbers = iter(range(1, 10_000_000))


def request(
    world,
    *,
    requested_at: datetime,
    kind: str = SupportRequest.Kind.SIT_IN,
    state: str = SupportRequest.State.COMPLETED,
    accepted_after: int | None = 2,
    arrived_after: int | None = 10,
    completed_after: int | None = 60,
    after_hours_minutes: int = 0,
    where: Place | None = None,
    contract=None,
) -> SupportRequest:
    def later(minutes: int | None) -> datetime | None:
        return None if minutes is None else requested_at + timedelta(minutes=minutes)

    return SupportRequest.objects.create(
        contract=contract or world.contract,
        number=next(_numbers),
        kind=kind,
        state=state,
        department=world.contract.department,
        requested_by=world.requester,
        requested_at=requested_at,
        place=where if where is not None else place(world, contract=contract),
        accepted_at=later(accepted_after),
        arrived_at=later(arrived_after),
        completed_at=later(completed_after) if state == SupportRequest.State.COMPLETED else None,
        after_hours_minutes=after_hours_minutes,
        visitor_notes="来庁者 山田太郎 080-0000-0000",
        details="窓口で大声",
    )


def incident(world, *, started_at: datetime, behaviours: list[str], decision: str) -> Incident:
    return Incident.objects.create(
        contract=world.contract,
        number=next(_numbers),
        department=world.contract.department,
        started_at=started_at,
        channel=Incident.Channel.IN_PERSON,
        behaviours=behaviours,
        decision=decision,
        customer_name="山田太郎",
        recorded_by=world.worker,
        recorded_at=started_at,
    )


def training(world, *, held_on: date, theme: str = "カスハラ対応の基本", count: int = 20):
    return TrainingSession.objects.create(
        contract=world.contract,
        held_on=held_on,
        theme=theme,
        trainer="講師 試験",
        attendee_count=count,
        recorded_by=world.manager,
        recorded_at=at(held_on, 17),
    )


def closing(world, *, day: date, complete: bool = True) -> DailyClosing:
    return DailyClosing.objects.create(
        contract=world.contract,
        day=day,
        documents_locked=True,
        cabinet_locked=True,
        keys_returned=complete,
        papers_shredded=True,
        recorded_by=world.worker,
        recorded_at=at(day, 18, 15),
    )
