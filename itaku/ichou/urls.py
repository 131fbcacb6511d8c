"""The いちょう学級's pages, under ``/contracts/<id>/ichou/``; each part keeps its own."""

from django.urls import path  # noqa: F401  (the parts add their ``include`` here)

app_name = "ichou"

urlpatterns: list = []
