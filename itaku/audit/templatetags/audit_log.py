"""Template filters of the auditor's log: events, records and changes by their labels
(``itaku.audit.labels``)."""

from __future__ import annotations

from typing import Any

from django import template

from itaku.audit import labels

register = template.Library()


@register.filter
def event_label(action: str) -> str:
    """``{{ e.action|event_label }}`` → 「名簿への追加」"""
    return labels.event_label(action)


@register.filter
def record_kind(target_type: str) -> str:
    """``{{ e.target_type|record_kind }}`` → 「従事者名簿の記載」"""
    return labels.record_kind_label(target_type)


@register.filter
def change_lines(changes: Any, target_type: str) -> list[labels.ChangeLine]:
    """``{% for line in e.changes|change_lines:e.target_type %}``"""
    return labels.change_lines(target_type, changes)
