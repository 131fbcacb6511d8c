from __future__ import annotations

from django.urls import path

from itaku.support_office.dispatch import views

urlpatterns = [
    path("board/", views.board, name="board"),
    path("board/rows/", views.board_rows, name="board-rows"),
    path("requests/", views.request_list, name="request-list"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/emergency/", views.emergency, name="request-emergency"),
    path("requests/<int:request_id>/", views.request_detail, name="request-detail"),
    path("requests/<int:request_id>/details/", views.request_details, name="request-details"),
    path("requests/<int:request_id>/<str:to>/", views.request_move, name="request-move"),
]
