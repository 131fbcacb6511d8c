"""Response headers for pages that may show personal data."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from itaku.core.access import needs_second_factor


class NoStoreMiddleware:
    """Forbid caching of every dynamic response (pages and API), so no personal data stays in a
    shared or browser cache (PI-6). Static files are served by WhiteNoise before this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class AbsoluteSessionTimeoutMiddleware:
    """End a session a fixed time after login however active it is (ASVS V7). The idle timeout
    is the session cookie's rolling age; this one does not roll."""

    KEY = "itaku_login_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            login_at = request.session.get(self.KEY)
            now = time.time()
            if login_at is None:
                request.session[self.KEY] = now
            elif now - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                hours = settings.SESSION_ABSOLUTE_SECONDS // 3600
                messages.info(
                    request, f"安全のため、ログインから{hours}時間たったのでログアウトしました。"
                )
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorMiddleware:
    """Send a signed-in supervisor, manager, auditor or administrator to the one-time-code page
    until the session is verified with a second factor (ASVS V6). The API authenticates by token
    and is not affected."""

    ALLOWED_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not user.is_verified()
            and needs_second_factor(user)
        ):
            return redirect_to_login(request.get_full_path(), login_url=reverse("second-factor"))
        return self.get_response(request)
