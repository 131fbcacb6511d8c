"""The reports as files the ward can file (SO-15): Excel with native charts (openpyxl's
BarChart and LineChart) and an A4 PDF with the Japanese font embedded and 和暦 dates, its charts
drawn here as SVG (no external asset). The monthly files are made by background jobs
(``JOB_KINDS``); the daily report is small and downloaded directly."""

from __future__ import annotations

import base64
import io
from datetime import date
from html import escape
from typing import Any, cast

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from itaku.documents.pdf import PDF_FONT_FAMILY, html_to_pdf
from itaku.jobs.kinds import JobRun
from itaku.support_office.reports.figures import minutes_label

# ---- SVG charts -------------------------------------------------------------------------------

_W, _H, _PAD = 560, 220, 36


def _svg(body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-family="{PDF_FONT_FAMILY}, sans-serif" '
        f'font-size="12"><title>{escape(title)}</title>{body}</svg>'
    )


def bar_svg(rows: list[dict[str, Any]], *, title: str) -> str:
    """A horizontal bar per row (label, count)."""
    rows = rows[:8]
    top = max([r["count"] for r in rows] + [1])
    bar_h = (_H - 20) / max(len(rows), 1)
    parts = []
    for i, r in enumerate(rows):
        y = 10 + i * bar_h
        width = (_W - 260) * r["count"] / top
        parts.append(
            f'<text x="0" y="{y + bar_h * 0.65:.1f}">{escape(str(r["label"])[:14])}</text>'
            f'<rect x="200" y="{y + 2:.1f}" width="{width:.1f}" height="{bar_h * 0.7:.1f}" '
            f'fill="#1d5fa8"/>'
            f'<text x="{206 + width:.1f}" y="{y + bar_h * 0.65:.1f}">{r["count"]}</text>'
        )
    if not rows:
        parts.append(f'<text x="10" y="{_H / 2}">該当なし</text>')
    return _svg("".join(parts), title)


def line_svg(points: list[dict[str, Any]], *, key: str, title: str) -> str:
    """A line through the months' values of ``key`` (the trend), a label under each month."""
    top = max([p[key] for p in points] + [1])
    step = (_W - 2 * _PAD) / max(len(points) - 1, 1)

    def xy(i: int, value: int) -> tuple[float, float]:
        return _PAD + i * step, _H - _PAD - (_H - 2 * _PAD) * value / top

    coords = [xy(i, p[key]) for i, p in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [
        f'<line x1="{_PAD}" y1="{_H - _PAD}" x2="{_W - _PAD}" y2="{_H - _PAD}" stroke="#666"/>',
        f'<polyline points="{line}" fill="none" stroke="#1d5fa8" stroke-width="3"/>',
    ]
    for (x, y), p in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1d5fa8"/>'
            f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle">{p[key]}</text>'
            f'<text x="{x:.1f}" y="{_H - 12}" text-anchor="middle">{escape(p["label"])}</text>'
        )
    return _svg("".join(parts), title)


def svg_data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def monthly_charts(data: dict[str, Any]) -> dict[str, str]:
    """The month's charts as SVG: requests by kind (bar) and the months' trend (line)."""
    return {
        "by_kind": bar_svg(data["by_kind"], title="種別ごとの件数"),
        "trend": line_svg(data["trend"], key="total", title="依頼件数の推移"),
        "after_hours": line_svg(data["trend"], key="after_hours", title="時間外対応の推移"),
    }


# ---- Excel ------------------------------------------------------------------------------------


def _table(sheet: Worksheet, title: str, header: list[str], rows: list[list[Any]]) -> int:
    """Write a titled table at the sheet's end; returns the row of its header."""
    start = sheet.max_row + 2 if sheet.max_row > 1 else 1
    sheet.cell(row=start, column=1, value=title).font = Font(bold=True)
    for col, text in enumerate(header, 1):
        sheet.cell(row=start + 1, column=col, value=text).font = Font(bold=True)
    for r, row in enumerate(rows, start + 2):
        for col, value in enumerate(row, 1):
            sheet.cell(row=r, column=col, value=value)
    return start + 1


