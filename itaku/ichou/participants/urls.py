from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.participants import views

urlpatterns: list[URLPattern] = [
    path("participants/", views.participants_index, name="participants-index"),
    path("participants/<int:fiscal_year>/", views.participants_page, name="participants"),
    path(
        "participants/<int:fiscal_year>/application.pdf",
        views.application_form_pdf,
        name="participants-application-pdf",
    ),
    path(
        "participants/<int:fiscal_year>/plan-sheet/",
        views.plan_sheet_pdf,
        name="participants-plan-sheet",
    ),
    path("participants/new/", views.participant_add, name="participant-add"),
    path("participants/import/", views.participants_import, name="participants-import"),
    path("participant/<int:participant_id>/", views.participant_detail, name="participant"),
    path(
        "participant/<int:participant_id>/edit/",
        views.participant_edit,
        name="participant-edit",
    ),
    path(
        "registrations/<int:registration_id>/",
        views.registration_page,
        name="registration",
    ),
]
