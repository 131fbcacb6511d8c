from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.agreements import views

urlpatterns: list[URLPattern] = [
    path("agreements/", views.agreements_page, name="agreements"),
    path("agreements/<int:agreement_id>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:agreement_id>/edit/", views.agreement_edit, name="agreement-edit"),
    path(
        "agreements/<int:agreement_id>/supersede/",
        views.agreement_supersede,
        name="agreement-supersede",
    ),
    path("agreements/<int:agreement_id>/pdf/", views.agreement_pdf, name="agreement-pdf"),
    path("quarters/", views.quarters_page, name="quarters"),
    path("quarters/<int:fiscal_year>/<int:quarter>/", views.quarter_page, name="quarter"),
]
