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

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFailed, NeuspehError
from ..reading.files import MAX_DOCUMENT_BYTES
from .model import Unplaced

WORD = (".docx", ".docm", ".dotx", ".dotm")  # a template (.dotx) is the same package as a document
CONVERTED = (".doc", ".odt", ".rtf")
SHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
PDF = (".pdf",)
SUFFIXES = WORD + CONVERTED + SHEETS + PDF
ZIPPED = (
    ".docx",
    ".docm",
    ".dotx",
    ".dotm",
    ".odt",
    ".xlsx",
    ".xlsm",
    ".ods",
)  # checked by ``reading.archives`` before any library inflates them

__all__ = ["SUFFIXES", "ImportFailed", "ImportResult", "Unplaced", "default_output", "import_file", "write_result"]


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
    own: bool = False  # the tool's own document: the data came from its data part
    kind: str = "roadmap"
    changes: list[str] = field(default_factory=list)  # edits made in Word and carried over (own documents)
    change_places: list[str] = field(default_factory=list)  # where each of them is in the document
    places: dict[tuple, str] = field(default_factory=dict)  # data path → «таблица 2, строка 14, графа «Сроки»»

    @property
    def complete(self) -> bool:
        return not self.unplaced

    def summary_lines(self, target: Path) -> list[str]:
        """What `neuspeh import` says after writing ``target`` (the list of what found no place aside)."""
        if self.kind == "programme":
            lines = [f"Записан {target}: школьная программа, мер дорожной карты программы — {self.events}."]
        elif self.kind == "roadmap":
            lines = [
                f"Записан {target}: мероприятий — {self.events}, параметров аудита — {self.findings}, школ — "
                f"{self.schools}."
            ]
        else:
            lines = [f"Записан {target}."]
        if self.own:
            lines.append(
                "Документ собран neuspeh: данные взяты из него без потерь"
                + (", правки из Word перенесены:" if self.changes else ", правок в таблицах нет.")
            )
            lines += [f"  {change}" for change in self.changes]
        if self.close_matches or self.own_parameters:
            lines.append(
                f"Проверьте сопоставление с «Конструктором»: приблизительно — {self.close_matches}, собственных "
                f"параметров — {self.own_parameters} (см. комментарии в файле)."
            )
        return lines


def default_output(path: Path) -> Path:
    """Beside the input, with .yaml: «карта.docx» → «карта.yaml»."""
    return Path(path).with_suffix(".yaml")


def _bytes(path: Path, name: str) -> bytes:
    """The file's bytes through the guarded reader; an archive checked for bombs and passwords before anything inflates
    it.
    """
    from ..errors import ReadError
    from ..reading.archives import check_archive, is_encrypted_ooxml
    from ..reading.files import read_bytes

    suffix = path.suffix.lower()
    if suffix in (".zip", ".rar", ".7z"):
        raise ImportFailed(
            f"{name}: это архив ({suffix}), а не документ: распакуйте его и положите документы Word, Excel или PDF в "
            "папку муниципалитета"
        )
    if suffix in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".heic"):
        raise ImportFailed(f"{name}: это изображение (фото или скан), текста в нём нет: нужен файл Word (.docx)")
    if suffix not in SUFFIXES:
        raise ImportFailed(
            f"{name}: формат «{path.suffix or 'без расширения'}» не поддерживается: нужен документ Word (.docx, "
            ".doc), OpenDocument (.odt, .ods) или Excel (.xlsx, .xls)"
        )
    try:
        data = read_bytes(path, MAX_DOCUMENT_BYTES, name)
        if data and _disguised(data, suffix):
            return data  # converted by LibreOffice, whose result is checked as any .docx
        if data and (suffix in ZIPPED or is_encrypted_ooxml(data)):
            what = (
                "таблица Excel или OpenDocument"
                if suffix in SHEETS
                else "документ Word"
                if suffix in WORD
                else "документ OpenDocument"
            )
            check_archive(data, name, what=what)
        elif data and suffix in PDF:
            from ..reading.archives import check_pdf

            check_pdf(data, name)
    except ReadError as exc:
        raise ImportFailed(f"{name}: {exc.message}") from None
    if not data:
        raise ImportFailed(f"{name}: файл пуст (0 байт)")
    return data


def _disguised(data: bytes, suffix: str) -> str:
    """The real format of a Word file under a Word extension it does not have — an old .doc or an .rtf renamed to
    .docx (people rename a file when told to send .docx) — so that it is converted, not refused; "" otherwise."""
    from ..reading.archives import OLE_MAGIC, is_encrypted_ooxml

    if suffix not in WORD or data[:2] == b"PK":
        return ""
    if data[:8] == OLE_MAGIC and not is_encrypted_ooxml(data):
        return ".doc"
    if data[:16].lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return ".rtf"
    return ""


