"""The request an audit event belongs to: its id and the client's address, set once per request
by ``RequestContextMiddleware`` and read by ``audit_record``."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

request_id: ContextVar[str] = ContextVar("request_id", default="")
source_ip: ContextVar[str | None] = ContextVar("source_ip", default=None)
# The actor's roles per contract, worked out once per request (``core.access.acting_role``).
role_cache: ContextVar[dict[tuple[int, int], str] | None] = ContextVar("role_cache", default=None)

_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestContextMiddleware:
    """Give each request an id (the proxy's X-Request-ID when it is well formed) and remember the
    client's address, for the audit log; the id is returned in the response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        rid = given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex
        tokens = (
            request_id.set(rid),
            source_ip.set(request.META.get("REMOTE_ADDR") or None),
            role_cache.set({}),
        )
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(tokens[0])
            source_ip.reset(tokens[1])
            role_cache.reset(tokens[2])
        response["X-Request-ID"] = rid
        return response
