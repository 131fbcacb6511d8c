from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from itaku.api import api
from itaku.core import views
from itaku.core.forms import LoginForm

urlpatterns = [
    path("accounts/2fa/", views.second_factor, name="second-factor"),
    # The login page with plain Japanese messages.
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"
    ),
    # Only these of django.contrib.auth's pages: its password-reset pages are English and are
    # not served (a Japanese 404).
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("audit/", include("itaku.audit.urls")),
    path("api/v1/", api.urls),
    path("", include("itaku.support_office.urls")),
    path("", include("itaku.ichou.urls")),
    path("", include("itaku.leaks.urls")),
    path("", include("itaku.privacy.urls")),
    path("", include("itaku.jobs.urls")),
    path("", include("itaku.core.urls")),
]
