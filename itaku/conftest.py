"""Shared test personas (STYLE.md): on one support-office contract, a ward supervisor, a
department requester, an auditor, a contractor manager, a rostered worker, a nurse, a volunteer,
and an outsider who works for the contractor but is on no roster.

Every persona is built through the services, the way the real system builds them. Tests run on a
fixed day inside the contract period; none depends on today's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from itaku.core import domain, services
from itaku.core.access import contract_access
from itaku.core.models import Contract, Notification, Organisation, Person, User

# The browser tests' fixtures (browser, page, phone, site), for every app's browser tests.
pytest_plugins = ["itaku.core.tests.browser"]

PERIOD_START = date(2026, 4, 1)
PERIOD_END = date(2027, 3, 31)
AWARDED_ON = date(2026, 2, 16)  # SO-10: the contract is prepared from its award
TODAY = date(2026, 6, 15)  # a Monday
PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test only


def verified_device(user: User) -> TOTPDevice:
    """A confirmed authenticator for ``user`` (the second factor, ASVS V6)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="試験", defaults={"confirmed": True}
    )
    return device


class VerifiedClient(Client):
    """A test client whose ``force_login`` stands for a complete sign-in, second factor
    included, so tests about what comes after login need not type codes. Tests of the login
    itself post to the login and code pages instead."""

    def force_login(self, user, backend=None):  # type: ignore[no-untyped-def]
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()


@pytest.fixture
def client() -> VerifiedClient:
    return VerifiedClient()


@pytest.fixture(autouse=True)
def _keys(settings, tmp_path):
    # Each test gets its own master key and key store, so no key outlives the test (PI-6).
    settings.ITAKU_MASTER_KEY = bytes(range(32))
    settings.ITAKU_MASTER_KEY_PREVIOUS = []
    settings.ITAKU_KEYSTORE_DIR = tmp_path / "keystore"
    settings.ITAKU_FILES_DIR = tmp_path / "files"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (see test_settings); tests need speed, not strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def generic_hand_in(monkeypatch):
    """The contract page's own submit and acknowledge buttons for every deliverable, as for an
    app that declares no page of its own for them (the world's contract is the support office's,
    whose reports, trainings and schedules are handed in on their pages): for the tests of that
    platform mechanism."""
    from itaku.core import registry

    monkeypatch.setattr(registry, "obligation_pages", lambda contract: {})


@pytest.fixture
def frozen_today(time_machine):
    """Freeze the clock at 10:00 Tokyo time on TODAY."""
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
    return TODAY


@dataclass
class World:
    contract: Contract
    other_contract: Contract
    admin: User
    supervisor: User
    requester: User
    auditor: User
    manager: User
    worker: User
    nurse: User
    volunteer: User
    outsider: User

    def access(self, user: User, contract: Contract | None = None, on: date = TODAY):
        return contract_access(user, (contract or self.contract).pk, on=on)

    def user(self, name: str) -> User:
        return getattr(self, name)


def make_user(username: str, org: Organisation, *, birth: date | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    Person.objects.create(
        organisation=org,
        user=user,
        family_name="試験",
        given_name=username,
        family_name_kana="しけん",
        given_name_kana="てすと",
        birth_date=birth,
    )
    return user


def make_contract(number: str, dept: Organisation, company: Organisation, **kw) -> Contract:
    values = {
        "title": f"試験契約 {number}",
        "number": number,
        "awarded_on": AWARDED_ON,
        "period_start": PERIOD_START,
        "period_end": PERIOD_END,
        "service_kind": "support_office",
        "department": dept,
        "contractor": company,
        "payment_cycle": "monthly",
    }
    values.update(kw)
    return Contract.objects.create(**values)


@pytest.fixture
def world(db) -> World:
    admin = User.objects.create_superuser(username="admin", password=PASSWORD)
    dept = Organisation.objects.create(name="企画課(試験)", kind="ward")
    company = Organisation.objects.create(name="受注者(試験)", kind="contractor")
    other_company = Organisation.objects.create(name="別の受注者(試験)", kind="contractor")
    contract = make_contract("T-1", dept, company)
    other = make_contract("T-2", dept, other_company)

    supervisor = make_user("supervisor", dept)
    requester = make_user("requester", dept)
    auditor = make_user("auditor", dept)
    for user, role in [
        (supervisor, domain.Role.WARD_SUPERVISOR),
        (requester, domain.Role.DEPARTMENT_REQUESTER),
        (auditor, domain.Role.AUDITOR),
    ]:
        services.ward_role_grant(
            actor=admin,
            contract=contract,
            person=user.person,
            role=role,
            valid_from=PERIOD_START,
        )
    manager = make_user("manager", company)
    services.contract_manager_appoint(
        actor=admin,
        contract=contract,
        person=manager.person,
        valid_from=PERIOD_START,
        pledge_date=date(2026, 3, 25),
    )
    sup_access = contract_access(supervisor, contract.pk, on=PERIOD_START)
    services.roster_version_decide(
        actor=supervisor,
        access=sup_access,
        version=contract.roster_versions.get(state="submitted"),
        approve=True,
    )
    mgr_access = contract_access(manager, contract.pk, on=PERIOD_START)
    worker = make_user("worker", company)
    nurse = make_user("nurse", company)
    volunteer = make_user("volunteer", company, birth=date(2000, 1, 1))
    for user, role, quals in [
        (worker, domain.Role.WORKER, ["police_experience"]),
        (nurse, domain.Role.NURSE, ["nurse_licence"]),
        (volunteer, domain.Role.VOLUNTEER, []),
    ]:
        services.roster_entry_add(
            actor=manager,
            access=mgr_access,
            person=user.person,
            role=role,
            qualifications=quals,
            valid_from=PERIOD_START,
            pledge_date=date(2026, 3, 25),
        )
    services.roster_version_submit(actor=manager, access=mgr_access)
    services.roster_version_decide(
        actor=supervisor,
        access=sup_access,
        version=contract.roster_versions.get(state="submitted"),
        approve=True,
    )
    outsider = make_user("outsider", company)
    # The world starts with an empty inbox: the notices of setting up its roster (SO-10) are
    # not what the tests look at.
    Notification.objects.all().delete()
    return World(
        contract=contract,
        other_contract=other,
        admin=admin,
        supervisor=supervisor,
        requester=requester,
        auditor=auditor,
        manager=manager,
        worker=worker,
        nurse=nurse,
        volunteer=volunteer,
        outsider=outsider,
    )
