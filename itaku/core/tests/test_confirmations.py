"""Actions that cannot be undone ask first: the post without the confirmation page's button
changes nothing and shows what will happen; the post from that button does it (issue 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaku.audit.models import AuditEvent
from itaku.conftest import TODAY
from itaku.core import domain, services
from itaku.core.models import RosterEntry, RosterVersion

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "1"}


def submitted_version(world) -> RosterVersion:
    manager = world.access(world.manager)
    services.roster_entry_add(
        actor=world.manager,
        access=manager,
        person=services.NewPerson(family_name="追加", given_name="花子"),
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=TODAY,
    )
    return services.roster_version_submit(actor=world.manager, access=manager)


def asks(response, *texts: str) -> None:
    """The answer is the confirmation page, with ``texts`` and the confirming button."""
    page = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "confirm.html"
    assert 'name="confirmed" value="1"' in page
    for text in texts:
        assert text in page


def test_ending_an_entry_asks_first_then_ends_it(client, world, frozen_today):
    entry = RosterEntry.objects.get(person__user=world.worker)
    url = reverse("core:roster-entry-end", args=[world.contract.pk, entry.pk])
    client.force_login(world.manager)
    events = AuditEvent.objects.count()

    asks(client.post(url), f"{entry.person.full_name} さんの従事を終了します", "取り消せません")
    entry.refresh_from_db()
    assert entry.ended_at is None
    assert AuditEvent.objects.filter(action="roster_entry.end").count() == 0
    assert AuditEvent.objects.count() == events

    assert client.post(url, CONFIRMED).status_code == 302
    entry.refresh_from_db()
    assert entry.ended_at is not None


def test_submitting_the_roster_asks_first_then_submits_it(client, world, frozen_today):
    services.roster_entry_add(
        actor=world.manager,
        access=world.access(world.manager),
        person=services.NewPerson(family_name="追加", given_name="花子"),
        role=domain.Role.WORKER,
        qualifications=[],
        valid_from=TODAY,
    )
    url = reverse("core:roster-version-submit", args=[world.contract.pk])
    client.force_login(world.manager)

    draft = world.contract.roster_versions.get(state="draft")
    asks(client.post(url), f"従事者名簿 第{draft.number}版を区に提出します", "提出は取り消せません")
    assert not world.contract.roster_versions.filter(state="submitted").exists()

    assert client.post(url, CONFIRMED).status_code == 302
    assert world.contract.roster_versions.filter(state="submitted").count() == 1


def test_approving_asks_first_then_approves(client, world, frozen_today):
    version = submitted_version(world)
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "approve"])
    client.force_login(world.supervisor)

    asks(client.post(url), f"名簿 第{version.number}版を承認します", "承認は取り消せません")
    version.refresh_from_db()
    assert version.state == "submitted"

    response = client.post(url, CONFIRMED, follow=True)
    version.refresh_from_db()
    assert version.state == "approved"
    assert f"名簿 第{version.number}版を承認しました。" in response.content.decode()


def test_returning_asks_first_with_the_reason_then_returns_with_it(client, world, frozen_today):
    version = submitted_version(world)
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "return"])
    client.force_login(world.supervisor)

    response = client.post(url, {"note": "誓約書の写しがありません"})
    asks(response, "差し戻します", "誓約書の写しがありません")
    assert 'name="note" value="誓約書の写しがありません"' in response.content.decode()
    version.refresh_from_db()
    assert version.state == "submitted"

    client.post(url, {"note": "誓約書の写しがありません", **CONFIRMED})
    version.refresh_from_db()
    assert (version.state, version.decision_note) == ("returned", "誓約書の写しがありません")


def test_a_return_without_a_reason_is_refused_before_any_confirmation(client, world, frozen_today):
    version = submitted_version(world)
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "return"])
    client.force_login(world.supervisor)
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    assert response.templates[0].name == "core/roster.html"


@pytest.mark.parametrize(("user", "refused"), [("outsider", {404}), ("worker", {403, 404})])
def test_who_may_not_act_gets_no_confirmation(client, world, frozen_today, user, refused):
    version = submitted_version(world)
    entry = RosterEntry.objects.get(person__user=world.worker)
    c = world.contract.pk
    client.force_login(world.user(user))
    for url in (
        reverse("core:roster-entry-end", args=[c, entry.pk]),
        reverse("core:roster-version-submit", args=[c]),
        reverse("core:roster-version-decide", args=[c, version.pk, "approve"]),
    ):
        assert client.post(url).status_code in refused, url


def test_a_manager_gets_no_confirmation_for_approving(client, world, frozen_today):
    version = submitted_version(world)
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "approve"])
    client.force_login(world.manager)
    assert client.post(url).status_code == 403


@pytest.mark.usefixtures("generic_hand_in")
def test_the_obligation_messages_are_whole_sentences(client, world, frozen_today):
    services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    services.obligation_items_schedule(actor=world.admin, contract=world.contract, through=TODAY)
    item = world.contract.obligations.get(clause_id="SO-13").items.first()
    name = item.obligation.name
    client.force_login(world.manager)
    url = reverse("core:obligation-item-act", args=[world.contract.pk, item.pk, "submit"])
    assert f"{name}を提出済みにしました。" in client.post(url, follow=True).content.decode()
    client.force_login(world.supervisor)
    url = reverse("core:obligation-item-act", args=[world.contract.pk, item.pk, "acknowledge"])
    page = client.post(url, follow=True).content.decode()
    assert f"{name}の受領を確認しました。" in page
    assert "を受領を" not in page