def _counts(data: list[dict[str, Any]]) -> list[list[Any]]:
    return [[r["label"], r["count"]] for r in data] or [["該当なし", 0]]


def _time_rows(data: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            label,
            data[key]["count"],
            minutes_label(data[key]["median"]),
            minutes_label(data[key]["longest"]),
        ]
        for key, label in (("response", "対応開始まで"), ("arrival", "到着まで"))
    ]


def monthly_xlsx(data: dict[str, Any], *, progress: Any = None) -> bytes:
    """SO-14: the month's report as a workbook: 「月報」 with the figures, 「推移」 with the
    months' counts, a bar chart by kind and line charts of the trend."""
    step = progress or (lambda done, total, message: None)
    book = Workbook()
    sheet = cast(Worksheet, book.active)
    sheet.title = "月報"
    sheet.column_dimensions["A"].width = 40
    for col in "BCD":
        sheet.column_dimensions[col].width = 16
    sheet["A1"] = f"安心対応サポート室 月報 {data['month_label']}分"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"依頼件数 {data['total']}件 / 事案 {data['incident_count']}件"
    step(1, 4, "件数の表を作っています")
    kind_header = _table(sheet, "種別ごとの件数", ["種別", "件数"], _counts(data["by_kind"]))
    _table(sheet, "所管課ごとの件数", ["所管課", "件数"], _counts(data["by_department"]))
    _table(sheet, "場所ごとの件数", ["場所", "件数"], _counts(data["by_place"]))
    _table(sheet, "行為の類型ごとの件数(事案)", ["類型", "件数"], _counts(data["by_behaviour"]))
    _table(sheet, "判断ごとの件数(事案)", ["判断", "件数"], _counts(data["by_decision"]))
    _table(sheet, "依頼からの時間", ["区分", "件数", "中央値", "最長"], _time_rows(data))
    _table(
        sheet,
        "時間外の対応",
        ["件数", "時間外(分)"],
        [[data["after_hours"]["count"], data["after_hours"]["minutes"]]],
    )
    _table(
        sheet,
        "職員研修の実施",
        ["実施日", "テーマ", "参加者数"],
        [[t["held_on_label"], t["theme"], t["count"]] for t in data["trainings"]]
        or [["実施なし", "", ""]],
    )
    step(2, 4, "グラフを作っています")
    bar = BarChart()
    bar.type = "bar"
    bar.title = "種別ごとの件数"
    bar.legend = None
    count = max(len(data["by_kind"]), 1)
    bar.add_data(
        Reference(sheet, min_col=2, min_row=kind_header, max_row=kind_header + count),
        titles_from_data=True,
    )
    bar.set_categories(
        Reference(sheet, min_col=1, min_row=kind_header + 1, max_row=kind_header + count)
    )
    sheet.add_chart(bar, "F3")

    trend = book.create_sheet("推移")
    trend.append(["月", "依頼件数", "時間外の対応"])
    for row in data["trend"]:
        trend.append([f"{row['year']}年{row['month']}月", row["total"], row["after_hours"]])
    months = len(data["trend"])
    line = LineChart()
    line.title = "依頼件数と時間外の対応の推移"
    line.y_axis.title = "件数"
    line.add_data(
        Reference(trend, min_col=2, max_col=3, min_row=1, max_row=months + 1),
        titles_from_data=True,
    )
    line.set_categories(Reference(trend, min_col=1, min_row=2, max_row=months + 1))
    trend.add_chart(line, "E2")
    bar_trend = BarChart()
    bar_trend.title = "月ごとの依頼件数"
    bar_trend.add_data(
        Reference(trend, min_col=2, min_row=1, max_row=months + 1), titles_from_data=True
    )
    bar_trend.set_categories(Reference(trend, min_col=1, min_row=2, max_row=months + 1))
    trend.add_chart(bar_trend, "E20")
    step(3, 4, "ファイルにまとめています")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def daily_xlsx(data: dict[str, Any]) -> bytes:
    """SO-13: the day's report as a one-sheet workbook."""
    book = Workbook()
    sheet = cast(Worksheet, book.active)
    sheet.title = "日報"
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["C"].width = 36
    sheet["A1"] = f"安心対応サポート室 日報 {data['day_label']}"
    sheet["A1"].font = Font(bold=True, size=14)
    header = ["受付番号", "種別", "場所", "依頼", "到着", "完了", "状態"]
    for key, title in (
        ("received", "受け付けた業務"),
        ("completed", "対応を完了した業務"),
        ("continuing", "継続して対応する業務"),
    ):
        _table(
            sheet,
            f"{title}({data['counts'][key]}件)",
            header,
            [
                [
                    r["number"],
                    r["kind"],
                    r["place"],
                    r["requested_at"],
                    r["arrived_at"],
                    r["completed_at"],
                    r["state"],
                ]
                for r in data[key]
            ],
        )
    _table(
        sheet,
        "時間外の対応",
        ["件数", "時間外(分)"],
        [[data["after_hours"]["count"], data["after_hours"]["minutes"]]],
    )
    if "off_post" in data:  # reports frozen before it was counted do not have it
        _table(
            sheet,
            "勤務予定表の勤務時間外の者が対応を始めた依頼",
            ["件数"],
            [[data["off_post"]]],
        )
    closing = data["closing"]
    _table(
        sheet,
        "終業時の確認",
        ["項目", "確認"],
        [[c["label"], "済" if c["done"] else "未"] for c in closing["checks"]]
        or [[closing.get("label", "未記録"), ""]],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---- PDF --------------------------------------------------------------------------------------


def monthly_pdf(data: dict[str, Any], *, contract: Any) -> bytes:
    charts = {k: svg_data_url(v) for k, v in monthly_charts(data).items()}
    html = render_to_string(
        "support_office/reports/monthly_print.html",
        {"data": data, "charts": charts, "contract": contract},
    )
    return html_to_pdf(html=html)


def daily_pdf(data: dict[str, Any], *, contract: Any) -> bytes:
    html = render_to_string(
        "support_office/reports/daily_print.html", {"data": data, "contract": contract}
    )
    return html_to_pdf(html=html)


# ---- the jobs ---------------------------------------------------------------------------------


def _month_data(run: JobRun) -> dict[str, Any]:
    from itaku.support_office.reports.selectors import monthly_shown

    _, data = monthly_shown(
        access=run.access, year=int(run.params["year"]), month=int(run.params["month"])
    )
    return data


def produce_monthly_xlsx(run: JobRun) -> tuple[str, bytes]:
    run.progress(0, 4, "月報の数字を集めています")
    data = _month_data(run)
    content = monthly_xlsx(data, progress=run.progress)
    run.progress(4, 4, "できあがりました")
    return f"月報-{data['year']}-{data['month']:02d}.xlsx", content


def produce_monthly_pdf(run: JobRun) -> tuple[str, bytes]:
    run.progress(0, 2, "月報の数字を集めています")
    data = _month_data(run)
    run.progress(1, 2, "PDFを作っています")
    content = monthly_pdf(data, contract=run.access.contract)
    run.progress(2, 2, "できあがりました")
    return f"月報-{data['year']}-{data['month']:02d}.pdf", content


def _day_data(run: JobRun) -> dict[str, Any]:
    from itaku.support_office.reports.selectors import daily_shown

    _, data = daily_shown(access=run.access, day=date.fromisoformat(str(run.params["day"])))
    return data


def produce_daily_xlsx(run: JobRun) -> tuple[str, bytes]:
    run.progress(0, 2, "日報の記録を集めています")
    data = _day_data(run)
    content = daily_xlsx(data)
    run.progress(2, 2, "できあがりました")
    return f"日報-{run.params['day']}.xlsx", content


def produce_daily_pdf(run: JobRun) -> tuple[str, bytes]:
    run.progress(0, 2, "日報の記録を集めています")
    data = _day_data(run)
    run.progress(1, 2, "PDFを作っています")
    content = daily_pdf(data, contract=run.access.contract)
    run.progress(2, 2, "できあがりました")
    return f"日報-{run.params['day']}.pdf", content
