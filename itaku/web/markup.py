"""Markup written in Python for the pages that list hundreds of rows (the auditor's home page),
where Django's template engine and ``format_html`` cost more than the queries.

``esc`` escapes a value as ``django.utils.html.escape`` does (``& < > " '``), with the standard
library's ``html.escape`` and without Django's lazy-string wrapper: use it for every text put
into such markup, and wrap the finished string in ``SafeString`` once."""

from __future__ import annotations

from html import escape
from typing import Any


def esc(value: Any) -> str:
    return escape(str(value), quote=True)
