"""Template filters for the ward's forms: 和暦 dates."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from itaku.core.calendar import format_elapsed, format_wareki, format_wareki_month

register = template.Library()

WEEKDAYS = "月火水木金土日"


@register.filter
def wareki(value: date | datetime | None) -> str:
    """令和8年2月2日(月); datetimes are shown in Tokyo time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{format_wareki(value)}({WEEKDAYS[value.weekday()]})"


@register.filter
def wareki_month(value: date | None) -> str:
    """令和8年2月"""
    if value is None:
        return ""
    return format_wareki_month(value.year, value.month)


@register.filter
def wareki_time(value: datetime | None) -> str:
    """令和8年2月2日(月) 9:05"""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{wareki(local.date())} {local.hour}:{local.minute:02d}"


@register.filter
def elapsed(value: datetime | None) -> str:
    """3時間前 (``calendar.format_elapsed``, from now); "" for a date past 30 days."""
    if value is None:
        return ""
    return format_elapsed(value, timezone.now())


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """``{{ labels|get_item:row.kind }}``: a dictionary's value by a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def role_labels(codes: str) -> str:
    """``manager,worker`` → 「責任者・従事者」: an audit event's acting roles in Japanese."""
    from itaku.core.domain import Role

    labels = {r.value: r.label for r in Role} | {"administrator": "システム管理者"}
    return "・".join(labels.get(code, code) for code in codes.split(",") if code)


@register.filter
def can(access: object, action: str) -> bool:
    """``{% if access|can:"request_export" %}``: may the user do this on the contract?"""
    from itaku.core.registry import grant_table

    declared = grant_table().get(action)
    return bool(access) and declared is not None and access.can(declared)  # type: ignore[attr-defined]


@register.filter
def clause(requirement_id: str) -> str:
    """``{{ "SO-13"|clause }}`` → 「仕様書 9(1)」 as a person reads it, with the requirement ID
    kept in the markup (``data-clause``, and the title shown on hover)."""
    from django.utils.html import format_html

    from itaku.core.registry import clauses

    declared = clauses().get(requirement_id)
    text = declared.reference if declared is not None else requirement_id
    return format_html(
        '<span class="clause" data-clause="{}" title="{}">{}</span>',
        requirement_id,
        requirement_id,
        text,
    )
