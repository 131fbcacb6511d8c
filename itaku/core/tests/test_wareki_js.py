"""static/js/wareki.js shows the 和暦 beside a date input; its era table must be Python's
(``itaku.core.calendar._ERAS``, behind ``format_wareki``), so the date the form shows while typing
is the date the documents print."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from django.conf import settings

from itaku.core import calendar
from itaku.core.forms import RosterEntryAddForm, RosterEntryChangeForm

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "wareki.js"


def script_eras() -> list[tuple[date, str]]:
    table = re.search(r"var ERAS = \[(.*?)\];", SCRIPT.read_text(encoding="utf-8"), re.S)
    assert table, "wareki.js has no ERAS table"
    return [
        (date.fromisoformat(day), name)
        for day, name in re.findall(r'\["(\d{4}-\d{2}-\d{2})", "(\S+?)"\]', table.group(1))
    ]


def test_the_scripts_era_table_is_format_warekis():
    assert script_eras() == list(calendar._ERAS)


def test_the_roster_forms_dates_are_marked_for_the_wareki():
    marked = {
        name
        for form in (RosterEntryAddForm(), RosterEntryChangeForm())
        for name, field in form.fields.items()
        if "data-wareki" in field.widget.attrs
    }
    assert marked == {"birth_date", "valid_from", "valid_to", "pledge_date"}
    html = str(RosterEntryAddForm()["birth_date"])
    assert 'type="date"' in html and "data-wareki" in html


def test_every_page_loads_the_script_deferred_from_a_file(client):
    response = client.get("/accounts/login/")
    assert b'src="/static/js/wareki.js" defer' in response.content
