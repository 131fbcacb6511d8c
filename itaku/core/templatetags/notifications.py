"""The unread-notification count in the page header: one indexed query, nothing when signed out."""

from __future__ import annotations

from typing import Any

from django import template

from itaku.core import selectors

register = template.Library()


@register.simple_tag
def unread_notification_count(user: Any) -> int:
    return selectors.notification_unread_count(user=user)
