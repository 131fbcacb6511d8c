"""What every API router shares: the error bodies and the responses that declare them, the query
date within the range a person may give, and keyset pagination.

A router declares ``response={200: ..., **error_responses()}``, takes ``page: Query[PageQuery]``
and answers ``keyset_page(queryset, key=..., page=page)``; ``install_error_handlers(api)`` makes
the error bodies what those declarations say, in Japanese.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from django.db.models import F, Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import AfterValidator, BeforeValidator, create_model
from pydantic_core import PydanticCustomError

from itaku.core.calendar import EARLIEST_DATE, LATEST_DATE

# --- error bodies --------------------------------------------------------------------------


class ErrorOut(Schema):
    """The body of a 401 or a 404: one Japanese sentence, the same whatever the cause."""

    detail: str


class FieldErrorOut(Schema):
    """One refused parameter: where it was (``["query", "limit"]``) and why, in Japanese."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    """The body of a 422: a summary and one entry per refused parameter."""

    detail: str
    errors: list[FieldErrorOut]


UNAUTHORIZED = "API トークンがないか、無効です。"
NOT_FOUND = "見つかりません。"
INVALID = "指定された値に誤りがあります。"
BODY_MESSAGE = "本文を JSON として読めません。"


def error_responses(*, not_found: bool = True) -> dict[int, type[Schema]]:
    """The errors an endpoint answers, to merge into its ``response=``: 401 always, 404 when it
    names an object (a contract the caller may not see is a 404, as a missing one), 422 always."""
    responses: dict[int, type[Schema]] = {401: ErrorOut, 422: ValidationErrorOut}
    if not_found:
        responses[404] = ErrorOut
    return responses


def invalid(*, loc: Sequence[str | int], msg: str, kind: str) -> ValidationError:
    """A 422 raised by the code itself, in the same shape as a refused parameter."""
    return ValidationError([{"loc": list(loc), "msg": msg, "type": kind}])


# Japanese for the checks pydantic makes on a parameter, by error type. A check of our own
# (PydanticCustomError, `invalid`) carries its own Japanese message and is not in this table.
_MESSAGES = {
    "missing": "指定してください。",
    "int_type": "整数で指定してください。",
    "int_parsing": "整数で指定してください。",
    "int_from_float": "整数で指定してください。",
    "greater_than_equal": "{ge}以上の値を指定してください。",
    "less_than_equal": "{le}以下の値を指定してください。",
    "date_type": "日付は YYYY-MM-DD の形で指定してください。",
    "date_parsing": "日付は YYYY-MM-DD の形で指定してください。",
    "date_from_datetime_parsing": "日付は YYYY-MM-DD の形で指定してください。",
    "date_from_datetime_inexact": "日付は YYYY-MM-DD の形で指定してください。",
    "string_too_long": "{max_length}文字以内で指定してください。",
    "string_pattern_mismatch": "形式が正しくありません。",
}
_OWN_MESSAGES = {"date_form", "date_range", "cursor"}


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    kind = str(error.get("type", "value_error"))
    if kind in _OWN_MESSAGES:
        msg = str(error["msg"])
    else:
        try:
            msg = _MESSAGES.get(kind, "値が正しくありません。").format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            msg = "値が正しくありません。"
    return {"loc": list(error.get("loc", [])), "msg": msg, "type": kind}


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer 401, 404 and 422 with the bodies ``error_responses`` declares, in Japanese.

    The 404 never says why: a contract the caller may not see and one that does not exist give
    the same body. Code that refuses a value itself raises ``invalid(...)``, not ``HttpError``."""

    # The decorator registers the handler as add_exception_handler does; ninja types a handler's
    # second argument as "the exception or its class", while it is always passed the instance.
    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = api.create_response(request, {"detail": UNAUTHORIZED}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    # A body that is not JSON: ninja answers 400 with English text; it is a refused value like
    # any other, so a 422 in the same shape, naming the body.
    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code != 400:
            return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
        error = {"loc": ["body"], "msg": BODY_MESSAGE, "type": "json_invalid"}
        return api.create_response(request, {"detail": INVALID, "errors": [error]}, status=422)

    @api.exception_handler(ValidationError)
    def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [_field_error(e) for e in exc.errors]
        return api.create_response(request, {"detail": INVALID, "errors": errors}, status=422)


# --- dates ---------------------------------------------------------------------------------


def _japanese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_EARLIEST = _japanese_date(EARLIEST_DATE)
_LATEST = _japanese_date(LATEST_DATE)
DATE_RANGE_MESSAGE = f"日付は{_EARLIEST}から{_LATEST}までの日を指定してください。"


def _year_pattern(first: int, last: int) -> str:
    """A regular expression for the years ``first``..``last``, whole decades where it can."""
    parts = []
    year = first
    while year <= last:
        if year % 10 == 0 and year + 9 <= last:
            parts.append(f"{year // 10}[0-9]")
            year += 10
        else:
            parts.append(str(year))
            year += 1
    return "|".join(parts)


# The schema states the range as a pattern as well, so that a client (and schemathesis) can see
# which dates are valid: JSON Schema has no bound for `format: date`. A pattern can only state
# whole years; the import stops if the range ever stops being whole years.
if (EARLIEST_DATE.month, EARLIEST_DATE.day, LATEST_DATE.month, LATEST_DATE.day) != (1, 1, 12, 31):
    raise ImportError("EARLIEST_DATE..LATEST_DATE must be whole years for the API's date pattern")
DATE_PATTERN = (
    f"^({_year_pattern(EARLIEST_DATE.year, LATEST_DATE.year)})"
    "-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
)


def _iso_form(value: Any) -> Any:
    """Refuse what pydantic would otherwise read as a date (a Unix timestamp, a datetime)."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_form", "日付は YYYY-MM-DD の形で指定してください。")
    return value


def _within_range(day: dt.date) -> dt.date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise PydanticCustomError("date_range", DATE_RANGE_MESSAGE)
    return day


# A date a caller sends: written YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE (the same range as
# the forms), else a 422.
ApiDate = Annotated[
    dt.date,
    BeforeValidator(_iso_form),
    AfterValidator(_within_range),
    Field(
        description=f"YYYY-MM-DD の形の日付({EARLIEST_DATE}〜{LATEST_DATE})。",
        json_schema_extra={
            "pattern": DATE_PATTERN,
            "formatMinimum": EARLIEST_DATE.isoformat(),
            "formatMaximum": LATEST_DATE.isoformat(),
        },
    ),
]


# --- keyset pagination ---------------------------------------------------------------------

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
CURSOR_MESSAGE = "cursor が正しくありません。最初のページから取り直してください。"


class PageQuery(Schema):
    """``?limit=&cursor=``: a limit outside 1..MAX_LIMIT is refused (422), never clamped."""

    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"1ページの件数(既定 {DEFAULT_LIMIT}、最大 {MAX_LIMIT})。",
    )
    cursor: str | None = Field(
        None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="前のページの next_cursor。省略すると最初のページ。",
    )


def page_schema(name: str, item: type[Schema]) -> type[Schema]:
    """The response of a list endpoint: its items and the cursor of the next page (null at the
    end)."""
    return create_model(
        name,
        __base__=Schema,
        items=(list[item], ...),  # type: ignore[valid-type]
        # pydantic types a field as a TypeForm, which mypy 1.20 accepts here on a fresh run but,
        # from a warm cache, reads as a class and refuses the union.
        next_cursor=(str | None, ...),  # type: ignore[arg-type,unused-ignore]
    )


@dataclass(frozen=True)
class KeysetPage:
    rows: list[Any]
    next_cursor: str | None


def _encode_cursor(pk: int) -> str:
    # Only the primary key of the last row shown: a sort key may be a person's name (PI-6).
    raw = json.dumps([pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        (pk,) = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise invalid(loc=["query", "cursor"], msg=CURSOR_MESSAGE, kind="cursor") from None
    if not isinstance(pk, int) or isinstance(pk, bool) or not 0 < pk < 2**63:
        raise invalid(loc=["query", "cursor"], msg=CURSOR_MESSAGE, kind="cursor")
    return pk


def _is_nullable(model: type[Model], path: str) -> bool:
    """Whether the lookup ``path`` (``person__family_name_kana``) can be NULL on ``model``."""
    nullable = False
    for name in path.split("__"):
        field = model._meta.get_field(name)
        # django-stubs types GenericForeignKey as no Field, without ``null``; since Django 5.1
        # it is a Field and has one.
        nullable = nullable or field.null  # type: ignore[union-attr]
        if field.is_relation:
            model = field.related_model  # type: ignore[assignment]
    return nullable


def _order(field: str, *, descending: bool, nullable: bool) -> Any:
    # NULL sorts as the smallest value on every database (PostgreSQL's default is the opposite).
    if not nullable:
        return F(field).desc() if descending else F(field).asc()
    return F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_first=True)


def _after(field: str, value: Any, *, descending: bool) -> Q:
    """Rows strictly after ``value`` in ``field``, with NULL as the smallest value."""
    if value is None:
        return Q(pk__in=[]) if descending else Q(**{f"{field}__isnull": False})
    if descending:
        return Q(**{f"{field}__lt": value}) | Q(**{f"{field}__isnull": True})
    return Q(**{f"{field}__gt": value})


def _equal(field: str, value: Any) -> Q:
    return Q(**{f"{field}__isnull": True}) if value is None else Q(**{field: value})


def keyset_page(queryset: QuerySet[Any], *, key: Sequence[str], page: PageQuery) -> KeysetPage:
    """One page of ``queryset`` in the order ``key`` (``"-field"`` descending), then by pk.

    ``queryset`` is already restricted to what the caller may see, so the cursor cannot reach
    anything else: a cursor naming a row outside it is refused like a tampered one (422).
    """
    fields = [(k.lstrip("-"), k.startswith("-")) for k in key if k.lstrip("-") != "pk"]
    fields.append(("pk", False))
    model = queryset.model
    ordered = queryset.order_by(
        *(_order(f, descending=d, nullable=f != "pk" and _is_nullable(model, f)) for f, d in fields)
    )
    if page.cursor is not None:
        last = ordered.filter(pk=_decode_cursor(page.cursor)).values(*(f for f, _ in fields))
        values = next(iter(last), None)
        if values is None:
            raise invalid(loc=["query", "cursor"], msg=CURSOR_MESSAGE, kind="cursor")
        after = Q(pk__in=[])
        for i, (field, descending) in enumerate(fields):
            step = _after(field, values[field], descending=descending)
            for earlier, _ in fields[:i]:
                step &= _equal(earlier, values[earlier])
            after |= step
        ordered = ordered.filter(after)
    rows = list(ordered[: page.limit + 1])
    if len(rows) <= page.limit:
        return KeysetPage(rows=rows, next_cursor=None)
    rows = rows[: page.limit]
    return KeysetPage(rows=rows, next_cursor=_encode_cursor(rows[-1].pk))
