"""The いちょう学級's pages, under ``/contracts/<id>/ichou/``; each part keeps its own."""

from django.urls import include, path

app_name = "ichou"

urlpatterns: list = [
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.programme.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.day.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.participants.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.compliance.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.notices.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.staff.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.voices.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.reports.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.money.urls")),
    path("contracts/<int:contract_id>/ichou/", include("itaku.ichou.agreements.urls")),
]
