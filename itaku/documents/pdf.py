"""PDFs from HTML with WeasyPrint: A4, the Japanese font embedded, never a network fetch.

The system runs in a closed government network, and a document must not tell anyone outside that it
was opened or printed: WeasyPrint may read only files under the project's ``static/`` directory and
``data:`` URLs. Anything else (http, https, ftp, other files) is refused; the document is rendered
without it.

Japanese text is set in the system's Noto Sans CJK JP (Debian's fonts-noto-cjk, installed by
``scripts/system-deps.sh``). The site's own web font, ``static/vendor/noto-sans-jp``, is cut into
unicode-range slices for browsers; WeasyPrint merges the slices of one family into one embedded
font and then draws wrong characters (髙橋 came out as other kanji), so PDFs skip those files and
fall through the font list to Noto Sans CJK JP.
"""

import io
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = [
    "PDF_FONT_FAMILY",
    "PdfPage",
    "PdfUnreadable",
    "ResourceRefused",
    "html_to_pdf",
    "pdf_pages",
    "pdf_stamp",
    "pdf_text",
]

logger = logging.getLogger(__name__)

PDF_FONT_FAMILY = "Noto Sans CJK JP"
# Slices for browsers only; see the module docstring.
_WEB_ONLY_FONTS = Path("vendor") / "noto-sans-jp"

_BASE_CSS = f"""
@page {{ size: A4; margin: 15mm; }}
html {{ font-family: "{PDF_FONT_FAMILY}", sans-serif; }}
"""


class ResourceRefused(ValueError):
    """A document asked for a resource outside ``static/`` or on the network."""


class _LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher cut down to ``data:`` URLs and files under ``static/``."""

    def __init__(self, *, static_root: Path) -> None:
        # Belt and braces: the parent may only ever open data: URLs.
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.static_root = static_root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._static_file(url)
        # The scheme only: a URL may carry a name or an id in its path or query.
        logger.warning("PDF: refused a %s resource; documents may use only static files", scheme)
        raise ResourceRefused(f"PDF documents may not fetch {scheme}: URLs")

    def _static_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ResourceRefused("PDF documents may not fetch files from another host")
        # resolve() follows "..", percent-encoded or not, and symlinks before the check.
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.static_root) or not path.is_file():
            logger.warning("PDF: refused a file outside static/")
            raise ResourceRefused("PDF documents may read only files under static/")
        if path.is_relative_to(self.static_root / _WEB_ONLY_FONTS):
            raise ResourceRefused("the sliced web font draws wrong glyphs in PDFs; skipped")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def html_to_pdf(*, html: str, base_url: str | None = None) -> bytes:
    """An A4 PDF of ``html`` with Noto Sans CJK JP embedded; relative URLs resolve against
    ``base_url`` and may reach only ``static/`` files and ``data:`` URLs.
    """
    fetcher = _LocalOnlyFetcher(static_root=Path(settings.BASE_DIR) / "static")
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    base = weasyprint.CSS(string=_BASE_CSS, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[base])


class PdfUnreadable(Exception):
    """A PDF whose pages cannot be read; ``reason`` is "encrypted" (it needs a password to
    open), "damaged", or "too_long" (more pages than asked for)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PdfPage:
    """What a check needs to know of one page: its text, and whether its resources hold an
    image (a scanned page is one image and no text)."""

    text: str
    has_images: bool


def pdf_pages(*, data: bytes, max_pages: int = 200) -> list[PdfPage]:
    """The text of every page of a PDF and whether the page holds an image, for checks such as
    the My Number guard. Raises ``PdfUnreadable`` when a page cannot be read, so that nothing
    is passed unread."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        # Restricted but opening without a password (an empty user password) is readable.
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfUnreadable("encrypted")
        if len(reader.pages) > max_pages:
            raise PdfUnreadable("too_long")
        return [
            PdfPage(text=page.extract_text() or "", has_images=len(page.images) > 0)
            for page in reader.pages
        ]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise PdfUnreadable("damaged") from None


def pdf_text(*, data: bytes, max_pages: int = 200) -> str | None:
    """The text of a PDF of at most ``max_pages`` pages; None when it cannot be read (damaged,
    encrypted with a password, or longer)."""
    try:
        return "\n".join(page.text for page in pdf_pages(data=data, max_pages=max_pages))
    except PdfUnreadable:
        return None


def _stamp_page(*, width: float, height: float, text: str) -> bytes:
    """One transparent page of ``width`` × ``height`` points with ``text`` at its top and foot."""
    from html import escape

    line = escape(text)
    html = f"""<style>
@page {{ size: {width}pt {height}pt; margin: 0; }}
body {{ margin: 0; }}
p {{ position: absolute; left: 4mm; right: 4mm; margin: 0; font-size: 7pt; color: #c00; }}
.top {{ top: 2mm; }} .foot {{ bottom: 2mm; }}
</style><p class="top">{line}</p><p class="foot">{line}</p>"""
    fetcher = _LocalOnlyFetcher(static_root=Path(settings.BASE_DIR) / "static")
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[weasyprint.CSS(string=_BASE_CSS.replace("size: A4; margin: 15mm;", ""))]
    )


def pdf_stamp(*, data: bytes, text: str) -> bytes | None:
    """The PDF with ``text`` printed at the top and foot of every page (an export's watermark);
    None when the PDF cannot be read or is locked with a password of its own."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return None
        stamps: dict[tuple[float, float], Any] = {}
        writer = PdfWriter(clone_from=reader)
        for page in writer.pages:
            box = page.mediabox
            size = (round(float(box.width), 2), round(float(box.height), 2))
            if size not in stamps:
                stamp = _stamp_page(width=size[0], height=size[1], text=text)
                stamps[size] = PdfReader(io.BytesIO(stamp)).pages[0]
            move = Transformation().translate(float(box.left), float(box.bottom))
            page.merge_transformed_page(stamps[size], move)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return None
