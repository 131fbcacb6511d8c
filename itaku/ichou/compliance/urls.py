from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.compliance import views

urlpatterns: list[URLPattern] = [
    path("insurance/", views.policies_page, name="policies"),
    path("insurance/<int:policy_id>/", views.policy_edit, name="policy"),
    path("vehicles/", views.vehicles_page, name="vehicles"),
    path("vehicles/<int:vehicle_id>/", views.vehicle_edit, name="vehicle"),
]
