from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.staff import views

urlpatterns: list[URLPattern] = [
    path("staff/", views.roster_page, name="staff-roster"),
    path("manuals/", views.manuals_page, name="staff-manuals"),
    path(
        "manuals/<int:version_id>/acknowledge/",
        views.manual_acknowledge,
        name="staff-manual-acknowledge",
    ),
    path("training/", views.training_page, name="staff-training"),
    path("training/<int:plan_id>/", views.training_report_page, name="staff-training-report"),
    path("name-tags/", views.name_tags_page, name="staff-name-tags"),
    path("recruitment/", views.recruitment_page, name="staff-recruitment"),
    path("recruitment/publicity/", views.publicity_add, name="staff-publicity-add"),
    path("recruitment/applicants/add/", views.applicant_add, name="staff-applicant-add"),
    path(
        "recruitment/applicants/<int:applicant_id>/",
        views.applicant_page,
        name="staff-applicant",
    ),
    path(
        "recruitment/applicants/<int:applicant_id>/move/",
        views.applicant_move,
        name="staff-applicant-move",
    ),
    path(
        "recruitment/applicants/<int:applicant_id>/hire/",
        views.applicant_hire,
        name="staff-applicant-hire",
    ),
]
