"""Forms of the office's pages. The rules across fields and against the records live in the
services (with the My Number guard); the views put the services' errors back next to the
fields."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.core.models import Organisation, Person
from itaku.support_office.incidents.models import Incident
from itaku.support_office.office.models import EquipmentItem, ManualProposal, Vehicle
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"
NARRATIVE_MAX = 4000
FILE_HELP = "PDF・写真(JPEG・PNG・HEIC)で 20 MB まで。"


def _text(label: str, *, model: Any, name: str, required: bool = True, help_text: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length_of(model, name),
        help_text=help_text,
    )


def _narrative(label: str, *, required: bool, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"{help_text}{MY_NUMBER_NOTE}",
    )


def upload(form: forms.Form, name: str) -> tuple[str, bytes] | None:
    """A file field's upload as the services take it: (name, bytes), or None."""
    file: Any = form.cleaned_data.get(name)
    return (file.name, file.read()) if file else None


class TrainingForm(Form):
    """A staff training held (SO-8)."""

    held_on = BoundedDateField(label="実施日")
    theme = forms.CharField(label="テーマ", max_length=200)
    trainer = forms.CharField(
        label="講師", max_length=200, help_text="氏名と所属です(例:サポート室 統括責任者)。"
    )
    attendee_count = forms.IntegerField(
        label="参加者数",
        min_value=1,
        max_value=10_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1"}),
    )
    departments = forms.ModelMultipleChoiceField(
        label="参加した所管課",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    material = forms.FileField(label="資料", required=False, help_text=FILE_HELP)
    notes = _narrative("備考", required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments  # type: ignore[attr-defined]


class ManualProposalForm(Form):
    """A proposal to revise the 港区カスタマー・ハラスメント対応マニュアル (SO-8)."""

    section = _text(
        "該当箇所",
        model=ManualProposal,
        name="section",
        help_text="章・節・ページなど(例:第3章 2 電話での対応)。",
    )
    proposal = _narrative("提案の内容", required=True, help_text="どう改めるかを書いてください。")
    reason = _narrative("理由", required=True, help_text="現場で起きたこと、困ったことです。")
    incidents = forms.ModelMultipleChoiceField(
        label="根拠となる事案(任意)",
        queryset=Incident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["incidents"]
        field.queryset = incidents
        field.label_from_instance = lambda incident: f"事案 #{incident.pk}"


class ManualStatusForm(Form):
    status = forms.ChoiceField(label="状況", choices=ManualProposal.Status.choices)


class EquipmentForm(Form):
    """Something the ward lent (SO-11)."""

    kind = forms.ChoiceField(label="種類", choices=EquipmentItem.Kind.choices)
    name = _text("品名", model=EquipmentItem, name="name", help_text="例:事務室の鍵(1番)。")
    identifier = _text("管理番号", model=EquipmentItem, name="identifier", required=False)
    lent_on = BoundedDateField(label="貸与日")
    lent_to = forms.ModelChoiceField(
        label="貸与先(個人に貸与したとき)", queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["lent_to"]
        field.queryset = people
        field.label_from_instance = lambda p: f"{p.family_name} {p.given_name}"


class EquipmentReturnForm(Form):
    returned_on = BoundedDateField(label="返却日")


class EquipmentLostForm(Form):
    lost_on = BoundedDateField(label="紛失に気づいた日")
    note = _narrative(
        "紛失の経緯", required=True, help_text="いつ、どこで、どのように紛失したかです。"
    )


class ClosingForm(Form):
    """The day's closing check by the last worker (SO-17); big boxes for a phone."""

    day = BoundedDateField(label="日付")
    documents_locked = forms.BooleanField(
        label="個人情報を含む資料をキャビネットに保管した", required=False
    )
    cabinet_locked = forms.BooleanField(label="キャビネットの施錠を確認した", required=False)
    keys_returned = forms.BooleanField(label="鍵を所定の場所に返却した", required=False)
    papers_shredded = forms.BooleanField(
        label="不要になった書類をシュレッダーにかけた", required=False
    )
    note = _narrative(
        "備考",
        required=False,
        help_text="できなかった項目があるときは、その理由と対応を書いてください。",
    )

    CHECKS = ("documents_locked", "cabinet_locked", "keys_returned", "papers_shredded")

    @property
    def check_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.CHECKS]


class VehicleForm(Form):
    """A vehicle used for the work with its papers (SO-19)."""

    registration = _text(
        "登録番号", model=Vehicle, name="registration", help_text="例:品川 300 あ 12-34。"
    )
    power = forms.ChoiceField(label="種別", choices=Vehicle.Power.choices)
    diesel_compliant = forms.BooleanField(
        label="ディーゼル車規制(都条例)に適合している", required=False, initial=True
    )
    inspection_valid_until = BoundedDateField(label="車検の有効期限", required=False)
    inspection_certificate = forms.FileField(
        label="自動車検査証(写し)", required=False, help_text=FILE_HELP
    )
    pm_certificate = forms.FileField(
        label="粒子状物質減少装置装着証明書(写し、ディーゼル車のとき)",
        required=False,
        help_text=FILE_HELP,
    )
