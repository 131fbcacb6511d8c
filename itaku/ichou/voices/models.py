"""Surveys of participants and guardians and the opinions and requests received (IC-16,
仕様書 7(6)). A survey's responses are typed in by staff from the paper forms and are anonymous:
no response points to a participant. Free texts, opinions, answers and the reasons of a
correction are sealed under the contract's key. Kept for the contract's period and returned in
its package at contract end (PI-8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from itaku.core.models import Contract
from itaku.ichou.voices import rules
from itaku.privacy.fields import SealedTextField


class Survey(models.Model):
    """One survey (アンケート) handed out on paper, with its questions; closed when no more
    forms are to be entered."""

    class Audience(models.TextChoices):
        PARTICIPANTS = rules.AUDIENCE_PARTICIPANTS, "参加者"
        GUARDIANS = rules.AUDIENCE_GUARDIANS, "保護者"
        BOTH = rules.AUDIENCE_BOTH, "両方"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_surveys"
    )
    title = models.CharField("題名", max_length=200)
    audience = models.CharField("対象", max_length=20, choices=Audience.choices)
    period_start = models.DateField("実施期間の始め")
    period_end = models.DateField("実施期間の終わり")
    activity = models.ForeignKey(
        "ichou.Activity",
        verbose_name="活動",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作成者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    closed_at = models.DateTimeField("締切日時", null=True, blank=True)

    class Meta:
        verbose_name = "アンケート"
        verbose_name_plural = "アンケート"
        ordering = ["contract", "-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="ic_survey_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"アンケート {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class SurveyQuestion(models.Model):
    """One question of a survey: a five-point scale or a free text."""

    class Kind(models.TextChoices):
        SCALE = rules.SCALE, "5段階"
        FREE = rules.FREE, "自由記述"

    survey = models.ForeignKey(
        Survey, verbose_name="アンケート", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("順番")
    text = models.CharField("設問", max_length=300)
    kind = models.CharField("種類", max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = "アンケートの設問"
        verbose_name_plural = "アンケートの設問"
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "order"], name="ic_survey_question_order")
        ]

    def __str__(self) -> str:
        return f"設問 {self.order}"


class SurveyResponse(models.Model):
    """One paper form entered by staff: who answered (a participant or a guardian), never which
    participant."""

    class Respondent(models.TextChoices):
        PARTICIPANT = rules.PARTICIPANT, "参加者"
        GUARDIAN = rules.GUARDIAN, "保護者"

    survey = models.ForeignKey(
        Survey, verbose_name="アンケート", on_delete=models.PROTECT, related_name="responses"
    )
    respondent = models.CharField("回答者", max_length=20, choices=Respondent.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入力者", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("入力日時", auto_now_add=True)

    class Meta:
        verbose_name = "アンケートの回答"
        verbose_name_plural = "アンケートの回答"
        ordering = ["survey", "pk"]

    def __str__(self) -> str:
        return f"回答 {self.pk}"


class SurveyAnswer(models.Model):
    """The answer of one form to one question: a point 1–5 or a free text (sealed). A skipped
    question has no row."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="+"
    )
    response = models.ForeignKey(
        SurveyResponse, verbose_name="回答", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, verbose_name="設問", on_delete=models.PROTECT, related_name="answers"
    )
    point = models.PositiveSmallIntegerField("評価(1〜5)", null=True, blank=True)
    text = SealedTextField("自由記述", blank=True)

    class Meta:
        verbose_name = "設問への回答"
        verbose_name_plural = "設問への回答"
        ordering = ["response", "question__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="ic_survey_answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(point__isnull=True) | models.Q(point__gte=1, point__lte=5),
                name="ic_survey_answer_point_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"設問への回答 {self.pk}"


class Opinion(models.Model):
    """An opinion or request (ご意見・ご要望) received, and the answer given; answered once,
    corrected only with a reason (``OpinionCorrection``)."""

    class Source(models.TextChoices):
        PARTICIPANT = "participant", "参加者"
        GUARDIAN = "guardian", "保護者"
        OTHER = "other", "その他"

    class Channel(models.TextChoices):
        ORAL = "oral", "口頭"
        PHONE = "phone", "電話"
        WRITTEN = "written", "書面"
        SURVEY = "survey", "アンケート"

    class State(models.TextChoices):
        OPEN = "open", "未回答"
        ANSWERED = "answered", "回答済み"

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="ic_opinions"
    )
    received_on = models.DateField("受付日")
    source = models.CharField("どなたから", max_length=20, choices=Source.choices)
    channel = models.CharField("受付の方法", max_length=20, choices=Channel.choices)
    participant = models.ForeignKey(
        "ichou.Participant",
        verbose_name="参加者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    content = SealedTextField("内容")
    state = models.CharField("状態", max_length=20, choices=State.choices, default=State.OPEN)
    answer = SealedTextField("回答", blank=True)
    answered_on = models.DateField("回答日", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回答者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ward_reported = models.BooleanField("区へ報告済み", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="受付者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "ご意見・ご要望"
        verbose_name_plural = "ご意見・ご要望"
        ordering = ["contract", "-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="open", answered_on__isnull=True)
                | models.Q(state="answered", answered_on__isnull=False),
                name="ic_opinion_answered_has_a_day",
            )
        ]

    def __str__(self) -> str:
        # Never the content: an opinion's string appears in logs and audit targets.
        return f"ご意見 {self.pk}"


class OpinionCorrection(models.Model):
    """A correction of an opinion's answer: the answer as it was before, the reason, who and
    when (the new answer is on the opinion)."""

    contract = models.ForeignKey(
        Contract, verbose_name="契約", on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.ForeignKey(
        Opinion, verbose_name="ご意見・ご要望", on_delete=models.CASCADE, related_name="corrections"
    )
    previous_answer = SealedTextField("訂正前の回答")
    reason = SealedTextField("訂正の理由")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="訂正者", on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField("訂正日時", auto_now_add=True)

    class Meta:
        verbose_name = "回答の訂正"
        verbose_name_plural = "回答の訂正"
        ordering = ["opinion", "pk"]

    def __str__(self) -> str:
        return f"回答の訂正 {self.pk}"
