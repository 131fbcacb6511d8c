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
]
