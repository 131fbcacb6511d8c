from django.urls import path

from itaku.privacy import views, views_contract_end

app_name = "privacy"

urlpatterns = [
    path(
        "contracts/<int:contract_id>/end/roster/close/",
        views_contract_end.roster_close,
        name="roster-close",
    ),
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
    # PI-5: an attachment is viewed in its page; a copy to keep is an export. No URL hands out
    # the file to save, and none holds its name.
    path(
        "contracts/<int:contract_id>/attachments/<uuid:attachment_id>/view/",
        views.attachment_detail,
        name="attachment-detail",
    ),
    path(
        "contracts/<int:contract_id>/attachments/<uuid:attachment_id>/content/",
        views.attachment_content,
        name="attachment-content",
    ),
    # PI-8, IC-29: contract end.
    path("contracts/<int:contract_id>/end/", views_contract_end.contract_end, name="contract-end"),
    path(
        "contracts/<int:contract_id>/end/items/<slug:item_key>/confirm/",
        views_contract_end.end_item_confirm,
        name="end-item-confirm",
    ),
    path(
        "contracts/<int:contract_id>/end/packages/build/",
        views_contract_end.package_build,
        name="package-build",
    ),
    path(
        "contracts/<int:contract_id>/end/packages/<int:package_id>/download/",
        views_contract_end.package_download,
        name="package-download",
    ),
    path(
        "contracts/<int:contract_id>/end/packages/<int:package_id>/receive/",
        views_contract_end.package_receive,
        name="package-receive",
    ),
    path(
        "contracts/<int:contract_id>/end/destroy/",
        views_contract_end.contract_destroy,
        name="contract-destroy",
    ),
    path("certificates/<int:certificate_id>/", views_contract_end.certificate, name="certificate"),
    path(
        "certificates/<int:certificate_id>/pdf/",
        views_contract_end.certificate_download,
        name="certificate-download",
    ),
]
