"""Forms of the annual programme pages (IC-3 … IC-8, IC-17, IC-18, IC-23). Their text goes to
the services, which refuse a My Number next to the field (PI-11); the rules of 仕様書 6 are not
checked here but shown on the programme page (a draft may break them until it is submitted)."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.programme.models import Activity
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"


class ActivityForm(Form):
    kind = forms.ChoiceField(label="種類", choices=[("", "選んでください"), *Activity.KINDS])
    group = forms.ChoiceField(
        label="グループ",
        choices=Activity.Group.choices,
        widget=forms.RadioSelect,
        help_text="合同にできるのは1日外出(バスハイクを含む)と宿泊事業です。",
    )
    date = BoundedDateField(label="実施日", help_text="土曜日か日曜日です。")
    end_date = BoundedDateField(
        label="終了日", required=False, help_text="宿泊事業だけ。空なら翌日(日曜日)です。"
    )
    start = forms.TimeField(label="開始", widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label="終了", widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(
        label="場所", required=False, max_length=max_length_of(Activity, "place")
    )
    lecturer = forms.CharField(
        label="講師",
        required=False,
        max_length=max_length_of(Activity, "lecturer"),
        help_text=MY_NUMBER_NOTE,
    )
    content = forms.CharField(
        label="内容",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MY_NUMBER_NOTE,
    )
    expected_participants = forms.IntegerField(
        label="参加見込み人数",
        min_value=0,
        max_value=200,
        initial=0,
        help_text="従事者・看護師の必要数の計算に使います(1グループ30人程度、バスハイク・宿泊は60人程度)。",
    )

    @classmethod
    def of(cls, activity: Activity) -> ActivityForm:
        from itaku.ichou.programme.services import PLAN_FIELDS

        return cls(initial={n: getattr(activity, n) for n in PLAN_FIELDS})


class DecideForm(Form):
    note = forms.CharField(
        label="差し戻す理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"差し戻すときに書きます。{MY_NUMBER_NOTE}",
    )


class ReviseForm(Form):
    change_reason = forms.CharField(
        label="変更の理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MY_NUMBER_NOTE,
    )


class AssignForm(Form):
    entry = forms.ChoiceField(label="従事者")

    def __init__(self, *args: Any, entries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "選んでください"), *entries]  # type: ignore[attr-defined]


class WeatherCancelForm(Form):
    agreed_on = BoundedDateField(label="中止を区と合意した日")
    notice_sent_on = BoundedDateField(label="参加者に中止の通知を送った日")
