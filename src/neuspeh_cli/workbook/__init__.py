"""The roadmap as an Excel form for people who will not edit YAML, and the form read back into the file.

``export_roadmap`` writes the workbook (``write``); ``update_from_form`` reads
a filled one (``read``), edits the data file in place keeping its comments
(``apply``), checks that the file now reads as exactly what the form says,
and lists what changed. The layout both sides share is in ``layout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NeuspehError
from .read import FormError

__all__ = ["FormError", "FormUpdate", "create_from_form", "export_roadmap", "is_form", "update_from_form"]


def is_form(path: Path) -> bool:
    """Whether ``path`` is a workbook written by ``export_roadmap``: its sheets, read from the archive's list of
    them.
    """
    from .read import looks_like_form

    return Path(path).suffix.lower() in (".xlsx", ".ods") and looks_like_form(Path(path))


def create_from_form(form_path: Path, target: Path, force: bool = False) -> FormUpdate:
    """A new data file at ``target`` made from a form alone (no roadmap file to update). Raises ``FormError``."""
    import contextlib
    import os
    import tempfile

    from ..emit import texts
    from ..emit.scalars import comment, yaml_scalar
    from ..outputs import refuse_overwrite, write_atomic
    from .layout import DOCUMENT
    from .read import _sheets, cell_text

    target = Path(target)
    refuse_overwrite(target, force)
    fields = {
        cell_text(row[0]): row[2]
        for row in _sheets(Path(form_path)).get(DOCUMENT, [])[1:]
        if len(row) > 2 and cell_text(row[0])
    }
    municipality = cell_text(fields.get("document.municipality")) or "—"
    year, start, end = (cell_text(fields.get(f"document.{k}")) for k in ("year", "period.start", "period.end"))
    lines = comment(texts.form_intro(Path(form_path).name)) + [
        "kind: roadmap",
        "",
        *comment(texts.DOCUMENT),
        "document:",
    ]
    lines.append(f"  municipality: {yaml_scalar(municipality)}")
    if start and end and not year:
        lines += ["  period:", f"    start: {yaml_scalar(start)}", f"    end: {yaml_scalar(end)}"]
    else:
        lines.append(f"  year: {year if year.isdigit() else 2000}")
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".yaml", dir=target.parent if target.parent.exists() else None
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        update = update_from_form(form_path, Path(temporary), fresh=True)
        write_atomic(target, Path(temporary).read_bytes())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    update.path = target
    return update


def _load_roadmap(path: Path) -> Any:
    from ..document import read_document
    from ..errors import ReadError

    document = read_document(Path(path))
    unreadable = [p for p in document.problems if p.rule in ("read-error", "internal-error")]
    if unreadable:
        first = unreadable[0]
        raise ReadError(first.path, first.line, first.column, first.message)
    if document.kind != "roadmap":
        raise FormError(
            f"{path}:1:1: это не файл муниципальной дорожной карты (kind: roadmap): форма Excel есть только у неё"
        )
    if document.model is None or document.problems:
        first = document.problems[0]
        more = (
            f" (и ещё {len(document.problems) - 1}; все — `neuspeh validate {path}`)"
            if len(document.problems) > 1
            else ""
        )
        raise FormError(f"{first.where}: {first.message}{more}: исправьте файл, затем повторите")
    return document


def _load_report(path: Path) -> tuple[Any, Any] | None:
    """(the report's document, its roadmap model) when ``path`` is a report; ``None`` for any other file."""
    from ..document import read_document
    from ..domain.report import linked_path
    from ..report_links import load_linked

    document = read_document(Path(path))
    if document.kind != "report":
        return None
    if document.model is None:
        first = document.problems[0]
        raise FormError(f"{first.where}: {first.message}: исправьте отчёт, затем повторите")
    loaded, problem = load_linked(linked_path(path, document.model.roadmap), "roadmap")
    if loaded is None:
        raise FormError(problem)
    return document, loaded.model


def export_roadmap(path: Path, output: Path, force: bool = False) -> Path:
    """Write the form of the roadmap at ``path`` to ``output`` (.xlsx). Raises ``NeuspehError``."""
    from ..outputs import refuse_overwrite, write_atomic
    from .write import roadmap_workbook

    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise NeuspehError(f"{output}: форма записывается в .xlsx (Excel, LibreOffice Calc и Р7-Офис открывают его)")
    refuse_overwrite(output, force)
    report = _load_report(path)
    if report is not None:
        from .report_form import report_workbook

        document, roadmap = report
        write_atomic(output, report_workbook(document.model, roadmap, document.source.text))
        return output
    document = _load_roadmap(path)
    write_atomic(output, roadmap_workbook(document.model, document.catalog, document.source.text, Path(path).name))
    return output


@dataclass
class FormUpdate:
    path: Path
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False
    reformatted: bool = False


def update_from_form(form_path: Path, path: Path, dry_run: bool = False, fresh: bool = False) -> FormUpdate:
    """Put what the form at ``form_path`` says into the roadmap at ``path``, in place.

    Raises ``FormError`` (with every problem cell) when the form cannot be read
    back, ``NeuspehError`` when the edit would lose a comment; the file is then
    left as it was.
    """
    from ..outputs import write_atomic
    from ..yaml_edit import EditError, comment_parts, dump, open_for_edit
    from .apply import apply_form
    from .read import read_form
    from .write import text_digest

    path = Path(path)
    from .read import _sheets
    from .report_form import is_report_form

    if is_report_form(_sheets(Path(form_path))):
        return _update_report(Path(form_path), path, dry_run)
    document = _load_roadmap(path)
    form = read_form(Path(form_path), document.model, document.catalog)
    doc = document.source
    try:
        edit = open_for_edit(doc.text, doc)
    except EditError as exc:
        raise FormError(f"{path}: {exc}") from None
    same_file = form.digest == text_digest(doc.text)
    applied = apply_form(
        edit.data, document.model, form, same_file, fresh, dump_node=lambda node: dump(edit.yaml, node)
    )
    update = FormUpdate(path, applied.changes, applied.notes)
    if not applied.changes:
        return update
    new_text = dump(edit.yaml, edit.data)
    # Every comment stays, but for those written inside the items the form deleted.
    lost = comment_parts(edit.text) - comment_parts(new_text) - applied.lost
    if lost:
        raise FormError(
            f"{path}: перенос потерял бы комментарий «{next(iter(lost))}»: файл не изменён; допишите нужное вручную "
            "или сообщите об ошибке"
        )
    update.reformatted = edit.reformatted
    new_text = new_text.replace("\n", "\r\n") if edit.crlf else new_text
    _check(path, new_text, applied.expected)
    if not dry_run:
        bom = b"\xef\xbb\xbf" if doc.bom else b""
        write_atomic(path, bom + new_text.encode("utf-8"))
        update.written = True
    return update


def _update_report(form_path: Path, path: Path, dry_run: bool) -> FormUpdate:
    """The report's plan-and-fact form put into the report at ``path``."""
    from ..document import model_with_repairs
    from ..domain.report import Report
    from ..outputs import write_atomic
    from ..reading.yamlread import read_yaml_text
    from ..yaml_edit import EditError, open_for_edit
    from .read import _sheets
    from .report_form import apply_report_form

    found = _load_report(path)
    if found is None:
        raise FormError(
            f"{path}:1:1: это форма отчёта о реализации, а файл — не отчёт (kind: report): укажите файл отчёта"
        )
    document, _ = found
    doc = document.source
    try:
        edit = open_for_edit(doc.text, doc)
    except EditError as exc:
        raise FormError(f"{path}: {exc}") from None
    changes, expected = apply_report_form(form_path, _sheets(form_path), edit.data, document.model)
    update = FormUpdate(path, changes)
    if not changes:
        return update
    try:
        new_text, update.reformatted = edit.result()
    except EditError as exc:
        raise FormError(f"{path}: {exc}") from None
    new, problems = model_with_repairs(Report, read_yaml_text(new_text.replace("\r\n", "\n"), str(path)))
    if new is None or problems:
        raise FormError(
            f"{path}: после переноса отчёт не прошёл бы проверку схемы "
            f"({problems[0].message if problems else 'не читается'}): файл не изменён"
        )
    if new.model_dump() != Report.model_validate(expected).model_dump():
        raise NeuspehError(
            f"{path}: перенос формы изменил бы отчёт не так, как в форме: файл не изменён; сообщите об ошибке"
        )
    if not dry_run:
        write_atomic(path, (b"\xef\xbb\xbf" if doc.bom else b"") + new_text.encode("utf-8"))
        update.written = True
    return update


def _check(path: Path, new_text: str, expected: dict) -> None:
    """The edited file must read as exactly what the form says."""
    from ..document import model_with_repairs
    from ..domain.roadmap import Roadmap
    from ..reading.yamlread import read_yaml_text

    new, problems = model_with_repairs(Roadmap, read_yaml_text(new_text.replace("\r\n", "\n"), str(path)))
    if new is None or problems:
        first = problems[0] if problems else None
        message = first.message if first else "файл не читается"
        raise FormError(
            f"{path}: после переноса файл не прошёл бы проверку схемы ({message}): файл не изменён; проверьте "
            "значения формы"
        )
    try:
        wanted = Roadmap.model_validate(expected).model_dump()
    except Exception as exc:  # pydantic's ValidationError: a value of the form the model refuses
        raise FormError(
            f"{path}: значение формы не подходит для файла данных ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]}): файл не изменён"
        ) from None
    if new.model_dump() != wanted:
        differ = [k for k in wanted if new.model_dump().get(k) != wanted[k]]
        raise NeuspehError(
            f"{path}: перенос формы изменил бы данные не так, как в форме (раздел {', '.join(differ)}): файл не "
            "изменён; сообщите об ошибке"
        )
