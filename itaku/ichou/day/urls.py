from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.day import views

urlpatterns: list[URLPattern] = [
    path("days/", views.day_list, name="day-list"),
    path("days/<int:activity_id>/", views.door, name="day-door"),
    path("days/<int:activity_id>/staffing/", views.staffing, name="day-staffing"),
    path("days/<int:activity_id>/mark/", views.mark, name="day-mark"),
    path("days/<int:activity_id>/health/", views.health, name="day-health"),
    path("days/<int:activity_id>/prepare/", views.prepare, name="day-prepare"),
    path("days/<int:activity_id>/log/", views.log, name="day-log"),
    path("days/<int:activity_id>/accident/", views.accident_add, name="accident-add"),
    path("accidents/", views.accident_list, name="accidents"),
    path("accidents/<int:report_id>/", views.accident_detail, name="accident"),
]
