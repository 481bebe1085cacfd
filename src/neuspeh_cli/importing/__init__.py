"""Import a roadmap municipalities already have (Word, Excel) into the data format.

Usable without the CLI::

    from neuspeh_cli.importing import import_file
    result = import_file(Path("карта.docx"))
    result.data_text      # the YAML file's text
    result.unplaced       # what found no place: table, row, column, text

Stages, one module each: reading (``wordxml``, ``sheets``, ``convert`` for
.doc/.odt), the common ``model``, columns by header (``headers``), catalog
matching (``matching``), codes (``codes``), school names (``schoolnames``),
text around the tables (``preamble``), putting it together (``assemble``) and
writing YAML (``writer``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NeuspehError
from .model import Unplaced

WORD = (".docx", ".docm")
CONVERTED = (".doc", ".odt", ".rtf")
SHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = WORD + CONVERTED + SHEETS
ZIPPED = (".docx", ".docm", ".odt", ".xlsx", ".xlsm", ".ods")  # checked by ``reading.archives`` before any library inflates them

__all__ = ["SUFFIXES", "ImportFailed", "ImportResult", "Unplaced", "default_output", "import_file", "write_result"]


class ImportFailed(NeuspehError):
    """The file cannot be imported at all: missing, unreadable, not a roadmap (exit code 2)."""

    exit_code = 2


@dataclass
class ImportResult:
    source: Path
    data_text: str
    unplaced: list[Unplaced] = field(default_factory=list)
    events: int = 0
    findings: int = 0
    schools: int = 0
    close_matches: int = 0  # parameters matched to the catalog only approximately
    own_parameters: int = 0

    @property
    def complete(self) -> bool:
        return not self.unplaced


def default_output(path: Path) -> Path:
    """Beside the input, with .yaml: «карта.docx» → «карта.yaml»."""
    return Path(path).with_suffix(".yaml")


def read_source(path: Path, name: str | None = None):
    """The file as paragraphs and tables (``model.Source``). Raises ``ImportFailed``.

    The file is read once through the guarded reader (regular files only, size
    capped), archives are checked for bombs and passwords, and the libraries get
    the bytes, never the path.
    """
    import io

    from ..errors import ReadError
    from ..reading.archives import check_archive, is_encrypted_ooxml
    from ..reading.files import MAX_DOCUMENT_BYTES, check_regular, read_bytes

    path = Path(path)
    name = name or str(path)
    suffix = path.suffix.lower()
    try:
        if os.path.isdir(path):
            raise ImportFailed(f"{name}: это папка; укажите файл .docx, .doc, .odt, .xlsx, .xls или .ods")
        check_regular(path, name, MAX_DOCUMENT_BYTES)
        if suffix not in SUFFIXES:
            raise ImportFailed(
                f"{name}: формат «{path.suffix or 'без расширения'}» не поддерживается: нужен документ Word (.docx, .doc), OpenDocument (.odt, .ods) или Excel (.xlsx, .xls)"
            )
        data = read_bytes(path, MAX_DOCUMENT_BYTES, name)
        if not data:
            raise ImportFailed(f"{name}: файл пуст (0 байт)")
        if suffix in ZIPPED or is_encrypted_ooxml(data):
            check_archive(data, name, what="таблица Excel или OpenDocument" if suffix in SHEETS else "документ Word" if suffix in WORD else "документ OpenDocument")
    except ReadError as exc:
        raise ImportFailed(f"{name}: {exc.message}") from None
    if suffix in SHEETS:
        from .sheets import read_workbook

        return read_workbook(io.BytesIO(data), name, suffix)
    if suffix in CONVERTED:
        from .convert import converted_to_docx

        with converted_to_docx(data, path, name) as docx_bytes:
            return _read_word(docx_bytes, name)
    return _read_word(data, name)


def _read_word(data: bytes, name: str):
    import io
    import zipfile

    from lxml.etree import XMLSyntaxError

    from ..errors import ReadError
    from .wordxml import read_docx

    try:
        return read_docx(io.BytesIO(data), name)
    except ReadError as exc:  # a limit of the guarded reader (a table too large)
        raise ImportFailed(f"{name}: {exc.message}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, OSError) as exc:
        detail = exc.__class__.__name__
        raise ImportFailed(f"{name}: файл не читается как документ Word ({detail}): откройте его в Word или LibreOffice и сохраните заново в формате .docx") from None
    except Exception as exc:  # python-docx's own PackageNotFoundError and friends
        if exc.__class__.__module__.startswith("docx"):
            raise ImportFailed(f"{name}: файл не читается как документ Word: откройте его в Word или LibreOffice и сохраните заново в формате .docx") from None
        raise


def import_file(path: Path, *, catalog_path: Path | None = None, name: str | None = None) -> ImportResult:
    """Read a roadmap document and return the data file's text with everything it could not place.

    Raises ``ImportFailed`` (exit code 2) for a file that cannot be read or has
    neither a section I nor a section II table; ``CatalogError`` for a bad catalog.
    """
    from ..domain.catalog import load_catalog
    from .assemble import assemble
    from .writer import render

    path = Path(path)
    name = name or str(path)
    source = read_source(path, name)
    catalog = load_catalog(catalog_path)
    imported = assemble(source, catalog)
    if not imported.tables_found:
        raise ImportFailed(
            f"{name}: не найдено ни таблицы мероприятий (столбцы «Мероприятие», «Форма», «Сроки», «Ответственные»…), "
            "ни таблицы результатов аудита («Фактор», «Параметр», «Код», «Перечень ШНОР»): это не дорожная карта, "
            "или заголовки столбцов названы иначе — переименуйте их и повторите"
        )
    text = render(imported, path.name)
    return ImportResult(
        source=path,
        data_text=text,
        unplaced=imported.unplaced,
        events=len(imported.events),
        findings=len(imported.findings),
        schools=len(imported.schools),
        close_matches=sum(1 for f in imported.findings if f.parameter and f.title and "близко" in f.note),
        own_parameters=sum(1 for f in imported.findings if f.own_id),
    )


def write_result(result: ImportResult, output: Path, *, force: bool = False) -> Path:
    """Write the data file; never over an existing file without ``force``."""
    from ..outputs import refuse_overwrite, write_atomic

    refuse_overwrite(output, force)
    write_atomic(output, result.data_text)
    return output
