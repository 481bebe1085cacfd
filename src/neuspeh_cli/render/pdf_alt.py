"""Alt text for the charts of a PDF that LibreOffice converted.

LibreOffice (7.4 at least) drops the alt text of a Word chart (``wp:docPr/@descr``) on import, so the
tagged PDF it writes has ``Figure`` elements without ``/Alt``: a screen reader says nothing about the
chart. The UNO bridge gives the text back before exporting (``uno_client.py``); a plain
``soffice --convert-to`` cannot, so here the PDF gets an incremental update: each ``Figure`` without
``/Alt`` receives the text of the chart it shows, in document order. An incremental update keeps
every byte of the original (PDF/A allows it) and is skipped whenever anything does not match.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_FIGURE = re.compile(rb"(\d+) 0 obj\s*<<(/Type/StructElem\s*/S/Figure\b.*?)>>\s*endobj", re.S)
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)


def chart_descriptions(docx: Path) -> list[str]:
    """The alt text of each chart of a .docx, in document order."""
    import html

    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    found = []
    for frame in re.finditer(r"<wp:docPr\b([^>]*)>.*?</wp:inline>", xml, re.S):
        if "drawingml/2006/chart" in frame.group(0):
            descr = re.search(r'descr="([^"]*)"', frame.group(1))
            found.append(html.unescape(descr.group(1)) if descr else "")
    return found


def _text_string(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def add_chart_alt_text(pdf: Path, docx: Path) -> bool:
    """Give the PDF's chart figures their alt text; True when the file was updated."""
    texts = chart_descriptions(docx)
    if not texts:
        return False
    data = Path(pdf).read_bytes()
    figures = [m for m in _FIGURE.finditer(data) if b"/Alt" not in m.group(2)]
    tail = _STARTXREF.search(data[-64:])
    trailers = _TRAILER.findall(data)
    # Only a PDF as LibreOffice writes it: one classic cross-reference table, charts the only figures without text.
    if (
        len(figures) != len(texts)
        or tail is None
        or len(trailers) != 1
        or b"/Prev" in trailers[0]
        or b"/XRefStm" in data
    ):
        return False
    previous = int(tail.group(1))
    trailer = trailers[0]
    update = bytearray(b"\n")
    offsets: list[tuple[int, int]] = []
    for match, text in zip(figures, texts):
        if not text:
            continue
        number = int(match.group(1))
        offsets.append((number, len(data) + len(update)))
        update += b"%d 0 obj\n<<%s/Alt %s>>\nendobj\n" % (
            number,
            match.group(2).rstrip(),
            _text_string(" ".join(text.split())),
        )
    if not offsets:
        return False
    xref_at = len(data) + len(update)
    update += b"xref\n0 1\n0000000000 65535 f \n"
    for number, offset in sorted(offsets):
        update += b"%d 1\n%010d 00000 n \n" % (number, offset)
    kept = re.sub(rb"/DocChecksum\s*/[0-9A-F]+", b"", trailer)
    update += b"trailer\n<<%s/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (kept.strip(), previous, xref_at)
    from ..outputs import write_atomic

    write_atomic(Path(pdf), data + bytes(update))
    return True
