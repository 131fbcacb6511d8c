"""Of django.contrib.auth's pages only login, logout and password change are served: its
password-reset pages are English and are not served."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
    ],
)
def test_the_password_reset_pages_give_the_japanese_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["password_reset", "password_reset_done", "password_reset_confirm"]
)
def test_no_password_reset_url_name_is_left(name):
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs={"uidb64": "MQ", "token": "x"} if "confirm" in name else None)


@pytest.mark.django_db
def test_logout_and_password_change_are_still_there(client, world):
    client.force_login(world.manager)
    assert client.get(reverse("password_change")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
