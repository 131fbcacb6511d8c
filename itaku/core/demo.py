"""Demo data: a believable current fiscal year with both contracts and a person of every role.

Every name is generated from lists of common name parts; no real person is described. Used by
``manage.py demo_data`` and by ``make run`` on an empty database.
"""

from __future__ import annotations

import random
import time as time_module
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from itaku.core import calendar, domain, registry, services
from itaku.core.access import contract_access, needs_second_factor
from itaku.core.models import Contract, ObligationItem, Organisation, Person, User

DEMO_PASSWORD = "itaku-demo-2026"  # noqa: S105 - printed for the demo, never used in production

FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田"]
FAMILY_KANA = [
    "さとう",
    "すずき",
    "たかはし",
    "たなか",
    "いとう",
    "わたなべ",
    "やまもと",
    "なかむら",
    "こばやし",
    "かとう",
    "よしだ",
]
GIVEN = ["陽子", "健一", "美咲", "大輔", "恵", "翔太", "直子", "拓也", "由美", "誠"]
GIVEN_KANA = [
    "ようこ",
    "けんいち",
    "みさき",
    "だいすけ",
    "めぐみ",
    "しょうた",
    "なおこ",
    "たくや",
    "ゆみ",
    "まこと",
]

WARD_DEPARTMENTS = [
    "企画経営部企画課",
    "保健福祉支援部障害者福祉課",
    "芝地区総合支所",
    "麻布地区総合支所",
    "赤坂地区総合支所",
    "高輪地区総合支所",
    "芝浦港南地区総合支所",
]
SO_CONTRACTOR = "株式会社みなと安心サービス(架空)"
IC_CONTRACTOR = "一般社団法人いちょう支援ネット(架空)"


@dataclass(frozen=True)
class Persona:
    username: str
    description: str


PERSONAS = [
    Persona("admin", "システム管理者(区の情報システム担当)"),
    Persona("so-supervisor", "監督職員 企画課(安心対応サポート室)"),
    Persona("ic-supervisor", "監督職員 障害者福祉課(いちょう学級)"),
    Persona("requester", "所管課職員 芝地区総合支所"),
    Persona("auditor", "監査(両契約)"),
    Persona("so-manager", "責任者 サポート室の受注者"),
    Persona("so-worker", "従事者 サポート室(警察OB)"),
    Persona("ic-manager", "責任者 いちょう学級の受注者"),
    Persona("ic-nurse", "看護師 いちょう学級"),
    Persona("ic-volunteer", "ボランティア いちょう学級"),
    Persona("outsider", "名簿に載っていない受注者社員"),
]


class NameMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - not for security

    def person(self, org: Organisation, user: User | None, birth: date | None = None) -> Person:
        f = self.rng.randrange(len(FAMILY))
        g = self.rng.randrange(len(GIVEN))
        return Person.objects.create(
            organisation=org,
            user=user,
            family_name=FAMILY[f],
            given_name=GIVEN[g],
            family_name_kana=FAMILY_KANA[f],
            given_name_kana=GIVEN_KANA[g],
            birth_date=birth,
        )


def _user(username: str, *, superuser: bool = False) -> User:
    user = User(username=username, is_superuser=superuser, is_staff=superuser)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def authenticator_code(device: TOTPDevice) -> str:
    """The code an authenticator app with this device's key shows now; a later step's code
    when this step's was already used (the server allows one step of drift, never a replay)."""
    step_now = (int(time_module.time()) - device.t0) // device.step
    drift = max(0, device.last_t + 1 - step_now)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:0{device.digits}d}"


@dataclass
class DemoWorld:
    """What the demo's steps share: the day, the fiscal year, the administrator, the contracts
    by service kind. Each app's step (``contributions.DEMO_STEPS``) adds its part to it."""

    today: date
    fiscal_year: int
    admin: User | None = None
    contracts: dict[str, Contract] = field(default_factory=dict)
    supervisors: dict[str, str] = field(default_factory=dict)

    @property
    def working_day(self) -> date:
        """Today, or the nearest day of the period when today is outside it."""
        start = calendar.fiscal_year_start(self.fiscal_year)
        end = calendar.fiscal_year_end(self.fiscal_year)
        return min(max(self.today, start), end)


