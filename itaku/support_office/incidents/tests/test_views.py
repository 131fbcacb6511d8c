"""SO-7: the incident and consultation pages: who gets what, each read audited, evidence and its
hash, the link from a dispatch request and from a consultation, the same customer across
departments, follow-ups on the to-do list, bounded queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_START, make_user
from itaku.core import domain as core_domain
from itaku.core import services as core_services
from itaku.core.access import contract_accesses
from itaku.core.models import Organisation
from itaku.support_office.dispatch.models import SupportRequest
from itaku.support_office.incidents import services
from itaku.support_office.incidents.decl import _follow_up_todos
from itaku.support_office.incidents.models import Consultation, Incident
from itaku.support_office.incidents.tests import factories
from itaku.support_office.incidents.tests.factories import SECRET, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_dept(world):
    """A second ward department with its own requester on the contract."""
    dept = Organisation.objects.create(name="福祉課(試験)", kind="ward")
    user = make_user("requester2", dept)
    core_services.ward_role_grant(
        actor=world.admin,
        contract=world.contract,
        person=user.person,
        role=core_domain.Role.DEPARTMENT_REQUESTER,
        valid_from=PERIOD_START,
    )
    return dept, user


@pytest.fixture
def incident(world, frozen_today):
    return factories.incident(world)


@pytest.fixture
def consultation(world, frozen_today):
    return factories.consultation(world)


def pages(world, incident, consultation):
    c, i, k = world.contract.pk, incident.pk, consultation.pk
    follow = services.follow_up_add(
        actor=world.manager,
        access=world.access(world.manager),
        incident=incident,
        what="再来庁に備える",
        due_on=date(2026, 6, 20),
        assignee=world.worker,
    )
    return {
        "list": ("get", reverse("support_office:incident-list", args=[c])),
        "record-form": ("get", reverse("support_office:incident-record", args=[c])),
        "record": ("post", reverse("support_office:incident-record", args=[c])),
        "detail": ("get", reverse("support_office:incident-detail", args=[c, i])),
        "change-form": ("get", reverse("support_office:incident-change", args=[c, i])),
        "change": ("post", reverse("support_office:incident-change", args=[c, i])),
        "evidence": ("post", reverse("support_office:incident-evidence-add", args=[c, i])),
        "follow-up": ("post", reverse("support_office:incident-follow-up-add", args=[c, i])),
        "done": ("post", reverse("support_office:follow-up-done", args=[c, follow.pk])),
        "c-list": ("get", reverse("support_office:consultation-list", args=[c])),
        "c-form": ("get", reverse("support_office:consultation-record", args=[c])),
        "c-detail": ("get", reverse("support_office:consultation-detail", args=[c, k])),
        "c-follow-up": (
            "post",
            reverse("support_office:consultation-follow-up-add", args=[c, k]),
        ),
    }


def test_so7_outsider_gets_404_on_every_page(client, world, incident, consultation):
    client.force_login(world.outsider)
    for name, (method, url) in pages(world, incident, consultation).items():
        response = getattr(client, method)(url)
        assert response.status_code == 404, name
        assert SECRET not in response.content.decode()


READ = {"list": 200, "detail": 200, "c-list": 200, "c-detail": 200}
NO_WRITE = {
    "record-form": 403,
    "record": 403,
    "change-form": 403,
    "change": 403,
    "evidence": 403,
    "follow-up": 403,
    "done": 403,
    "c-form": 403,
    "c-follow-up": 403,
}


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        pytest.param(
            "manager",
            {
                **READ,
                "record-form": 200,
                "record": 400,
                "change-form": 200,
                "change": 400,
                "evidence": 400,
                "follow-up": 400,
                "done": 302,
                "c-form": 200,
                "c-follow-up": 400,
            },
            id="SO-7 the office records",
        ),
        pytest.param("supervisor", {**READ, **NO_WRITE}, id="SO-7 the ward supervisor reads"),
        pytest.param("auditor", {**READ, **NO_WRITE}, id="SO-7 the auditor reads"),
        pytest.param(
            "requester", {**READ, **NO_WRITE}, id="SO-7 a requester reads their department's"
        ),
        pytest.param(
            "requester2",
            {
                **READ,
                **NO_WRITE,
                # The records of another department do not exist for them, posts included.
                "detail": 404,
                "c-detail": 404,
                "change-form": 404,
                "change": 404,
                "evidence": 404,
                "follow-up": 404,
                "c-follow-up": 404,
            },
            id="SO-7 another department's requester gets 404",
        ),
    ],
)
def test_so7_who_gets_what(client, world, other_dept, incident, consultation, user, expected):
    person = other_dept[1] if user == "requester2" else world.user(user)
    client.force_login(person)
    codes = {}
    for name, (method, url) in pages(world, incident, consultation).items():
        codes[name] = getattr(client, method)(url).status_code
    assert codes == expected


def test_so7_another_departments_requester_sees_none_of_its_records_in_the_lists(
    client, world, other_dept, incident, consultation
):
    client.force_login(other_dept[1])
    c = world.contract.pk
    assert client.get(reverse("support_office:incident-list", args=[c])).context["rows"] == []
    assert client.get(reverse("support_office:consultation-list", args=[c])).context["rows"] == []


def test_so7_record_an_incident_with_two_categories_audited_and_sealed(client, world, frozen_today):
    client.force_login(world.manager)
    url = reverse("support_office:incident-record", args=[world.contract.pk])
    response = client.post(
        url,
        {
            "department": str(world.contract.department_id),
            "started_at": "2026-06-12T10:00",
            "ended_at": "2026-06-12T11:30",
            "channel": "in_person",
            "demand_reasonable": "no",
            "behaviours": ["mental", "intimidating"],
            "responses": ["warning"],
            "police": "9110",
            "police_contacted_at": "2026-06-12T11:00",
            "decision": "harassment",
            "verbatim": SECRET,
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.behaviours == ["mental", "intimidating"]
    assert incident.decided_by == world.manager and incident.decided_at is not None
    [event] = AuditEvent.objects.filter(action="so_incident.record")
    assert SECRET not in str(event.changes) and event.changes["minutes"] == 90
    # Sealed in the database: the words are not stored in clear.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select verbatim from support_office_incident")
        assert SECRET not in cursor.fetchone()[0]
    page = client.get(response.url).content.decode()
    # SO-7: 90 minutes is a long detention; 拘束的な言動 is suggested since it was not chosen.
    assert "60分を超える長時間の拘束" in page and "拘束的な言動" in page


def test_so7_a_form_with_errors_keeps_what_was_typed(client, world, frozen_today):
    client.force_login(world.manager)
    url = reverse("support_office:incident-record", args=[world.contract.pk])
    response = client.post(
        url,
        {
            "department": str(world.contract.department_id),
            "started_at": "2026-06-12T10:00",
            "ended_at": "2026-06-12T09:00",
            "channel": "phone",
            "demand_reasonable": "unclear",
            "police": "none",
            "decision": "pending",
            "demand": "謝罪文を書け",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ended_at"]
    assert "謝罪文を書け" in response.content.decode()
    assert not Incident.objects.exists()


@pytest.mark.parametrize("user", ["manager", "supervisor", "auditor", "requester"])
def test_so7_each_read_of_an_incident_is_audited(client, world, incident, user):
    client.force_login(world.user(user))
    client.get(reverse("support_office:incident-detail", args=[world.contract.pk, incident.pk]))
    [event] = AuditEvent.objects.filter(action="incident.read", actor=world.user(user))
    assert event.changes["ids"] == [str(incident.pk)]


def test_so7_each_read_of_a_consultation_is_audited(client, world, consultation):
    client.force_login(world.supervisor)
    client.get(
        reverse("support_office:consultation-detail", args=[world.contract.pk, consultation.pk])
    )
    assert AuditEvent.objects.filter(action="consultation.read", actor=world.supervisor).exists()


def test_so7_evidence_hash_is_stored_and_shown(client, world, incident):
    import hashlib

    client.force_login(world.worker)
    url = reverse("support_office:incident-evidence-add", args=[world.contract.pk, incident.pk])
    upload = SimpleUploadedFile("photo.png", factories.PNG, content_type="image/png")
    response = client.post(url, {"file": upload, "description": "窓口の様子"})
    assert response.status_code == 302
    digest = hashlib.sha256(factories.PNG).hexdigest()
    [evidence] = incident.evidence.select_related("attachment")
    assert evidence.attachment.sha256 == digest
    assert AuditEvent.objects.filter(action="so_incident_evidence.add").exists()
    page = client.get(response.url).content.decode()
    assert digest in page
    assert 'accept="image/*' in page and 'capture="environment"' in page


def test_so7_a_dispatch_request_prefills_and_is_linked(client, world, frozen_today):
    support = SupportRequest.objects.create(
        contract=world.contract,
        number=7,
        kind=SupportRequest.Kind.FIELD_VISIT,
        department=world.contract.department,
        requested_by=world.requester,
        requested_at=at(12, 9),
        arrived_at=at(12, 9, 30),
    )
    client.force_login(world.manager)
    url = reverse("support_office:incident-record", args=[world.contract.pk])
    form = client.get(url, {"request": support.pk}).context["form"]
    assert form.initial["channel"] == Incident.Channel.VISIT
    assert form.initial["started_at"].hour == 9 and form.initial["started_at"].minute == 30
    response = client.post(
        url + f"?request={support.pk}",
        {
            "department": str(world.contract.department_id),
            "started_at": "2026-06-12T09:30",
            "channel": "visit",
            "demand_reasonable": "unclear",
            "police": "none",
            "decision": "pending",
        },
    )
    assert response.status_code == 302
    assert Incident.objects.get().request == support


def test_so7_a_request_of_another_contract_is_404(client, world, frozen_today):
    support = SupportRequest.objects.create(
        contract=world.other_contract,
        number=1,
        kind=SupportRequest.Kind.SIT_IN,
        department=world.contract.department,
        requested_by=world.requester,
        requested_at=at(12, 9),
    )
    client.force_login(world.manager)
    url = reverse("support_office:incident-record", args=[world.contract.pk])
    assert client.get(url, {"request": support.pk}).status_code == 404


def test_so7_a_consultation_becomes_a_linked_incident(client, world, consultation):
    client.force_login(world.manager)
    detail = reverse(
        "support_office:consultation-detail", args=[world.contract.pk, consultation.pk]
    )
    page = client.get(detail).content.decode()
    url = reverse("support_office:incident-record", args=[world.contract.pk])
    assert f"{url}?consultation={consultation.pk}" in page
    response = client.post(
        f"{url}?consultation={consultation.pk}",
        {
            "department": str(world.contract.department_id),
            "started_at": "2026-06-12T09:00",
            "channel": "phone",
            "demand_reasonable": "unclear",
            "police": "none",
            "decision": "pending",
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.incident == Incident.objects.get()


def test_so7_earlier_incidents_of_the_same_customer_across_departments(
    client, world, other_dept, frozen_today
):
    dept_b, requester_b = other_dept
    earlier = factories.incident(
        world,
        started_at=at(1),
        ended_at=None,
        customer_identified=True,
        customer_name="港 一郎",
    )
    factories.incident(
        world, started_at=at(2), ended_at=None, customer_identified=True, customer_name="別 人"
    )
    later = factories.incident(
        world,
        department=dept_b,
        started_at=at(10),
        ended_at=None,
        customer_identified=True,
        customer_name="港一郎",
        verbatim="福祉課での発言",
    )
    url = reverse("support_office:incident-detail", args=[world.contract.pk, later.pk])
    link = reverse("support_office:incident-detail", args=[world.contract.pk, earlier.pk])
    for user in (world.manager, world.supervisor):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert link in page, user
        assert "事案 1号" in page and "事案 2号" not in page
    # The requester of the later incident's department sees that a match exists, by date only.
    client.force_login(requester_b)
    response = client.get(url)
    [match] = response.context["matches"]
    assert match.incident is None
    page = response.content.decode()
    assert link not in page and SECRET not in page and "他の所管課で事案があります" in page


def test_so7_follow_ups_wait_in_the_assignees_todo_list(world, incident):
    services.follow_up_add(
        actor=world.manager,
        access=world.access(world.manager),
        incident=incident,
        what="再来庁に備える",
        due_on=date(2026, 6, 20),
        assignee=world.worker,
    )
    today = date(2026, 6, 15)
    [item] = _follow_up_todos(world.worker, today, contract_accesses(world.worker, on=today))
    assert "事案 1号" in item.what and "再来庁" not in item.what
    assert _follow_up_todos(world.manager, today, contract_accesses(world.manager, on=today)) == []


def test_so7_a_done_follow_up_leaves_the_todo_list(client, world, incident):
    item = services.follow_up_add(
        actor=world.manager,
        access=world.access(world.manager),
        incident=incident,
        what="再来庁に備える",
        due_on=date(2026, 6, 20),
        assignee=world.worker,
    )
    client.force_login(world.worker)
    client.post(reverse("support_office:follow-up-done", args=[world.contract.pk, item.pk]))
    today = date(2026, 6, 15)
    assert _follow_up_todos(world.worker, today, contract_accesses(world.worker, on=today)) == []


@pytest.mark.parametrize("url_name", ["incident-list", "consultation-list"])
def test_so7_lists_take_a_bounded_number_of_queries(
    client, world, frozen_today, django_assert_max_num_queries, url_name
):
    def add(number):
        for day in range(1, number + 1):
            factories.incident(world, started_at=at(day), ended_at=None)
            factories.consultation(world, consulted_at=at(day))

    client.force_login(world.supervisor)
    url = reverse(f"support_office:{url_name}", args=[world.contract.pk])
    add(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(8)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 9


def test_so7_the_contract_page_links_both_lists(client, world):
    client.force_login(world.supervisor)
    page = client.get(reverse("core:contract-detail", args=[world.contract.pk])).content.decode()
    assert reverse("support_office:incident-list", args=[world.contract.pk]) in page
    assert reverse("support_office:consultation-list", args=[world.contract.pk]) in page


def test_so7_a_consultation_is_recorded_and_listed(client, world, frozen_today):
    client.force_login(world.worker)
    response = client.post(
        reverse("support_office:consultation-record", args=[world.contract.pk]),
        {
            "consulted_at": "2026-06-12T09:00",
            "department": str(world.contract.department_id),
            "consultant": "企画課 試験職員",
            "subject": "電話で長時間責められる",
            "advice_kinds": ["negotiation", "recording"],
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.advice_kinds == ["negotiation", "recording"]
    assert AuditEvent.objects.filter(action="so_consultation.record").exists()


def change_data(world, **values):
    data = {
        "department": str(world.contract.department_id),
        "started_at": "2026-06-12T10:00",
        "ended_at": "2026-06-12T11:30",
        "channel": "in_person",
        "demand_reasonable": "unclear",
        "police": "none",
        "decision": "pending",
        "behaviours": ["mental", "restraining"],
        "verbatim": SECRET,
    }
    return {**data, **values}


def test_so7_an_incident_is_corrected_with_before_and_after_and_no_narrative_in_the_log(
    client, world, incident, frozen_today
):
    url = reverse("support_office:incident-change", args=[world.contract.pk, incident.pk])
    client.force_login(world.manager)
    form = client.get(url).content.decode()
    assert SECRET in form and 'value="2026-06-12T11:30"' in form  # what was recorded, to correct
    response = client.post(
        url,
        change_data(
            world,
            ended_at="2026-06-12T12:10",
            police="110",
            police_contacted_at="2026-06-12T10:20",
            police_reference="受理 12-345",
            decision="harassment",
            customer_identified="on",
            customer_name="港 一郎",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    incident.refresh_from_db()
    assert incident.police == "110" and incident.police_reference == "受理 12-345"
    assert incident.decision == "harassment" and incident.decided_by == world.manager
    event = AuditEvent.objects.get(action="so_incident.change", target_id=str(incident.pk))
    assert event.changes["decision"] == {"before": "pending", "after": "harassment"}
    assert event.changes["ended_at"]["after"].startswith("2026-06-12T12:10")
    assert set(event.changes["sealed_fields_changed"]) == {"police_reference", "customer_name"}
    assert "港" not in str(event.changes) and "受理" not in str(event.changes)
    # The blind index follows the name: a later incident of 港一郎 finds this one.
    later = factories.incident(
        world, started_at=at(13), ended_at=None, customer_identified=True, customer_name="港一郎"
    )
    page = client.get(reverse("support_office:incident-detail", args=[world.contract.pk, later.pk]))
    assert reverse("support_office:incident-detail", args=[world.contract.pk, incident.pk]) in (
        page.content.decode()
    )


def test_so7_a_correction_with_errors_keeps_what_was_typed_and_changes_nothing(
    client, world, incident, frozen_today
):
    url = reverse("support_office:incident-change", args=[world.contract.pk, incident.pk])
    client.force_login(world.manager)
    response = client.post(url, change_data(world, police="110", response_notes="追記"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "警察へ連絡した日時を入力してください。" in page and "追記" in page
    incident.refresh_from_db()
    assert incident.police == "none" and incident.response_notes == ""
    assert not AuditEvent.objects.filter(action="so_incident.change").exists()


def test_so7_a_correction_refuses_a_my_number(client, world, incident, frozen_today):
    url = reverse("support_office:incident-change", args=[world.contract.pk, incident.pk])
    client.force_login(world.manager)
    response = client.post(url, change_data(world, response_notes="番号 1234 5678 9018"))
    assert response.status_code == 400
    incident.refresh_from_db()
    assert incident.response_notes == ""
