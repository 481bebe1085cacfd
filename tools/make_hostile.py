"""Make hostile and faulty input files, one of each class the tool must refuse quickly and cleanly (issue 21).

    python tools/make_hostile.py FOLDER        # writes every file into FOLDER and lists them

Used by ``tests/test_hostile.py`` (each file through the CLI with a memory
limit and a timeout) and by ``benchmarks/bench_hostile.py``. Every file is
made in a fraction of a second: the bombs are built from one compressed block
repeated (a deflate stream flushed to a byte boundary can be concatenated with
itself), not by compressing gigabytes.
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

# ---------------------------------------------------------------- a zip writer that can lie and repeat

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


class Entry:
    """One zip entry: its deflated bytes, true CRC and sizes, and what the headers are to say (``declared``)."""

    def __init__(
        self,
        name: str,
        data: bytes = b"",
        *,
        deflated: bytes | None = None,
        crc: int = 0,
        size: int = 0,
        declared: int | None = None,
        flags: int = 0,
    ):
        self.name = name.encode()
        if deflated is None:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            deflated = compressor.compress(data) + compressor.flush()
            crc, size = zlib.crc32(data), len(data)
        self.deflated, self.crc, self.size = deflated, crc, size
        self.declared = size if declared is None else declared
        self.flags = flags


def repeated(name: str, head: bytes, block: bytes, times: int, tail: bytes, *, declared: int | None = None) -> Entry:
    """``head + block * times + tail`` deflated without ever holding it: the compressed block is repeated."""
    size = len(head) + len(block) * times + len(tail)
    group = max(1, min(times, (1 << 16) // max(1, len(block))))  # small blocks compress well only many at a time
    times, extra = divmod(times, group)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    # A full flush resets the window, so the compressed block inflates to the same bytes wherever it is placed.
    middle = compressor.compress(block * group) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(block * extra + tail) + compressor.flush()
    tail = block * extra + tail
    block = block * group
    crc = zlib.crc32(head)
    chunk = block * max(1, (1 << 20) // max(1, len(block)))
    per_chunk = len(chunk) // len(block)
    left = times
    while left >= per_chunk:
        crc = zlib.crc32(chunk, crc)
        left -= per_chunk
    crc = zlib.crc32(block * left, crc)
    crc = zlib.crc32(tail, crc)
    return Entry(name, deflated=first + middle * times + last, crc=crc, size=size, declared=declared)


def write_zip(path: Path, entries: list[Entry]) -> None:
    local, central = bytearray(), bytearray()
    for e in entries:
        offset = len(local)
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, e.flags, 8, 0, 0x21, e.crc, len(e.deflated), e.declared, len(e.name), 0
        )
        local += header + e.name + e.deflated
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            e.flags,
            8,
            0,
            0x21,
            e.crc,
            len(e.deflated),
            e.declared,
            len(e.name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += e.name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    Path(path).write_bytes(bytes(local + central + end))


def docx_with_body(path: Path, body: str | Entry, flags: int = 0) -> None:
    document = (
        body
        if isinstance(body, Entry)
        else Entry(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode(),  # noqa: E501
        )
    )
    entries = [
        Entry("[Content_Types].xml", CONTENT_TYPES_DOCX.encode()),
        Entry("_rels/.rels", RELS_DOCX.encode()),
        document,
    ]
    for e in entries:
        e.flags = flags
    write_zip(path, entries)


# ---------------------------------------------------------------- the classes


def grid_span(path: Path) -> None:
    """1.2 KB: a table cell spanning a billion grid columns (13 GB in a naive reader)."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc>'
    docx_with_body(path, f"<w:tbl><w:tr>{cell}</w:tr><w:tr>{cell}</w:tr></w:tbl>")


def zip_bomb(path: Path) -> None:
    """A quarter of a megabyte inflating to 256 MB of one paragraph's text."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    docx_with_body(
        path, repeated("word/document.xml", head, b"A" * (1 << 20), 256, b"</w:t></w:r></w:p></w:body></w:document>")
    )


def lying_bomb(path: Path) -> None:
    """A zip bomb whose headers claim 1 KB: only inflating tells."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    docx_with_body(
        path,
        repeated(
            "word/document.xml", head, b"A" * (1 << 20), 200, b"</w:t></w:r></w:p></w:body></w:document>", declared=1024
        ),
    )


def many_entries(path: Path) -> None:
    """A .docx of 20,000 empty parts."""
    entries = [Entry("[Content_Types].xml", CONTENT_TYPES_DOCX.encode()), Entry("_rels/.rels", RELS_DOCX.encode())]
    entries += [Entry(f"word/media/{n}.bin", b"") for n in range(20_000)]
    write_zip(path, entries)


def many_rows_docx(path: Path) -> None:
    """A table of 2,000,000 empty rows: small on disk, a tree of gigabytes in memory."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:tbl>'.encode()
    docx_with_body(
        path,
        repeated(
            "word/document.xml", head, b"<w:tr><w:tc><w:p/></w:tc></w:tr>", 2_000_000, b"</w:tbl></w:body></w:document>"
        ),
    )


def million_rows_xlsx(path: Path) -> None:
    """A workbook with 1,000,000 rows (as the 22 MB file that gave no answer in 60 s)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types '
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        'Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="Лист1" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    )
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>'.encode()
    sheet = repeated(
        "xl/worksheets/sheet1.xml",
        head,
        b'<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>',
        1_000_000,
        b"</sheetData></worksheet>",
    )
    write_zip(
        path,
        [
            Entry("[Content_Types].xml", types.encode()),
            Entry("_rels/.rels", rels.encode()),
            Entry("xl/workbook.xml", workbook.encode()),
            Entry("xl/_rels/workbook.xml.rels", wb_rels.encode()),
            sheet,
        ],
    )


