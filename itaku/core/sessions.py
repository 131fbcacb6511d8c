"""Database sessions that know their user (Django's documented way of extending the database
session engine), so all of a person's sessions can be ended at once."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from itaku.core.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data["_auth_user_id"])
        except (KeyError, ValueError, TypeError):
            instance.user_id = None
        return instance
