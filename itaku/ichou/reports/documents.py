"""The monthly implementation report as files the ward can file (IC-24): an Excel workbook with
the table and a native bar chart of attendance per activity and group (openpyxl's BarChart), and
an A4 PDF with the same table, the chart drawn here as SVG (no external asset), the Japanese font
embedded and 和暦 dates. Both are made by background jobs (``JOB_KINDS``, decision 0006) from
``figures.month_figures``: counts and labels only."""

from __future__ import annotations

import base64
import io
from html import escape
from typing import Any, cast

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from itaku.documents.pdf import PDF_FONT_FAMILY, html_to_pdf
from itaku.ichou.reports.figures import attendance_bars
from itaku.jobs.kinds import JobRun

TITLE = "いちょう学級 月ごとの実施報告"

HEADER = [
    "実施日",
    "活動",
    "グループ",
    "場所",
    "参加予定",
    "出席",
    "欠席",
    "従事者",
    "うち看護師",
    "うちボランティア",
    "事故",
    "備考",
]


def table_rows(data: dict[str, Any]) -> list[list[Any]]:
    """The report's table: a row per activity and age group; staff and accidents on the
    activity's first row."""
    rows: list[list[Any]] = []
    for item in data["activities"]:
        for i, r in enumerate(item["rows"]):
            first = i == 0
            rows.append(
                [
                    item["date_label"],
                    item["kind_label"],
                    r["group_label"] + ("(合同)" if item["group_label"] == "合同" else ""),
                    item["place"],
                    r["expected"],
                    r["present"],
                    r["absent"],
                    item["staff"] if first else "",
                    item["nurses"] if first else "",
                    item["volunteers"] if first else "",
                    item["accidents"] if first else "",
                    "荒天中止" if item["cancelled"] else "",
                ]
            )
    return rows


# ---- SVG chart --------------------------------------------------------------------------------

_W, _LABEL, _BAR = 560, 170, 16


def attendance_svg(data: dict[str, Any]) -> str:
    """A horizontal stacked bar per activity and group: present (dark) and absent (light)."""
    bars = attendance_bars(data)
    top = max([b["present"] + b["absent"] for b in bars] + [1])
    height = 30 + max(len(bars), 1) * (_BAR + 6)
    scale = (_W - _LABEL - 40) / top
    parts = [
        f'<rect x="{_LABEL}" y="4" width="12" height="12" fill="#1d5fa8"/>'
        f'<text x="{_LABEL + 16}" y="15">出席</text>'
        f'<rect x="{_LABEL + 60}" y="4" width="12" height="12" fill="#a9c4e4"/>'
        f'<text x="{_LABEL + 76}" y="15">欠席</text>'
    ]
    for i, b in enumerate(bars):
        y = 26 + i * (_BAR + 6)
        pw, aw = b["present"] * scale, b["absent"] * scale
        parts.append(
            f'<text x="0" y="{y + 12}">{escape(b["label"][:16])}</text>'
            f'<rect x="{_LABEL}" y="{y}" width="{pw:.1f}" height="{_BAR}" fill="#1d5fa8"/>'
            f'<rect x="{_LABEL + pw:.1f}" y="{y}" width="{aw:.1f}" height="{_BAR}" '
            f'fill="#a9c4e4"/>'
            f'<text x="{_LABEL + pw + aw + 4:.1f}" y="{y + 12}">{b["present"]}/'
            f"{b['present'] + b['absent']}</text>"
        )
    if not bars:
        parts.append('<text x="10" y="40">この月に実施した活動はありません</text>')
    title = "活動・グループごとの出席"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {height}" width="100%" '
        f'role="img" aria-label="{title}" font-family="{PDF_FONT_FAMILY}, sans-serif" '
        f'font-size="11"><title>{title}</title>{"".join(parts)}</svg>'
    )


def svg_data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# ---- Excel ------------------------------------------------------------------------------------


