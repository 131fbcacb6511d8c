from django.urls import path

from itaku.privacy import views

app_name = "privacy"

urlpatterns = [
    path("contracts/<int:contract_id>/exports/", views.export_list, name="export-list"),
    path(
        "contracts/<int:contract_id>/exports/request/", views.export_request, name="export-request"
    ),
    path(
        "contracts/<int:contract_id>/exports/preapprove/",
        views.export_preapprove,
        name="export-preapprove",
    ),
    path(
        "contracts/<int:contract_id>/exports/<int:request_id>/approve/",
        views.export_decide,
        {"decision": "approve"},
        name="export-approve",
    ),
    path(
        "contracts/<int:contract_id>/exports/<int:request_id>/refuse/",
        views.export_decide,
        {"decision": "refuse"},
        name="export-refuse",
    ),
    path(
        "contracts/<int:contract_id>/exports/<int:request_id>/file/",
        views.export_produce,
        name="export-produce",
    ),
    path(
        "contracts/<int:contract_id>/exports/<int:request_id>/download/",
        views.export_download,
        name="export-download",
    ),
    path("contracts/<int:contract_id>/attachments/", views.attachment_list, name="attachment-list"),
    path(
        "contracts/<int:contract_id>/attachments/add/",
        views.attachment_add,
        name="attachment-add",
    ),
    path(
        "contracts/<int:contract_id>/attachments/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment-download",
    ),
]
