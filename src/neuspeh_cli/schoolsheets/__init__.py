"""A sheet for each school: a one-page Word/PDF of what the roadmap asks of it, and a monitoring form to fill.

``write_school_sheets`` writes both for every school of a roadmap (ШНОР first);
``collect.collect_forms`` puts the filled forms back into the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NeuspehError


@dataclass
class SheetsResult:
    written: list[Path] = field(default_factory=list)
    pdf_note: str = ""


def file_stem(school_id: str) -> str:
    return school_id


def form_name(school_id: str) -> str:
    return f"{file_stem(school_id)}-мониторинг.xlsx"


def load_roadmap(path: Path):
    from ..report_links import load_linked

    loaded, problem = load_linked(Path(path), "roadmap")
    if loaded is None:
        raise NeuspehError(problem)
    return loaded


def write_school_sheets(
    path: Path, out_dir: Path, pdf: bool = True, force: bool = False, schools: list[str] | None = None
) -> SheetsResult:
    """Write ``<id>.docx`` (and .pdf) and ``<id>-мониторинг.xlsx`` for each school into ``out_dir``."""
    from ..outputs import write_atomic
    from .facts import school_views
    from .form import form_xlsx
    from .sheet import sheet_docx

    loaded = load_roadmap(path)
    roadmap = loaded.model
    views = school_views(roadmap, loaded.catalog)
    if schools:
        unknown = [s for s in schools if s not in {v.school.id for v in views}]
        if unknown:
            raise NeuspehError(f"{path}: школы «{unknown[0]}» нет в дорожной карте (укажите идентификатор из schools)")
        views = [v for v in views if v.school.id in schools]
    out_dir = Path(out_dir)
    targets = []
    for view in views:
        targets += [out_dir / f"{file_stem(view.school.id)}.docx", out_dir / form_name(view.school.id)]
    if not force:
        taken = [t for t in targets if t.exists()]
        if taken:
            raise NeuspehError(f"{taken[0]}: файл уже существует; чтобы перезаписать листы и формы, добавьте --force")
    result = SheetsResult()
    docs = []
    for view in views:
        docx_path = out_dir / f"{file_stem(view.school.id)}.docx"
        write_atomic(docx_path, sheet_docx(view, roadmap, form_name(view.school.id)))
        write_atomic(out_dir / form_name(view.school.id), form_xlsx(view, roadmap))
        docs.append(docx_path)
        result.written += [docx_path, out_dir / form_name(view.school.id)]
    if pdf and docs:
        from ..render import pdf as pdf_render

        converter = pdf_render.choose_converter("auto", pdfa=False)
        if converter is None:
            result.pdf_note = pdf_render.NO_ENGINE_MESSAGE
        else:
            try:
                result.written += converter.convert(docs, [d.with_suffix(".pdf") for d in docs])
            finally:
                converter.close()
    return result