def read_source(path: Path, name: str | None = None):
    """The file as paragraphs and tables (``model.Source``). Raises ``ImportFailed``."""
    return _read(Path(path), name or str(path))[0]


def _read(path: Path, name: str):
    """``(Source, own data part or None)``."""
    suffix = path.suffix.lower()
    data = _bytes(path, name)
    if suffix in SHEETS:
        from .sheets import read_workbook

        return read_workbook(path, name, data), None
    if suffix in PDF:
        from .pdftables import ScannedPdf, read_pdf

        try:
            return read_pdf(data, name), None
        except ScannedPdf:
            raise ImportFailed(
                f"{name}: скан без текстового слоя: нужен файл Word (.docx) с этой дорожной картой"
            ) from None
        except Exception as exc:  # pdfminer's own errors for a damaged file, our page and time limits
            detail = (
                str(exc)
                if isinstance(exc, ValueError) and str(exc).startswith(("PDF", "в PDF"))
                else exc.__class__.__name__
            )
            raise ImportFailed(f"{name}: PDF не читается ({detail}): пришлите файл Word (.docx)") from None
    disguised = _disguised(data, suffix)
    if suffix in CONVERTED or disguised:
        from .convert import converted_to_docx

        with converted_to_docx(data, path.with_suffix(disguised) if disguised else path, name) as docx_bytes:
            return _read_word(docx_bytes, name)
    return _read_word(data, name)


def _read_word(data: bytes, name: str):
    from lxml.etree import XMLSyntaxError

    from ..errors import ReadError
    from .own import find_data
    from .wordxml import PackageError, read_docx_bytes

    try:
        source, archive = read_docx_bytes(data, name)
        return source, find_data(archive)
    except ReadError as exc:  # a limit of the reader (a table too large)
        raise ImportFailed(f"{name}: {exc.message}") from None
    except PackageError as exc:
        raise ImportFailed(
            f"{name}: {exc}: откройте его в Word или LibreOffice и сохраните заново в формате .docx"
        ) from None
    except (KeyError, ValueError, XMLSyntaxError, OSError, EOFError) as exc:
        raise ImportFailed(
            f"{name}: файл не читается как документ Word ({exc.__class__.__name__}): откройте его в Word или "
            "LibreOffice и сохраните заново в формате .docx"
        ) from None


NOT_A_ROADMAP = (
    "не найдено ни таблицы мероприятий (столбцы «Мероприятие», «Форма», «Сроки», «Ответственные»…), ни таблицы "
    "результатов аудита («Фактор», «Параметр», «Код», «Перечень ШНОР»)"
)


def _seen(source) -> str:
    """What the document holds, for the «not a roadmap» message: its tables' first rows."""
    tables = source.tables
    if not tables:
        paragraphs = sum(1 for b in source.blocks if getattr(b, "text", "").strip())
        return f"в документе нет таблиц (абзацев с текстом — {paragraphs})"
    shown = []
    for table in tables[:3]:
        first = next((row for row in table.rows if any(c.line for c in row)), [])
        texts = list(dict.fromkeys(c.line for c in first if c.line))
        line = " | ".join(t if len(t) <= 30 else t[:29] + "…" for t in texts[:6])
        shown.append(f"{table.label} ({len(table.rows)} строк): «{line}»")
    more = f" и ещё {len(tables) - 3}" if len(tables) > 3 else ""
    return "в документе: " + "; ".join(shown) + more


def _refuse_a_report(source, name: str) -> None:
    """A report on a roadmap typed in Word is not a roadmap: read as one, its marks would be lost and its dates
    taken for a plan. Said plainly, with where a report goes instead."""
    from .headers import report_evidence

    evidence = report_evidence(source)
    if evidence:
        raise ImportFailed(
            f"{name}: это отчёт о реализации дорожной карты, а не сама карта ({evidence}): из документов Word и "
            "таблиц Excel переносятся дорожные карты и школьные программы. Отчёт ведётся в файле данных: "
            "`neuspeh report init КАРТА.yaml` делает заготовку со всеми мероприятиями карты — перенесите в неё "
            "отметки о выполнении из документа"
        )


# Columns of what was done, not of what is planned: «Фактическая дата», «Выполнение (да/нет)», «Отметка об исполнении».
_FACT_COLUMN = re.compile(r"фактическ|выполнен|исполнен|\bфакт\b|\bпроведено\b|состоял", re.IGNORECASE)


