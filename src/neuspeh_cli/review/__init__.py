"""The institute's review: every municipality's files at once, to a workbook, a page and Word documents.

``run_review(paths, options)`` is the whole of it, usable without the CLI:

1. ``runner.scan`` — every YAML file under the folders, loaded and checked on
   all cores, or taken from the cache; a bad file is a row, never an abort;
2. ``summary.build_region`` — files grouped by municipality, the expert sheet
   of each (``checklist``), the regional figures;
3. writers — ``xlsx``, ``html``, ``word`` (and PDF through the converter
   ``neuspeh build`` uses).
"""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NeuspehError, UsageError

FORMATS = ("xlsx", "html", "docx", "pdf")
SHEETS_FOLDER = "экспертные-листы"
OUTPUTS = {
    "xlsx": "свод.xlsx",
    "html": "свод.html",
    "sheets": "экспертные-листы.docx",
    "brief": "аналитическая-справка.docx",
}


@dataclass
class ReviewOptions:
    out_dir: Path
    expected: Path | None = None  # the register: municipalities that must submit, one per line
    formats: tuple[str, ...] = FORMATS
    jobs: int | None = None  # worker processes; None — all cores
    cache: bool = True
    cache_dir: Path | None = None  # default: $XDG_CACHE_HOME/neuspeh/review
    force: bool = False  # overwrite outputs of an earlier review
    pdf_engine: str = "auto"
    split_sheets: bool = False  # also each municipality's expert sheet as a file of its own (folder экспертные-листы/)
    # The CLI's process ends after the review: what it made can be frozen out of the collector's way.
    # A long-lived program using the library keeps the default, so cycles it makes later are still collected.
    freeze_at_end: bool = False


@dataclass
class ReviewResult:
    region: object  # summary.Region
    written: list[Path] = field(default_factory=list)
    reused: int = 0
    loaded: int = 0
    notes: list[str] = field(default_factory=list)  # what was not produced, and why


def read_register(path: Path) -> list[str]:
    """Municipality names, one per line; blank lines and «#» comments skipped.

    Read through the guarded reader: a FIFO or ``/dev/zero`` given as the list is refused at once.
    """
    from ..errors import ReadError
    from ..reading.files import MAX_BYTES, read_text

    try:
        text = read_text(path, MAX_BYTES, what="перечень муниципальных образований")
    except ReadError as exc:
        if "кодировке" in exc.message:
            raise UsageError(f"{path}: {exc.message}") from None
        raise UsageError(f"{path}: перечень муниципальных образований не читается: {exc.message}") from None
    names = [line.strip() for line in text.splitlines()]
    names = [n for n in names if n and not n.startswith("#")]
    if not names:
        raise UsageError(f"{path}: перечень муниципальных образований пуст: напишите по одному названию в строке, как в document.municipality")
    return names


def targets(options: ReviewOptions) -> dict[str, Path]:
    out = Path(options.out_dir)
    chosen: dict[str, Path] = {}
    if "xlsx" in options.formats:
        chosen["xlsx"] = out / OUTPUTS["xlsx"]
    if "html" in options.formats:
        chosen["html"] = out / OUTPUTS["html"]
    if "docx" in options.formats or "pdf" in options.formats:
        chosen["sheets"] = out / OUTPUTS["sheets"]
        chosen["brief"] = out / OUTPUTS["brief"]
    return chosen


def run_review(paths: list[Path], options: ReviewOptions, progress=None) -> ReviewResult:
    """Review every file under ``paths`` and write the outputs to ``options.out_dir``.

    Raises ``UsageError`` for a bad command (nothing to review, outputs that
    exist without ``force``); never for a bad file of a municipality.
    """
    from .cache import Cache
    from .runner import scan
    from .summary import build_region, tables

    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"неизвестный формат: {', '.join(unknown)}; допустимы: {', '.join(FORMATS)}")
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("не найдено: " + ", ".join(str(p) for p in missing))
    expected = read_register(options.expected) if options.expected else None
    outputs = targets(options)
    existing = [p for p in outputs.values() if p.exists()] + [
        p.with_suffix(".pdf") for k, p in outputs.items() if k in ("sheets", "brief") and "pdf" in options.formats and p.with_suffix(".pdf").exists()
    ]
    folder = Path(options.out_dir) / SHEETS_FOLDER
    if options.split_sheets and folder.is_dir() and any(folder.iterdir()):
        existing.append(folder)
    if existing and not options.force:
        raise UsageError("файлы уже существуют: " + ", ".join(str(p) for p in existing) + "; чтобы перезаписать их, добавьте --force (или укажите другую папку -o)")

    cache = Cache(options.cache_dir) if options.cache else None
    try:
        with _collector_paused(options.freeze_at_end):
            found = scan([Path(p) for p in paths], jobs=options.jobs, cache=cache, progress=progress)
            if not found.files and not expected:
                raise UsageError("не найдено ни одной дорожной карты (.yaml, .docx, .odt, .doc, .xlsx, .ods, .pdf) в: " + ", ".join(str(p) for p in paths))
            region = build_region(found.files, expected)
            if cache is not None:
                cache.wait()  # the entries file, written meanwhile: no thread may run when the workbook's writer forks
            result = ReviewResult(region, reused=found.reused, loaded=found.loaded)
            _write(region, outputs, options, result, tables)
    finally:
        if cache is not None:
            cache.wait()
    return result


