from django.urls import path

from itaku.jobs import views

app_name = "jobs"

urlpatterns = [
    path("contracts/<int:contract_id>/jobs/<int:job_id>/", views.job_detail, name="detail"),
    path(
        "contracts/<int:contract_id>/jobs/<int:job_id>/progress/",
        views.job_progress,
        name="progress",
    ),
    path(
        "contracts/<int:contract_id>/jobs/<int:job_id>/download/",
        views.job_download,
        name="download",
    ),
    path("contracts/<int:contract_id>/jobs/<int:job_id>/retry/", views.job_retry, name="retry"),
]
