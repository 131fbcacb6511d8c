"""What the surveys and opinions part of いちょう学級 declares to the platform (IC-16, 仕様書
7(6)); gathered by ``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, TodoSource

KIND = "ichou"

VIEW_VOICES = Action(
    key="ic_view_voices",
    label="アンケート・ご意見を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER, Role.WORKER}),
    before_period=frozenset({Role.WARD_SUPERVISOR, Role.MANAGER}),
    service_kind=KIND,
)
EDIT_VOICES = Action(
    key="ic_edit_voices",
    label="アンケート・ご意見を登録する・回答する",
    roles=frozenset({Role.MANAGER, Role.WORKER}),
    writes=True,
    before_period=frozenset({Role.MANAGER}),
    service_kind=KIND,
)
ACTIONS = [VIEW_VOICES, EDIT_VOICES]

# Each event names its target and, at most, the names of the fields it changed: never the
# content of an opinion, an answer, a reason or a free text.
AUDIT_EVENTS = [
    AuditEventKind("ic_survey.create", "アンケートの作成"),
    AuditEventKind("ic_survey.question_add", "アンケートの設問の追加"),
    AuditEventKind("ic_survey.close", "アンケートの締切り"),
    AuditEventKind("ic_survey.response_add", "アンケートの回答の入力"),
    AuditEventKind("ic_survey.download", "アンケート集計のダウンロード"),
    AuditEventKind("ic_opinion.create", "ご意見・ご要望の受付"),
    AuditEventKind("ic_opinion.answer", "ご意見・ご要望への回答"),
    AuditEventKind("ic_opinion.correct", "ご意見・ご要望の回答の訂正"),
    AuditEventKind("ic_opinion.report", "ご意見・ご要望の区への報告"),
]

CONTRACT_PAGES = [
    ContractPage("ic_surveys", "アンケート", "ichou:voices-surveys", VIEW_VOICES.key, KIND),
    ContractPage("ic_opinions", "ご意見・ご要望", "ichou:voices-opinions", VIEW_VOICES.key, KIND),
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.voices.selectors import voices_todos

    return voices_todos(user, today, accesses)


# IC-16: opinions unanswered for more than 14 days wait on the manager's home page, as a count.
TODOS = [TodoSource("ic_voices", "ご意見・ご要望", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.voices.demo import voices_demo_step

    voices_demo_step(world)


# Two surveys with about 20 responses each, 8 opinions, open and answered.
DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.voices import models
    from itaku.privacy.packages import model_rows

    via_survey = "survey__contract"
    return [
        *model_rows(models.Survey, path="ichou/surveys.csv")(contract, watermark),
        *model_rows(
            models.SurveyQuestion, path="ichou/survey_questions.csv", contract_path=via_survey
        )(contract, watermark),
        *model_rows(
            models.SurveyResponse, path="ichou/survey_responses.csv", contract_path=via_survey
        )(contract, watermark),
        *model_rows(models.SurveyAnswer, path="ichou/survey_answers.csv")(contract, watermark),
        *model_rows(models.Opinion, path="ichou/opinions.csv")(contract, watermark),
        *model_rows(models.OpinionCorrection, path="ichou/opinion_corrections.csv")(
            contract, watermark
        ),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_voices",
            label="アンケート・ご意見",
            files=_package_files,
            covers=(
                "ichou.survey",
                "ichou.surveyquestion",
                "ichou.surveyresponse",
                "ichou.surveyanswer",
                "ichou.opinion",
                "ichou.opinioncorrection",
            ),
            service_kind=KIND,
        )
    ]


PACKAGE_SECTIONS = _package_sections()
