"""Forms of the survey and opinion pages (IC-16). A response's form is made from the survey's
questions: a five-point question as radio buttons 1–5, a free question as a text box; every
question may be left blank (skipped)."""

from __future__ import annotations

from typing import Any

from django import forms

from itaku.ichou.voices.models import Opinion, Survey, SurveyQuestion, SurveyResponse
from itaku.ichou.voices.services import TEXT_MAX
from itaku.web.fields import BoundedDateField
from itaku.web.forms import Form, max_length_of

POINT_CHOICES = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]


class SurveyForm(Form):
    title = forms.CharField(label="題名", max_length=max_length_of(Survey, "title"))
    audience = forms.ChoiceField(
        label="対象", choices=Survey.Audience.choices, widget=forms.RadioSelect
    )
    period_start = BoundedDateField(label="実施期間の始め")
    period_end = BoundedDateField(label="実施期間の終わり")
    activity = forms.ChoiceField(label="活動", required=False)

    def __init__(self, *args: Any, activities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "活動を決めない"), *activities]  # type: ignore[attr-defined]


class QuestionForm(Form):
    text = forms.CharField(label="設問", max_length=max_length_of(SurveyQuestion, "text"))
    kind = forms.ChoiceField(
        label="種類",
        choices=SurveyQuestion.Kind.choices,
        widget=forms.RadioSelect,
        help_text="5段階: 1(よくない)〜5(とてもよい)から選ぶ設問。自由記述: 文章で答える設問。",
    )


class ResponseForm(Form):
    respondent = forms.ChoiceField(label="回答者", widget=forms.RadioSelect)

    def __init__(
        self,
        *args: Any,
        questions: list[SurveyQuestion],
        respondents: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respondent"].choices = respondents  # type: ignore[attr-defined]
        if len(respondents) == 1:
            self.fields["respondent"].initial = respondents[0][0]
        for q in questions:
            label = f"{q.order}. {q.text}"
            if q.kind == SurveyQuestion.Kind.SCALE:
                self.fields[f"q{q.pk}"] = forms.ChoiceField(
                    label=label,
                    choices=POINT_CHOICES,
                    widget=forms.RadioSelect,
                    required=False,
                    help_text="1(よくない)〜5(とてもよい)。無回答のときは選ばずに。",
                )
            else:
                self.fields[f"q{q.pk}"] = forms.CharField(
                    label=label,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=False,
                    max_length=TEXT_MAX,
                )

    def answers(self, questions: list[SurveyQuestion]) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in questions}


RESPONDENT_LABELS = dict(SurveyResponse.Respondent.choices)


class OpinionForm(Form):
    received_on = BoundedDateField(label="受付日")
    source = forms.ChoiceField(
        label="どなたから", choices=Opinion.Source.choices, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label="受付の方法", choices=Opinion.Channel.choices, widget=forms.RadioSelect
    )
    participant = forms.ChoiceField(
        label="参加者", required=False, help_text="分かるときだけ選びます。"
    )
    content = forms.CharField(
        label="内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        help_text="個人番号(マイナンバー)は書かないでください。",
    )
    ward_reported = forms.BooleanField(label="区へ報告済み", required=False)

    def __init__(
        self, *args: Any, participants: list[tuple[str, str]] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if participants is None:
            # Only those who may read the participants' contacts link an opinion to one.
            del self.fields["participant"]
        else:
            self.fields["participant"].choices = [("", "選ばない"), *participants]  # type: ignore[attr-defined]


class AnswerForm(Form):
    answer = forms.CharField(
        label="回答した内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX
    )
    answered_on = BoundedDateField(label="回答日")


class CorrectionForm(Form):
    answer = forms.CharField(
        label="訂正後の回答", widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX
    )
    reason = forms.CharField(
        label="訂正の理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
