from django.urls import path

from itaku.leaks import views

app_name = "leaks"

urlpatterns = [
    path("contracts/<int:contract_id>/leaks/", views.incident_list, name="incident-list"),
    path("contracts/<int:contract_id>/leaks/new/", views.incident_record, name="incident-record"),
    path(
        "contracts/<int:contract_id>/leaks/<int:incident_id>/",
        views.incident_detail,
        name="incident-detail",
    ),
    path(
        "contracts/<int:contract_id>/leaks/<int:incident_id>/<str:step>/",
        views.incident_follow,
        name="incident-follow",
    ),
]
