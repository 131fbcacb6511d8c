from __future__ import annotations

from django import forms

from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form


class AuditFilterForm(Form):
    """The auditor's filters: contract, person, action, record, period (PI-10)."""

    contract = forms.TypedChoiceField(label="契約", coerce=int, required=False, empty_value=None)
    username = forms.CharField(label="操作者(ユーザー名)", max_length=150, required=False)
    action = forms.CharField(
        label="操作", max_length=60, required=False, help_text="例:roster_entry(前方一致)"
    )
    target_type = forms.CharField(label="対象の種類", max_length=60, required=False)
    target_id = forms.CharField(label="対象のID", max_length=40, required=False)
    start = BoundedDateField(label="期間(開始)", required=False)
    end = BoundedDateField(label="期間(終了)", required=False)

    def __init__(self, *args, contracts, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["contract"].choices = [("", "すべて")] + [
            (c.pk, f"{c.title}({c.number})") for c in contracts
        ]
