"""The reports' pages, under ``/contracts/<id>/so/reports/`` (SO-13 … SO-16)."""

from __future__ import annotations

from django.urls import path

from itaku.support_office.reports import views

urlpatterns = [
    path("reports/", views.report_index, name="reports"),
    path("reports/daily/<str:day>/", views.daily_report, name="daily-report"),
    path("reports/daily/<str:day>/submit/", views.daily_report_submit, name="daily-submit"),
    path(
        "reports/daily/<str:day>/acknowledge/",
        views.daily_report_acknowledge,
        name="daily-acknowledge",
    ),
    path(
        "reports/daily/<str:day>/export/<str:fmt>/",
        views.daily_report_export,
        name="daily-export",
    ),
    path("reports/monthly/<int:year>/<int:month>/", views.monthly_report, name="monthly-report"),
    path(
        "reports/monthly/<int:year>/<int:month>/submit/",
        views.monthly_report_submit,
        name="monthly-submit",
    ),
    path(
        "reports/monthly/<int:year>/<int:month>/acknowledge/",
        views.monthly_report_acknowledge,
        name="monthly-acknowledge",
    ),
    path(
        "reports/monthly/<int:year>/<int:month>/confirm/",
        views.performance_confirm,
        name="performance-confirm",
    ),
    path(
        "reports/monthly/<int:year>/<int:month>/export/<str:fmt>/",
        views.monthly_report_export,
        name="monthly-export",
    ),
    path("reports/adhoc/", views.adhoc_list, name="adhoc-list"),
    path("reports/adhoc/new/", views.adhoc_record, name="adhoc-record"),
    path("reports/adhoc/<int:report_id>/", views.adhoc_detail, name="adhoc-detail"),
]
