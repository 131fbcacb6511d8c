from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.money import views

urlpatterns: list[URLPattern] = [
    path("money/", views.costs_page, name="money_costs"),
    path("money/activities/<int:activity_id>/", views.activity_page, name="money_activity"),
    path("money/activities/<int:activity_id>/ledger/", views.ledger_page, name="money_ledger"),
    path(
        "money/activities/<int:activity_id>/ledger/<int:entry_id>/reverse/",
        views.ledger_reverse,
        name="money_ledger_reverse",
    ),
    path("money/lodgings/", views.lodgings_page, name="money_lodgings"),
    path("money/lodgings/<int:lodging_id>/", views.lodging_page, name="money_lodging"),
]
