from __future__ import annotations

from django.urls import URLPattern, path

from itaku.support_office.duty import views

urlpatterns: list[URLPattern] = [
    path("duty/", views.duty_index, name="duty-index"),
    path("duty/<int:year>/<int:month>/", views.duty_month, name="duty-month"),
]
