"""Forms of the insurance and chartered-bus pages (IC-26, IC-33). The 別表's minimums are not a
form error: a short policy is stored and its problems shown with their clause."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

FILE_HELP = "PDF・写真(JPEG・PNG)。個人番号(マイナンバー)が写っていないものにしてください。"


def _yen(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, help_text=help_text)


class PolicyForm(Form):
    insurer = forms.CharField(
        label="保険会社", max_length=max_length_of(InsurancePolicy, "insurer")
    )
    policy_number = forms.CharField(
        label="証券番号", max_length=max_length_of(InsurancePolicy, "policy_number")
    )
    valid_from = BoundedDateField(label="保険期間の始め")
    valid_to = BoundedDateField(label="保険期間の終わり")
    death = _yen("死亡保険金額(円)", "別表: 2,000万円以上")
    residual_disability = _yen("後遺障害保険金額(円)", "別表: 3,000万円以上")
    hospital_amount = _yen("入院保険金額(円)", "別表: 4,000円以上(1日あたりで比べます)")
    hospital_unit = forms.ChoiceField(
        label="入院保険金の単位",
        choices=InsurancePolicy.HospitalUnit.choices,
        widget=forms.RadioSelect,
        help_text="月額のときは30で割った額(円未満切捨て)を1日あたりとして比べます。",
    )
    outpatient_per_day = _yen("通院保険金日額(円)", "別表: 1,500円以上")
    liability = _yen("賠償責任保険の支払限度額(円)", "別表: 1億円以上")
    covers_travel = forms.BooleanField(
        label="自宅と集合・解散場所の往復も補償する",
        required=False,
        help_text="別表 ※: 活動中と、自宅から集合場所まで・活動後に自宅へ直接帰るまで。",
    )
    certificate = forms.FileField(label="保険証券の写し", required=False, help_text=FILE_HELP)


class VehicleForm(Form):
    operator = forms.CharField(
        label="バス会社", max_length=max_length_of(CharteredVehicle, "operator")
    )
    vehicle_number = forms.CharField(
        label="車両番号", max_length=max_length_of(CharteredVehicle, "vehicle_number")
    )
    rating = forms.ChoiceField(
        label="環境性能の評価",
        choices=[("", "選んでください"), *CharteredVehicle.RATINGS],
        help_text="観光バスの環境性能表示に係るガイドラインの評価。Aランク以上が必要です。",
    )
    activity = forms.ChoiceField(label="使う活動", required=False)
    document = forms.FileField(label="車検証・評価の書類", required=False, help_text=FILE_HELP)

    def __init__(self, *args: Any, activities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "決めていない"), *activities]  # type: ignore[attr-defined]