def _refuse_a_report_table(name: str, imported) -> None:
    """After ``_refuse_a_report``, what it does not see in a workbook (the title is a cell, not a paragraph; the header
    may be below row 6): a table of events without section I whose columns of facts are filled in."""
    facts = [title for title, filled in imported.filled.items() if filled and _FACT_COLUMN.search(title)]
    if not facts or imported.findings:
        return
    shown = ", ".join(f"«{t}»" for t in facts[:3])
    failed = ImportFailed(
        f"{name}: похоже на отчёт о реализации, а не на дорожную карту (заполнены столбцы {shown}): отчёт из чужой "
        "таблицы не переносится — составьте его по файлу карты: neuspeh report init КАРТА.yaml, затем neuspeh export "
        "ОТЧЁТ.yaml, заполните лист «План и факт» и neuspeh import-form"
    )
    raise failed  # not ``foreign``: in a review folder it is named, as a report typed in Word is


def import_file(path: Path, *, catalog_path: Path | None = None, name: str | None = None) -> ImportResult:
    """Read a roadmap document and return the data file's text with everything it could not place.

    The tool's own .docx gives back the data it was built from (with edits made
    in Word applied and listed). Raises ``ImportFailed`` (exit code 2) for a
    file that cannot be read or has neither a section I nor a section II table;
    ``CatalogError`` for a bad catalog.
    """
    path = Path(path)
    name = name or str(path)
    source, part = _read(path, name)
    if part is not None:
        return _own_result(path, name, source, part)
    from ..domain.catalog import load_catalog
    from .assemble import assemble
    from .programme import looks_like_programme
    from .writer import render

    if looks_like_programme(source):
        return _programme_result(path, source)
    _refuse_a_report(source, name)
    catalog = load_catalog(catalog_path)
    imported = assemble(source, catalog)
    if not imported.tables_found:
        hidden = [n.where for n in source.notes if n.reason.startswith("лист скрыт")]
        if hidden:
            raise ImportFailed(
                f"{name}: таблица дорожной карты — только на скрытом листе ({', '.join(hidden)}): покажите его "
                "(правой кнопкой по ярлыку листа → «Показать») и повторите"
            )
        failed = ImportFailed(f"{name}: {NOT_A_ROADMAP}: это не дорожная карта ({_seen(source)})")
        failed.foreign = True  # readable, but something else (a cover letter): a folder's walk passes it over
        raise failed
    _refuse_a_report_table(name, imported)
    text = render(imported, path.name)
    places: dict[tuple, str] = {}
    for i, event in enumerate(imported.events):
        places[("events", i)] = event.where
        for role, where in event.cells.items():
            places[("events", i, "parameters" if role == "code" else role)] = where
    for i, finding in enumerate(imported.findings):
        places[("audit", i)] = finding.where
    return ImportResult(
        source=path,
        data_text=text,
        unplaced=source.notes + imported.unplaced,
        events=len(imported.events),
        findings=len(imported.findings),
        schools=len(imported.schools),
        close_matches=sum(1 for f in imported.findings if f.parameter and f.title and "близко" in f.note),
        own_parameters=sum(1 for f in imported.findings if f.own_id),
        places=places,
    )


def _programme_result(path: Path, source) -> ImportResult:
    from .programme import read_programme, render

    programme = read_programme(source)
    return ImportResult(
        source=path,
        data_text=render(programme, path.name),
        unplaced=source.notes + programme.unplaced,
        events=sum(len(r.get("measures", [])) for r in programme.data.get("roadmap", [])),
        kind="programme",
        places=programme.places,
    )


def _own_result(path: Path, name: str, source, part) -> ImportResult:
    from .own import OwnImport, read_own

    try:
        own = read_own(source, part, name)
    except NeuspehError as exc:  # the embedded text does not edit (it always parsed when built)
        own = OwnImport(part.text, unplaced=[Unplaced(name, "", f"правки из документа не перенесены: {exc}")])
    counts = _counts(own.text)
    return ImportResult(
        source=path,
        data_text=own.text,
        unplaced=own.unplaced,
        events=counts.get("events", 0),
        findings=counts.get("audit", 0),
        schools=counts.get("schools", 0),
        own=True,
        kind=part.kind,
        changes=own.changes,
        change_places=own.change_places,
        places=own.places,
    )


def _counts(text: str) -> dict[str, int]:
    import yaml

    try:
        data = yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )  # libyaml: the pure-Python loader takes seconds on 1,000 events
    except yaml.YAMLError:
        return {}
    return {k: len(v) for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) else {}


def write_result(result: ImportResult, output: Path, *, force: bool = False) -> Path:
    """Write the data file; never over an existing file without ``force``."""
    from ..outputs import refuse_overwrite, write_atomic

    refuse_overwrite(output, force)
    write_atomic(output, result.data_text)
    return output
