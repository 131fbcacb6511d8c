from django.urls import path

from itaku.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/read/", views.notification_read_all, name="notification-read-all"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification-read",
    ),
    path("contracts/<int:contract_id>/", views.contract_detail, name="contract-detail"),
    path("contracts/<int:contract_id>/roster/", views.roster, name="roster"),
    path(
        "contracts/<int:contract_id>/roster/add/", views.roster_entry_add, name="roster-entry-add"
    ),
    path(
        "contracts/<int:contract_id>/roster/<int:entry_id>/change/",
        views.roster_entry_change,
        name="roster-entry-change",
    ),
    path(
        "contracts/<int:contract_id>/roster/<int:entry_id>/end/",
        views.roster_entry_end,
        name="roster-entry-end",
    ),
    path(
        "contracts/<int:contract_id>/roster/submit/",
        views.roster_version_submit,
        name="roster-version-submit",
    ),
    path(
        "contracts/<int:contract_id>/roster/versions/<int:version_id>/<str:decision>/",
        views.roster_version_decide,
        name="roster-version-decide",
    ),
    path(
        "contracts/<int:contract_id>/obligations/<int:item_id>/<str:act>/",
        views.obligation_item_act,
        name="obligation-item-act",
    ),
]