def demo_data_create(*, today: date | None = None) -> None:
    """Create the demo data for today's fiscal year: core's step, then each app's step in the
    order the apps are installed, then the second factors and the past of the obligations."""
    today = today or timezone.localdate()
    world = DemoWorld(today=today, fiscal_year=calendar.fiscal_year(today))
    with transaction.atomic():
        for step in registry.declared("DEMO_STEPS"):
            step(world)
        # The demo's second factor: a device per persona that needs one, whose current code
        # `manage.py demo_code <username>` prints, so the demo runs without a phone.
        for user in User.objects.all():
            if needs_second_factor(user, on=world.working_day):
                TOTPDevice.objects.create(user=user, name="デモ用", confirmed=True)
        _mark_history(
            today=today,
            supervisors={
                world.contracts[kind]: User.objects.get(username=username)
                for kind, username in world.supervisors.items()
            },
        )


def core_demo_step(world: DemoWorld) -> None:
    """Core's part: organisations, the two contracts, a person of every role on the roster,
    the obligations the service apps declare, scheduled 40 days ahead."""
    today, fy = world.today, world.fiscal_year
    start, end = calendar.fiscal_year_start(fy), calendar.fiscal_year_end(fy)
    names = NameMaker(seed=fy)
    admin = world.admin = _user("admin", superuser=True)
    depts = {
        name: Organisation.objects.create(name=f"港区 {name}", kind="ward")
        for name in WARD_DEPARTMENTS
    }
    so_company = Organisation.objects.create(name=SO_CONTRACTOR, kind="contractor")
    ic_company = Organisation.objects.create(name=IC_CONTRACTOR, kind="contractor")
    era_year = calendar.format_wareki_month(fy, 4).removesuffix("4月")  # 令和8年
    # SO-10: awarded in February, so the roster and the first schedule are prepared in March.
    awarded = date(fy, 2, 16)
    so = Contract.objects.create(
        title=f"{era_year}度 安心対応サポート室運営等業務委託",
        number=f"{fy}-KK-0012",
        awarded_on=awarded,
        period_start=start,
        period_end=end,
        service_kind="support_office",
        department=depts["企画経営部企画課"],
        contractor=so_company,
        payment_cycle="monthly",
    )
    ic = Contract.objects.create(
        title=f"{era_year}度 港区いちょう学級事業運営業務委託",
        number=f"{fy}-SF-0031",
        awarded_on=awarded,
        period_start=start,
        period_end=end,
        service_kind="ichou",
        department=depts["保健福祉支援部障害者福祉課"],
        contractor=ic_company,
        payment_cycle="quarterly",
    )
    world.contracts.update({"support_office": so, "ichou": ic})
    world.supervisors.update({"support_office": "so-supervisor", "ichou": "ic-supervisor"})
    ward = [
        ("so-supervisor", "企画経営部企画課", [(so, domain.Role.WARD_SUPERVISOR)]),
        ("ic-supervisor", "保健福祉支援部障害者福祉課", [(ic, domain.Role.WARD_SUPERVISOR)]),
        ("requester", "芝地区総合支所", [(so, domain.Role.DEPARTMENT_REQUESTER)]),
        ("auditor", "企画経営部企画課", [(so, domain.Role.AUDITOR), (ic, domain.Role.AUDITOR)]),
    ]
    for username, dept, grants in ward:
        person = names.person(depts[dept], _user(username))
        for contract, role in grants:
            services.ward_role_grant(
                actor=admin, contract=contract, person=person, role=role, valid_from=start
            )
    outsider = names.person(ic_company, _user("outsider"))
    del outsider  # works for the company but is on no roster: sees nothing
    supervisors = {so: "so-supervisor", ic: "ic-supervisor"}
    # Per contract: its company, its manager and the roster rows (username, role, qualifications,
    # birth date); a row without a username is a person without an account.
    staffing: list[
        tuple[
            Contract,
            Organisation,
            str,
            list[tuple[str | None, domain.Role, list[str], date | None]],
        ]
    ] = [
        (
            so,
            so_company,
            "so-manager",
            [
                ("so-worker", domain.Role.WORKER, ["police_experience"], None),
                (None, domain.Role.WORKER, ["police_experience"], None),
                (None, domain.Role.WORKER, ["police_experience"], None),
            ],
        ),
        (
            ic,
            ic_company,
            "ic-manager",
            [
                ("ic-nurse", domain.Role.NURSE, ["nurse_licence"], date(1980, 6, 1)),
                ("ic-volunteer", domain.Role.VOLUNTEER, [], date(2003, 9, 14)),
                (None, domain.Role.VOLUNTEER, [], date(fy - 17, 5, 5)),
                (None, domain.Role.WORKER, ["disability_support"], None),
            ],
        ),
    ]
    for n, (contract, company, manager_name, rows) in enumerate(staffing, start=1):
        pledge = start - timedelta(days=7)
        manager = names.person(company, _user(manager_name))
        services.contract_manager_appoint(
            actor=admin,
            contract=contract,
            person=manager,
            valid_from=start,
            pledge_date=pledge,
            qualifications=["disability_support"] if contract == ic else ["police_experience"],
            # IC-19: the responsible person is always reachable (a made-up number).
            contact_phone=f"090-0000-{n:04d}",
        )
        supervisor = User.objects.get(username=supervisors[contract])
        _approve_submitted(supervisor, contract, on=start)
        manager_access = contract_access(manager.user, contract.pk, on=start)
        for account, role, quals, birth in rows:
            services.roster_entry_add(
                actor=manager.user,
                access=manager_access,
                person=names.person(company, _user(account) if account else None, birth),
                role=role,
                qualifications=quals,
                valid_from=start,
                pledge_date=pledge,
            )
        services.roster_version_submit(actor=manager.user, access=manager_access)
        _approve_submitted(supervisor, contract, on=start)
    # A change waiting to be submitted: one more worker, added in a new draft version.
    so_manager = User.objects.get(username="so-manager")
    services.roster_entry_add(
        actor=so_manager,
        access=contract_access(so_manager, so.pk, on=start),
        person=names.person(so_company, None),
        role=domain.Role.WORKER,
        qualifications=["police_experience"],
        valid_from=world.working_day,
    )
    for contract in (so, ic):
        services.obligations_declare_standard(actor=admin, contract=contract)
        services.obligation_items_schedule(
            actor=admin, contract=contract, through=today + timedelta(days=40)
        )