def monthly_xlsx(data: dict[str, Any], *, contract: Any = None, progress: Any = None) -> bytes:
    """IC-24: the month's report as a workbook: 「実施報告」 with the table and the totals,
    「出席」 with the chart's numbers and a bar chart of attendance per activity and group."""
    step = progress or (lambda done, total, message: None)
    book = Workbook()
    sheet = cast(Worksheet, book.active)
    sheet.title = "実施報告"
    sheet["A1"] = f"{TITLE}({data['month_label']}分)"
    sheet["A1"].font = Font(bold=True, size=14)
    if contract is not None:
        sheet["A2"] = f"{contract.title}(契約番号 {contract.number})"
    widths = {"A": 16, "B": 14, "C": 16, "D": 22}
    for col, width in widths.items():
        sheet.column_dimensions[col].width = width
    step(1, 4, "表を作っています")
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for row in table_rows(data) or [["この月に実施した活動はありません"]]:
        sheet.append(row)
    t = data["totals"]
    sheet.append([])
    sheet.append(["月の合計"])
    sheet[sheet.max_row][0].font = Font(bold=True)
    for label, value in (
        ("活動の数", t["activities"]),
        ("実施", t["held"]),
        ("中止", t["cancelled"]),
        ("参加予定(延べ)", t["expected"]),
        ("出席(延べ)", t["present"]),
        ("欠席(延べ)", t["absent"]),
        ("出席率(%)", t["attendance_rate"] if t["attendance_rate"] is not None else "—"),
        ("従事者(延べ)", t["staff"]),
        ("うち看護師", t["nurses"]),
        ("うちボランティア", t["volunteers"]),
        ("事故報告", t["accidents"]),
    ):
        sheet.append([label, value])
    step(2, 4, "グラフを作っています")
    chart_sheet = book.create_sheet("出席")
    chart_sheet.append(["活動・グループ", "出席", "欠席"])
    bars = attendance_bars(data)
    for b in bars:
        chart_sheet.append([b["label"], b["present"], b["absent"]])
    chart_sheet.column_dimensions["A"].width = 28
    count = max(len(bars), 1)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "活動・グループごとの出席"
    chart.y_axis.title = "人数"
    chart.add_data(
        Reference(chart_sheet, min_col=2, max_col=3, min_row=1, max_row=count + 1),
        titles_from_data=True,
    )
    chart.set_categories(Reference(chart_sheet, min_col=1, min_row=2, max_row=count + 1))
    chart.height = max(7.5, 1 + count * 0.8)
    chart_sheet.add_chart(chart, "E2")
    step(3, 4, "ファイルにまとめています")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---- PDF --------------------------------------------------------------------------------------


def monthly_pdf(data: dict[str, Any], *, contract: Any) -> bytes:
    """IC-24: the month's report on A4, table and chart, the Japanese font embedded."""
    html = render_to_string(
        "ichou/reports/monthly_print.html",
        {
            "data": data,
            "title": TITLE,
            "header": HEADER,
            "rows": table_rows(data),
            "chart": svg_data_url(attendance_svg(data)),
            "contract": contract,
        },
    )
    return html_to_pdf(html=html)


# ---- the jobs ---------------------------------------------------------------------------------


def _month_data(run: JobRun) -> dict[str, Any]:
    from itaku.ichou.reports.selectors import month_shown

    _, data = month_shown(
        access=run.access, year=int(run.params["year"]), month=int(run.params["month"])
    )
    return data


def _name(data: dict[str, Any], ext: str) -> str:
    return f"実施報告-{data['year']}-{data['month']:02d}.{ext}"


def produce_monthly_xlsx(run: JobRun) -> tuple[str, bytes]:
    run.progress(0, 4, "実施報告の数字を集めています")
    data = _month_data(run)
    content = monthly_xlsx(data, contract=run.access.contract, progress=run.progress)
    run.progress(4, 4, "できあがりました")
    return _name(data, "xlsx"), content


def produce_monthly_pdf(run: JobRun) -> tuple[str, bytes]:
    run.progress(0, 2, "実施報告の数字を集めています")
    data = _month_data(run)
    run.progress(1, 2, "PDFを作っています")
    content = monthly_pdf(data, contract=run.access.contract)
    run.progress(2, 2, "できあがりました")
    return _name(data, "pdf"), content
