"""Small PDFs made byte by byte for the tests: pages of text, of images (scans), or both."""

from __future__ import annotations


def pdf_of(*pages: tuple[str, bool]) -> bytes:
    """A small PDF: each page is (its text, whether it draws an image); Helvetica, ASCII text."""
    objects: list[bytes] = [b"", b""]  # the catalog and the page tree, written last
    kids = []
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
    image += b" /BitsPerComponent 8 /Length 1 >>\nstream\n\xff\nendstream"
    objects += [font, image]
    for text, has_image in pages:
        content = b""
        if text:
            content += b"BT /F1 12 Tf 10 50 Td (" + text.encode("ascii") + b") Tj ET\n"
        if has_image:
            content += b"q 50 0 0 50 10 10 cm /Im1 Do Q\n"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
        contents = len(objects)
        xobjects = b" /XObject << /Im1 4 0 R >>" if has_image else b""
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents %d 0 R" % contents
            + b" /Resources << /Font << /F1 3 0 R >>"
            + xobjects
            + b" >> >>"
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