@contextmanager
def _collector_paused(freeze: bool = False):
    """No cyclic garbage collection while hundreds of thousands of small, acyclic facts are made.

    Every collection walks all live containers: with the facts of 2,500 files
    alive, the collector took more time than unpickling them. On the way out
    what is alive may be frozen (``gc.freeze``, when ``freeze``: the CLI, whose
    process ends next): the first collection after ``gc.enable`` would otherwise
    walk every object made during the review (a quarter of a second on the
    benchmark corpus). Frozen objects are still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def _write(region, outputs: dict[str, Path], options: ReviewOptions, result: ReviewResult, tables) -> None:
    from ..outputs import write_atomic

    if "xlsx" in outputs:
        # The workbook and the page take about the same time: on a second core, the workbook is written by a fork.
        child = _fork_workbook(region, outputs["xlsx"], tables) if "html" in outputs and (options.jobs or 2) > 1 else None
        if child is None:
            from .xlsx import write_workbook

            write_atomic(outputs["xlsx"], write_workbook(tables(region)))
        result.written.append(outputs["xlsx"])
    else:
        child = None
    if "html" in outputs:
        from .html import write_page

        write_atomic(outputs["html"], write_page(region))
        result.written.append(outputs["html"])
    if child is not None:
        _join_workbook(child, region, outputs["xlsx"], tables)
    if "sheets" in outputs:
        from .word import render_brief, render_sheets

        write_atomic(outputs["sheets"], render_sheets(region))
        write_atomic(outputs["brief"], render_brief(region))
        result.written += [outputs["sheets"], outputs["brief"]]
        documents = [outputs["sheets"], outputs["brief"]]
        if options.split_sheets:
            from .word import render_sheet_files

            folder = Path(options.out_dir) / SHEETS_FOLDER
            for name, data in render_sheet_files(region):
                write_atomic(folder / name, data)
                documents.append(folder / name)
            result.written.append(folder)
        if "pdf" in options.formats:
            _pdf(documents, options, result)


def _pdf(sources: list[Path], options: ReviewOptions, result: ReviewResult) -> None:
    from ..render.pdf import NO_ENGINE_MESSAGE, choose_converter

    try:
        converter = choose_converter(options.pdf_engine)
    except NeuspehError as exc:
        result.notes.append(str(exc))
        return
    if converter is None:
        result.notes.append(NO_ENGINE_MESSAGE)
        return
    pdfs = [s.with_suffix(".pdf") for s in sources]
    try:
        converter.convert(sources, pdfs)
    except NeuspehError as exc:
        result.notes.append(f"PDF не создан: {exc}")
        return
    finally:
        result.notes += getattr(converter, "notes", [])
        converter.close()  # a LibreOffice kept warm for the batch must not outlive the review
    result.written += [p for p in pdfs if p.parent == Path(options.out_dir)]  # the sheets' folder is listed once


def _fork_workbook(region, target: Path, tables):
    """Write the workbook in a forked child (Linux); None where fork is not the way (macOS, Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: write, and leave without running the parent's cleanup
        code = 0
        try:
            from ..outputs import write_atomic
            from .xlsx import write_workbook

            write_atomic(target, write_workbook(tables(region)))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


def _join_workbook(pid: int, region, target: Path, tables) -> None:
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        # The child failed (out of memory, a defect): write it here, where an error has its normal report.
        from ..outputs import write_atomic
        from .xlsx import write_workbook

        write_atomic(target, write_workbook(tables(region)))
