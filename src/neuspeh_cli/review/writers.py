"""The review's outputs: one small writer per format, all behind one interface.

A writer only formats: the region and its summary are computed before any of
them runs (``summary.build_region``). Adding an output format is one class here
and one entry in ``WRITERS``: ``targets`` names the files it will write (so an
earlier review is never overwritten unasked), ``write`` writes them atomically
and lists them in the result.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..outputs import write_atomic

if TYPE_CHECKING:
    from . import ReviewOptions, ReviewResult
    from .summary import Region

SHEETS_FOLDER = "экспертные-листы"
PARTS_FOLDER = "экспертные-листы-по-частям"
OUTPUTS = {
    "xlsx": "свод.xlsx",
    "html": "свод.html",
    "sheets": "экспертные-листы.docx",
    "brief": "аналитическая-справка.docx",
}


class Writer(Protocol):
    name: str  # as in ``--format``

    def targets(self, options: ReviewOptions) -> list[Path]:
        """The files (and folders) this writer will make: those that exist need ``--force``."""
        ...

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None: ...


class Workbook:
    name = "xlsx"

    def targets(self, options: ReviewOptions) -> list[Path]:
        return [Path(options.out_dir) / OUTPUTS["xlsx"]]

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from .views import tables
        from .xlsx import write_workbook

        [target] = self.targets(options)
        write_atomic(target, write_workbook(tables(region), base=target.parent))
        result.written.append(target)


class Page:
    name = "html"

    def targets(self, options: ReviewOptions) -> list[Path]:
        return [Path(options.out_dir) / OUTPUTS["html"]]

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from .html import write_page

        [target] = self.targets(options)
        write_atomic(target, write_page(region, base=target.parent, with_workbook="xlsx" in options.formats))
        result.written.append(target)


class Documents:
    """The expert sheets and the аналитическая справка in Word (and each sheet alone with ``split_sheets``).

    Up to ``options.sheets_per_part`` municipalities the expert sheets are one document; above that, parts of
    at most that many in their own folder (see ``word.render_sheet_parts`` and docs/review.md for why).
    """

    name = "docx"

    def targets(self, options: ReviewOptions) -> list[Path]:
        out = Path(options.out_dir)
        found = [out / OUTPUTS["sheets"], out / OUTPUTS["brief"]]
        for folder, wanted in ((out / PARTS_FOLDER, True), (out / SHEETS_FOLDER, options.split_sheets)):
            if wanted and folder.is_dir() and any(folder.iterdir()):
                found.append(folder)
        return found

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from .word import render_brief

        out = Path(options.out_dir)
        sheets, brief = out / OUTPUTS["sheets"], out / OUTPUTS["brief"]
        # The справка first: it is short, and LibreOffice converts it while the sheets are being rendered.
        # With the sheets in parts, the справка's appendix names the workbook instead of a table of every one.
        listed_elsewhere = tuple(name for name in ("xlsx", "html") if name in options.formats)
        data = render_brief(region, options.letterhead, options.sheets_per_part, listed_elsewhere)
        write_atomic(brief, data)
        result.add_document(brief)
        if len(region.municipalities) > options.sheets_per_part:
            self._write_parts(region, options, result)
        else:
            from .word import render_sheets

            write_atomic(sheets, render_sheets(region))
            _remove_parts(out / PARTS_FOLDER, keep=set())  # of an earlier, larger review in this folder (--force)
            result.add_document(sheets)
            result.written.append(sheets)
        result.written.append(brief)
        if options.split_sheets:
            self._write_split(region, out / SHEETS_FOLDER, result)

    @staticmethod
    def _write_parts(region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from .word import render_sheet_parts

        out = Path(options.out_dir)
        folder = out / PARTS_FOLDER
        for stale in (out / OUTPUTS["sheets"], (out / OUTPUTS["sheets"]).with_suffix(".pdf")):
            with contextlib.suppress(OSError):
                stale.unlink()  # the whole document of an earlier, smaller review in this folder (--force)
        names = set()
        for name, data in render_sheet_parts(region, options.sheets_per_part):
            write_atomic(folder / name, data)
            names.add(name)
            result.add_document(folder / name)
            release_memory()
        _remove_parts(folder, keep=names)
        result.written.append(folder)

    @staticmethod
    def _write_split(region: Region, folder: Path, result: ReviewResult) -> None:
        from ..errors import OutputError
        from .word import render_sheet_files

        for name, data in render_sheet_files(region):
            # One sheet that cannot be written (a full disk, a file locked on a share) must not cost the others.
            try:
                write_atomic(folder / name, data)
            except OutputError as exc:
                result.notes.append(f"экспертный лист не записан: {exc}")
                continue
            result.add_document(folder / name)
        result.written.append(folder)


# A fresh LibreOffice holds about 210 MB; one that grew past this after converting parts is replaced, so that
# two of them beside the review stay within the 1 GB for the whole process tree.
RECYCLE_OFFICE_MB = 300


def release_memory() -> None:
    """Give the memory freed so far back to the system: glibc keeps it for the process otherwise (after the
    workbook and the page of 2,500 municipalities, 130 of 320 MB), while LibreOffice needs it beside us.
    """
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # glibc only
    except (OSError, AttributeError, TypeError):
        return
    trim(0)


PART_NAME = re.compile(r"\d{2,} .*\.(docx|pdf)")


def _remove_parts(folder: Path, keep: set[str]) -> None:
    """Parts of an earlier review left in ``folder`` (it had more municipalities): only files named as parts are."""
    if not folder.is_dir():
        return
    kept = keep | {Path(name).with_suffix(".pdf").name for name in keep}
    for path in folder.iterdir():
        if PART_NAME.fullmatch(path.name) and path.name not in kept and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()


class Pdf:
    """PDF of every Word document the review writes, by the converter ``neuspeh build`` uses.

    The converter starts before the writers run (``session``): LibreOffice's start-up overlaps the
    workbook and the page. With parts of the expert sheets (or single sheets) each Word document is
    handed over as soon as it is written, so both LibreOffice processes convert the parts while the next
    part is being rendered; with two documents they go to the one LibreOffice together at the end.
    """

    name = "pdf"

    def targets(self, options: ReviewOptions) -> list[Path]:
        out = Path(options.out_dir)
        return [(out / OUTPUTS[key]).with_suffix(".pdf") for key in ("sheets", "brief")]

    @contextlib.contextmanager
    def session(self, options: ReviewOptions, result: ReviewResult) -> Iterator[None]:
        from ..errors import NeuspehError
        from ..render.pdf import NO_ENGINE_MESSAGE, choose_converter

        try:
            converter = choose_converter(options.pdf_engine)
        except NeuspehError as exc:
            result.notes.append(str(exc))
            converter = None
        else:
            if converter is None:
                result.notes.append(NO_ENGINE_MESSAGE)
        if converter is None:
            yield
            return
        submitted: list[Path] = []
        # Two documents (the справка and the sheets): one LibreOffice, started now and handed both at the end in
        # one call, as a bare ``soffice --convert-to`` would be, but with its start-up behind the workbook and the
        # page. Parts or single sheets: both LibreOffice processes, warm, each document converted as soon as written.
        together = len(region_of(result).municipalities) <= options.sheets_per_part and not options.split_sheets
        result.sessions[self.name] = (converter, submitted, together)
        if together:
            converter.start(1)
        else:
            if hasattr(converter, "recycle_above_mb"):
                converter.recycle_above_mb = RECYCLE_OFFICE_MB
            converter.start(2)

            def submit(source: Path) -> None:
                converter.submit(source, source.with_suffix(".pdf"))
                submitted.append(source.with_suffix(".pdf"))

            result.on_document = submit
        try:
            yield
        finally:
            result.on_document = None
            del result.sessions[self.name]
            result.notes += [n for n in getattr(converter, "notes", []) if n not in result.notes]
            converter.close()  # a LibreOffice kept warm for the batch must not outlive the review

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from ..errors import NeuspehError

        if self.name not in result.sessions:
            return  # no converter: the session said why
        converter, submitted, together = result.sessions[self.name]
        try:
            if together:
                pairs = [(source, source.with_suffix(".pdf")) for source in result.documents]
                submit_all = getattr(converter, "submit_all", None)
                if submit_all is not None:
                    submit_all(pairs)
                else:
                    for pair in pairs:
                        converter.submit(*pair)
                submitted += [target for _, target in pairs]
            _wait(converter, len(submitted), result.progress)
        except NeuspehError as exc:
            result.notes.append(f"PDF не создан: {exc}")
            return
        # The folders of parts and single sheets are listed once, by the Word writer.
        result.written += [p for p in self.targets(options) if p in submitted]


def region_of(result: ReviewResult) -> Region:
    return result.region  # type: ignore[return-value]


def _wait(converter, total: int, progress) -> None:
    """Wait for the converter, telling the progress bar how many PDFs are done (where the converter can say)."""
    import time

    pending = getattr(converter, "pending", None)
    if progress is not None and pending is not None:
        while (left := pending()) > 0:
            progress(total - left, total, "PDF")
            time.sleep(0.25)
    converter.wait()
    if progress is not None:
        progress(total, total, "PDF")


WRITERS: dict[str, Writer] = {w.name: w for w in (Workbook(), Page(), Documents(), Pdf())}


def chosen(formats: tuple[str, ...]) -> list[Writer]:
    """The writers of the formats asked, in order; PDF needs the Word documents, so it brings them."""
    names = set(formats) | ({"docx"} if "pdf" in formats else set())
    return [w for name, w in WRITERS.items() if name in names]
