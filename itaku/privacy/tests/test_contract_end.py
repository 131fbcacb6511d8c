"""PI-8, IC-29: at the end of a contract its data is returned to the ward in a package whose
manifest fingerprints every file, what the next contractor needs is handed over, and the data is
then made unreadable by destroying its keys, with a destruction certificate."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from pypdf import PdfReader

from itaku.audit.models import AuditEvent
from itaku.conftest import PERIOD_END
from itaku.core import services as core_services
from itaku.core.access import contracts_visible_to
from itaku.core.domain import CONTRACTOR_ROLES
from itaku.core.models import RosterEntry
from itaku.core.tests.plugins import extra_contributions
from itaku.documents.protect import WrongPassword, sha256_hex, zip_read
from itaku.privacy import crypto, domain, packages
from itaku.privacy.contract_end import end_checklist
from itaku.privacy.files import file_read
from itaku.privacy.keys import key_opens
from itaku.privacy.models import Attachment, ContractPackage, DataKey, DestructionCertificate
from itaku.privacy.services import contract_end as svc
from itaku.privacy.services.attachments import attachment_add
from itaku.privacy.tests.sealed_app.models import Subject
from itaku.privacy.tests.test_attachments import PNG
from itaku.privacy.tests.test_keys import NOTE, subject

ALL_SECTIONS = [
    "contract",
    "roster",
    "attachments",
    "audit",
    "exports",
    "leaks",
    "so_requests",
    "so_incidents",
    "so_duty",
    "so_office",
    "so_reports",
    "subjects",
]

# ---- the rules, without a database ------------------------------------------------------------


@pytest.mark.parametrize(
    ("checked", "confirmable", "confirmed", "done"),
    [
        (None, True, False, False),  # a manual item (SO-11) waits for the supervisor
        (None, True, True, True),
        (True, False, False, True),  # an automatic item that holds
        (False, False, False, False),
        (False, False, True, False),  # an automatic item cannot be confirmed away …
        (False, True, True, True),  # … unless it says so: no handover needed (IC-29)
        (False, True, False, False),
    ],
)
def test_pi8_when_a_checklist_item_is_done(checked, confirmable, confirmed, done):
    assert (
        domain.end_item_done(checked=checked, confirmable=confirmable, confirmed=confirmed) is done
    )


END = date(2027, 3, 31)


def entry(*, contractor=True, approved=True, ended=False, valid_to=None, pledge=date(2026, 3, 1)):
    return domain.ClosingEntry(
        contractor_side=contractor,
        approved=approved,
        ended=ended,
        valid_to=valid_to,
        pledge_date=pledge,
    )


@pytest.mark.parametrize(
    ("entries", "closed"),
    [
        ([], True),
        ([entry(valid_to=END)], True),
        ([entry(valid_to=date(2026, 9, 30))], True),
        ([entry(ended=True)], True),
        ([entry()], False),  # still open: no last day
        ([entry(valid_to=date(2027, 4, 1))], False),  # runs past the period
        ([entry(valid_to=END, pledge=None)], False),  # PI-2: worked without a pledge
        ([entry(valid_to=END, pledge=None, approved=False)], True),  # never had access
        ([entry(contractor=False)], True),  # the ward reads on until destruction
        ([entry(valid_to=END), entry()], False),
    ],
)
def test_pi2_the_roster_is_closed_at_contract_end(entries, closed):
    assert domain.roster_closed(entries, period_end=END) is closed


@pytest.mark.parametrize(
    ("purpose", "chosen", "result"),
    [
        ("return", [], ALL_SECTIONS),  # PI-8: the return holds everything, whatever is chosen
        ("return", ["roster"], ALL_SECTIONS),
        ("handover", ["roster", "contract"], ["contract", "roster"]),  # IC-29, registry order
        ("handover", [], "1つ以上"),
        ("handover", ["payroll"], "選べない"),
        ("gift", ["roster"], "種類"),
    ],
)
def test_ic29_which_sections_a_package_holds(purpose, chosen, result):
    if isinstance(result, str):
        with pytest.raises(ValueError, match=result):
            domain.package_sections(purpose=purpose, chosen=chosen, available=ALL_SECTIONS)
    else:
        assert (
            domain.package_sections(purpose=purpose, chosen=chosen, available=ALL_SECTIONS)
            == result
        )


@pytest.mark.parametrize(
    ("state", "open_items", "typed", "fields"),
    [
        ("returned", [], "T-1", set()),
        ("returned", [], " T-1 ", set()),
        ("ended", [], "T-1", {""}),
        ("returned", ["貸与物・鍵の返却"], "T-1", {""}),
        ("returned", [], "T-2", {"confirm_number"}),
        ("returned", [], "", {"confirm_number"}),
        ("active", ["x"], "t-1", {"", "confirm_number"}),
    ],
)
def test_pi8_when_data_may_be_destroyed(state, open_items, typed, fields):
    problems = domain.destruction_problems(
        state=state, open_items=open_items, typed_number=typed, number="T-1"
    )
    assert set(problems) == fields


# ---- helpers ----------------------------------------------------------------------------------


def end_contract(world):
    """The administrator ends the contract; the supervisor closes the roster lines left open."""
    core_services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    world.contract.refresh_from_db()
    core_services.roster_close_at_contract_end(actor=world.supervisor, access=sup(world))


def sup(world):
    return world.access(world.supervisor)


def with_data(world):
    """An attachment, a sealed record and a name index entry on the contract, and the same on
    the other contract."""
    attachment = attachment_add(
        actor=world.worker, access=world.access(world.worker), name="相談録音.png", data=PNG
    )
    return attachment, subject(world.contract), subject(world.other_contract)


def build(world, purpose="return", sections=()):
    return svc.package_build(
        actor=world.supervisor, access=sup(world), purpose=purpose, sections=list(sections)
    )


def returned(world):
    """Ended, return package built and received, handover waived: ready to destroy."""
    if world.contract.state == "active":
        end_contract(world)
    package, password = build(world)
    svc.package_receive(actor=world.supervisor, access=sup(world), package_id=package.pk)
    svc.end_item_confirm(
        actor=world.supervisor,
        access=sup(world),
        item_key="handover",
        note="次年度は区の直営のため引継ぎ先なし",
    )
    return package, password


def destroy(world, number="T-1"):
    return svc.contract_destroy(actor=world.supervisor, access=sup(world), confirm_number=number)


def states(contract):
    return {s.item.key: s.done for s in end_checklist(contract)}


# ---- checklist --------------------------------------------------------------------------------


def test_pi8_the_checklist_follows_the_contract_through_its_end(world, frozen_today):
    assert states(world.contract) == {
        "access_revoked": False,
        "roster_closed": False,
        "return_received": False,
        "handover": False,
        "leaks_closed": True,
        "so_equipment_returned": True,  # the support office's (SO-11): nothing lent here
    }
    end_contract(world)
    assert states(world.contract) == {
        "access_revoked": True,
        "roster_closed": True,
        "return_received": False,
        "handover": False,
        "leaks_closed": True,
        "so_equipment_returned": True,  # the support office's (SO-11): nothing lent here
    }
    returned(world)
    world.contract.refresh_from_db()
    assert all(states(world.contract).values())


def test_ic29_an_approved_handover_package_ticks_the_handover_item(world, frozen_today):
    build(world, "handover", ["roster"])
    assert states(world.contract)["handover"] is True


def test_pi8_a_manual_item_needs_a_note_and_is_confirmed_once(world, frozen_today):
    with pytest.raises(ValidationError, match="確認したか"):
        svc.end_item_confirm(
            actor=world.supervisor, access=sup(world), item_key="handover", note="  "
        )
    svc.end_item_confirm(
        actor=world.supervisor, access=sup(world), item_key="handover", note="不要"
    )
    with pytest.raises(ValidationError, match="すでに"):
        svc.end_item_confirm(
            actor=world.supervisor, access=sup(world), item_key="handover", note="不要"
        )
    # An automatic item without a way out cannot be confirmed by hand.
    with pytest.raises(Http404):
        svc.end_item_confirm(
            actor=world.supervisor, access=sup(world), item_key="roster_closed", note="済み"
        )
    event = AuditEvent.objects.get(action="end_item.confirm")
    assert event.actor == world.supervisor and event.changes["clause"] == "IC-29"


# ---- packages ---------------------------------------------------------------------------------


def test_pi8_the_return_package_holds_every_section_and_its_manifest_matches(world, frozen_today):
    attachment, *_ = with_data(world)
    end_contract(world)
    package, password = build(world, sections=["roster"])
    assert package.sections == ALL_SECTIONS
    archive = file_read(kind="packages", name=str(package.pk))
    assert sha256_hex(archive) == package.archive_sha256
    with pytest.raises(WrongPassword):
        zip_read(data=archive, password="wrong-password")
    files = zip_read(data=archive, password=password)
    assert sha256_hex(files["manifest.json"]) == package.manifest_sha256
    manifest = json.loads(files["manifest.json"])
    assert manifest["files"] == package.manifest
    assert {f["path"] for f in manifest["files"]} == set(files) - {"manifest.json"}
    for f in manifest["files"]:
        assert sha256_hex(files[f["path"]]) == f["sha256"]
        assert len(files[f["path"]]) == f["size"]
    assert files[f"attachments/{attachment.id.hex}.png"] == PNG
    # The file's own name is personal data: inside the archive, never in a path of the zip.
    assert not any("相談録音" in path for path in files)
    assert "相談録音.png" in files["attachments/index.csv"].decode("utf-8-sig")
    contract_json = json.loads(files["contract.json"])
    assert contract_json["number"] == "T-1"
    assert contract_json["parties"]["contractor"] == "受注者(試験)"
    assert "試験 worker" in files["roster.csv"].decode("utf-8-sig")
    assert "attachment.add" in files["audit.csv"].decode("utf-8-sig")
    assert password not in repr(AuditEvent.objects.values_list("changes", flat=True))


def test_ic29_a_handover_package_holds_only_the_chosen_sections_and_is_approved(
    world, frozen_today
):
    with_data(world)
    package, password = build(world, "handover", ["roster", "contract"])
    files = zip_read(data=file_read(kind="packages", name=str(package.pk)), password=password)
    assert set(files) == {"manifest.json", "contract.json", "roster.csv"}
    assert package.sections == ["contract", "roster"]
    assert (package.approved_by, package.received_at) == (world.supervisor, None)
    with pytest.raises(ValidationError) as error:
        build(world, "handover", [])
    assert "1つ以上" in error.value.message_dict["sections"][0]


def test_pi8_a_return_package_waits_for_the_end_of_the_contract(world, frozen_today):
    with pytest.raises(ValidationError) as error:
        build(world)
    assert "終了" in error.value.message_dict["purpose"][0]


def test_pi8_the_receipt_of_the_return_package_moves_the_contract_to_returned(world, frozen_today):
    end_contract(world)
    handover, _ = build(world, "handover", ["roster"])
    with pytest.raises(ValidationError, match="返却パッケージだけ"):
        svc.package_receive(actor=world.supervisor, access=sup(world), package_id=handover.pk)
    package, _ = build(world)
    svc.package_receive(actor=world.supervisor, access=sup(world), package_id=package.pk)
    world.contract.refresh_from_db()
    package.refresh_from_db()
    assert world.contract.state == "returned"
    assert package.received_by == world.supervisor and package.received_at is not None
    state = AuditEvent.objects.get(action="contract.state_change", changes__state__after="returned")
    assert state.actor == world.supervisor
    assert AuditEvent.objects.filter(action="package.receive", target_id=str(package.pk)).exists()
    with pytest.raises(ValidationError, match="すでに"):
        svc.package_receive(actor=world.supervisor, access=sup(world), package_id=package.pk)


@pytest.mark.parametrize("persona", ["manager", "auditor"])
def test_pi8_only_the_supervisor_builds_downloads_receives_and_destroys(
    world, frozen_today, persona
):
    package, _ = build(world, "handover", ["contract"])
    user = world.user(persona)
    access = world.access(user)
    assert svc.contract_end_checklist(access=access)  # they may look on
    for attempt in [
        lambda: svc.package_build(
            actor=user, access=access, purpose="handover", sections=["roster"]
        ),
        lambda: svc.package_download(actor=user, access=access, package_id=package.pk),
        lambda: svc.package_receive(actor=user, access=access, package_id=package.pk),
        lambda: svc.end_item_confirm(actor=user, access=access, item_key="handover", note="x"),
        lambda: svc.contract_destroy(actor=user, access=access, confirm_number="T-1"),
    ]:
        with pytest.raises(PermissionDenied):
            attempt()


def test_pi8_a_package_download_is_audited(world, frozen_today):
    package, _ = build(world, "handover", ["contract"])
    file = svc.package_download(actor=world.supervisor, access=sup(world), package_id=package.pk)
    assert file.filename == f"handover-T-1-{package.pk}.zip"
    assert sha256_hex(b"".join(file.data)) == package.archive_sha256
    assert AuditEvent.objects.filter(
        action="package.download", actor=world.supervisor, target_id=str(package.pk)
    ).exists()
    built = AuditEvent.objects.get(action="package.build")
    assert built.changes["manifest_sha256"] == package.manifest_sha256


# ---- destruction ------------------------------------------------------------------------------


def test_pi8_destruction_is_refused_before_the_return(world, frozen_today):
    end_contract(world)
    with pytest.raises(ValidationError) as error:
        destroy(world)
    assert "受領を記録してから" in " ".join(error.value.messages)
    assert not DataKey.objects.filter(destroyed_at__isnull=False).exists()


def test_pi8_destruction_is_refused_while_an_item_is_open(world, frozen_today):
    with_data(world)
    end_contract(world)
    package, _ = build(world)
    svc.package_receive(actor=world.supervisor, access=sup(world), package_id=package.pk)
    with pytest.raises(ValidationError) as error:
        destroy(world)
    assert "次の受託者への引継ぎ" in " ".join(error.value.messages)
    assert all(key_opens(k) for k in DataKey.objects.filter(contract=world.contract))


def test_pi8_destruction_is_refused_with_the_wrong_contract_number(world, frozen_today):
    with_data(world)
    returned(world)
    with pytest.raises(ValidationError) as error:
        destroy(world, number="T-2")
    assert "一致しません" in error.value.message_dict["confirm_number"][0]
    world.contract.refresh_from_db()
    assert world.contract.state == "returned"
    assert all(key_opens(k) for k in DataKey.objects.filter(contract=world.contract))


def test_pi8_after_destruction_nothing_of_the_contract_can_be_read(world, frozen_today):
    attachment, mine, theirs = with_data(world)
    package, _ = returned(world)
    keys = list(DataKey.objects.filter(contract=world.contract))

    certificate = destroy(world)

    world.contract.refresh_from_db()
    assert world.contract.state == "destroyed"
    # Every sealed value and file of the contract is unreadable …
    with pytest.raises(crypto.Unreadable):
        Subject.objects.get(pk=mine.pk)
    with pytest.raises(crypto.Unreadable):
        Attachment.objects.get(pk=attachment.pk)
    with pytest.raises(crypto.Unreadable):
        file_read(kind="attachments", name=attachment.id.hex)
    with pytest.raises(crypto.Unreadable):
        file_read(kind="packages", name=str(package.pk))
    assert not any(key_opens(k) for k in DataKey.objects.filter(contract=world.contract))
    # … the other contract is untouched …
    assert Subject.objects.get(pk=theirs.pk).health_note == NOTE
    assert any(key_opens(k) for k in DataKey.objects.filter(contract=world.other_contract))
    # … and nobody sees the contract any more, the supervisor included.
    assert not contracts_visible_to(world.supervisor).filter(pk=world.contract.pk).exists()

    assert certificate.no_key_opens is True
    assert certificate.key_ids == [str(k.id) for k in keys]
    assert certificate.manifest_sha256 == package.manifest_sha256
    assert certificate.counts["attachments"] == 1 and certificate.counts["packages"] == 1
    assert certificate.counts["name_index"] > 0
    pdf = bytes(certificate.pdf)
    assert sha256_hex(pdf) == certificate.pdf_sha256
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = "".join(text.split())
    assert "データ消去証明書" in flat
    assert package.manifest_sha256 in flat
    assert "いずれの鍵でも検証用の暗号文を復号できないことを確認しました" in flat
    assert "T-1" in flat and "令和8年6月15日" in flat

    event = AuditEvent.objects.get(action="contract.destroy")
    assert event.actor == world.supervisor and event.changes["no_key_opens"] is True
    assert AuditEvent.objects.filter(
        action="contract_key.destroy", contract=world.contract
    ).count() == len(keys)
    assert AuditEvent.objects.filter(
        action="contract.state_change", changes__state__after="destroyed", actor=world.supervisor
    ).exists()
    assert DestructionCertificate.objects.count() == 1


def test_pi8_a_destroyed_contract_is_not_destroyed_twice(world, frozen_today):
    returned(world)
    destroy(world)
    with pytest.raises(Http404):
        world.access(world.supervisor)


# ---- pages ------------------------------------------------------------------------------------


def test_pi8_an_outsider_gets_404_on_every_contract_end_page(world, client, frozen_today):
    package, _ = build(world, "handover", ["contract"])
    client.force_login(world.outsider)
    kw = {"contract_id": world.contract.pk}
    assert client.get(reverse("privacy:contract-end", kwargs=kw)).status_code == 404
    assert (
        client.get(
            reverse("privacy:package-download", kwargs={**kw, "package_id": package.pk})
        ).status_code
        == 404
    )
    for name, extra in [
        ("privacy:end-item-confirm", {"item_key": "handover"}),
        ("privacy:package-build", {}),
        ("privacy:package-receive", {"package_id": package.pk}),
        ("privacy:contract-destroy", {}),
    ]:
        assert client.post(reverse(name, kwargs={**kw, **extra})).status_code == 404


def test_pi8_the_manager_sees_the_checklist_but_may_not_act(world, client, frozen_today):
    client.force_login(world.manager)
    kw = {"contract_id": world.contract.pk}
    page = client.get(reverse("privacy:contract-end", kwargs=kw))
    assert page.status_code == 200
    assert "次の受託者への引継ぎ" in page.content.decode()
    assert "データを消去し、証明書を発行する" not in page.content.decode()
    assert client.post(reverse("privacy:package-build", kwargs=kw)).status_code == 403
    assert client.post(reverse("privacy:contract-destroy", kwargs=kw)).status_code == 403


def test_pi8_the_contract_page_links_to_the_contract_end(world, client, frozen_today):
    url = reverse("privacy:contract-end", kwargs={"contract_id": world.contract.pk})
    detail = reverse("core:contract-detail", kwargs={"contract_id": world.contract.pk})
    client.force_login(world.supervisor)
    assert url in client.get(detail).content.decode()
    client.force_login(world.worker)
    assert url not in client.get(detail).content.decode()


def test_ic29_the_build_form_keeps_its_values_and_says_what_is_wrong(world, client, frozen_today):
    client.force_login(world.supervisor)
    url = reverse("privacy:package-build", kwargs={"contract_id": world.contract.pk})
    response = client.post(url, {"purpose": "handover"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "引き継ぐ項目を1つ以上選んでください。" in html
    assert re.search(r'<input[^>]*value="handover"[^>]*checked', html)
    response = client.post(url, {"purpose": "handover", "sections": ["roster"]})
    assert response.status_code == 200
    assert "パスワードはこの画面に一度だけ表示します" in response.content.decode()


def test_pi8_the_pages_take_a_contract_from_its_end_to_the_certificate(world, client, frozen_today):
    end_contract(world)
    client.force_login(world.supervisor)
    kw = {"contract_id": world.contract.pk}
    client.post(reverse("privacy:package-build", kwargs=kw), {"purpose": "return"})
    package = ContractPackage.objects.get(purpose="return")
    client.post(reverse("privacy:package-receive", kwargs={**kw, "package_id": package.pk}))
    client.post(
        reverse("privacy:end-item-confirm", kwargs={**kw, "item_key": "handover"}),
        {"note": "引継ぎ先なし"},
    )
    wrong = client.post(reverse("privacy:contract-destroy", kwargs=kw), {"confirm_number": "T-9"})
    assert wrong.status_code == 400
    assert "契約番号が一致しません" in wrong.content.decode()
    assert 'value="T-9"' in wrong.content.decode()
    done = client.post(reverse("privacy:contract-destroy", kwargs=kw), {"confirm_number": "T-1"})
    certificate = DestructionCertificate.objects.get()
    url = reverse("privacy:certificate", kwargs={"certificate_id": certificate.pk})
    assert done.status_code == 302 and done["Location"] == url
    assert client.get(url).status_code == 200
    pdf = client.get(
        reverse("privacy:certificate-download", kwargs={"certificate_id": certificate.pk})
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(certificate.pdf)
    assert AuditEvent.objects.filter(
        action="destruction_certificate.download", actor=world.supervisor
    ).exists()
    # The contract itself is gone from every page.
    assert client.get(reverse("privacy:contract-end", kwargs=kw)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("supervisor", 200),
        ("admin", 200),
        ("auditor", 404),
        ("requester", 404),
        ("manager", 404),
        ("outsider", 404),
    ],
)
def test_pi8_the_certificate_is_for_its_orderer_and_administrators_only(
    world, client, frozen_today, persona, status
):
    returned(world)
    certificate = destroy(world)
    client.force_login(world.user(persona))
    kw = {"certificate_id": certificate.pk}
    assert client.get(reverse("privacy:certificate", kwargs=kw)).status_code == status
    assert client.get(reverse("privacy:certificate-download", kwargs=kw)).status_code == status


def test_pi8_the_supervisor_moves_a_contract_only_to_returned_or_destroyed(world, frozen_today):
    access = sup(world)
    with pytest.raises(PermissionDenied):
        core_services.contract_state_change(
            actor=world.supervisor, contract=world.contract, to="ended", access=access
        )
    end_contract(world)
    # Someone else's access does not lend its rights.
    with pytest.raises(PermissionDenied):
        core_services.contract_state_change(
            actor=world.auditor, contract=world.contract, to="returned", access=sup(world)
        )
    world.contract.refresh_from_db()
    assert world.contract.state == "ended"


def test_pi2_the_supervisor_closes_the_roster_lines_left_open_once_the_contract_ended(
    world, frozen_today
):
    contractor = [r.value for r in CONTRACTOR_ROLES]
    with pytest.raises(ValidationError, match="契約の終了後"):
        core_services.roster_close_at_contract_end(actor=world.supervisor, access=sup(world))
    core_services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    world.contract.refresh_from_db()
    assert states(world.contract)["roster_closed"] is False
    with pytest.raises(PermissionDenied):
        core_services.roster_close_at_contract_end(
            actor=world.auditor, access=world.access(world.auditor)
        )
    open_lines = RosterEntry.objects.filter(
        contract=world.contract, role__in=contractor, ended_at__isnull=True
    ).count()
    closed = core_services.roster_close_at_contract_end(actor=world.supervisor, access=sup(world))
    assert closed == open_lines > 0
    lines = RosterEntry.objects.filter(contract=world.contract, role__in=contractor)
    assert all(e.ended_at is not None and e.valid_to <= PERIOD_END for e in lines)
    ward_lines = RosterEntry.objects.filter(contract=world.contract).exclude(role__in=contractor)
    assert all(e.ended_at is None for e in ward_lines)  # the ward reads on until destruction
    assert states(world.contract)["roster_closed"] is True
    assert AuditEvent.objects.filter(action="roster_entry.close_at_contract_end").count() == closed


def test_pi2_the_checklist_page_offers_the_roster_closing_after_the_end(
    world, client, frozen_today
):
    url = reverse("privacy:roster-close", kwargs={"contract_id": world.contract.pk})
    page = reverse("privacy:contract-end", kwargs={"contract_id": world.contract.pk})
    client.force_login(world.outsider)
    assert client.post(url).status_code == 404
    client.force_login(world.supervisor)
    assert "残りの人を従事終了にする" not in client.get(page).content.decode()  # still active
    core_services.contract_state_change(actor=world.admin, contract=world.contract, to="ended")
    assert "残りの人を従事終了にする" in client.get(page).content.decode()
    response = client.post(url, follow=True)
    assert "履行期間の末日で従事終了にしました" in response.content.decode()
    assert "残りの人を従事終了にする" not in response.content.decode()


def test_so11_a_service_adds_a_manual_item_the_supervisor_confirms(world, frozen_today):
    from itaku.privacy import contract_end

    # As the support office app will declare it (SO-11: equipment and keys returned).
    item = contract_end.EndItem(
        key="so11_equipment", label="貸与物・鍵の返却", clause="SO-11", check=None
    )
    with extra_contributions("support_office_test", END_ITEMS=[item]):
        assert states(world.contract)["so11_equipment"] is False
        svc.end_item_confirm(
            actor=world.supervisor,
            access=sup(world),
            item_key="so11_equipment",
            note="机・PC 3台・鍵2本の返却を確認",
        )
        assert states(world.contract)["so11_equipment"] is True
    event = AuditEvent.objects.get(action="end_item.confirm")
    assert event.changes["clause"] == "SO-11"


# ---- leak incidents at the end (PI-7, PI-8) -----------------------------------------------------


def _leak(world):
    from itaku.leaks.tests.test_services import report

    return report(world)


def test_pi8_leak_incidents_go_back_in_the_return_package_narratives_included(world, frozen_today):
    incident = _leak(world)
    end_contract(world)
    package, password = build(world)
    assert "leaks" in package.sections
    files = zip_read(data=file_read(kind="packages", name=str(package.pk)), password=password)
    leaks = files["leaks.csv"].decode("utf-8-sig")
    assert incident.what_happened in leaks and incident.containment in leaks
    assert {f["path"] for f in package.manifest} >= {"leaks.csv"}


def test_pi7_an_open_leak_incident_blocks_destruction_until_it_is_closed(world, frozen_today):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from itaku.leaks import domain as leak_domain
    from itaku.leaks.services import leak_follow

    incident = _leak(world)
    returned(world)
    assert states(world.contract)["leaks_closed"] is False
    with pytest.raises(ValidationError) as error:
        destroy(world)
    assert "漏えい等事案の対応" in " ".join(error.value.messages)
    assert all(key_opens(k) for k in DataKey.objects.filter(contract=world.contract))
    steps = [s for s in leak_domain.Step if s != leak_domain.Step.WARD_NOTICE]
    for minute, step in enumerate(steps):
        leak_follow(
            actor=world.supervisor,
            access=sup(world),
            incident_id=incident.pk,
            step=step,
            at=datetime(2026, 6, 15, 9, minute, tzinfo=ZoneInfo("Asia/Tokyo")),
        )
    assert states(world.contract)["leaks_closed"] is True
    destroy(world)
    world.contract.refresh_from_db()
    assert world.contract.state == "destroyed"


# ---- the package as a background job (itaku.jobs) ---------------------------------------------


def test_pi8_the_package_reports_its_progress_section_by_section(world, frozen_today):
    end_contract(world)
    heard = []
    package, _ = svc.package_build(
        actor=world.supervisor,
        access=sup(world),
        purpose="return",
        sections=[],
        progress=lambda done, total, message: heard.append((done, total, message)),
    )
    total = len(package.sections) + 1
    assert [(done, t) for done, t, _ in heard] == [(i, total) for i in range(total)]
    labels = packages.section_labels()
    assert [m for _, _, m in heard[:-1]] == [
        f"「{labels[key]}」を収めています" for key in package.sections
    ]
    assert heard[-1][2].startswith("一覧（manifest.json）")


def test_pi8_the_build_form_starts_a_job_whose_password_opens_the_package(
    world, client, frozen_today
):
    from itaku.jobs.models import Job

    end_contract(world)
    client.force_login(world.supervisor)
    kw = {"contract_id": world.contract.pk}
    response = client.post(reverse("privacy:package-build", kwargs=kw), {"purpose": "return"})
    assert response.status_code == 200
    html = response.content.decode()
    password = re.search(r'id="job-secret">([^<]+)<', html).group(1)
    job = Job.objects.get(kind="privacy.package")
    package = ContractPackage.objects.get(purpose="return")
    assert (
        job.state == "done"
        and job.secret == ""
        and job.params
        == {
            "purpose": "return",
            "sections": [],
        }
    )
    assert job.result_url == reverse(
        "privacy:package-download", kwargs={**kw, "package_id": package.pk}
    )
    assert job.result_url in html and "契約の終了へ戻る" in html
    data = b"".join(client.get(job.result_url).streaming_content)
    files = zip_read(data=data, password=password)
    assert "manifest.json" in files
    assert AuditEvent.objects.filter(action="job.start", target_id=str(job.pk)).exists()
    assert AuditEvent.objects.filter(action="package.build", target_id=str(package.pk)).exists()
    assert AuditEvent.objects.filter(action="package.download", target_id=str(package.pk)).exists()
    # The password is on that answer only: the job's page, reloaded, no longer shows it.
    page = client.get(reverse("jobs:detail", kwargs={**kw, "job_id": job.pk})).content.decode()
    assert password not in page and "job-secret" not in page
    client.force_login(world.outsider)
    assert client.get(reverse("jobs:detail", kwargs={**kw, "job_id": job.pk})).status_code == 404
