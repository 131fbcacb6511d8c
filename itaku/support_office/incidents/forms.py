"""Forms of the incident and consultation pages (SO-7). Their text goes to the services, which
refuse a My Number next to the field (PI-11); rules across fields live in ``rules`` and the
services."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from itaku.core.models import Contract, Organisation, User
from itaku.support_office.dispatch.models import Place
from itaku.support_office.incidents.models import (
    Behaviour,
    Consultation,
    Incident,
    ResponseTaken,
)
from itaku.web.fields import BoundedDateField, BoundedDateTimeField
from itaku.web.forms import Form

NARRATIVE_MAX = 4000
MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"


def _text(label: str, *, required: bool = False, help_text: str = "", rows: int = 3) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NARRATIVE_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=f"{help_text}{MY_NUMBER_NOTE}",
    )


def _line(label: str, *, help_text: str = "") -> Any:
    return forms.CharField(label=label, required=False, max_length=200, help_text=help_text)


def ward_departments() -> Any:
    return Organisation.objects.filter(kind=Organisation.Kind.WARD).order_by("name")


class IncidentRecordForm(Form):
    """An incident (事案) as the office records it (SO-7)."""

    department = forms.ModelChoiceField(label="所管課", queryset=Organisation.objects.none())
    started_at = BoundedDateTimeField(label="開始日時")
    ended_at = BoundedDateTimeField(
        label="終了日時",
        required=False,
        help_text="60分を超える対応は長時間の拘束として示され、「拘束的な言動」を確かめるよう促されます。",
    )
    place = forms.ModelChoiceField(label="場所", queryset=Place.objects.none(), required=False)
    place_detail = _line("場所の補足", help_text="例: 窓口の前、廊下、訪問先の玄関。")
    channel = forms.ChoiceField(
        label="手段", choices=Incident.Channel.choices, widget=forms.RadioSelect
    )
    staff_harmed = _line("被害を受けた職員")
    staff_present = _line("その場にいた職員")
    responders = _line("対応した者")
    witnesses = _line("目撃者")
    customer_identified = forms.BooleanField(label="相手方を特定できた", required=False)
    customer_name = _line(
        "相手方の氏名", help_text="特定できたときだけ。同じ人の過去の事案を探すのに使います。"
    )
    customer_name_kana = _line("相手方の氏名(かな)")
    customer_notes = _text("相手方の特徴(必要最小限)", help_text="見分けるのに要ることだけ。")
    demand = _text("要求の内容")
    demand_reasonable = forms.ChoiceField(
        label="要求の妥当性",
        choices=Incident.Reasonable.choices,
        initial=Incident.Reasonable.UNCLEAR,
        widget=forms.RadioSelect,
    )
    behaviours = forms.MultipleChoiceField(
        label="行為の類型",
        choices=Behaviour.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verbatim = _text("相手方の発言(そのまま)", help_text="言われた言葉をそのまま書きます。")
    explanation = _text("職員が行った説明")
    responses = forms.MultipleChoiceField(
        label="対応の内容",
        choices=ResponseTaken.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    response_notes = _text("対応の経過")
    police = forms.ChoiceField(
        label="警察への連絡",
        choices=Incident.Police.choices,
        initial=Incident.Police.NONE,
        widget=forms.RadioSelect,
    )
    police_station = _line("警察署")
    police_contacted_at = BoundedDateTimeField(label="警察へ連絡した日時", required=False)
    police_reference = _line("警察の受理番号等")
    damage_report_filed = forms.BooleanField(label="被害届を提出した", required=False)
    staff_harm = _text("職員の心身の被害")
    care_referral = forms.BooleanField(
        label="職員のケア(相談窓口・産業医等)につないだ", required=False
    )
    decision = forms.ChoiceField(
        label="判断",
        choices=Incident.Decision.choices,
        initial=Incident.Decision.PENDING,
        widget=forms.RadioSelect,
        help_text="判断を記録すると、判断した人と日時が残ります。",
    )

    GROUPS = (
        (
            "いつ・どこで",
            ("department", "started_at", "ended_at", "place", "place_detail", "channel"),
        ),
        ("関わった職員", ("staff_harmed", "staff_present", "responders", "witnesses")),
        (
            "相手方",
            ("customer_identified", "customer_name", "customer_name_kana", "customer_notes"),
        ),
        ("何があったか", ("demand", "demand_reasonable", "behaviours", "verbatim", "explanation")),
        ("対応", ("responses", "response_notes")),
        (
            "警察への連絡",
            (
                "police",
                "police_station",
                "police_contacted_at",
                "police_reference",
                "damage_report_filed",
            ),
        ),
        ("被害とケア", ("staff_harm", "care_referral")),
        ("判断", ("decision",)),
    )

    def __init__(self, *args: Any, contract: Contract, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = ward_departments()
        place = cast(forms.ModelChoiceField, self.fields["place"])
        place.queryset = Place.objects.filter(contract=contract, active=True).order_by(
            "order", "pk"
        )

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def service_arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class EvidenceForm(Form):
    file = forms.FileField(
        label="ファイル",
        help_text="写真(JPEG・PNG・HEIC)・PDF は 20 MB、録音(MP3・M4A・WAV)は 100 MB まで。",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*,audio/*,application/pdf", "capture": "environment"}
        ),
    )
    description = _line("説明", help_text="何の写真・録音かを短く。")


class FollowUpForm(Form):
    what = _line("対応すること")
    due_on = BoundedDateField(label="期限")
    assignee = forms.ModelChoiceField(label="担当", queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["assignee"])
        field.queryset = assignees
        field.label_from_instance = lambda user: (  # type: ignore[method-assign,assignment]
            f"{user.person.family_name} {user.person.given_name}"
            if hasattr(user, "person")
            else user.username
        )


class ConsultationRecordForm(Form):
    consulted_at = BoundedDateTimeField(label="相談日時")
    department = forms.ModelChoiceField(
        label="相談した所管課", queryset=Organisation.objects.none()
    )
    consultant = _line("相談した職員")
    subject = _text("相談の内容", required=True)
    advice_kinds = forms.MultipleChoiceField(
        label="助言の種類",
        choices=Consultation.Advice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    advice = _text("助言の内容")
    follow_up_notes = _text("今後の対応")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = ward_departments()
