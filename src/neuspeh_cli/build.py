"""``build``: data files → Word (and PDF), checked first, written atomically.

Usable without the CLI: ``build_files([...], BuildOptions(...))``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BuildError, NeuspehError
from .problems import Problem, Severity


@dataclass
class BuildOptions:
    out_dir: Path | None = None  # None: beside each input
    template: Path | None = None
    with_measures: bool = False
    pdf_engine: str = "auto"  # auto | word | libreoffice | none
    force: bool = False  # build despite validation errors
    pdfa: bool = True  # PDF/A-2b for submission; False: a plain PDF
    converter: Any = None  # a started render.pdf converter to reuse (watch mode); build_files then leaves it running


@dataclass
class BuildResult:
    source: Path
    docx: Path | None = None
    pdf: Path | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class BuildReport:
    results: list[BuildResult]
    pdf_note: str = ""  # why there is no PDF, when there is none; or how it was made when that matters (slower path, not PDF/A)

    @property
    def refused(self) -> list[BuildResult]:
        return [r for r in self.results if r.docx is None]


def _roadmap_document(report: Any, path: Path, options: BuildOptions) -> tuple[dict, str]:
    from .render.roadmap import roadmap_context
    from .validate import catalog_for

    return roadmap_context(report.model, catalog_for(report.model, path), options.with_measures), "roadmap.docx"


def _programme_document(report: Any, path: Path, options: BuildOptions) -> tuple[dict, str]:
    from .render.programme import programme_context

    return programme_context(report.model), "programme.docx"


CONTEXTS: dict[str, Callable[[Any, Path, BuildOptions], tuple[dict, str]]] = {
    "roadmap": _roadmap_document,
    "programme": _programme_document,
}


def default_template(name: str):
    from importlib.resources import files

    return files("neuspeh_cli.templates").joinpath(name)


def render_file(path: Path, options: BuildOptions) -> tuple[BuildResult, bytes | None]:
    """Validate one file and render its .docx bytes (None when refused)."""
    from .render.engine import render_docx
    from .validate import validate_file

    report = validate_file(path)
    result = BuildResult(path, problems=report.problems)
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    if report.model is None or (errors and not options.force):
        return result, None
    context, template_name = CONTEXTS[report.kind](report, path, options)
    template = options.template or default_template(template_name)
    label = str(options.template) if options.template else f"встроенный шаблон {template_name}"
    return result, render_docx(template, context, label)


def output_path(source: Path, options: BuildOptions, suffix: str) -> Path:
    folder = options.out_dir if options.out_dir is not None else source.parent
    return folder / (source.stem + suffix)


def build_files(paths: list[Path], options: BuildOptions) -> BuildReport:
    """Build every file; a file with validation errors is refused unless ``options.force``.

    Raises ``BuildError`` when a template is broken or a converter fails.
    """
    from .outputs import write_atomic
    from .render import pdf

    if options.template is not None and not Path(options.template).is_file():
        raise BuildError(f"{options.template}: шаблон не найден")
    # LibreOffice starts now, while the .docx are rendered: its start-up overlaps our work.
    converter = options.converter
    own_converter = converter is None and options.pdf_engine != "none"
    if own_converter:
        converter = pdf.choose_converter(options.pdf_engine, pdfa=options.pdfa)
        if converter is not None:
            converter.start(len(paths))
    try:
        results: list[BuildResult] = []
        seen: dict[Path, Path] = {}
        pending: list[BuildResult] = []
        for path in paths:
            target = output_path(path, options, ".docx")
            if target in seen:
                raise NeuspehError(f"{path} и {seen[target]} дали бы один и тот же файл {target}: переименуйте один из них или соберите их в разные папки")
            seen[target] = path
            if target.resolve() == path.resolve():
                raise NeuspehError(f"{path}: выходной файл совпадает с входным")
            result, data = render_file(path, options)
            if data is not None:
                write_atomic(target, data)
                result.docx = target
                if converter is not None and options.pdf_engine != "none":
                    converter.submit(target, output_path(path, options, ".pdf"))
                    pending.append(result)
            results.append(result)

        report = BuildReport(results)
        if options.pdf_engine == "none" or not any(r.docx for r in results):
            return report
        if converter is None:
            report.pdf_note = pdf.NO_ENGINE_MESSAGE
            return report
        for result, pdf_path in zip(pending, converter.wait()):
            result.pdf = pdf_path
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
