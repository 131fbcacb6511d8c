"""The administrator's screens (ward IT): organisations, accounts, people, contracts, closure days.

Roster entries are shown read-only: they change only through the services, which audit them.
Every other change made here is audited too (``AuditedAdmin``). Every form of the admin, those
of Django and the packages included, refuses a My Number (PI-11 … PI-16, ``MyNumberGuardAdmin``).
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps as django_apps
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms import model_to_dict
from django_otp.plugins.otp_totp.models import TOTPDevice

from itaku.audit.services import audit_record, field_changes
from itaku.core import services
from itaku.core.domain import ContractState
from itaku.core.models import (
    ClosureDay,
    Contract,
    Organisation,
    Person,
    RosterEntry,
    RosterVersion,
    User,
)
from itaku.privacy.admin import MyNumberGuardAdmin
from itaku.web.fields import BoundedDateField, BoundedSplitDateTimeField

# The admin speaks Japanese like the pages (LANGUAGE_CODE "ja" translates Django's own words).
admin.site.site_header = "委託業務運営システム 管理"
admin.site.site_title = "委託業務運営システム 管理"
admin.site.index_title = "管理メニュー"

SECRET_FIELDS = {"password"}
# Dates typed in the admin are bounded like the pages' (``itaku.web.fields``).
DATE_BOUNDS: dict[Any, dict[str, Any]] = {
    models.DateField: {"form_class": BoundedDateField},
    models.DateTimeField: {"form_class": BoundedSplitDateTimeField},
}


class AuditedAdmin(MyNumberGuardAdmin, admin.ModelAdmin):
    """Saves and deletes from the admin write an audit record in the same transaction. Dates
    typed here are bounded like the pages' (``itaku.web.fields``), the admin's widgets kept;
    text is refused when it holds a My Number (``MyNumberGuardAdmin``)."""

    formfield_overrides = DATE_BOUNDS

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = model_to_dict(type(obj).objects.get(pk=obj.pk)) if change else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = model_to_dict(obj)
            changes = field_changes(before, after)
            for name in SECRET_FIELDS & changes.keys():
                changes[name] = {"before": "***", "after": "***"}
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.{'change' if change else 'create'}",
                target=obj,
                contract=obj if isinstance(obj, Contract) else None,
                changes=changes,
            )

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            audit_record(actor=request.user, action=f"{obj._meta.model_name}.delete", target=obj)
            super().delete_model(request, obj)


@admin.register(User)
class ItakuUserAdmin(AuditedAdmin, UserAdmin):  # type: ignore[misc]
    actions = ["end_sessions", "disable"]

    @admin.action(description="選択した利用者のログインをすべて終了する")
    def end_sessions(self, request: Any, queryset: Any) -> None:
        ended = sum(services.user_sessions_end(actor=request.user, user=u) for u in queryset)
        self.message_user(request, f"{ended}件のログインを終了しました。")

    @admin.action(description="選択した利用者のアカウントを無効にする(ログイン中なら終了)")
    def disable(self, request: Any, queryset: Any) -> None:
        for user in queryset:
            services.user_disable(actor=request.user, user=user)
        self.message_user(request, f"{queryset.count()}件のアカウントを無効にしました。")


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["__str__", "organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["family_name", "given_name", "family_name_kana", "given_name_kana"]


class RosterEntryInline(MyNumberGuardAdmin, admin.TabularInline):
    model = RosterEntry
    extra = 0
    can_delete = False
    readonly_fields = (
        "person",
        "role",
        "valid_from",
        "valid_to",
        "pledge_date",
        "approved_version",
        "ended_at",
    )
    fields = readonly_fields

    def get_queryset(self, request: Any) -> Any:
        # The sealed phone (IC-19) is not shown here, and not opened either: the contract's page
        # still reads once its key is destroyed.
        return super().get_queryset(request).defer("contact_phone")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def _state_action(target: str, label: str) -> Any:
    def action(modeladmin: admin.ModelAdmin, request: Any, queryset: Any) -> None:
        for contract in queryset:
            try:
                services.contract_state_change(actor=request.user, contract=contract, to=target)
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{contract.number}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                modeladmin.message_user(request, f"{contract.number}: {label}にしました。")

    action.__name__ = f"mark_{target}"
    return admin.action(description=f"選択した契約を「{label}」にする")(action)


@admin.register(Contract)
class ContractAdmin(AuditedAdmin):
    list_display = ["number", "title", "period_start", "period_end", "state"]
    list_filter = ["service_kind", "state"]
    search_fields = ["number", "title"]
    inlines = [RosterEntryInline]
    # The state moves only through services.contract_state_change, one step at a time (PI-8).
    # Here only to ended: return and destruction belong to the ward supervisor's contract-end
    # pages, which build the return package, destroy the keys and issue the certificate.
    readonly_fields = ["state"]
    actions = [_state_action(ContractState.ENDED.value, ContractState.ENDED.label)]


@admin.register(RosterVersion)
class RosterVersionAdmin(MyNumberGuardAdmin, admin.ModelAdmin):
    list_display = ["__str__", "state", "submitted_at", "decided_at"]
    readonly_fields = [f.name for f in RosterVersion._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ClosureDay)
class ClosureDayAdmin(AuditedAdmin):
    list_display = ["date", "reason"]


def _guard(models: list[type[Any]]) -> None:
    """PI-11 … PI-16: the admins that Django and the packages registered get the guard too,
    and their dates the bounds."""
    for model in models:
        registered = type(admin.site.get_model_admin(model))
        attrs = {"__module__": __name__, "formfield_overrides": DATE_BOUNDS}
        admin.site.unregister(model)
        admin.site.register(
            model, type(registered.__name__, (MyNumberGuardAdmin, registered), attrs)
        )


_guard([Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog])


def _name_in_japanese(
    apps_named: dict[str, str], models_named: dict[type[Any], tuple[str, str]]
) -> None:
    """The packages' screens carry English names (axes and django-otp have no Japanese): name
    them here for the admin. Only the running names change; migrations read the models' declared
    options (``_meta.original_attrs``), so no migration follows."""
    for label, name in apps_named.items():
        django_apps.get_app_config(label).verbose_name = name
    for model, (singular, plural) in models_named.items():
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural


_name_in_japanese(
    {"axes": "ログインの制限", "otp_totp": "2段階認証"},
    {
        AccessAttempt: ("ログイン失敗の回数", "ログイン失敗の回数"),
        AccessFailureLog: ("ログイン失敗の記録", "ログイン失敗の記録"),
        AccessLog: ("ログインの記録", "ログインの記録"),
        TOTPDevice: ("認証アプリの登録", "認証アプリの登録"),
    },
)
