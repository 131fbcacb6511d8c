"""Tables as the ward opens them: CSV for Excel and .xlsx, both carrying the watermark."""

import csv
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from itaku.core.calendar import TOKYO, format_wareki

from .watermark import Watermark

__all__ = ["table_csv", "table_xlsx"]

# A font every ward PC has (Windows 10/11 with Office); LibreOffice substitutes a Gothic face.
FONT_NAME = "游ゴシック"
WATERMARK_ROW = 1
HEADER_ROW = 3
FIRST_DATA_ROW = 4

# Excel and LibreOffice run a CSV cell that starts with one of these as a formula (CSV injection,
# OWASP); a leading apostrophe makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel refuses these in sheet names.
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
_SHEET_TITLE_MAX = 31
# Excel repairs (and empties) a header or footer section longer than 255 characters.
_HEADER_MAX = 250
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _check_shape(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    if not columns:
        raise ValueError("a table needs at least one column")
    for number, row in enumerate(rows, start=1):
        if len(row) != len(columns):
            raise ValueError(f"row {number} has {len(row)} values for {len(columns)} columns")


def _tokyo(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetimes in a table must be aware")
    return value.astimezone(TOKYO)


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{_tokyo(value):%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def table_csv(
    *, columns: Sequence[str], rows: Sequence[Sequence[object]], watermark: Watermark
) -> bytes:
    """A CSV Excel opens as UTF-8 (BOM, CRLF): the watermark line, the header, then the rows.

    Dates are YYYY-MM-DD, datetimes YYYY-MM-DD HH:MM in Japan time; text that Excel would run as a
    formula gets a leading apostrophe.
    """
    _check_shape(columns, rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"# {watermark.text()}"])
    writer.writerow([_csv_value(name) for name in columns])
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _sheet_title(title: str) -> str:
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", title)).strip("' ")
    return cleaned[:_SHEET_TITLE_MAX].strip("' ") or "Sheet1"


def _display_width(text: str) -> int:
    """Columns the text needs: full-width (Japanese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _header_text(text: str) -> str:
    """Text for a print header or footer: '&' starts a code there, and the length is capped."""
    if len(text) > _HEADER_MAX:
        text = text[: _HEADER_MAX - 1] + "…"
    return text.replace("&", "&&")


def _xlsx_value(value: object) -> tuple[object, str | None]:
    """The cell value and its number format."""
    if isinstance(value, datetime):
        return _tokyo(value).replace(tzinfo=None), "yyyy-mm-dd hh:mm"
    if isinstance(value, date):
        return value, "yyyy-mm-dd"
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value), None
    return value, None


def table_xlsx(
    *, title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], watermark: Watermark
) -> bytes:
    """One sheet: the watermark in row 1 and in every printed page's header and footer, the header
    in row 3 (repeated on every page), data from row 4; landscape A4, fit to the page width.

    Text is always stored as text, never as a formula, even when it starts with "=". Control
    characters, which an .xlsx cannot hold, are dropped.
    """
    _check_shape(columns, rows)
    mark = watermark.text()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    workbook.properties.creator = "itaku"
    workbook.properties.title = sheet.title

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    # Named styles, one per number format: setting font, border and alignment cell by cell costs
    # about ten times as much (openpyxl hashes each style object on every assignment).
    body_styles: dict[str | None, str] = {}
    for number_format in (None, "yyyy-mm-dd", "yyyy-mm-dd hh:mm"):
        style = NamedStyle(
            name=f"itaku-body-{number_format or 'general'}",
            font=Font(name=FONT_NAME, size=10),
            border=border,
            alignment=Alignment(vertical="top", wrap_text=True),
            number_format=number_format or "General",
        )
        workbook.add_named_style(style)
        body_styles[number_format] = style.name
    last_column = len(columns)
    widths = [_display_width(name) for name in columns]

    cell = sheet.cell(row=WATERMARK_ROW, column=1, value=mark)
    cell.font = Font(name=FONT_NAME, size=10, bold=True, color="C00000")
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if last_column > 1:
        sheet.merge_cells(
            start_row=WATERMARK_ROW, end_row=WATERMARK_ROW, start_column=1, end_column=last_column
        )

    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=ILLEGAL_CHARACTERS_RE.sub("", name))
        cell.data_type = "s"
        cell.font = Font(name=FONT_NAME, size=10, bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    for row_index, row in enumerate(rows, start=FIRST_DATA_ROW):
        for column_index, raw in enumerate(row, start=1):
            value, number_format = _xlsx_value(raw)
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            if isinstance(value, str):
                # openpyxl stores a string starting with "=" as a formula; user text never is one.
                cell.data_type = "s"
            cell.style = body_styles[number_format]
            shown = _csv_value(raw) if number_format else str(value if value is not None else "")
            longest_line = max((_display_width(line) for line in shown.splitlines()), default=0)
            widths[column_index - 1] = max(widths[column_index - 1], longest_line)

    final_widths = [min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH) for width in widths]
    for index, width in enumerate(final_widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # A merged cell does not grow with its text; give the watermark the lines it needs.
    lines = math.ceil((_display_width(mark) + 2) / sum(final_widths))
    sheet.row_dimensions[WATERMARK_ROW].height = 15 * max(lines, 1)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)

    printed = _header_text(mark)
    for header in (sheet.oddHeader, sheet.oddFooter):
        header.center.text = printed
        header.center.font = f"{FONT_NAME},Bold"
        header.center.size = 8
        header.center.color = "C00000"
    sheet.oddFooter.right.text = "&P / &N"
    sheet.oddFooter.right.size = 8
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_pdf(
    *, title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], watermark: Watermark
) -> bytes:
    """The table as a print-ready PDF (A4 landscape), the watermark at the top and the foot of
    every page, the header row repeated, dates in 和暦."""
    from django.template.loader import render_to_string

    from itaku.documents.pdf import html_to_pdf

    _check_shape(columns, rows)

    def paper(v: object) -> object:
        return format_wareki(v) if isinstance(v, date) and not isinstance(v, datetime) else v

    shown = [[paper(v) for v in row] for row in rows]
    html = render_to_string(
        "documents/table_print.html",
        {"title": title, "columns": columns, "rows": shown, "watermark": watermark.text()},
    )
    return html_to_pdf(html=html)
