"""Helpers of the views of every app: a POST-only endpoint that sends a GET back to its form,
a service's errors put back next to a form's fields, and the confirmation page of an action that
cannot be undone.

Here, in the neutral ``itaku.web``, so that a feature app's views need not import
``itaku.core.views`` (and everything it imports) for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse


def contract_url_maker(name: str) -> Callable[[int], str]:
    """The address of the page ``name`` (which takes only ``contract_id``) for any contract,
    with one ``reverse``: a page that links to 200 contracts would otherwise spend a tenth of
    its time resolving the same pattern 200 times."""
    marker = 987654321
    prefix, suffix = reverse(name, kwargs={"contract_id": marker}).split(str(marker))

    def url(contract_id: int) -> str:
        return f"{prefix}{int(contract_id)}{suffix}"

    return url


def post_only_or_back(to: str, *, keep: tuple[str, ...] = ()) -> Any:
    """A POST-only endpoint that sends a GET back to the page holding its form: after a timed-out
    form is sent, the sign-in returns the person to ``next`` = this URL, by GET (the page then
    restores the draft, see static/js/drafts.js). ``keep`` names further URL arguments that the
    page ``to`` takes besides the contract (e.g. the record the form belongs to)."""

    def decorate(view: Any) -> Any:
        @wraps(view)
        def wrapper(request: HttpRequest, contract_id: int | None = None, **kwargs: Any) -> Any:
            if request.method == "GET":
                args = {"contract_id": contract_id} if contract_id is not None else {}
                args.update({name: kwargs[name] for name in keep})
                return redirect(reverse(to, kwargs=args))
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            if contract_id is not None:
                kwargs["contract_id"] = contract_id
            return view(request, **kwargs)

        return wrapper

    return decorate


def apply_errors(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields (or on top of the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


CONFIRMED = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    """The POST comes from the confirmation page's button (``confirmation_page``)."""
    return request.POST.get(CONFIRMED) == "1"


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    what: str,
    consequence: str,
    button: str,
    back: str,
    details: list[tuple[str, str]] | None = None,
    carry: dict[str, str] | None = None,
    danger: bool = False,
) -> HttpResponse:
    """The page that asks before an action that cannot be undone: what will happen and what
    follows, in plain words, and the button that posts the same form again to the same address,
    ``confirmed``, with the values in ``carry`` (e.g. a reason typed on the page before). Plain
    HTML: it works without JavaScript. ``back`` is where 「やめて戻る」 leads."""
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "what": what,
            "consequence": consequence,
            "button": button,
            "back": back,
            "details": details or [],
            "carry": carry or {},
            "danger": danger,
            "action": request.path,
            "confirmed_name": CONFIRMED,
        },
    )
