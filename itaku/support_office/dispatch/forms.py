"""Forms of the dispatch pages. The rules across fields run in the services; the views put the
services' errors back next to the fields. Every text goes to a service that calls the My Number
guard."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.support_office.dispatch.models import Place, SupportRequest
from itaku.web.fields import BoundedDateTimeField
from itaku.web.forms import Form

TEXT_MAX = 2000
NO_MY_NUMBER = "個人番号(マイナンバー)は書かないでください。"


def _text(label: str, help_text: str, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=f"{help_text}{NO_MY_NUMBER}",
    )


class DetailsForm(Form):
    """What the requester adds after the one-tap emergency (SO-5); the full form starts from it."""

    visitor_notes = _text(
        "来庁者・相手方について分かっていること", "人数、様子、これまでの経緯など。"
    )
    risk = forms.ChoiceField(
        label="危険の程度", choices=SupportRequest.Risk.choices, initial="unknown"
    )
    risk_notes = _text("危険についての補足", "大声、凶器の有無、酒気など。")
    details = _text("依頼の内容", "何をしてほしいか。", rows=4)

    def service_arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RequestForm(DetailsForm):
    """A request of any kind from the full form (SO-2, SO-4, SO-6, SO-7)."""

    kind = forms.ChoiceField(label="依頼の種別", choices=SupportRequest.Kind.choices)
    place = forms.ModelChoiceField(
        label="場所", queryset=Place.objects.none(), required=False, empty_label="(選ばない)"
    )
    scheduled_at = BoundedDateTimeField(
        label="予定日時", required=False, help_text="窓口同席・現場対応同行では必須です。"
    )
    scheduled_until = BoundedDateTimeField(label="予定終了日時", required=False)
    address = forms.CharField(
        label="訪問先(現場対応同行)",
        required=False,
        max_length=300,
        help_text=f"住所や建物名。{NO_MY_NUMBER}",
    )
    companions = forms.CharField(label="同行する職員(現場対応同行)", required=False, max_length=300)
    override_reason = forms.CharField(
        label="履行期間外に受け付ける理由(区の監督職員のみ)",
        required=False,
        max_length=300,
        help_text="予定日が契約の履行期間外のときだけ記入します。",
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    field_order = [
        "kind",
        "place",
        "scheduled_at",
        "scheduled_until",
        "address",
        "companions",
        "visitor_notes",
        "risk",
        "risk_notes",
        "details",
        "override_reason",
        "client_token",
    ]

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]

    def service_arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MoveForm(Form):
    """A step of the dispatch; the record of what was done goes with 完了 or 継続."""

    outcome = _text("対応の記録(沈静化の経過など)", "完了・継続のときに記入します。")