def _approve_submitted(supervisor: User, contract: Contract, *, on: date) -> None:
    access = contract_access(supervisor, contract.pk, on=on)
    version = contract.roster_versions.get(state="submitted")
    services.roster_version_decide(actor=supervisor, access=access, version=version, approve=True)


def _mark_history(
    *, today: date, supervisors: dict[Contract, User], contract: Contract | None = None
) -> None:
    """Back-date what happened before today: past items were submitted on their due date and
    acknowledged, except the newest past daily report, which is left late, and the last few,
    which wait for the ward. Written directly because services stamp the present time. With
    ``contract``, only that contract's items (an app's step that needs its own history early
    leaves the other apps' items to their own steps)."""
    past = ObligationItem.objects.filter(due_date__lt=today).select_related("obligation__contract")
    if contract is not None:
        past = past.filter(obligation__contract=contract)
    late_daily = (
        past.filter(obligation__name="日報").order_by("-due_date").values_list("pk", flat=True)[:1]
    )
    waiting = set(
        ObligationItem.objects.filter(
            due_date__lt=today, due_date__gte=today - timedelta(days=5)
        ).values_list("pk", flat=True)
    )
    for item in past.exclude(pk__in=list(late_daily)):
        owner = item.obligation.contract
        managers = owner.roster_entries.filter(role="manager").values_list(
            "person__user", flat=True
        )
        moment = timezone.make_aware(datetime.combine(item.due_date, time(10, 0)))
        item.submitted_at = moment
        item.submitted_by_id = managers[0]
        if item.pk not in waiting:
            item.acknowledged_at = moment + timedelta(hours=3)
            item.acknowledged_by = supervisors[owner]
        item.save()
