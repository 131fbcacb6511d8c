from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from itaku.api import api
from itaku.core import views
from itaku.core.forms import LoginForm

urlpatterns = [
    path("accounts/2fa/", views.second_factor, name="second-factor"),
    # Before django.contrib.auth's own: the same login page, with plain Japanese messages.
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("audit/", include("itaku.audit.urls")),
    path("api/v1/", api.urls),
    path("", include("itaku.support_office.urls")),
    path("", include("itaku.leaks.urls")),
    path("", include("itaku.privacy.urls")),
    path("", include("itaku.jobs.urls")),
    path("", include("itaku.core.urls")),
]
