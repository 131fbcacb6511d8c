"""What a roster line gives, and from when (SO-10, SO-17, PI-2): a change that widens access
waits for the ward's approval, one that narrows it takes effect at once; the manager prepares
the contract from its award; access holds on the period's last day and not the day after."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404
from django.urls import reverse

from itaku.conftest import AWARDED_ON, PERIOD_END, PERIOD_START, TODAY, make_user
from itaku.core import domain, services
from itaku.core.access import contract_access, contracts_visible_to
from itaku.core.models import ObligationItem, RosterEntry

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
PREPARING = date(2026, 3, 10)  # after the award (16 Feb), before the period (1 Apr)


def worker_entry(world) -> RosterEntry:
    return RosterEntry.objects.get(contract=world.contract, person=world.worker.person)


def change(world, entry, **kw) -> RosterEntry:
    values = {
        "qualifications": entry.qualifications,
        "valid_to": entry.valid_to,
        "pledge_date": entry.pledge_date,
    }
    values.update(kw)
    return services.roster_entry_change(
        actor=world.manager, access=world.access(world.manager), entry=entry, **values
    )


def approve_submitted(world, on=TODAY):
    services.roster_version_submit(actor=world.manager, access=world.access(world.manager, on=on))
    services.roster_version_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor, on=on),
        version=world.contract.roster_versions.get(state="submitted"),
        approve=True,
    )


def sees_contract(client, user, contract) -> int:
    client.force_login(user)
    url = reverse("core:contract-detail", kwargs={"contract_id": contract.pk})
    return client.get(url).status_code


def test_so10_an_end_date_cleared_by_the_manager_gives_nothing_until_the_ward_approves(
    client, world, frozen_today
):
    # The defect the review found: end date in the past → 404; clear it → 200 at once.
    entry = change(world, worker_entry(world), valid_to=date(2026, 6, 1))
    assert sees_contract(client, world.worker, world.contract) == 404  # narrowing: at once
    entry = change(world, entry, valid_to=None)
    assert entry.valid_to is None and entry.granted_valid_to == date(2026, 6, 1)
    assert sees_contract(client, world.worker, world.contract) == 404  # widening: waits
    approve_submitted(world)
    assert sees_contract(client, world.worker, world.contract) == 200


def test_so17_a_pledge_recorded_by_the_manager_gives_access_only_once_approved(world):
    entry = change(world, worker_entry(world), pledge_date=None)
    assert not contracts_visible_to(world.worker, on=TODAY).exists()
    change(world, entry, pledge_date=date(2026, 6, 1))
    assert not contracts_visible_to(world.worker, on=TODAY).exists()
    approve_submitted(world)
    assert list(contracts_visible_to(world.worker, on=TODAY)) == [world.contract]


def test_so10_a_later_end_date_waits_and_an_earlier_one_does_not(world):
    entry = change(world, worker_entry(world), valid_to=date(2026, 7, 31))
    assert entry.granted_valid_to == date(2026, 7, 31)
    entry = change(world, entry, valid_to=date(2026, 12, 31))
    assert entry.granted_valid_to == date(2026, 7, 31)
    assert not contracts_visible_to(world.worker, on=date(2026, 8, 3)).exists()
    approve_submitted(world)
    entry.refresh_from_db()
    assert entry.granted_valid_to == date(2026, 12, 31)
    assert contracts_visible_to(world.worker, on=date(2026, 8, 3)).exists()


def test_so9_a_new_qualification_counts_only_once_approved(world):
    entry = change(
        world, worker_entry(world), qualifications=["police_experience", "nurse_licence"]
    )
    assert entry.granted_qualifications == ["police_experience"]
    assert entry.awaits_approval
    approve_submitted(world)
    entry.refresh_from_db()
    assert entry.granted_qualifications == ["nurse_licence", "police_experience"]
    assert not entry.awaits_approval


def test_so10_the_approval_never_gives_more_than_the_roster_says_now(world):
    # Widened, submitted, then narrowed again before the ward decided: the approval of the
    # submitted version does not bring the wider terms back.
    entry = change(world, worker_entry(world), valid_to=date(2026, 7, 31))
    change(world, entry, valid_to=date(2026, 12, 31))
    services.roster_version_submit(actor=world.manager, access=world.access(world.manager))
    entry.refresh_from_db()
    change(world, entry, valid_to=date(2026, 6, 30))
    services.roster_version_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        version=world.contract.roster_versions.get(state="submitted"),
        approve=True,
    )
    entry.refresh_from_db()
    assert entry.granted_valid_to == date(2026, 6, 30)


# ---- the period's edges (SO-1, IC-1) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "on", "sees"),
    [
        ("worker", PERIOD_END, True),  # SO-1: the last day of the period is inside it
        ("worker", date(2027, 4, 1), False),  # and the day after is not
        ("manager", PERIOD_END, True),
        ("manager", date(2027, 4, 1), False),
        ("supervisor", date(2027, 4, 1), True),  # the ward keeps reading after the period
    ],
)
def test_so1_access_holds_on_the_last_day_of_the_period_and_not_after(world, user, on, sees):
    visible = contracts_visible_to(world.user(user), on=on).filter(pk=world.contract.pk).exists()
    assert visible is sees
    if sees:
        assert contract_access(world.user(user), world.contract.pk, on=on).roles
    else:
        with pytest.raises(Http404):
            contract_access(world.user(user), world.contract.pk, on=on)


# ---- preparation before the period (SO-10) ------------------------------------------------------


@pytest.fixture
def awarded(world):
    """A second contract of the same contractor, awarded on AWARDED_ON, whose manager was
    appointed from the award with a pledge, and approved by the ward before the period."""
    from itaku.conftest import make_contract

    contract = make_contract(
        "T-3", world.contract.department, world.contract.contractor, awarded_on=AWARDED_ON
    )
    services.ward_role_grant(
        actor=world.admin,
        contract=contract,
        person=world.supervisor.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=AWARDED_ON,
    )
    services.contract_manager_appoint(
        actor=world.admin,
        contract=contract,
        person=world.manager.person,
        valid_from=AWARDED_ON,
        pledge_date=AWARDED_ON,
    )
    services.roster_version_decide(
        actor=world.supervisor,
        access=contract_access(world.supervisor, contract.pk, on=AWARDED_ON),
        version=contract.roster_versions.get(state="submitted"),
        approve=True,
    )
    return contract


def test_so10_the_manager_prepares_the_roster_after_the_award_and_the_ward_approves_it(
    world, awarded
):
    manager = contract_access(world.manager, awarded.pk, on=PREPARING)
    assert manager.roles == {domain.Role.MANAGER}
    helper = make_user("helper", world.contract.contractor)
    services.roster_entry_add(
        actor=world.manager,
        access=manager,
        person=helper.person,
        role=domain.Role.WORKER,
        qualifications=["police_experience"],
        valid_from=PERIOD_START,
        pledge_date=PREPARING,
    )
    services.roster_version_submit(actor=world.manager, access=manager)
    services.roster_version_decide(
        actor=world.supervisor,
        access=contract_access(world.supervisor, awarded.pk, on=PREPARING),
        version=awarded.roster_versions.get(state="submitted"),
        approve=True,
    )
    # Nothing else before the period: the worker comes in on the first day.
    with pytest.raises(Http404):
        contract_access(helper, awarded.pk, on=PREPARING)
    assert contract_access(helper, awarded.pk, on=PERIOD_START).roles == {domain.Role.WORKER}


def test_so10_a_worker_cannot_be_entered_to_start_before_the_period(world, awarded):
    from django.core.exceptions import ValidationError

    helper = make_user("helper", world.contract.contractor)
    with pytest.raises(ValidationError) as refused:
        services.roster_entry_add(
            actor=world.manager,
            access=contract_access(world.manager, awarded.pk, on=PREPARING),
            person=helper.person,
            role=domain.Role.WORKER,
            qualifications=["police_experience"],
            valid_from=PREPARING,
            pledge_date=PREPARING,
        )
    assert "valid_from" in refused.value.message_dict


def test_so10_the_first_schedule_is_submitted_before_the_period_not_late(
    world, awarded, time_machine
):
    time_machine.move_to(datetime(2026, 3, 20, 10, 0, tzinfo=TOKYO), tick=False)
    services.obligations_declare_standard(actor=world.admin, contract=awarded)
    services.obligation_items_schedule(actor=world.admin, contract=awarded, through=PERIOD_START)
    first = ObligationItem.objects.get(
        obligation__contract=awarded, obligation__clause_id="SO-10", period_start=PERIOD_START
    )
    assert first.due_date < PERIOD_START
    manager = contract_access(world.manager, awarded.pk, on=date(2026, 3, 20))
    services.obligation_item_submit(actor=world.manager, access=manager, item=first)
    first.refresh_from_db()
    assert not domain.is_submitted_late(due_date=first.due_date, submitted_on=date(2026, 3, 20))
    # But the manager reads nothing else yet, e.g. the attachments.
    from itaku.privacy.contributions import VIEW_ATTACHMENTS

    assert not manager.can(VIEW_ATTACHMENTS)


def test_so10_the_contract_page_opens_for_the_preparing_manager_only(
    client, world, awarded, time_machine
):
    time_machine.move_to(datetime(2026, 3, 10, 10, 0, tzinfo=TOKYO), tick=False)
    assert sees_contract(client, world.manager, awarded) == 200
    assert sees_contract(client, world.worker, awarded) == 404
    assert sees_contract(client, world.outsider, awarded) == 404


def test_so10_the_roster_page_says_which_change_waits_for_the_ward(client, world, frozen_today):
    change(world, worker_entry(world), qualifications=["police_experience", "nurse_licence"])
    client.force_login(world.manager)
    page = client.get(reverse("core:roster", kwargs={"contract_id": world.contract.pk}))
    assert page.content.decode().count("変更は区の承認待ち") == 1


def test_so10_a_submitted_roster_tells_the_wards_supervisors(world, frozen_today):
    from itaku.core.models import Notification

    change(world, worker_entry(world), valid_to=date(2026, 9, 30))
    services.roster_version_submit(actor=world.manager, access=world.access(world.manager))
    (notice,) = Notification.objects.filter(kind="roster_submitted")
    assert (notice.recipient, notice.contract) == (world.supervisor, world.contract)
    assert notice.link == reverse("core:roster", kwargs={"contract_id": world.contract.pk})
