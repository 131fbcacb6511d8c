"""PI-11 … PI-16: no free text is stored with a My Number in it, with no exception.

Two walks prove the coverage instead of sampling it. Every form class defined in an itaku module
is read field by field: each text it takes is either posted through its page here, with a valid
number, and must come back refused next to its field, audited, with nothing saved, or it is listed
as never stored, with the reason. Every admin of the site must carry ``MyNumberGuardAdmin``, and
every text field of its add and change forms must refuse a number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from itaku.audit.forms import AuditFilterForm
from itaku.audit.models import AuditEvent
from itaku.core import domain as core_domain
from itaku.core import services as core_services
from itaku.core.forms import (
    ApiTokenIssueForm,
    LoginForm,
    RosterEntryAddForm,
    RosterEntryChangeForm,
    RosterVersionReturnForm,
    SecondFactorForm,
)
from itaku.core.models import ApiToken, Organisation, Person, RosterEntry, RosterVersion, User
from itaku.leaks.forms import LeakRecordForm
from itaku.leaks.models import LeakIncident
from itaku.privacy.admin import MyNumberGuardAdmin
from itaku.privacy.forms import (
    AttachmentForm,
    ContractDestroyForm,
    EndItemConfirmForm,
    ExportRefuseForm,
    ExportRequestForm,
    MyNumberGuardMixin,
    is_secret_field,
)
from itaku.privacy.models import Attachment, EndItemConfirmation, ExportRequest
from itaku.privacy.services import MY_NUMBER_MESSAGE
from itaku.privacy.services import contract_end as end_services
from itaku.privacy.services import exports as export_services
from itaku.web.tests.helpers import itaku_form_classes

pytestmark = pytest.mark.django_db

# A made-up number with a right check digit, written the way the issue's evasions were.
NUMBER = "1234–5678–9018"  # en dashes
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def refused_events(field: str) -> list[AuditEvent]:
    return [
        e
        for e in AuditEvent.objects.filter(action="my_number.refuse")
        if field in e.changes["fields"]
    ]


def export_request(world: Any) -> ExportRequest:
    return export_services.export_request(
        actor=world.manager,
        access=world.access(world.manager),
        kind="roster",
        file_format="xlsx",
        purpose="区への月次報告に添付するため",
    )


# ---- the services that had no guard ------------------------------------------------------------


def test_pi11_an_export_refusal_note_holding_a_my_number_is_refused_and_not_saved(
    world, frozen_today
):
    request = export_request(world)
    with pytest.raises(ValidationError) as refused:
        export_services.export_decide(
            actor=world.supervisor,
            access=world.access(world.supervisor),
            request_id=request.pk,
            approve=False,
            note=f"申請者の番号 {NUMBER} が目的欄にあるため",
        )
    assert refused.value.message_dict == {"note": [MY_NUMBER_MESSAGE]}
    request.refresh_from_db()
    assert (request.state, request.decision_note) == (ExportRequest.State.REQUESTED, "")
    [event] = refused_events("note")
    assert (event.actor, event.contract) == (world.supervisor, world.contract)
    assert "9018" not in str(event.changes)


def test_pi11_an_end_item_note_holding_a_my_number_is_refused_and_not_saved(world, frozen_today):
    with pytest.raises(ValidationError) as refused:
        end_services.end_item_confirm(
            actor=world.supervisor,
            access=world.access(world.supervisor),
            item_key="handover",
            note=f"引継ぎ不要と確認(担当 {NUMBER})",
        )
    assert refused.value.message_dict == {"note": [MY_NUMBER_MESSAGE]}
    assert not EndItemConfirmation.objects.exists()
    [event] = refused_events("note")
    assert (event.actor, event.contract) == (world.supervisor, world.contract)


# ---- every form of the pages -------------------------------------------------------------------

# A page post: who posts, where, what (the text goes into ``field``), and what it would save.
Post = tuple[User, str, dict[str, Any], Callable[[], int]]


def _roster_add(world: Any, field: str, text: str) -> Post:
    data = {
        "family_name": "新規",
        "given_name": "太郎",
        "family_name_kana": "しんき",
        "given_name_kana": "たろう",
        "role": "worker",
        "valid_from": "2026-06-15",
    }
    url = reverse("core:roster-entry-add", args=[world.contract.pk])
    return world.manager, url, {**data, field: text}, Person.objects.count


def _roster_change(world: Any, field: str, text: str) -> Post:
    entry = RosterEntry.objects.get(person__user=world.worker, contract=world.contract)
    url = reverse("core:roster-entry-change", args=[world.contract.pk, entry.pk])
    changes = AuditEvent.objects.filter(action="roster_entry.change").count
    return world.manager, url, {field: text}, changes


def _roster_return(world: Any, field: str, text: str) -> Post:
    manager = world.access(world.manager)
    core_services.roster_entry_add(
        actor=world.manager,
        access=manager,
        person=core_services.NewPerson(family_name="追加", given_name="花子"),
        role=core_domain.Role.WORKER,
        qualifications=[],
        valid_from=world.access(world.manager).on,
    )
    version = core_services.roster_version_submit(actor=world.manager, access=manager)
    url = reverse("core:roster-version-decide", args=[world.contract.pk, version.pk, "return"])
    return (
        world.supervisor,
        url,
        {field: text, "confirmed": "1"},  # past the confirmation page
        RosterVersion.objects.filter(state="returned").count,
    )


def _token(world: Any, field: str, text: str) -> Post:
    return world.manager, reverse("core:settings"), {field: text}, ApiToken.objects.count


def _leak(world: Any, field: str, text: str) -> Post:
    data = {
        "discovered_at": "2026-06-15T08:00",
        "certainty": "suspected",
        "what_happened": "相談記録の紙を1枚紛失した",
        "customers_affected": "1",
    }
    url = reverse("leaks:incident-record", args=[world.contract.pk])
    return world.manager, url, {**data, field: text}, LeakIncident.objects.count


def _export_request(world: Any, field: str, text: str) -> Post:
    url = reverse("privacy:export-request", args=[world.contract.pk])
    data = {"kind": "roster", "file_format": "xlsx", field: text}
    return world.manager, url, data, ExportRequest.objects.count


def _export_refuse(world: Any, field: str, text: str) -> Post:
    request = export_request(world)
    url = reverse("privacy:export-refuse", args=[world.contract.pk, request.pk])
    return (
        world.supervisor,
        url,
        {field: text},
        ExportRequest.objects.filter(state=ExportRequest.State.REFUSED).count,
    )


def _end_item(world: Any, field: str, text: str) -> Post:
    url = reverse("privacy:end-item-confirm", args=[world.contract.pk, "handover"])
    return world.supervisor, url, {field: text}, EndItemConfirmation.objects.count


def _attachment(world: Any, field: str, text: str) -> Post:
    url = reverse("privacy:attachment-add", args=[world.contract.pk])
    upload = SimpleUploadedFile(f"本人確認 {text}.png", PNG, content_type="image/png")
    return world.worker, url, {field: upload}, Attachment.objects.count


# Every text of every page form that is stored, and the page that takes it.
STORED: dict[tuple[type[forms.BaseForm], str], Callable[[Any, str, str], Post]] = {
    (RosterEntryAddForm, "family_name"): _roster_add,
    (RosterEntryAddForm, "given_name"): _roster_add,
    (RosterEntryAddForm, "contact_phone"): _roster_add,
    (RosterEntryChangeForm, "contact_phone"): _roster_change,
    (RosterVersionReturnForm, "note"): _roster_return,
    (ApiTokenIssueForm, "name"): _token,
    (LeakRecordForm, "what_happened"): _leak,
    (LeakRecordForm, "cause"): _leak,
    (LeakRecordForm, "containment"): _leak,
    (ExportRequestForm, "purpose"): _export_request,
    (ExportRefuseForm, "note"): _export_refuse,
    (EndItemConfirmForm, "note"): _end_item,
    (AttachmentForm, "file"): _attachment,  # the file's name; a PDF's text in test_attachments
}

# Texts that are compared or searched with and then dropped: never saved, so nothing to guard.
NEVER_STORED = {
    (SecondFactorForm, "code"): "compared with the authenticator's code",
    (LoginForm, "username"): "compared with the user names",
    (ContractDestroyForm, "confirm_number"): "compared with the contract number",
    (AuditFilterForm, "target_id"): "the auditor's search filter (GET)",
}

# Texts that cannot hold a number: the field refuses every digit before any service sees it.
NO_DIGITS = {
    (RosterEntryAddForm, "family_name_kana"): _roster_add,  # a reading: hiragana only
    (RosterEntryAddForm, "given_name_kana"): _roster_add,
}


def _gather_app_posts() -> None:
    """Add each app's own posts: a module ``itaku.<app>[.<part>].tests.guard_posts`` may hold
    ``STORED``, ``NEVER_STORED`` and ``NO_DIGITS`` of the same shape as the tables above, so an
    app lists its forms beside its own tests instead of editing this file."""
    import importlib
    import pkgutil

    import itaku

    for info in pkgutil.walk_packages(itaku.__path__, "itaku."):
        if info.name.endswith(".tests") and info.ispkg:
            try:
                module = importlib.import_module(info.name + ".guard_posts")
            except ModuleNotFoundError as error:
                if error.name != info.name + ".guard_posts":
                    raise
                continue
            STORED.update(getattr(module, "STORED", {}))
            NEVER_STORED.update(getattr(module, "NEVER_STORED", {}))
            NO_DIGITS.update(getattr(module, "NO_DIGITS", {}))


_gather_app_posts()

# Fields that take no free text: a choice, a number, a date, a yes or no.
NOT_TEXT = (
    forms.ChoiceField,
    forms.IntegerField,
    forms.DateField,
    forms.DateTimeField,
    forms.SplitDateTimeField,
    forms.TimeField,
    forms.BooleanField,
)


# A form class that declares its fields (``base_fields``), as every itaku form does.
FormClass: TypeAlias = "type[forms.Form] | type[forms.ModelForm[Any]]"


def text_fields(form_class: FormClass) -> list[str]:
    """Every field of the form that takes text: all but those of ``NOT_TEXT`` and passwords."""
    return [
        name
        for name, field in form_class.base_fields.items()
        if not isinstance(field, NOT_TEXT) and not is_secret_field(field)
    ]


def test_pi11_every_text_of_every_form_is_posted_below_or_never_stored():
    taken = {(cls, name) for cls in itaku_form_classes() for name in text_fields(cls)}
    assert taken, "the walk found no form"
    unlisted = taken - STORED.keys() - NEVER_STORED.keys() - NO_DIGITS.keys()
    assert not unlisted, f"add these to STORED with their page: {sorted(map(str, unlisted))}"
    assert STORED.keys() | NEVER_STORED.keys() | NO_DIGITS.keys() <= taken


@pytest.mark.parametrize(
    ("form_class", "field"), list(NO_DIGITS), ids=[f"{c.__name__}.{f}" for c, f in NO_DIGITS]
)
def test_pi11_a_my_number_in_a_field_without_digits_is_refused_by_the_field_and_not_saved(
    client, world, frozen_today, form_class, field
):
    user, url, data, saved = NO_DIGITS[(form_class, field)](world, field, NUMBER)
    before = saved()
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["add_form"].errors[field] == ["ひらがなで入力してください。"]
    assert saved() == before


@pytest.mark.parametrize(
    ("form_class", "field"), list(STORED), ids=[f"{c.__name__}.{f}" for c, f in STORED]
)
def test_pi11_a_my_number_typed_in_a_page_is_refused_next_to_the_field_audited_and_not_saved(
    client, world, frozen_today, form_class, field
):
    user, url, data, saved = STORED[(form_class, field)](world, field, NUMBER)
    before = saved()
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == 400
    shown = {
        id(value): value
        for context in response.context
        for value in context.flatten().values()
        if isinstance(value, form_class)
    }
    [form] = shown.values()
    assert form.errors[field] == [MY_NUMBER_MESSAGE]
    assert MY_NUMBER_MESSAGE in response.content.decode()
    assert saved() == before
    [event] = refused_events(field)
    assert event.actor == user and "9018" not in str(event.changes)


# ---- the admin ----------------------------------------------------------------------------------


def test_pi11_every_admin_of_the_site_and_every_inline_carries_the_guard():
    assert admin.site._registry
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, MyNumberGuardAdmin), model._meta.label
        for inline in model_admin.inlines:
            assert issubclass(inline, MyNumberGuardAdmin), (model._meta.label, inline)


def admin_forms(request: Any) -> list[tuple[str, type[forms.ModelForm[Any]], Any]]:
    """Every form of every admin: add, change (on a stored row, if any) and inline forms."""
    found: list[tuple[str, type[forms.ModelForm[Any]], Any]] = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        obj = model._default_manager.first()
        found.append((f"{label} add", model_admin.get_form(request, None), None))
        if obj is not None:
            found.append((f"{label} change", model_admin.get_form(request, obj, change=True), obj))
            for inline in model_admin.get_inline_instances(request, obj):
                found.append((f"{label} inline", inline.get_formset(request, obj).form, None))
    return found


def test_pi11_every_text_field_of_every_admin_form_refuses_a_my_number(world):
    request = RequestFactory().post("/admin/")
    request.user = world.admin
    checked = []
    for where, form_class, obj in admin_forms(request):
        assert issubclass(form_class, MyNumberGuardMixin), where
        for name in text_fields(form_class):
            kwargs = {"instance": obj} if obj is not None else {}
            field = form_class.base_fields[name]
            text = "1234.5678.9018@example.jp" if isinstance(field, forms.EmailField) else NUMBER
            form = form_class(data={name: text}, **kwargs)
            assert not form.is_valid()
            assert MY_NUMBER_MESSAGE in form.errors.get(name, []), (where, name, form.errors)
            checked.append(f"{where}.{name}")
    # The walk reached the admins of people, accounts, contracts and of Django's groups.
    for expected in [
        "core.Person add.family_name",
        "core.User add.username",
        "core.User change.first_name",
        "core.User change.email",
        "core.Contract change.title",
        "core.ClosureDay add.reason",
        "auth.Group add.name",
        "otp_totp.TOTPDevice add.name",
        "otp_totp.TOTPDevice add.key",
    ]:
        assert expected in checked
    assert refused_events("family_name")[0].actor == world.admin


def test_pi11_an_admin_add_form_refuses_a_my_number_next_to_the_field_audited(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:core_organisation_add"), {"name": f"受注者 {NUMBER}", "kind": "contractor"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [MY_NUMBER_MESSAGE]
    assert MY_NUMBER_MESSAGE in response.content.decode()
    assert not Organisation.objects.filter(name__contains="受注者 1234").exists()
    [event] = refused_events("name")
    assert event.actor == world.admin


def test_pi11_an_admin_change_form_refuses_a_my_number_and_keeps_the_row(client, world):
    client.force_login(world.admin)
    worker = world.worker
    url = reverse("admin:core_user_change", args=[worker.pk])
    data = {
        "username": worker.username,
        "first_name": "",
        "last_name": f"番号{NUMBER}",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-04-01",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-04-01",
        "initial-date_joined_1": "09:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["last_name"] == [MY_NUMBER_MESSAGE]
    worker.refresh_from_db()
    assert worker.last_name == ""
    assert refused_events("last_name")[0].contract is None


def test_pi11_an_admin_form_without_a_number_still_saves(client, world):
    client.force_login(world.admin)
    client.post(
        reverse("admin:core_organisation_add"),
        {"name": "受注者 03-1234-5678", "kind": "contractor"},
    )
    assert Organisation.objects.filter(name="受注者 03-1234-5678").exists()
    assert not AuditEvent.objects.filter(action="my_number.refuse").exists()


def test_pi11_the_guard_audits_on_the_contract_a_contract_admin_form_is_about(world):
    request = RequestFactory().post("/admin/")
    request.user = world.admin
    form_class = admin.site.get_model_admin(type(world.contract)).get_form(
        request, world.contract, change=True
    )
    form = form_class(data={"title": NUMBER}, instance=world.contract)
    assert not form.is_valid()
    assert refused_events("title")[0].contract == world.contract


# ---- what the guard's coverage test above cannot see: texts kept on the way ------------------


def test_pi11_the_filters_kept_with_an_audit_log_export_hold_no_my_number(world, frozen_today):
    from django.core.exceptions import ValidationError

    from itaku.privacy.models import ExportRequest
    from itaku.privacy.services.exports import export_request

    with pytest.raises(ValidationError) as refused:
        export_request(
            actor=world.auditor,
            access=world.access(world.auditor),
            kind="audit_log",
            file_format="csv",
            purpose="年次監査",
            parameters={"target_id": "1234-5678-9018"},
        )
    assert "parameters.target_id" in refused.value.message_dict
    assert not ExportRequest.objects.exists()
    assert AuditEvent.objects.filter(action="my_number.refuse").exists()


def test_pi11_a_my_number_typed_as_a_username_is_not_kept_by_the_failed_sign_in(client, world):
    from axes.models import AccessAttempt

    client.post(reverse("login"), {"username": "1234 5678 9018", "password": "wrong"})
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert "9018" not in str(failed.changes)
    assert not AccessAttempt.objects.filter(username__contains="9018").exists()
    assert AccessAttempt.objects.exists()  # the attempt still counts towards the lockout
