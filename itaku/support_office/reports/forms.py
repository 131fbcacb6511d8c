"""Forms of the report pages. The texts go to services that refuse a My Number (PI-11)."""

from __future__ import annotations

from django import forms

from itaku.web.forms import Form

MY_NUMBER_NOTE = "個人番号(マイナンバー)や来庁者の氏名は書かないでください。"


class ReportSubmitForm(Form):
    """The manager's remarks on the day's or the month's report, sent with it (SO-13, SO-14)."""

    remarks = forms.CharField(
        label="特記事項",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"区に伝えたいことがあれば書いてください。{MY_NUMBER_NOTE}",
    )


class PerformanceConfirmForm(Form):
    """The ward supervisor confirms the month's performance and the invoice amount (SO-16)."""

    amount = forms.IntegerField(
        label="請求額(円)",
        min_value=0,
        max_value=2_000_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
        help_text="この月の請求書の金額です(税込み、円)。",
    )
    note = forms.CharField(
        label="備考",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=MY_NUMBER_NOTE,
    )


class AdHocReportForm(Form):
    """A written report outside the daily and monthly ones (SO-15)."""

    title = forms.CharField(label="件名", max_length=200)
    body = forms.CharField(
        label="報告の内容",
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MY_NUMBER_NOTE,
    )
    asked_by_ward = forms.BooleanField(label="区の求めによる報告", required=False)
    file = forms.FileField(
        label="添付ファイル(任意)",
        required=False,
        help_text="写真(JPEG・PNG・HEIC)・PDF は 20 MB まで。",
    )
