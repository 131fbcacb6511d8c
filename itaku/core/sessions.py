"""Database sessions that know their user (Django's documented way of extending the database
session engine), so all of a person's sessions can be ended at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

if TYPE_CHECKING:
    from itaku.core.models import UserSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        from itaku.core.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        # The parent builds an instance of get_model_class(), which is UserSession.
        instance = cast("UserSession", super().create_model_instance(data))
        try:
            instance.user_id = int(data["_auth_user_id"])
        except (KeyError, ValueError, TypeError):
            instance.user_id = None
        return instance
