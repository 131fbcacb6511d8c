"""Forms of the leak pages. The rules across fields live in ``domain`` and run in the services;
the views put the services' errors back next to the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from itaku.leaks import domain
from itaku.web.fields import BoundedDateTimeField
from itaku.web.forms import Form

NARRATIVE_MAX = 4000
MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10_000_000,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
    )


def _narrative(label: str, *, required: bool, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NARRATIVE_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"{help_text}{MY_NUMBER_NOTE}",
    )


class LeakRecordForm(Form):
    """A leak, or the risk of one, reported to the ward (PI-7)."""

    discovered_at = BoundedDateTimeField(
        label="発覚日時",
        help_text="漏えい等に気づいた日時です。報告の期限はこの日から数えます。",
    )
    certainty = forms.ChoiceField(
        label="区分",
        choices=[
            ("confirmed", "漏えい等が起きた(確定)"),
            ("suspected", "漏えい等のおそれがある(確定していない)"),
        ],
        widget=forms.RadioSelect,
    )
    wrongdoing = forms.BooleanField(
        label="不正の目的によるおそれがある(不正アクセス、持ち出し、盗難など)",
        required=False,
        help_text="該当するときは、確報の期限が30日ではなく60日になります。",
    )
    what_happened = _narrative(
        "概要", required=True, help_text="いつ、どこで、何が起きたかを書いてください。"
    )
    cause = _narrative("原因", required=False, help_text="わかっている範囲で書いてください。")
    containment = _narrative(
        "二次被害の防止・対応",
        required=False,
        help_text="回収、連絡、パスワード変更など、行ったことと予定していることです。",
    )
    participants_affected = _count("受講者")
    guardians_affected = _count("保護者等")
    customers_affected = _count("相談者・相手方")
    staff_affected = _count("従事者")
    others_affected = _count("その他")

    COUNT_FIELDS = tuple(f"{c}_affected" for c in domain.AFFECTED_CATEGORIES)

    @property
    def count_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.COUNT_FIELDS]

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.COUNT_FIELDS]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned values as ``services.leak_record`` takes them."""
        data = self.cleaned_data
        return {
            "discovered_at": data["discovered_at"],
            "suspected": data["certainty"] == "suspected",
            "wrongdoing": data["wrongdoing"],
            "what_happened": data["what_happened"],
            "cause": data["cause"],
            "containment": data["containment"],
            "affected": {
                category: data[f"{category}_affected"] or 0
                for category in domain.AFFECTED_CATEGORIES
            },
        }


class LeakFollowForm(Form):
    """When a follow-up step was done; one form per open step, prefixed by the step."""

    at = BoundedDateTimeField(label="日時")

    def __init__(self, *args: Any, step: domain.Step, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"at": timezone.now().replace(second=0, microsecond=0)})
        kwargs["prefix"] = step.value
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["at"].label = f"{step.label}の日時"
