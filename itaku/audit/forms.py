from __future__ import annotations

from typing import Any

from django import forms

from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form

REVERSED_PERIOD = "期間の開始日は、終了日と同じ日かそれより前の日にしてください。"


class AuditFilterForm(Form):
    """The auditor's filters, chosen rather than typed (PI-10): contract, kind of event, person,
    kind of record, record, period. The people and kinds of record offered are those in the
    events of ``contracts`` (the contracts the user audits)."""

    contract = forms.TypedChoiceField(label="契約", coerce=int, required=False, empty_value=None)
    action = forms.ChoiceField(label="操作の種類", required=False)
    actor = forms.TypedChoiceField(label="操作者", coerce=int, required=False, empty_value=None)
    target_type = forms.ChoiceField(label="対象の種類", required=False)
    target_id = forms.CharField(
        label="対象のID", max_length=40, required=False, help_text="記録の番号(数字)"
    )
    start = BoundedDateField(label="期間(開始)", required=False)
    end = BoundedDateField(label="期間(終了)", required=False)

    def __init__(self, *args, contracts, **kwargs):  # type: ignore[no-untyped-def]
        from itaku.audit.labels import record_kind_label
        from itaku.audit.selectors import audit_event_people, audit_event_target_types

        super().__init__(*args, **kwargs)
        self.fields["contract"].choices = [("", "すべて")] + [
            (c.pk, f"{c.title}({c.number})") for c in contracts
        ]
        self.fields["action"].choices = [("", "すべて"), *event_kind_choices()]
        self.fields["actor"].choices = [("", "すべて")] + [
            (user.pk, user.get_full_name() or "(氏名の登録なし)")
            for user in audit_event_people(contracts=contracts)
        ]
        kinds = sorted(
            (record_kind_label(t), t) for t in audit_event_target_types(contracts=contracts)
        )
        self.fields["target_type"].choices = [("", "すべて")] + [(t, lab) for lab, t in kinds]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", REVERSED_PERIOD)
        return data

    def filters(self) -> Any:
        """The chosen filters (the form must be valid), for ``audit_event_list``."""
        from itaku.audit.selectors import AuditFilter

        chosen = {k: v for k, v in self.cleaned_data.items() if k != "contract"}
        return AuditFilter(**chosen, contract_id=self.cleaned_data["contract"])


def event_kind_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The audit catalogue as grouped choices: one group per app (by its name), the events of
    each sorted by label."""
    from django.apps import apps

    from itaku.core import registry

    groups: dict[str, list[tuple[str, str]]] = {}
    for app_label, kind in registry.declared_by_app("AUDIT_EVENTS"):
        try:
            name = str(apps.get_app_config(app_label).verbose_name)
        except LookupError:  # declared by a module that is no installed app (tests)
            name = app_label
        groups.setdefault(name, []).append((kind.key, kind.label))
    return [(name, sorted(events, key=lambda e: e[1])) for name, events in groups.items()]
