from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.reports import views

urlpatterns: list[URLPattern] = [
    path("reports/", views.report_index, name="report-index"),
    path("reports/<int:year>/<int:month>/", views.monthly_report, name="report-month"),
    path(
        "reports/<int:year>/<int:month>/submit/",
        views.monthly_report_submit,
        name="report-submit",
    ),
    path(
        "reports/<int:year>/<int:month>/acknowledge/",
        views.monthly_report_acknowledge,
        name="report-acknowledge",
    ),
    path(
        "reports/<int:year>/<int:month>/<str:fmt>/",
        views.monthly_report_export,
        name="report-export",
    ),
]
