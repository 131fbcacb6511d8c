"""The bounded date fields: a date outside 1900-01-01 … 2100-12-31 is a form error with a
Japanese message, never a 500; the bounds themselves are accepted. No database needed."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.exceptions import ValidationError

from itaku.web.fields import BoundedDateField, BoundedDateTimeField, BoundedSplitDateTimeField

TOKYO = ZoneInfo("Asia/Tokyo")
DATE_ERROR = "1900年1月1日から2100年12月31日までの日付を入力してください。"
DATETIME_ERROR = "1900年1月1日から2100年12月31日までの日時を入力してください。"
INVALID = "日付を正しく入力してください。"  # Django's own Japanese message for garbage


def error_of(field: forms.Field, value: object) -> list[str] | None:
    try:
        field.clean(value)
    except ValidationError as error:
        return error.messages
    return None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0001-01-01", [DATE_ERROR]),
        ("1899-12-31", [DATE_ERROR]),
        ("1900-01-01", None),
        ("2026-06-15", None),
        ("2100-12-31", None),
        ("2101-01-01", [DATE_ERROR]),
        ("9999-12-31", [DATE_ERROR]),
    ],
)
def test_a_date_is_bounded_to_1900_through_2100(typed, expected):
    assert error_of(BoundedDateField(), typed) == expected


@pytest.mark.parametrize("typed", ["garbage", "2026-02-30", "10000-01-01", "２０２６年"])
def test_a_date_that_is_no_date_is_djangos_invalid_date_error(typed):
    assert error_of(BoundedDateField(), typed) == [INVALID]


def test_an_empty_optional_date_is_none():
    assert BoundedDateField(required=False).clean("") is None


def test_the_date_field_returns_the_date():
    assert BoundedDateField().clean("2100-12-31") == date(2100, 12, 31)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0001-01-01T00:00", [DATETIME_ERROR]),
        ("1899-12-31T23:59", [DATETIME_ERROR]),
        ("1900-01-01T00:00", None),
        ("2100-12-31T23:59", None),
        ("2101-01-01T00:00", [DATETIME_ERROR]),
        ("9999-12-31T23:59", [DATETIME_ERROR]),
    ],
)
def test_a_datetime_is_bounded_to_1900_through_2100(typed, expected):
    assert error_of(BoundedDateTimeField(), typed) == expected


@pytest.mark.parametrize("typed", ["garbage", "2026-06-15T25:00", "0000-01-01T00:00"])
def test_a_datetime_that_is_no_datetime_is_djangos_invalid_datetime_error(typed):
    assert error_of(BoundedDateTimeField(), typed) == ["日時を正しく入力してください。"]


def test_a_datetime_is_read_in_tokyo():
    assert BoundedDateTimeField().clean("2026-06-15T09:10") == datetime(
        2026, 6, 15, 9, 10, tzinfo=TOKYO
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (["0001-01-01", "00:00"], [DATETIME_ERROR]),
        (["1900-01-01", "00:00"], None),
        (["2100-12-31", "23:59"], None),
        (["2101-01-01", "00:00"], [DATETIME_ERROR]),
    ],
)
def test_the_admins_split_datetime_is_bounded_too(typed, expected):
    assert error_of(BoundedSplitDateTimeField(), typed) == expected


def test_the_browser_pickers_carry_the_same_bounds():
    date_html = BoundedDateField().widget.render("day", None)
    assert 'type="date"' in date_html
    assert 'min="1900-01-01"' in date_html and 'max="2100-12-31"' in date_html
    datetime_html = BoundedDateTimeField().widget.render("at", None)
    assert 'type="datetime-local"' in datetime_html
    assert 'min="1900-01-01T00:00"' in datetime_html
    assert 'max="2100-12-31T23:59"' in datetime_html


def test_a_text_widget_gets_no_picker_bounds():
    # The admin's own date widget is a text box with a calendar; min/max mean nothing there.
    assert "min" not in BoundedDateField(widget=forms.TextInput).widget.attrs
