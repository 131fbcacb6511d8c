from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.programme import views

urlpatterns: list[URLPattern] = [
    path("programme/", views.programme_index, name="programme-index"),
    path("programme/<int:fiscal_year>/", views.programme_page, name="programme"),
    path("programme/<int:fiscal_year>/add/", views.activity_add, name="activity-add"),
    path("activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path("activities/<int:activity_id>/edit/", views.activity_edit, name="activity-edit"),
]
