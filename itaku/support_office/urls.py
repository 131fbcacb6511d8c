"""The support office's pages, under ``/contracts/<id>/so/``; each part keeps its own."""

from django.urls import include, path

app_name = "support_office"

urlpatterns = [
    path("contracts/<int:contract_id>/so/", include("itaku.support_office.dispatch.urls")),
    path("contracts/<int:contract_id>/so/", include("itaku.support_office.incidents.urls")),
    path("contracts/<int:contract_id>/so/", include("itaku.support_office.duty.urls")),
    path("contracts/<int:contract_id>/so/", include("itaku.support_office.office.urls")),
    path("contracts/<int:contract_id>/so/", include("itaku.support_office.reports.urls")),
]
