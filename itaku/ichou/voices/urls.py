from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.voices import views

urlpatterns: list[URLPattern] = [
    path("surveys/", views.surveys_page, name="voices-surveys"),
    path("surveys/<int:survey_id>/", views.survey_detail, name="voices-survey"),
    path("surveys/<int:survey_id>/close/", views.survey_close, name="voices-survey-close"),
    path("surveys/<int:survey_id>/respond/", views.survey_respond, name="voices-survey-respond"),
    path("surveys/<int:survey_id>/summary/", views.survey_summary, name="voices-survey-summary"),
    path(
        "surveys/<int:survey_id>/summary.xlsx",
        views.survey_summary_xlsx,
        name="voices-survey-xlsx",
    ),
    path("opinions/", views.opinions_page, name="voices-opinions"),
    path("opinions/new/", views.opinion_add, name="voices-opinion-add"),
    path("opinions/<int:opinion_id>/", views.opinion_detail, name="voices-opinion"),
    path("opinions/<int:opinion_id>/report/", views.opinion_report, name="voices-opinion-report"),
]
