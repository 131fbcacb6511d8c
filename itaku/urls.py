from django.contrib import admin
from django.urls import include, path

from itaku.api import api
from itaku.core import views

urlpatterns = [
    path("accounts/2fa/", views.second_factor, name="second-factor"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("audit/", include("itaku.audit.urls")),
    path("api/v1/", api.urls),
    path("", include("itaku.leaks.urls")),
    path("", include("itaku.privacy.urls")),
    path("", include("itaku.core.urls")),
]
