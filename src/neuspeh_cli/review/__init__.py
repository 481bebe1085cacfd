"""The institute's review: every municipality's files at once, to a workbook, a page and Word documents.

``run_review(paths, options)`` is the whole of it, usable without the CLI:

1. ``runner.scan`` — every YAML file under the folders, loaded and checked on
   all cores, or taken from the cache; a bad file is a row, never an abort;
2. ``summary.build_region`` — files grouped by municipality, the expert sheet
   of each (``checklist``), and every regional figure, computed once
   (``summary.summarise``);
3. ``writers`` — one writer per format (workbook, page, Word, PDF) that only
   formats what step 2 computed.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from .writers import OUTPUTS, SHEETS_FOLDER  # noqa: F401  (part of the library's interface)

FORMATS = ("xlsx", "html", "docx", "pdf")


@dataclass(frozen=True)
class Letterhead:
    """Who signs the аналитическая справка, and on whose behalf (``review
    --institute/--position/--signatory/--date``).
    """

    institute: str = ""  # «ГБОУ ИРО Краснодарского края»
    position: str = ""  # «Проректор»
    signatory: str = ""  # «И.И. Иванова»
    date: str = ""  # «15.05.2025»; empty — a line to fill in by hand


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
    # Above this many municipalities the expert sheets are parts of at most so many (экспертные-листы-по-частям/):
    # a document of thousands of pages is printed by nobody and laid out by one LibreOffice for minutes.
    sheets_per_part: int = 100
    letterhead: Letterhead = field(default_factory=Letterhead)
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
    documents: list[Path] = field(default_factory=list)  # the Word documents written, for the PDF writer
    progress: Callable[..., None] | None = None  # (done, total, stage): the CLI's progress bar
    on_document: Callable[[Path], None] | None = None  # set by the PDF writer's session: convert this one now
    sessions: dict[str, object] = field(default_factory=dict)  # what a writer's session keeps for its ``write``

    def add_document(self, path: Path) -> None:
        """A Word document is written: listed for the PDF, and handed to the converter at once if one runs."""
        self.documents.append(path)
        if self.on_document is not None:
            self.on_document(path)


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
        raise UsageError(
            f"{path}: перечень муниципальных образований пуст: напишите по одному названию в строке, как в "
            "document.municipality"
        )
    return names


def run_review(paths: list[Path], options: ReviewOptions, progress=None) -> ReviewResult:
    """Review every file under ``paths`` and write the outputs to ``options.out_dir``.

    Raises ``UsageError`` for a bad command (nothing to review, outputs that
    exist without ``force``); never for a bad file of a municipality.
    """
    from .cache import Cache
    from .runner import scan
    from .summary import build_region
    from .writers import chosen

    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"неизвестный формат: {', '.join(unknown)}; допустимы: {', '.join(FORMATS)}")
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("не найдено: " + ", ".join(str(p) for p in missing))
    expected = read_register(options.expected) if options.expected else None
    writers = chosen(options.formats)
    existing = [p for w in writers for p in w.targets(options) if p.exists()]
    if existing and not options.force:
        raise UsageError(
            "файлы уже существуют: "
            + ", ".join(str(p) for p in existing)
            + "; чтобы перезаписать их, добавьте --force (или укажите другую папку -o)"
        )

    cache = Cache(options.cache_dir) if options.cache else None
    try:
        with _collector_paused(options.freeze_at_end) as facts_made:
            found = scan([Path(p) for p in paths], jobs=options.jobs, cache=cache, progress=progress)
            if not found.files and not expected:
                raise UsageError(
                    "не найдено ни одной дорожной карты (.yaml, .docx, .odt, .doc, .xlsx, .ods, .pdf) в: "
                    + ", ".join(str(p) for p in paths)
                )
            region = build_region(found.files, expected)
            facts_made()
            result = ReviewResult(region, reused=found.reused, loaded=found.loaded, progress=progress)
            _write(writers, region, options, result)
    finally:
        if cache is not None:
            cache.wait()
    return result


def _write(writers: list, region, options: ReviewOptions, result: ReviewResult) -> None:
    from .writers import release_memory

    release_memory()  # what the scan and the summary freed, before LibreOffice starts beside us
    with ExitStack() as sessions:
        # A writer's session (the PDF converter) runs beside the others: started before, ended after them.
        for writer in writers:
            if hasattr(writer, "session"):
                sessions.enter_context(writer.session(options, result))
        for writer in writers:
            writer.write(region, options, result)
            release_memory()


@contextmanager
def _collector_paused(freeze: bool = False):
    """No cyclic garbage collection while hundreds of thousands of small, acyclic facts are made.

    Every collection walks all live containers: with the facts of 2,500 files
    alive, the collector took more time than unpickling them. Once the facts
    are made (the caller calls what this yields), they are frozen (``gc.freeze``)
    and the collector runs again: the writers' garbage is collected as usual
    (the expert sheets in Word leave cycles: without the collector each part
    would add 20 MB), while the facts are never walked. On the way out they
    are unfrozen again, unless ``freeze`` (the CLI, whose process ends next:
    what is alive stays out of the collector's way) or someone else had
    frozen objects before (unfreezing would undo theirs). Frozen objects are
    still freed by reference counting.
    """
    enabled = gc.isenabled()
    frozen_before = gc.get_freeze_count()
    gc.disable()

    def facts_made() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield facts_made
    finally:
        if enabled:
            gc.enable()
        if freeze:
            gc.freeze()
        elif not frozen_before:
            gc.unfreeze()