def _ods(path: Path, rows: str) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet><table:table "
        f'table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    write_zip(
        path,
        [
            Entry("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            Entry("content.xml", content.encode()),
            Entry("META-INF/manifest.xml", manifest.encode()),
        ],
    )


def sparse_ods(path: Path) -> None:
    """Two filled cells, A1 and one 40,000 rows and 1,000 columns away through empty repeats: a 40-million-cell grid."""
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    _ods(
        path,
        f"<table:table-row>{cell}</table:table-row>"
        '<table:table-row table:number-rows-repeated="39998"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="999"/>{cell}</table:table-row>',
    )


def repeated_ods(path: Path) -> None:
    """An OpenDocument sheet: one row of 1,000 filled cells repeated 1,000,000 times (a billion cells)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S"><table:table-row '
        'table:number-rows-repeated="1000000">'
        '<table:table-cell office:value-type="string" '
        'table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    write_zip(
        path,
        [
            Entry("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            Entry("content.xml", content.encode()),
            Entry("META-INF/manifest.xml", manifest.encode()),
        ],
    )


def pdf_bomb(path: Path) -> None:
    """A one-page PDF whose content stream (0.1 MB) inflates to 64 MB of drawing operators."""
    entry = repeated("content", b"BT /F1 12 Tf ET\n", b"0 0 m 1 1 l S\n" * 4096, 1200, b"")
    adler = 1
    block = b"0 0 m 1 1 l S\n" * 4096
    adler = zlib.adler32(b"BT /F1 12 Tf ET\n", adler)
    for _ in range(1200):
        adler = zlib.adler32(block, adler)
    stream = b"\x78\x9c" + entry.deflated + struct.pack(">I", adler)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(
        f"{o:010d} 00000 n \n".encode() for o in offsets
    )
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))


def zipcrypto_docx(path: Path) -> None:
    """A .docx whose entries are marked encrypted (ZipCrypto): a password-protected archive."""
    docx_with_body(path, "<w:p><w:r><w:t>тайна</w:t></w:r></w:p>", flags=0x1)


def encrypted_ooxml(path: Path) -> None:
    """What Word writes for «Зашифровать паролем»: an OLE2 compound file with an EncryptedPackage stream."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x1C] = struct.pack("<HH", 0x3E, 3)  # minor version, major version 3
    header[0x1C:0x20] = struct.pack("<HH", 0xFFFE, 9)  # little endian, 512-byte sectors
    directory = bytearray(512)
    for slot, entry_name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        raw = entry_name.encode("utf-16-le") + b"\0\0"
        directory[slot * 128 : slot * 128 + len(raw)] = raw
        directory[slot * 128 + 64 : slot * 128 + 66] = struct.pack("<H", len(raw))
    Path(path).write_bytes(bytes(header) + bytes(directory) + os.urandom(4096))


def encrypted_odt(path: Path) -> None:
    """An OpenDocument text saved with a password: the manifest lists encryption data."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" '
        'manifest:checksum="AAAA"/>'
        "</manifest:file-entry></manifest:manifest>"
    )
    write_zip(
        path,
        [
            Entry("mimetype", b"application/vnd.oasis.opendocument.text"),
            Entry("content.xml", os.urandom(2048)),
            Entry("META-INF/manifest.xml", manifest.encode()),
        ],
    )


def fifo(path: Path) -> None:
    """A named pipe with no writer: opening it for reading would block for ever."""
    os.mkfifo(path)


def dev_zero(path: Path) -> None:
    """A symbolic link to /dev/zero: endless zeros."""
    os.symlink("/dev/zero", path)


def sparse_huge(path: Path) -> None:
    """A 5 GB file (sparse: nothing on disk) that must not be read whole."""
    with open(path, "wb") as handle:
        handle.truncate(5 * 1024**3)


def not_a_zip(path: Path) -> None:
    """Text with an Office extension."""
    Path(path).write_text("это не документ Word\n", encoding="utf-8")


# name → (suffix, maker); the test suite knows what each must give
CLASSES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "grid-span": (".docx", grid_span),
    "zip-bomb": (".docx", zip_bomb),
    "lying-bomb": (".docx", lying_bomb),
    "many-entries": (".docx", many_entries),
    "many-rows-docx": (".docx", many_rows_docx),
    "million-rows": (".xlsx", million_rows_xlsx),
    "repeated-ods": (".ods", repeated_ods),
    "sparse-ods": (".ods", sparse_ods),
    "zipcrypto": (".docx", zipcrypto_docx),
    "pdf-bomb": (".pdf", pdf_bomb),
    "encrypted-ooxml": (".docx", encrypted_ooxml),
    "encrypted-xlsx": (".xlsx", encrypted_ooxml),
    "encrypted-odt": (".odt", encrypted_odt),
    "not-a-zip": (".docx", not_a_zip),
    "fifo-docx": (".docx", fifo),
    "fifo-yaml": (".yaml", fifo),
    "zero-docx": (".docx", dev_zero),
    "zero-yaml": (".yaml", dev_zero),
    "huge-yaml": (".yaml", sparse_huge),
    "huge-docx": (".docx", sparse_huge),
}


def make(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the chosen classes (all by default) into ``folder``; name → path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name in names or list(CLASSES):
        suffix, maker = CLASSES[name]
        path = folder / f"{name}{suffix}"
        if path.exists() or path.is_symlink():
            path.unlink()
        maker(path)
        made[name] = path
    return made


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for name, path in make(Path(sys.argv[1])).items():
        print(f"{name:<18} {path}")
