"""CSV and Excel tables: read back with the csv module and openpyxl; no database."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from itaku.documents.tables import table_csv, table_xlsx
from itaku.documents.watermark import Watermark

MARK = Watermark(
    who="山田 太郎 (利用者ID 5)",
    at=datetime(2026, 11, 23, 12, 5, tzinfo=UTC),
    purpose="月次報告の確認",
    reference="出力申請 #12",
)
COLUMNS = ["氏名", "生年月日", "相談日時", "件数", "メモ"]
ROWS: list[list[object]] = [
    ["髙橋 𠮷子", date(1980, 1, 2), datetime(2026, 11, 23, 15, 0, tzinfo=UTC), 3, "電話で相談"],
    ["佐藤 一郎", date(1975, 12, 31), None, 0, '=HYPERLINK("http://example.com","開く")'],
]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_csv_starts_with_a_bom_and_uses_crlf_so_that_excel_reads_it_as_utf8():
    data = table_csv(columns=COLUMNS, rows=ROWS, watermark=MARK)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 4
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_csv_has_the_watermark_then_the_header_then_the_rows():
    lines = read_csv(table_csv(columns=COLUMNS, rows=ROWS, watermark=MARK))
    assert lines[0] == [f"# {MARK.text()}"]
    assert lines[1] == COLUMNS
    assert lines[2] == ["髙橋 𠮷子", "1980-01-02", "2026-11-24 00:00", "3", "電話で相談"]
    assert len(lines) == 2 + len(ROWS)


CSV_CELL_CASES = [
    ("date as YYYY-MM-DD", date(2026, 2, 2), "2026-02-02"),
    ("aware datetime in Tokyo time", datetime(2026, 11, 23, 12, 5, tzinfo=UTC), "2026-11-23 21:05"),
    ("None as an empty cell", None, ""),
    ("a negative number stays a number", -5, "-5"),
    ("formula text is made inert", "=1+1", "'=1+1"),
    ("plus", "+81 3 1234 5678", "'+81 3 1234 5678"),
    ("minus text", "-2+3", "'-2+3"),
    ("at sign", "@SUM(A1)", "'@SUM(A1)"),
    ("leading tab", "\t=1+1", "'\t=1+1"),
    ("comma and quote are quoted, not split", '札幌, "北"', '札幌, "北"'),
    ("line break inside a cell stays inside it", "一行目\r\n二行目", "一行目\r\n二行目"),
]


@pytest.mark.parametrize(
    ("value", "expected"), [c[1:] for c in CSV_CELL_CASES], ids=[c[0] for c in CSV_CELL_CASES]
)
def test_csv_cell_is_written_as_the_ward_expects(value, expected):
    lines = read_csv(table_csv(columns=["値"], rows=[[value]], watermark=MARK))
    assert lines[2:] == [[expected]]


def test_csv_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"):
        table_csv(columns=["日時"], rows=[[datetime(2026, 1, 1, 9, 0)]], watermark=MARK)


@pytest.mark.parametrize("render", [table_csv, table_xlsx], ids=["csv", "xlsx"])
def test_a_row_with_the_wrong_number_of_values_is_refused_not_shifted(render):
    extra = {"title": "t"} if render is table_xlsx else {}
    with pytest.raises(ValueError, match="row 2 has 2 values for 5 columns"):
        render(columns=COLUMNS, rows=[ROWS[0], ["a", "b"]], watermark=MARK, **extra)


def test_xlsx_row_1_is_the_watermark_in_bold_red_across_every_column():
    sheet = read_xlsx(table_xlsx(title="相談記録", columns=COLUMNS, rows=ROWS, watermark=MARK))
    assert sheet["A1"].value == MARK.text()
    assert sheet["A1"].font.b
    assert sheet["A1"].font.color.rgb.endswith("C00000")
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:E1"]
    assert sheet.row_dimensions[1].height >= 15


def test_xlsx_header_is_row_3_with_a_fill_and_borders_and_data_starts_in_row_4():
    sheet = read_xlsx(table_xlsx(title="相談記録", columns=COLUMNS, rows=ROWS, watermark=MARK))
    assert all(sheet.cell(row=2, column=c).value is None for c in range(1, 6))
    header = list(sheet[3])
    assert [c.value for c in header] == COLUMNS
    assert all(c.font.b and c.fill.fill_type == "solid" for c in header)
    assert all(c.border.top.style == c.border.bottom.style == "thin" for c in header)
    assert [c.value for c in sheet[4]] == [
        "髙橋 𠮷子",
        datetime(1980, 1, 2),
        datetime(2026, 11, 24, 0, 0),
        3,
        "電話で相談",
    ]
    assert sheet["B4"].is_date and sheet["B4"].number_format == "yyyy-mm-dd"
    assert sheet["C4"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["C5"].value is None
    assert sheet.max_row == 3 + len(ROWS)


def test_xlsx_text_that_looks_like_a_formula_is_stored_as_text():
    data = table_xlsx(title="t", columns=COLUMNS, rows=ROWS, watermark=MARK)
    cell = read_xlsx(data)["E5"]
    assert cell.data_type == "s"
    assert cell.value == ROWS[1][4]
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_xlsx_every_printed_page_carries_the_watermark_in_its_header_and_footer():
    sheet = read_xlsx(table_xlsx(title="相談記録", columns=COLUMNS, rows=ROWS, watermark=MARK))
    assert sheet.oddHeader.center.text == MARK.text()
    assert sheet.oddFooter.center.text == MARK.text()
    assert sheet.oddFooter.right.text == "&P / &N"
    # Nothing asks Excel for a different first or even page, which would print without it.
    assert not sheet.HeaderFooter.differentFirst
    assert not sheet.HeaderFooter.differentOddEven


def test_xlsx_prints_landscape_a4_one_page_wide_with_the_header_row_on_every_page():
    sheet = read_xlsx(table_xlsx(title="相談記録", columns=COLUMNS, rows=ROWS, watermark=MARK))
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4 in Excel's paper numbering
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    assert sheet.freeze_panes == "A4"


def test_xlsx_header_and_footer_escape_the_ampersand_and_stay_within_excels_limit():
    mark = Watermark(
        who="山田 太郎 (利用者ID 5)",
        at=MARK.at,
        purpose="A&B " + "長" * 300,
        reference="出力申請 #1",
    )
    sheet = read_xlsx(table_xlsx(title="t", columns=["値"], rows=[], watermark=mark))
    header = sheet.oddHeader.center.text
    assert "A&&B" in header
    assert len(header) <= 255
    assert header.endswith("…")
    assert sheet["A1"].value == mark.text()


def test_xlsx_columns_are_wide_enough_for_japanese_text():
    rows: list[list[object]] = [["東京都千代田区霞が関一丁目", "abcdefghijklmn"]]
    sheet = read_xlsx(table_xlsx(title="t", columns=["住所", "code"], rows=rows, watermark=MARK))
    japanese, ascii_ = (sheet.column_dimensions[c].width for c in "AB")
    # 13 full-width characters need about twice the width of 14 ASCII ones.
    assert japanese >= 26
    assert 14 <= ascii_ < japanese


def test_xlsx_font_is_one_that_ward_pcs_have():
    sheet = read_xlsx(table_xlsx(title="t", columns=COLUMNS, rows=ROWS, watermark=MARK))
    assert {sheet[ref].font.name for ref in ("A1", "A3", "A4", "E5")} == {"游ゴシック"}


SHEET_TITLE_CASES = [
    (
        "characters Excel forbids become _",
        "相談記録: 2026/11 [監督]?*\\",
        "相談記録_ 2026_11 _監督____",
    ),
    ("cut to 31 characters", "あ" * 40, "あ" * 31),
    ("empty becomes Sheet1", "", "Sheet1"),
    ("leading and trailing apostrophes are dropped", "'名簿'", "名簿"),
]


@pytest.mark.parametrize(
    ("title", "expected"), [c[1:] for c in SHEET_TITLE_CASES], ids=[c[0] for c in SHEET_TITLE_CASES]
)
def test_xlsx_sheet_title_is_one_excel_accepts(title, expected):
    sheet = read_xlsx(table_xlsx(title=title, columns=["値"], rows=[], watermark=MARK))
    assert sheet.title == expected


def test_xlsx_drops_control_characters_an_xlsx_cannot_hold_instead_of_failing():
    sheet = read_xlsx(
        table_xlsx(title="t", columns=["値"], rows=[["前\x00\x07後"]], watermark=MARK)
    )
    assert sheet["A4"].value == "前後"


def test_pdf_table_repeats_the_watermark_and_the_header_on_every_page():
    import io

    from pypdf import PdfReader

    from itaku.documents.tables import table_pdf

    rows = [[f"試験 {i:03d}", date(2026, 4, 1), "従事者"] for i in range(120)]
    pdf = table_pdf(
        title="従事者名簿", columns=["氏名", "従事開始日", "役割"], rows=rows, watermark=MARK
    )
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    for page in pages:
        text = page.extract_text()
        assert MARK.purpose in text and MARK.reference in text
        assert "氏名" in text  # the header row comes again
    assert "令和8年4月1日" in pages[0].extract_text()  # dates in 和暦 on paper
    assert "試験 119" in pages[-1].extract_text()
