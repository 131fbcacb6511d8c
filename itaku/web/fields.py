"""Date and datetime form fields bounded to the dates a person may type (``core.calendar``:
1900-01-01 … 2100-12-31), for every form and the admin.

A date outside the range is a typing error, never a fact, and 0001-01-01 once crashed the leak
form with an OverflowError in the time-zone arithmetic (a 500). Bounded here, the odd date is a
form error next to its field. A field with a tighter rule (not in the future, not before the
contract) keeps it in its service; these bounds come first.

The widgets are the browser's own date and datetime pickers, given the same range as ``min`` and
``max``; the admin keeps its own widgets and gets the same bounds from ``formfield_overrides``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from itaku.core.calendar import EARLIEST_DATE, LATEST_DATE

DATE_OUT_OF_RANGE = "%(earliest)sから%(latest)sまでの日付を入力してください。"
DATETIME_OUT_OF_RANGE = "%(earliest)sから%(latest)sまでの日時を入力してください。"


def _japanese(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _in_range(value: date | datetime | None, message: str) -> None:
    if value is None:
        return
    # The date as typed, in the time zone it was typed in: converting 0001-01-01 to another
    # zone is the very overflow the bounds prevent.
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            message,
            code="out_of_range",
            params={"earliest": _japanese(EARLIEST_DATE), "latest": _japanese(LATEST_DATE)},
        )


def date_in_range(value: date | None) -> None:
    """Validator: the date lies within EARLIEST_DATE … LATEST_DATE."""
    _in_range(value, DATE_OUT_OF_RANGE)


def datetime_in_range(value: datetime | None) -> None:
    """Validator: the datetime's date (as typed) lies within EARLIEST_DATE … LATEST_DATE."""
    _in_range(value, DATETIME_OUT_OF_RANGE)


class DateInput(forms.DateInput):
    """The browser's date picker (``<input type="date">``), which sends ISO dates."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (``<input type="datetime-local">``)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class BoundedDateField(forms.DateField):
    """A date within EARLIEST_DATE … LATEST_DATE, typed in the browser's date picker."""

    widget = DateInput
    default_validators = [date_in_range]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) == "date":
            attrs.update(min=EARLIEST_DATE.isoformat(), max=LATEST_DATE.isoformat())
        return attrs


class BoundedDateTimeField(forms.DateTimeField):
    """A datetime whose date lies within EARLIEST_DATE … LATEST_DATE, typed in the browser's
    date and time picker (minutes; no seconds)."""

    widget = DateTimeInput
    default_validators = [datetime_in_range]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) == "datetime-local":
            attrs.update(
                min=f"{EARLIEST_DATE.isoformat()}T00:00", max=f"{LATEST_DATE.isoformat()}T23:59"
            )
        return attrs


class BoundedSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date-and-time pair, bounded like BoundedDateTimeField."""

    default_validators = [datetime_in_range]
