"""Office documents are zip archives: checked before any library inflates them.

A 1.5 MB zip bomb inflates to gigabytes, and python-docx, openpyxl and
python-calamine inflate whatever the archive holds. ``check_archive`` reads
only the central directory first (number of entries, declared inflated size,
compression ratio, encryption) and then, with ``verify``, inflates every entry
once as a stream, counting what really comes out: a lying header is caught —
Python's ``zipfile`` never inflates past the declared size and then checks the
CRC — and nothing is kept in memory. A worksheet's rows and cells are counted
in the same pass, so a 1,000,000-row workbook is refused in a fraction of a
second instead of being parsed for a minute.

Password-protected files are told apart, because the cure differs: an
encrypted OOXML document is not a zip at all but an OLE2 compound file holding
an ``EncryptedPackage`` stream; a ZipCrypto archive marks its entries
encrypted; an OpenDocument file lists ``encryption-data`` in its manifest.

Usage (the bytes come from ``reading.files.read_bytes(path, MAX_DOCUMENT_BYTES)``)::

    data = read_bytes(path, MAX_DOCUMENT_BYTES, name)
    check_archive(data, name)                 # raises ReadError (exit code 2)
    document = docx.Document(io.BytesIO(data))

Every refusal is a ``ReadError`` with one Russian line.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import NamedTuple

from ..errors import ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"


class Limits(NamedTuple):
    entries: int = 2_000  # a Word document has some 20 parts, a workbook one per sheet and a few more
    inflated: int = 160 * 1024 * 1024  # bytes, all entries together
    member: int = 100 * 1024 * 1024  # bytes, one entry
    ratio: int = 200  # inflated / compressed, for entries over RATIO_FROM bytes: beyond it is a bomb, not a document
    rows: int = 50_000  # rows of one worksheet (an .xlsx or .ods); a roadmap has a few hundred
    cells: int = 2_000_000  # cells of all worksheets together
    elements: int = (
        3_000_000  # XML elements of one part: what python-docx or lxml would build as a tree (~100 bytes each)
    )


LIMITS = Limits()
RATIO_FROM = 4 * 1024 * 1024
PROTECTED = (
    "документ защищён паролем: снимите пароль (в Word или LibreOffice: Файл → Сведения → Защитить документ, или "
    "сохраните копию без пароля) и повторите"
)

# In a worksheet's XML: a cell with its address (<c r="J12" …>, <x:c …>), and a row.
_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]{0,200}?\br="([A-Z]{1,3})(\d{1,7})"')
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
# The rest of a cell that holds nothing: «<c r="A60000" s="1"/>» or «…></c>», a border or a font set on an empty
# cell far below the table. The reader builds no grid for it, so its address is no measure of the grid.
_EMPTY_CELL_REST = re.compile(
    rb"[^>]{0,200}?(?:/>|>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>)"
)
_OVERLAP = 256  # bytes of a chunk looked at again with the next one: a tag is never cut in two
ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _refuse(name: str, message: str) -> ReadError:
    return ReadError(name, 1, 1, message)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} МБ" if n >= 1024 * 1024 else f"{n // 1024} КБ"


def is_encrypted_ooxml(data: bytes) -> bool:
    """An OOXML document (.docx, .xlsx) saved with a password: an OLE2 file with an ``EncryptedPackage`` stream."""
    return data[:8] == OLE_MAGIC and "EncryptedPackage".encode("utf-16-le") in data[: 64 * 1024 * 1024]


def check_archive(
    data: bytes, name: str, *, verify: bool = True, limits: Limits = LIMITS, what: str = "документ Office"
) -> None:
    """Refuse an archive that is not a plain, reasonably sized zip. Raises ``ReadError``.

    ``verify``: inflate every entry once as a stream (nothing kept), counting
    bytes, worksheet rows and cells; without it only the central directory is
    read (enough for Python's zipfile readers, which stop at the declared size).
    ``what``: how a damaged file is named in the message («документ Word»).
    """
    if is_encrypted_ooxml(data):
        raise _refuse(name, PROTECTED)
    if data[:2] != ZIP_MAGIC:
        if data[:8] == OLE_MAGIC:
            raise _refuse(
                name,
                "это документ старого формата (.doc или .xls) с другим расширением: сохраните его как .docx или .xlsx",
            )
        raise _refuse(
            name,
            f"файл не читается как {what}: внутри другой формат (старый .doc, .xls или переименованный файл): "
            "откройте его в Word, Excel или LibreOffice и сохраните заново",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _refuse(
            name,
            f"файл не читается как {what} (архив повреждён): откройте его в Word, Excel или LibreOffice и сохраните "
            "заново",
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.entries:
            raise _refuse(
                name,
                f"в архиве документа {len(members)} частей (допускается не более {limits.entries}): это не похоже на "
                "документ",
            )
        if any(m.flag_bits & 0x1 for m in members):
            raise _refuse(name, PROTECTED)
        declared = 0
        for m in members:
            declared += m.file_size
            if m.file_size > limits.member or declared > limits.inflated:
                raise _refuse(
                    name,
                    "документ в распакованном виде больше "
                    f"{_mb(limits.inflated if declared > limits.inflated else limits.member)}: это не похоже на "
                    "документ (или это «zip-бомба»)",
                )
            if m.file_size > RATIO_FROM and m.file_size > limits.ratio * max(1, m.compress_size):
                raise _refuse(
                    name,
                    f"часть документа {m.filename} сжата в {m.file_size // max(1, m.compress_size)} раз: это "
                    "«zip-бомба», а не документ",
                )
        if "META-INF/manifest.xml" in archive.NameToInfo:
            manifest = _read_member(archive, archive.NameToInfo["META-INF/manifest.xml"], name, 4 * 1024 * 1024)
            if b"encryption-data" in manifest:
                raise _refuse(name, PROTECTED)
        if verify:
            _verify(archive, members, name, limits)


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limit: int) -> bytes:
    try:
        with archive.open(member) as handle:
            return handle.read(limit)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
        raise _damaged(name, member, exc) from None


def _damaged(name: str, member: zipfile.ZipInfo, exc: Exception) -> ReadError:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc).lower():
        return _refuse(name, PROTECTED)
    if isinstance(exc, NotImplementedError):
        return _refuse(
            name,
            f"часть документа {member.filename} сжата неизвестным способом: сохраните документ заново в Word или "
            "LibreOffice",
        )
    return _refuse(
        name,
        f"файл повреждён (часть {member.filename} не распаковывается): откройте его в Word, Excel или LibreOffice и "
        "сохраните заново",
    )


def _verify(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    total = 0
    cells = 0
    for member in members:
        if member.is_dir():
            continue
        try:
            with archive.open(member) as handle:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                    size, grid = _xlsx_sheet(handle, name, limits, limits.inflated - total)
                    cells += grid
                elif member.filename == "content.xml":
                    size, grid = _odf_content(handle, name, limits, limits.inflated - total)
                    cells += grid
                else:
                    size, elements = _drain(handle, limits.inflated - total)
                    if elements > limits.elements and member.filename.endswith((".xml", ".rels")):
                        raise _refuse(
                            name,
                            f"часть документа {member.filename} содержит больше {limits.elements:_} элементов XML: "
                            "это не похоже на документ".replace("_", " "),
                        )
        except ReadError:
            raise
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
            raise _damaged(name, member, exc) from None
        total += size
        if total > limits.inflated:
            raise _refuse(
                name,
                f"документ в распакованном виде больше {_mb(limits.inflated)}: это не похоже на документ (или это "
                "«zip-бомба»)",
            )
        if cells > limits.cells:
            raise _too_many_cells(name, limits)


def _drain(handle, budget: int) -> tuple[int, int]:
    """(inflated size, opening angle brackets — an upper bound of the XML elements) of an entry, read up to ``budget``
    bytes.
    """
    size = elements = 0
    while size <= budget:
        chunk = handle.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
        elements += chunk.count(b"<")
    return size, elements


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _xlsx_sheet(handle, name: str, limits: Limits, budget: int) -> tuple[int, int]:
    """(inflated size, cells of the grid the sheet spans): rows counted and addresses read, chunk by chunk."""
    size = rows = last_row = last_col = 0
    tail = b""
    while size <= budget:
        chunk = handle.read(1 << 20)
        window = tail + chunk
        # Matches starting in the last bytes are left for the next window, which begins with them.
        cut = len(window) - _OVERLAP if chunk else len(window)
        for match in _CELL.finditer(window):
            if match.start() >= cut:
                break
            if _EMPTY_CELL_REST.match(window, match.end()):
                continue
            last_col = max(last_col, _column(match.group(1)))
            last_row = max(last_row, int(match.group(2)))
        rows += sum(1 for m in _ROW.finditer(window) if m.start() < cut)
        if max(rows, last_row) > limits.rows:
            raise _too_many_rows(name, limits)
        if max(rows, last_row) * last_col > limits.cells:
            raise _too_many_cells(name, limits)
        if not chunk:
            break
        size += len(chunk)
        tail = window[max(0, cut) :]
    return size, max(rows, last_row) * last_col


class _Counted(io.RawIOBase):
    """A zip entry read through, its inflated bytes and XML elements (opening brackets) counted against limits."""

    def __init__(self, handle, budget: int, name: str, elements: int):
        self.handle, self.budget, self.size, self.name = handle, budget, 0, name
        self.elements, self.limit = 0, elements

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.handle.read(len(buffer))
        self.size += len(data)
        self.elements += data.count(b"<")
        if self.size > self.budget:
            raise _refuse(
                self.name,
                f"документ в распакованном виде больше {_mb(LIMITS.inflated)}: это не похоже на документ (или это "
                "«zip-бомба»)",
            )
        if self.elements > self.limit:
            raise _refuse(
                self.name,
                f"часть документа content.xml содержит больше {self.limit:_} элементов XML: это не похоже на документ".replace(  # noqa: E501
                    "_", " "
                ),
            )
        buffer[: len(data)] = data
        return len(data)


def _odf_content(handle, name: str, limits: Limits, budget: int) -> tuple[int, int]:
    """(inflated size, cells of the grids the tables span) of an OpenDocument body, read as a stream.

    Repeated rows and cells count as many times as repeated, and what a reader
    builds is the grid from the first cell to the last filled one — so positions
    count empty repeats too. LibreOffice pads each sheet with empty cells and
    rows repeated to the sheet's end (1,048,576 rows): past the last filled
    cell, they count for nothing.
    """
    from lxml import etree

    counted = _Counted(handle, budget, name, limits.elements)
    table_tag, row_tag = ODF_TABLE + "table", ODF_TABLE + "table-row"
    cell_tags = (ODF_TABLE + "table-cell", ODF_TABLE + "covered-table-cell")
    rows_repeated, columns_repeated, value_type = (
        ODF_TABLE + "number-rows-repeated",
        ODF_TABLE + "number-columns-repeated",
        ODF_OFFICE + "value-type",
    )
    parser = etree.iterparse(
        io.BufferedReader(counted, 1 << 16),
        events=("start", "end"),
        tag=(table_tag, row_tag),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    rows = cells = done = 0  # filled rows and cells (repeats included); grids of the tables finished
    row_index = last_row = last_col = 0  # in the current table
    try:
        for event, element in parser:
            if element.tag == table_tag:
                if event == "start":
                    row_index = last_row = last_col = 0
                else:
                    done += last_row * last_col
                continue
            if event == "start":
                continue
            repeat = _repeat(element.get(rows_repeated))
            col = filled = right = 0
            for cell in element:
                if cell.tag in cell_tags:
                    n = _repeat(cell.get(columns_repeated))
                    if len(cell) or cell.get(value_type):
                        filled += n
                        right = col + n
                    col += n
            if filled:
                rows += repeat
                cells += filled * repeat
                last_row, last_col = row_index + repeat, max(last_col, right)
                if rows > limits.rows or last_row > limits.rows:
                    raise _too_many_rows(name, limits)
                if cells > limits.cells or done + last_row * last_col > limits.cells:
                    raise _too_many_cells(name, limits)
            row_index += repeat
            element.clear()
            # What was read is dropped as it goes: the tree never holds more than one row.
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError:
        raise _refuse(
            name, "файл повреждён (content.xml не читается как XML): откройте его в LibreOffice и сохраните заново"
        ) from None
    return counted.size, done + last_row * last_col


def _repeat(value: str | None) -> int:
    try:
        return max(1, min(int(value), 10**9)) if value else 1
    except ValueError:
        return 1


def _too_many_rows(name: str, limits: Limits) -> ReadError:
    return _refuse(
        name,
        f"в таблице документа больше {limits.rows:_} строк: это не похоже на дорожную карту; оставьте в файле только "
        "её таблицы".replace("_", " "),
    )


def _too_many_cells(name: str, limits: Limits) -> ReadError:
    return _refuse(
        name,
        f"в таблицах документа больше {limits.cells:_} ячеек: это не похоже на дорожную карту; оставьте в файле "
        "только её таблицы".replace("_", " "),
    )


PDF_INFLATED = 32 * 1024 * 1024  # bytes of all compressed streams of a PDF together: a 300-page roadmap has a few MB
_STREAM = re.compile(rb"stream\r?\n")


def check_pdf(data: bytes, name: str, inflated: int = PDF_INFLATED) -> None:
    """Refuse a PDF whose compressed streams inflate beyond ``inflated`` bytes in all (a «PDF bomb»). Raises
    ``ReadError``.

    pdfminer (under pdfplumber) inflates every content and object stream it
    reads whole, without a limit: each ``stream`` here is inflated once as a
    stream, with output bounded, before the PDF library sees the file.
    Encrypted PDFs are «защищён паролем».
    """
    import zlib

    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise _refuse(name, "файл не является PDF (нет заголовка %PDF): пришлите файл Word (.docx)")
    if re.search(rb"/Encrypt\s", data[-1024 * 1024 :]) or re.search(rb"/Encrypt\s", data[: 1024 * 1024]):
        raise _refuse(name, "PDF " + PROTECTED.removeprefix("документ "))
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start : start + 1] != b"\x78":  # not a zlib stream (an image, plain text): nothing inflates here
            continue
        inflater = zlib.decompressobj()
        chunk = data[start : start + (1 << 16)]
        offset = start + len(chunk)
        try:
            while chunk:
                out = inflater.decompress(chunk, 1 << 20)
                while True:
                    total += len(out)
                    if total > inflated:
                        raise _refuse(
                            name,
                            f"в PDF сжатые данные распаковываются больше чем в {_mb(inflated)}: это не похоже на "
                            "дорожную карту (или это «PDF-бомба»)",
                        )
                    if not inflater.unconsumed_tail:
                        break
                    out = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
                if inflater.eof:
                    break
                chunk = data[offset : offset + (1 << 16)]
                offset += len(chunk)
        except zlib.error:
            continue  # a damaged stream: the PDF library reports it (or skips it) as it does today
