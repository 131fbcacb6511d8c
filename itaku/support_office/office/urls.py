"""The office's pages, under ``/contracts/<id>/so/`` (namespace ``support_office``)."""

from __future__ import annotations

from django.urls import path

from itaku.support_office.office import views

urlpatterns = [
    path("trainings/", views.training_list, name="training-list"),
    path("trainings/new/", views.training_record, name="training-record"),
    path("manual/", views.manual_list, name="manual-list"),
    path("manual/new/", views.manual_propose, name="manual-propose"),
    path("manual/<int:proposal_id>/", views.manual_detail, name="manual-detail"),
    path("manual/<int:proposal_id>/status/", views.manual_status, name="manual-status"),
    path("equipment/", views.equipment_list, name="equipment-list"),
    path("equipment/new/", views.equipment_add, name="equipment-add"),
    path("equipment/<int:item_id>/return/", views.equipment_return, name="equipment-return"),
    path("equipment/<int:item_id>/lost/", views.equipment_lost, name="equipment-lost"),
    path("closing/", views.closing, name="closing"),
    path("vehicles/", views.vehicle_list, name="vehicle-list"),
    path("vehicles/new/", views.vehicle_add, name="vehicle-add"),
    path("vehicles/<int:vehicle_id>/shown/", views.vehicle_shown, name="vehicle-shown"),
]
