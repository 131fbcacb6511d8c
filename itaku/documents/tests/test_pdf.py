"""PDFs: A4, Japanese text embedded in Noto Sans CJK JP and drawn with the right glyphs, and no
resource fetched from outside ``static/``; no database."""

import base64
import io
import re
import socket
from pathlib import Path
from typing import Any, cast

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from itaku.documents import pdf
from itaku.documents.pdf import html_to_pdf

# Characters from several slices of the site's sliced web font, and a character outside the BMP.
JAPANESE = "相談記録 髙橋 𠮷子 渡邊 令和8年11月23日"
A4_POINTS = (595.28, 841.89)
# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def page_html(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='ja'><head>{head}</head><body>{body}</body></html>"


@pytest.fixture
def no_network(monkeypatch):
    """Fails the test if anything opens a network connection or resolves a name."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use in a test of the closed-network PDF renderer")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == [], "the PDF renderer tried to use the network"


@pytest.fixture
def fetches(monkeypatch):
    """Every URL the renderer asked for, with "ok" or "refused"."""
    seen: list[tuple[str, str]] = []
    original = pdf._LocalOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except pdf.ResourceRefused:
            seen.append((url, "refused"))
            raise
        seen.append((url, "ok"))
        return response

    monkeypatch.setattr(pdf._LocalOnlyFetcher, "fetch", spy)
    return seen


@pytest.fixture
def project(settings, tmp_path) -> Path:
    """A project directory with a picture in static/ and a secret file beside static/."""
    settings.BASE_DIR = tmp_path
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "logo.png").write_bytes(PIXEL_PNG)
    (tmp_path / "secret.png").write_bytes(PIXEL_PNG)
    return tmp_path


def fonts(reader: PdfReader) -> list[Any]:
    """The font dictionaries used on every page."""
    return [
        font.get_object()
        for page in reader.pages
        for font in cast(Any, page["/Resources"])["/Font"].values()
    ]


def font_names(reader: PdfReader) -> set[str]:
    return {str(font["/BaseFont"]).split("+", 1)[-1] for font in fonts(reader)}


def wrong_glyphs(reader: PdfReader) -> list[tuple[str, str, str]]:
    """(character, glyph drawn, glyph the font has for it) for every mismatch.

    The text layer (ToUnicode) can say 髙橋 while the page draws other glyphs: pypdf's extracted
    text alone does not prove what is printed. Each code drawn must be the glyph that the embedded
    font's own cmap gives for the character the text layer claims.
    """
    mismatches = []
    checked = 0
    for font in fonts(reader):
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity"
        descriptor = descendant["/FontDescriptor"]
        stream = next(descriptor[k] for k in ("/FontFile2", "/FontFile3") if k in descriptor)
        embedded = TTFont(io.BytesIO(stream.get_object().get_data()))
        cmap = embedded.getBestCmap()
        glyph_order = embedded.getGlyphOrder()
        cid_keyed = "CFF " in embedded and embedded["CFF "].cff.topDictIndex[0].ROS is not None
        to_unicode = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        pairs = "".join(re.findall(r"beginbfchar(.*?)endbfchar", to_unicode, re.DOTALL))
        for code, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", pairs):
            text = bytes.fromhex(target).decode("utf-16-be")
            if len(text) != 1 or not text.strip():
                continue
            index = int(code, 16)
            if cid_keyed:
                drawn = f"cid{index:05d}"
            else:
                drawn = glyph_order[index] if index < len(glyph_order) else f"no glyph {index}"
            checked += 1
            if cmap.get(ord(text)) != drawn:
                mismatches.append((text, drawn, cmap.get(ord(text), "none")))
    assert checked, "no characters to check"
    return mismatches


def test_pdf_is_a_pdf_on_a4():
    reader = PdfReader(io.BytesIO(html_to_pdf(html=page_html("<p>一ページ</p>"))))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS


def test_pdf_starts_with_the_pdf_signature():
    assert html_to_pdf(html=page_html("<p>一ページ</p>")).startswith(b"%PDF-")


def test_pdf_japanese_text_is_embedded_in_noto_sans_cjk_and_extractable(no_network):
    data = html_to_pdf(
        html=page_html(f"<h1>相談記録</h1><p>{JAPANESE}</p><p><b>太字の氏名</b></p>")
    )
    reader = PdfReader(io.BytesIO(data))
    assert {"Noto-Sans-CJK-JP", "Noto-Sans-CJK-JP-Bold"} <= font_names(reader)
    text = reader.pages[0].extract_text()
    assert JAPANESE in text
    assert "太字の氏名" in text
    assert wrong_glyphs(reader) == []


def test_pdf_of_a_page_linking_the_sites_sliced_web_font_still_draws_the_right_glyphs(
    settings, fetches, no_network
):
    # The site's pages link static/vendor/noto-sans-jp; WeasyPrint would merge its slices into one
    # font and print other kanji for 髙橋. html_to_pdf skips it and uses Noto Sans CJK JP.
    static = Path(settings.BASE_DIR) / "static"
    head = "<link rel='stylesheet' href='vendor/noto-sans-jp/noto-sans-jp.css'>"
    head += "<style>body { font-family: 'Noto Sans JP', 'Noto Sans CJK JP'; }</style>"
    data = html_to_pdf(html=page_html(f"<p>{JAPANESE}</p>", head), base_url=static.as_uri() + "/")
    reader = PdfReader(io.BytesIO(data))
    assert font_names(reader) == {"Noto-Sans-CJK-JP"}
    assert JAPANESE in reader.pages[0].extract_text()
    assert wrong_glyphs(reader) == []
    assert [outcome for url, outcome in fetches if "noto-sans-jp" in url] == ["refused"]


REMOTE_CASES = [
    ("image over http", "<img src='http://example.com/x.png'>", ""),
    ("image over https", "<img src='https://example.com/x.png'>", ""),
    ("ftp", "<img src='ftp://example.com/x.png'>", ""),
    ("stylesheet link", "", "<link rel='stylesheet' href='https://example.com/x.css'>"),
    ("css @import", "", "<style>@import url(https://example.com/x.css);</style>"),
    ("css background", "<p style='background: url(http://example.com/bg.png)'>x</p>", ""),
    (
        "web font",
        "",
        "<style>@font-face { font-family: X; src: url(https://example.com/x.woff2); }"
        " p { font-family: X; }</style>",
    ),
    ("svg image", "<svg><image href='http://example.com/x.png' width='9' height='9'/></svg>", ""),
    ("object", "<object data='http://example.com/x.pdf'></object>", ""),
    ("attachment", "<a rel='attachment' href='http://example.com/x.txt'>x</a>", ""),
]


@pytest.mark.parametrize(
    ("body", "head"), [c[1:] for c in REMOTE_CASES], ids=[c[0] for c in REMOTE_CASES]
)
def test_pdf_never_fetches_anything_from_the_network(body, head, fetches, no_network):
    data = html_to_pdf(html=page_html(f"<p>{JAPANESE}</p>{body}", head))
    assert data.startswith(b"%PDF-")
    assert fetches, "the fetcher was not asked"
    assert all(outcome == "refused" for _, outcome in fetches)


def test_pdf_may_use_a_picture_from_static(project, fetches, no_network):
    base_url = (project / "static").as_uri() + "/"
    data = html_to_pdf(html=page_html("<img src='img/logo.png'>"), base_url=base_url)
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 1
    assert fetches == [((project / "static" / "img" / "logo.png").as_uri(), "ok")]


def test_pdf_may_use_a_data_url(project, fetches, no_network):
    src = "data:image/png;base64," + base64.b64encode(PIXEL_PNG).decode()
    data = html_to_pdf(html=page_html(f"<img src='{src}'>"))
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 1


LOCAL_REFUSED_CASES = [
    ("a file beside static/", "{root}/secret.png"),
    ("dot-dot out of static/", "{root}/static/../secret.png"),
    ("percent-encoded dot-dot", "{root}/static/%2e%2e/secret.png"),
    ("symlink in static/ to a file outside", "{root}/static/img/link.png"),
    ("a file on another host", "//fileserver{root}/static/img/logo.png"),
    ("a system file", "/etc/passwd"),
]


@pytest.mark.parametrize(
    "path", [c[1] for c in LOCAL_REFUSED_CASES], ids=[c[0] for c in LOCAL_REFUSED_CASES]
)
def test_pdf_refuses_files_outside_static(path, project, fetches, no_network):
    (project / "static" / "img" / "link.png").symlink_to(project / "secret.png")
    url = "file:" + ("" if path.startswith("//") else "//") + path.format(root=project)
    data = html_to_pdf(html=page_html(f"<img src='{url}'>"))
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 0
    assert [outcome for _, outcome in fetches] == ["refused"]


def test_pdf_text_reads_back_the_japanese_text_of_a_pdf():
    from itaku.documents.pdf import pdf_text

    text = pdf_text(data=html_to_pdf(html="<p>受付番号 2026-0042 の相談記録</p>"))
    assert "受付番号 2026-0042" in text


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"not a pdf at all"])
def test_pdf_text_of_an_unreadable_pdf_is_none_not_an_error(data):
    from itaku.documents.pdf import pdf_text

    assert pdf_text(data=data) is None
