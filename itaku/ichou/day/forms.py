"""Forms of the activity-day pages. Their text goes to the services, which refuse a My Number
next to the field (PI-11)."""

from __future__ import annotations

from django import forms

from itaku.ichou.day.models import AccidentReport, ActivityDay
from itaku.web.forms import Form

MY_NUMBER_NOTE = "個人番号(マイナンバー)は書かないでください。"


def _text(label: str, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MY_NUMBER_NOTE,
    )


class PrepareForm(Form):
    """IC-10, IC-34: the checklist, one box per item."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ActivityDay.PREPARATION + ActivityDay.INFECTION:
            label = getattr(ActivityDay._meta.get_field(name), "verbose_name", name)
            self.fields[name] = forms.BooleanField(label=str(label), required=False)


class LogForm(Form):
    """IC-13, IC-14: the work log (業務日誌)."""

    log_preparation = _text("準備")
    log_notices = _text("事務連絡・関係機関との連絡")
    log_meeting = _text("打合せ・反省会")
    log_staffing = _text("従事者の配置")
    log_participants = _text("受講者の様子")
    log_events = _text("本日の出来事", required=True)
    cleaned = forms.BooleanField(label="使用箇所の片付け・清掃をした", required=False)
    locked = forms.BooleanField(label="施錠した", required=False)
    keys_returned = forms.BooleanField(label="鍵を返却した", required=False)


class AccidentForm(Form):
    """IC-15, IC-31: the accident report (事故報告書)."""

    kind = forms.ChoiceField(
        label="種類", choices=[("", "選んでください"), *AccidentReport.Kind.choices]
    )
    happened_at = forms.DateTimeField(
        label="発生日時", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    what = _text("何が起きたか", required=True)
    first_aid = _text("応急手当・対応")
    guardian_contacted_at = forms.DateTimeField(
        label="保護者に連絡した時刻",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    hospital = _text("受診した医療機関")
