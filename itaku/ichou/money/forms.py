"""Forms of the money pages: an activity's cost sheet (IC-27), a ledger line and its reversal
(IC-16), a lodging and the lodging chosen for the overnight trip (IC-25). The rules are the
services'; their refusals are shown next to the field."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.money.models import ROUNDING_CHOICES, BusHikeLedgerEntry, Lodging
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

FILE_HELP = "PDF・写真(JPEG・PNG)。個人番号(マイナンバー)が写っていないものにしてください。"


def _yen(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, help_text=help_text)


class CostSheetForm(Form):
    transport = _yen("交通費(1人あたり・円)")
    food = _yen("食費(1人あたり・円)")
    lodging = _yen("宿泊費(1人あたり・円)", "宿泊事業のときだけ。ほかは0にしてください。")
    materials = _yen("教材費(1人あたり・円)", "宿泊事業・バスハイクで参加者個人に係る実費。")
    admissions = _yen("入館料等(1人あたり・円)", "宿泊事業・バスハイクで参加者個人に係る実費。")
    rounding = forms.ChoiceField(
        label="1/4の額の円未満の端数",
        choices=ROUNDING_CHOICES,
        widget=forms.RadioSelect,
        help_text="宿泊事業・バスハイクの交通費・食費・宿泊費の1/4を円にするときの扱い。",
    )


class LedgerEntryForm(Form):
    entry_date = BoundedDateField(label="日付")
    kind = forms.ChoiceField(
        label="区分", choices=BusHikeLedgerEntry.Kind.choices, widget=forms.RadioSelect
    )
    amount = forms.IntegerField(label="金額(円)", min_value=1)
    description = forms.CharField(
        label="摘要",
        max_length=max_length_of(BusHikeLedgerEntry, "description"),
        help_text="例: 参加費の受入(30名分)、バス代の支払。個人の名前は書かないでください。",
    )
    receipt = forms.FileField(
        label="領収書", required=False, help_text="支払のときは必ず添付します。" + FILE_HELP
    )


class LedgerReverseForm(Form):
    reason = forms.CharField(
        label="取り消す理由",
        max_length=max_length_of(BusHikeLedgerEntry, "reason"),
        help_text="記帳は変更できません。取り消す記帳を加え、元の記帳も残ります。",
    )


class LodgingForm(Form):
    name = forms.CharField(label="施設名", max_length=max_length_of(Lodging, "name"))
    address = forms.CharField(label="所在地", max_length=max_length_of(Lodging, "address"))
    hotel_or_ryokan = forms.BooleanField(label="ホテル・旅館である", required=False)
    floors = forms.IntegerField(label="階数", min_value=1, max_value=200)
    floor_area_m2 = forms.DecimalField(
        label="床面積(㎡)", min_value=0.01, max_digits=10, decimal_places=2
    )
    built_year = forms.IntegerField(
        label="建築年(西暦)",
        min_value=1850,
        max_value=2100,
        help_text="1982年(昭和57年)以降は新耐震基準です。",
    )
    diagnosed_safe = forms.ChoiceField(
        label="耐震診断の結果", choices=Lodging.Diagnosis.choices, widget=forms.RadioSelect
    )
    result_published = forms.BooleanField(
        label="所管行政庁が耐震診断の結果(安全)を公表している",
        required=False,
        help_text="階数3以上・床面積5,000㎡以上のホテル・旅館(旧耐震基準)のとき。",
    )
    evidence = forms.FileField(
        label="安全性を示す書類",
        required=False,
        help_text="公表の写し、耐震診断書、建築確認の書類など。選ぶには必要です。" + FILE_HELP,
    )
    note = forms.CharField(
        label="備考",
        required=False,
        max_length=max_length_of(Lodging, "note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LodgingChoiceForm(Form):
    lodging = forms.ChoiceField(label="宿泊施設")

    def __init__(self, *args: Any, lodgings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lodging"].choices = [("", "選んでください"), *lodgings]  # type: ignore[attr-defined]
