"""``build``: data files → Word (and PDF), checked first, written atomically.

The files are loaded and checked exactly as ``validate`` does (``document.load_paths``,
cross-file rules included), so a file ``validate`` rejects is never built by
accident. Usable without the CLI: ``build_files([...], BuildOptions(...))``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import LoadedDocument, load_paths
from .errors import NeuspehError
from .problems import Problem, Severity


@dataclass
class BuildOptions:
    out_dir: Path | None = None  # None: beside each input
    template: Path | None = None
    with_measures: bool = False
    # The appendix «events by months»: True — to roadmaps and reports, False — to neither; None — each kind's default
    # (the report has it, planned against held; the roadmap does not).
    calendar: bool | None = None
    pdf_engine: str = "auto"  # auto | word | libreoffice | none
    force: bool = False  # build despite errors and drafts
    pdfa: bool = True  # PDF/A-2b for submission; False: a plain PDF
    converter: Any = None  # a started render.pdf converter to reuse (watch mode); build_files then leaves it running


@dataclass
class BuildResult:
    document: LoadedDocument
    docx: Path | None = None
    pdf: Path | None = None
    blocking: list[Problem] = field(
        default_factory=list
    )  # what keeps it from being built (or, with --force, what was ignored)

    @property
    def source(self) -> Path:
        return self.document.path

    @property
    def problems(self) -> list[Problem]:
        return self.document.problems

    @property
    def unreadable(self) -> bool:
        return self.document.model is None

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.document.problems if p.severity is Severity.WARNING and p not in self.blocking]


@dataclass
class BuildReport:
    results: list[BuildResult]
    pdf_note: str = (
        ""  # why there is no PDF, when there is none; or how it was made when that matters (slower path, not PDF/A)
    )

    @property
    def refused(self) -> list[BuildResult]:
        return [r for r in self.results if r.docx is None]

    @property
    def unreadable(self) -> list[BuildResult]:
        return [r for r in self.results if r.unreadable]

    @property
    def forced(self) -> list[BuildResult]:
        return [r for r in self.results if r.docx is not None and r.blocking]


def blocking_problems(document: LoadedDocument) -> list[Problem]:
    """Errors, and the warnings that mean «not finished yet» (drafts, empty cells): a submitted document has none."""
    from .rules import RULES

    # The rules that found these problems are registered already (checking imported them): no need to load every kind's.
    return [
        p for p in document.problems if p.severity is Severity.ERROR or (p.rule in RULES and RULES[p.rule].blocks_build)
    ]


def default_template(name: str):
    from importlib.resources import files

    return files("neuspeh_cli.templates").joinpath(name)


def render_document(document: LoadedDocument, options: BuildOptions) -> bytes:
    """The .docx bytes of a checked document. Raises ``BuildError`` for a broken template."""
    from .kinds import KINDS
    from .render.engine import render_docx

    kind = KINDS[document.kind]  # type: ignore[index]
    context = kind.context_function()(document, options)
    calendar = context.pop("calendar", None)  # an appendix drawn after the template, not a value of it
    template = options.template or default_template(kind.template)
    label = str(options.template) if options.template else f"встроенный шаблон {kind.template}"
    steps = []  # what changes the rendered parts before the one zip is written
    if calendar is not None:
        from .render.calendar import appendix_step

        steps.append(appendix_step(calendar))
    source = document.source
    if source is not None and getattr(source, "text", ""):
        # The data travels inside the document: importing it back gives exactly this file. After the appendix:
        # what the document prints is read from the finished main part.
        from functools import partial

        from .importing import own

        order = None
        if document.kind == "roadmap" and document.model is not None and document.catalog is not None:
            from .domain.structure import resolve

            order = [row.index for block in resolve(document.model, document.catalog).factors for row in block.rows]
        text = ("\ufeff" if source.bom else "") + source.text
        steps.append(partial(own.embed_parts, source_text=text, kind=document.kind, audit_order=order))
    return render_docx(template, context, label, finish=_chained(steps))


def _chained(steps: list):
    """One ``render_docx`` finishing step doing ``steps`` in turn; None for none."""
    if not steps:
        return None

    def finish(parts: dict[str, bytes], order: list[str]) -> list[str]:
        for step in steps:
            order = step(parts, order)
        return order

    return finish


def output_path(source: Path, options: BuildOptions, suffix: str) -> Path:
    folder = options.out_dir if options.out_dir is not None else source.parent
    return folder / (source.stem + suffix)


def _buildable(document: LoadedDocument) -> bool:
    from .kinds import KINDS

    return document.kind is None or bool(KINDS[document.kind].template)


def build_files(paths: list[Path], options: BuildOptions, progress=None) -> BuildReport:
    """Build every document under ``paths``; one with errors or drafts is refused unless ``options.force``.

    Raises ``BuildError`` when a template is broken or a converter fails.
    """
    from .outputs import write_atomic

    if options.template is not None:
        from .errors import ReadError, UsageError
        from .reading.files import MAX_DOCUMENT_BYTES, check_regular

        try:
            check_regular(Path(options.template), str(options.template), MAX_DOCUMENT_BYTES)
        except ReadError as exc:
            raise UsageError(f"{options.template}: шаблон не открывается: {exc.message}") from None
    # LibreOffice starts now, while the files are loaded and rendered: its start-up overlaps our
    # work. Each .docx is handed to it as soon as it is written; a folder may hold several files.
    converter = options.converter
    own_converter = converter is None and options.pdf_engine != "none"
    if own_converter:
        from .render import pdf  # not imported for --no-pdf: LibreOffice's machinery costs start-up time

        converter = pdf.choose_converter(options.pdf_engine, pdfa=options.pdfa)
        if converter is not None:
            converter.start(sum(1 if Path(p).is_file() else 2 for p in paths))
    try:
        documents = [d for d in load_paths(paths, progress) if _buildable(d)]
        results: list[BuildResult] = []
        seen: dict[Path, Path] = {}
        converting: list[BuildResult] = []
        for document in documents:
            path = document.path
            result = BuildResult(document, blocking=blocking_problems(document))
            results.append(result)
            if result.unreadable or (result.blocking and not options.force):
                continue
            target = output_path(path, options, ".docx")
            if target in seen:
                raise NeuspehError(
                    f"{path} и {seen[target]} дали бы один и тот же файл {target}: переименуйте один из них или "
                    "соберите их в разные папки"
                )
            seen[target] = path
            if target.resolve() == path.resolve():
                raise NeuspehError(
                    f"{path}: выходной файл совпадает с входным: соберите документ в другую папку (-o ПАПКА)"
                )
            write_atomic(target, render_document(document, options))
            result.docx = target
            if converter is not None and options.pdf_engine != "none":
                converter.submit(target, output_path(path, options, ".pdf"))
                converting.append(result)

        report = BuildReport(results)
        if options.pdf_engine == "none" or not any(r.docx for r in results):
            return report
        if converter is None:
            from .render.pdf import NO_ENGINE_MESSAGE

            report.pdf_note = NO_ENGINE_MESSAGE
            return report
        for result, pdf_path in zip(converting, converter.wait()):
            result.pdf = pdf_path
            if pdf_path is not None and result.docx is not None:
                from .render.pdf_alt import add_chart_alt_text

                add_chart_alt_text(pdf_path, result.docx)  # LibreOffice drops a chart's alt text; Word keeps it
        report.pdf_note = "\n".join(converter.notes)
        converter.notes.clear()  # a converter kept for the next build reports only what is new
        return report
    except BaseException:
        if converter is not None and not own_converter:
            with contextlib.suppress(Exception):
                converter.wait()  # a shared converter is left with nothing pending
        raise
    finally:
        if own_converter and converter is not None:
            converter.close()


def print_report(report: BuildReport, paths: list[Path]) -> int:
    """Print what was built and why anything was not (``neuspeh build``); the exit code."""
    import sys

    from .problems import exit_code
    from .report import Listing, print_text

    def err(line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()

    if not report.results:
        from .errors import no_data_files

        raise no_data_files(paths)
    unreadable = report.unreadable
    if unreadable:
        err("Не прочитано (исправьте файл; --force здесь не поможет):")
        print_text([Listing(r.document.name, r.document.errors) for r in unreadable], sys.stderr, summary=False)
    refused = [r for r in report.refused if not r.unreadable]
    if refused:
        err("Не собрано: в файлах есть ошибки или неоконченные черновики (исправьте их или добавьте --force):")
        print_text([Listing(r.document.name, r.blocking) for r in refused], sys.stderr, summary=False)
    if report.forced:
        err("Собрано с --force, несмотря на:")
        print_text([Listing(r.document.name, r.blocking) for r in report.forced], sys.stderr, summary=False)
    warned = [r for r in report.results if r.docx is not None and r.warnings]
    if warned:
        err("Предупреждения:")
        print_text([Listing(r.document.name, r.warnings) for r in warned], sys.stderr, summary=False)
    for result in report.results:
        for path in (result.docx, result.pdf):
            if path is not None:
                sys.stdout.write(f"Записан {path}\n")
                sys.stdout.flush()
    if report.pdf_note:
        err(report.pdf_note)
    code = exit_code([p for r in report.results for p in r.problems])
    return code if code in (2, 3) else 1 if report.refused else 0
