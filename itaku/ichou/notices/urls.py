from __future__ import annotations

from django.urls import URLPattern, path

from itaku.ichou.notices import views

urlpatterns: list[URLPattern] = [
    path("notices/", views.notices_list, name="notices_list"),
    path("notices/<int:notice_id>/", views.notice_detail, name="notices_detail"),
    path("newsletters/", views.newsletters_page, name="notices_newsletters"),
    path(
        "newsletters/<int:newsletter_id>/",
        views.newsletter_detail,
        name="notices_newsletter",
    ),
]
