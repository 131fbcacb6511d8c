"""A PDF as a test sees it: its pages' sizes (pypdf) and its text (pdftotext, as a reader would
copy it; pypdf's when poppler-utils is not installed)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

PDFTOTEXT = shutil.which("pdftotext")


@dataclass(frozen=True)
class Pdf:
    sizes: list[tuple[int, int]]
    text: str

    @property
    def a4(self) -> bool:
        # A4 is 595 × 842 points, either way up.
        return bool(self.sizes) and all(sorted(s) == [595, 842] for s in self.sizes)


def read_pdf(data: bytes) -> Pdf:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    sizes = [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages]
    if PDFTOTEXT is None:
        return Pdf(sizes=sizes, text="\n".join(p.extract_text() for p in reader.pages))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = subprocess.run(  # noqa: S603 - a fixed tool on a file made here
            [PDFTOTEXT, "-layout", f.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    return Pdf(sizes=sizes, text=text)
