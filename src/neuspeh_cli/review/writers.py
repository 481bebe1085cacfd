"""The review's outputs: one small writer per format, all behind one interface.

A writer only formats: the region and its summary are computed before any of
them runs (``summary.build_region``). Adding an output format is one class here
and one entry in ``WRITERS``: ``targets`` names the files it will write (so an
earlier review is never overwritten unasked), ``write`` writes them atomically
and lists them in the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..outputs import write_atomic

if TYPE_CHECKING:
    from . import ReviewOptions, ReviewResult
    from .summary import Region

SHEETS_FOLDER = "экспертные-листы"
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
        write_atomic(target, write_page(region, base=target.parent))
        result.written.append(target)


class Documents:
    """The expert sheets and the аналитическая справка in Word (and each sheet alone with ``split_sheets``)."""

    name = "docx"

    def targets(self, options: ReviewOptions) -> list[Path]:
        out = Path(options.out_dir)
        found = [out / OUTPUTS["sheets"], out / OUTPUTS["brief"]]
        folder = out / SHEETS_FOLDER
        if options.split_sheets and folder.is_dir() and any(folder.iterdir()):
            found.append(folder)
        return found

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from .word import render_brief, render_sheet_files, render_sheets

        out = Path(options.out_dir)
        sheets, brief = out / OUTPUTS["sheets"], out / OUTPUTS["brief"]
        write_atomic(sheets, render_sheets(region))
        write_atomic(brief, render_brief(region, options.letterhead))
        result.written += [sheets, brief]
        result.documents += [sheets, brief]
        if options.split_sheets:
            folder = out / SHEETS_FOLDER
            from ..errors import OutputError

            for name, data in render_sheet_files(region):
                # One sheet that cannot be written (a full disk, a file locked on a share) must not cost the others.
                try:
                    write_atomic(folder / name, data)
                except OutputError as exc:
                    result.notes.append(f"экспертный лист не записан: {exc}")
                    continue
                result.documents.append(folder / name)
            result.written.append(folder)


class Pdf:
    """PDF of every Word document the review wrote, by the converter ``neuspeh build`` uses."""

    name = "pdf"

    def targets(self, options: ReviewOptions) -> list[Path]:
        out = Path(options.out_dir)
        return [(out / OUTPUTS[key]).with_suffix(".pdf") for key in ("sheets", "brief")]

    def write(self, region: Region, options: ReviewOptions, result: ReviewResult) -> None:
        from ..errors import NeuspehError
        from ..render.pdf import NO_ENGINE_MESSAGE, choose_converter

        sources = list(result.documents)
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


WRITERS: dict[str, Writer] = {w.name: w for w in (Workbook(), Page(), Documents(), Pdf())}


def chosen(formats: tuple[str, ...]) -> list[Writer]:
    """The writers of the formats asked, in order; PDF needs the Word documents, so it brings them."""
    names = set(formats) | ({"docx"} if "pdf" in formats else set())
    return [w for name, w in WRITERS.items() if name in names]
