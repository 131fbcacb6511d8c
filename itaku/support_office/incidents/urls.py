"""The incident and consultation pages (SO-7), under ``/contracts/<id>/so/``."""

from __future__ import annotations

from django.urls import path

from itaku.support_office.incidents import views

urlpatterns = [
    path("incidents/", views.incident_list, name="incident-list"),
    path("incidents/new/", views.incident_record, name="incident-record"),
    path("incidents/<int:incident_id>/", views.incident_detail, name="incident-detail"),
    path("incidents/<int:incident_id>/change/", views.incident_change, name="incident-change"),
    path(
        "incidents/<int:incident_id>/evidence/",
        views.incident_evidence_add,
        name="incident-evidence-add",
    ),
    path(
        "incidents/<int:incident_id>/follow-ups/",
        views.incident_follow_up_add,
        name="incident-follow-up-add",
    ),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow-up-done"),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_record, name="consultation-record"),
    path(
        "consultations/<int:consultation_id>/",
        views.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "consultations/<int:consultation_id>/follow-ups/",
        views.consultation_follow_up_add,
        name="consultation-follow-up-add",
    ),
]
