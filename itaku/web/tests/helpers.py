"""Helpers for the page tests of every app."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys

from django import forms

import itaku

DATE_RANGE = "1900年1月1日から2100年12月31日までの日付を入力してください。"
DATETIME_RANGE = "1900年1月1日から2100年12月31日までの日時を入力してください。"
ODD_DATES = ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]


def error_next_to(page: str, field_id: str) -> str:
    """The errors that ``includes/form_field.html`` shows with the field ``field_id`` ("" if
    none): the error is next to the field, not only in the summary at the top."""
    match = re.search(rf'<div class="field__errors" id="{field_id}_error">(.*?)</div>', page, re.S)
    return match.group(1) if match else ""


def itaku_form_classes() -> set[type[forms.BaseForm]]:
    """Every form class defined at the top of an itaku module (tests aside)."""
    for info in pkgutil.walk_packages(itaku.__path__, "itaku."):
        if ".tests" not in info.name and ".migrations" not in info.name:
            importlib.import_module(info.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        module = sys.modules.get(cls.__module__)
        defined_here = getattr(module, cls.__name__, None) is cls
        if cls.__module__.startswith("itaku.") and ".tests" not in cls.__module__ and defined_here:
            found.add(cls)
    return found
