"""A loaded file: read, recognised, modelled and checked, in one place every command uses.

``load_paths`` is what ``validate``, ``build``, ``review`` and the others run:
the same files, the same checks (cross-file ones included), the same problems.
Nothing here raises for a bad file: whatever goes wrong becomes a problem of
that file (``read-error``, ``schema``, or ``internal-error`` for a defect of
the tool), and the other files are still checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NeuspehError, ReadError, internal_error_message, record_crash
from .problems import Problem, Severity, cap_problems

YAML_SUFFIXES = (".yaml", ".yml")
# Word, OpenDocument and Excel files are imported in memory: every command reads what municipalities send.
DOCUMENT_SUFFIXES = (
    ".docx",
    ".docm",
    ".dotx",
    ".dotm",
    ".doc",
    ".odt",
    ".rtf",
    ".xlsx",
    ".xlsm",
    ".xls",
    ".ods",
    ".pdf",
)
# What else municipalities send: an archive of their files, a photo or scan of the pages. Nothing to read in them,
# but a folder's walk names them («это архив: распакуйте его») instead of passing them over in silence; a picture
# only when the folder holds nothing else (beside a roadmap it is an illustration or a copy of it).
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".heic")
REFUSED_SUFFIXES = ARCHIVE_SUFFIXES + IMAGE_SUFFIXES

Progress = Callable[[int, int, str], None]  # (done, total, current file)


@dataclass
class LoadedDocument:
    path: Path
    kind: str | None = None
    source: Any = None  # reading.yamlread.YamlDocument: the data with positions
    model: Any = None
    catalog: Any = None
    problems: list[Problem] = field(default_factory=list)
    pruned: list[tuple] = field(default_factory=list)  # places the schema rejected and the model was built without
    places: dict[tuple, str] = field(
        default_factory=dict
    )  # a document's data path → «таблица 2, строка 14, графа «Сроки»»
    imported: Any = None  # importing.ImportResult, when the file is a document and not YAML

    @property
    def name(self) -> str:
        """The path as the user wrote it: every message starts with it."""
        return str(self.path)

    @property
    def readable(self) -> bool:
        return not any(p.rule == "read-error" for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def add(self, rule: str, message: str, line: int = 1, column: int = 1, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(rule, severity, message, self.name, line, column))


# ---------------------------------------------------------------- finding files


def collect_files(paths: Iterable[Path], documents: bool = False) -> list[tuple[Path, bool]]:
    """(file, named by the user) for every path: files as named, YAML files inside folders.

    Hidden files and folders are skipped; a folder's symlinks to folders are
    not followed (a loop must not hang the walk), but anything named *.yaml —
    a symlink, a FIFO — is listed, so that the loader reports it instead of
    silently passing it over. With ``documents`` (the review: a folder as the
    institute receives it) Word, OpenDocument, Excel and PDF files are listed
    too, one per roadmap (``pick_documents``).
    """
    suffixes = YAML_SUFFIXES + (DOCUMENT_SUFFIXES + REFUSED_SUFFIXES if documents else ())
    result: list[tuple[Path, bool]] = []
    for path in paths:
        if not path.is_dir():
            result.append((path, True))
            continue
        found = []
        for folder, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            names = [f for f in files if f.lower().endswith(suffixes) and not f.startswith((".", "~$"))]
            found.extend(Path(folder) / f for f in (pick_documents(names) if documents else names))
        result.extend((f, False) for f in sorted(found))
    return result


_RANK = {
    ".yaml": 0,
    ".yml": 0,
    ".docx": 1,
    ".docm": 1,
    ".dotx": 1,
    ".dotm": 1,
    ".odt": 2,
    ".doc": 2,
    ".rtf": 2,
    ".xlsx": 3,
    ".xlsm": 3,
    ".ods": 3,
    ".xls": 3,
    ".pdf": 4,
}


def pick_documents(names: list[str]) -> list[str]:
    """Of one folder's files, one per roadmap: the YAML, else the Word file, else the spreadsheet, else the PDF.

    Files of one roadmap share a name («карта.yaml», «карта.docx» built from
    it, «карта.pdf» signed); a PDF is the signed copy of a file beside it when
    its name starts with that file's name or when it is the only other file of
    a municipality's folder — only a PDF alone is read.
    """
    by_stem: dict[str, list[str]] = {}
    for name in names:
        stem, _, _suffix = name.rpartition(".")
        by_stem.setdefault(stem.lower(), []).append(name)
    chosen = [min(group, key=lambda n: _RANK.get("." + n.rpartition(".")[2].lower(), 9)) for group in by_stem.values()]
    data = [n for n in chosen if not n.lower().endswith(".pdf")]
    kept = []
    for name in chosen:
        if name.lower().endswith(".pdf"):
            stem = name.rpartition(".")[0].lower()
            if len(data) == 1 or any(stem.startswith(d.rpartition(".")[0].lower()) for d in data):
                continue
        kept.append(name)
    if any(not n.lower().endswith(REFUSED_SUFFIXES) for n in kept):
        kept = [n for n in kept if not n.lower().endswith(IMAGE_SUFFIXES)]
    return kept


# ---------------------------------------------------------------- one file


def read_document(path: Path, explicit: bool = True) -> LoadedDocument:
    """Read, recognise and model one file; no rules yet. Never raises for a bad file."""
    document = LoadedDocument(Path(path))
    try:
        _read(document, explicit)
    except Exception:  # a defect of the tool: report it on this file and go on with the others
        import traceback

        document.add("internal-error", internal_error_message(record_crash(traceback.format_exc())))
    return document


def _read(document: LoadedDocument, explicit: bool) -> None:
    from .kinds import detect
    from .reading.yamlread import read_yaml_file

    if document.path.suffix.lower() in DOCUMENT_SUFFIXES + REFUSED_SUFFIXES:
        source = _read_imported(document, explicit)
        if source is None:
            return
    else:
        try:
            source = read_yaml_file(document.path)
        except ReadError as exc:
            document.problems.append(
                Problem("read-error", Severity.ERROR, exc.message, document.name, exc.line, exc.column)
            )
            return
    document.source = source
    kind = detect(source.data)
    if kind is None:
        if explicit:
            named = source.data.get("kind") if isinstance(source.data, dict) else None
            if named is not None:  # a kind the tool does not know: say so where it is written
                where = source.locate(("kind",))
                document.add("schema", _unknown_kind_message(named), where.line, where.column)
            else:
                document.add("schema", _foreign_message(source.data))
        return
    document.kind = kind.name
    document.model, problems = model_with_repairs(kind.model_class(), source, document.pruned)
    document.problems.extend(problems)
    if document.model is not None and kind.uses_catalog:
        try:
            document.catalog = catalog_for(document.model, document.path)
        except NeuspehError as exc:
            # A typo in ``catalog:`` is the user's to fix, not a crash of every rule on a missing catalog:
            # said at the key, and the rules check the rest against the bundled catalog.
            from .domain.catalog import load_catalog

            where = source.locate(("catalog",))
            reason = getattr(exc, "message", str(exc))
            document.add(
                "read-error",
                f"свой каталог факторов «{document.model.catalog}» не читается: {reason}",
                where.line,
                where.column,
            )
            document.catalog = load_catalog(None)


def _read_imported(document: LoadedDocument, explicit: bool = True):
    """A Word, OpenDocument, Excel or PDF file, imported in memory: the data it holds, with positions."""
    from .importing import ImportFailed, import_file
    from .reading.yamlread import read_yaml_text

    name = document.name
    try:
        result = import_file(document.path, name=name)
        source = read_yaml_text(result.data_text, name)
    except ImportFailed as exc:
        if exc.foreign and not explicit:
            return None  # a cover letter beside the roadmap in a municipality's folder: not a file of ours
        message = str(exc)
        document.add("read-error", message[len(name) + 2 :] if message.startswith(name + ": ") else message)
        return None
    except ReadError as exc:
        document.add("read-error", exc.message, exc.line, exc.column)
        return None
    document.imported = result
    document.places = dict(result.places)
    for item in result.unplaced:
        text = item.text if len(item.text) <= 160 else item.text[:157] + "…"
        message = (f"«{text}» — " if text else "") + (item.reason or "не размещено")
        document.problems.append(Problem("import-unplaced", Severity.ERROR, message, name, place=item.where))
    for change, where in zip(result.changes, result.change_places or [""] * len(result.changes)):
        document.problems.append(
            Problem(
                "import-edited",
                Severity.INFO,
                f"изменено в документе и перенесено в данные: {change}",
                name,
                place=where or "таблица мероприятий",
            )
        )
    return source


def placed(problems: list[Problem], document: LoadedDocument) -> list[Problem]:
    """Problems of a document pointed at the document («таблица 2, строка 14, графа «Сроки»»), not at the data read from
    it.
    """
    import dataclasses

    source = document.source
    if document.imported is None or source is None:
        return problems
    index: dict[tuple[int, int], tuple] = {}
    for table in (source.values, source.keys):
        for path, position in table.items():
            index.setdefault((position.line, position.column), path)
    out = []
    for problem in problems:
        if problem.place:
            out.append(problem)
            continue
        path = index.get((problem.line, problem.column), ())
        place = _nearest_place(document, path) or _data_place(path)
        out.append(dataclasses.replace(problem, place=place))
    return out


def _nearest_place(document: LoadedDocument, path: tuple) -> str:
    """The place in the document of the value at ``path`` or, without one of its own, of the nearest part holding it."""
    while path:
        if path in document.places:
            return document.places[path]
        path = path[:-1]
    return ""


def line_places(document: LoadedDocument) -> dict[int, str]:
    """Each line of the data read from a document imported in memory → the place in the document it came from.

    The review keeps the lines of what it found (an event, a parameter); for a Word file they are lines of a text
    nobody sees, and «Речной.doc:27» sent the expert to look for line 27 in Word. Empty for a YAML file.
    """
    source = document.source
    if document.imported is None or source is None:
        return {}
    out: dict[int, str] = {}
    for path, position in source.keys.items():
        if position.line in out:
            continue
        # Without a cell of its own: the section only («перечень школ»), not the item's number among the data read.
        out[position.line] = _nearest_place(document, path) or _data_place(path[:1])
    return out


_SECTIONS = {
    "document": "заголовок, гриф и подпись",
    "schools": "перечень школ",
    "audit": "раздел I",
    "events": "раздел II",
    "monitoring": "мониторинг и показатели качества",
    "abbreviations": "перечень сокращений",
}
_ITEMS = {"audit": "параметр", "events": "мероприятие", "schools": "школа"}


def _data_place(path: tuple) -> str:
    """A place in a document that no table cell names: its part, in the document's words («раздел I, параметр 3»)."""
    if not path:
        return "документ в целом"
    head = str(path[0])
    place = _SECTIONS.get(head, f"данные «{head}»")
    if len(path) > 1 and isinstance(path[1], int) and head in _ITEMS:
        place += f", {_ITEMS[head]} № {path[1] + 1}"
    return place


def _unknown_kind_message(named: Any) -> str:
    from .kinds import KINDS

    kinds = ", ".join(f"kind: {k.name} ({k.title})" for k in KINDS.values())
    text = " ".join(str(named).split())
    message = f"неизвестный вид файла «kind: {text[:80]}»; допустимо: {kinds}"
    first = text.split(" ", 1)[0]
    if first in KINDS and text != first:
        # «kind: roadmap» followed by an indented line: YAML reads the two lines as one value.
        message += f"; значение «{first}» склеилось со следующей строкой — уберите у неё лишний отступ"
    return message


def _foreign_message(data: Any) -> str:
    from .kinds import KINDS

    if not isinstance(data, dict):
        found = "список" if isinstance(data, list) else "одно значение"
        return (
            f"в начале файла должен быть словарь (kind:, document:, schools:…), а здесь {found}: начните с `neuspeh "
            "audit init`"
        )
    kinds = ", ".join(f"kind: {k.name} ({k.title})" for k in KINDS.values())
    return (
        "не похоже на файл neuspeh: нет ни ключа kind, ни ключей, по которым узнаётся вид файла; укажите вид в "
        f"первой строке: {kinds}"
    )


def catalog_for(model: Any, path: Path):
    """The bundled catalog, merged with the municipality's own when the file names one."""
    from .domain.catalog import load_catalog

    extra = (Path(path).parent / model.catalog) if getattr(model, "catalog", "") else None
    return load_catalog(extra)


MAX_REPAIRS = 10


def model_with_repairs(model_class: Any, source: Any, pruned: list[tuple] | None = None) -> tuple[Any, list[Problem]]:
    """The model of a file, and its schema problems.

    A wrong key or a wrong value of an optional field is reported and then
    left out, and the rest is modelled again, so that one typo does not hide
    every other problem of the file: the rules still check what is right.
    A required value that is wrong leaves no model (``None``).
    """
    import copy

    from .domain.base import quick

    data = source.data
    model = quick(model_class, data) if hasattr(model_class, "_fast") else None
    if model is not None:  # plainly of the declared types: pydantic is not even imported
        return model, []
    from pydantic import ValidationError

    from .reading.schema_errors import clean_loc, schema_problems

    problems: list[Problem] = []
    seen: set[tuple] = set()
    for _ in range(MAX_REPAIRS):
        try:
            return model_class.model_validate(data), problems
        except ValidationError as exc:
            for problem in schema_problems(exc, source, model_class):
                key = (problem.line, problem.column, problem.message)
                if key not in seen:
                    seen.add(key)
                    problems.append(problem)
            data = copy.deepcopy(data) if data is source.data else data
            locs = {clean_loc(tuple(e["loc"])) for e in exc.errors()}
            # A union failing both ways reports the whole value and a part of it: only the part goes.
            locs = [
                loc for loc in locs if not any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
            ]
            if not _prune(data, locs, model_class):
                return None, problems
            if pruned is not None:
                pruned.extend(locs)
    return None, problems


def _prune(data: Any, locs: list[tuple], model_class: Any) -> bool:
    """Drop the values at ``locs`` that the model can do without; False when one of them is required."""
    from .reading.schema_errors import field_at

    pruned = False
    for loc in sorted(set(locs), key=len, reverse=True):
        if not loc:
            return False
        parent = data
        try:
            for part in loc[:-1]:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue  # already gone with a pruned parent
        last = loc[-1]
        if isinstance(parent, dict) and last in parent:
            field = field_at(model_class, loc)
            if field is not None and field.is_required():
                return False
            del parent[last]
            pruned = True
        elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            # An item cannot be removed without renumbering the ones after it: it becomes empty.
            parent[last] = {} if isinstance(parent[last], dict) else None
            pruned = True
    return pruned


# ---------------------------------------------------------------- checking


def open_linked(path: Path) -> LoadedDocument:
    """A file another one names (a report's roadmap): as named, or — when only the Word (or other) document
    built or sent in its place is there — that document: «карта.yaml» is read from «карта.docx»."""
    path = Path(path)
    if not path.exists() and path.suffix.lower() in YAML_SUFFIXES:
        for suffix in DOCUMENT_SUFFIXES:
            candidate = path.with_suffix(suffix)
            if candidate.is_file():
                return read_document(candidate)
    return read_document(path)


def check_documents(documents: list[LoadedDocument]) -> None:
    """Run every rule of every modelled document, with the others of the run at hand."""
    from .rules import Context, Workspace, rules_for

    workspace = Workspace(documents, open=open_linked)
    for document in documents:
        if document.model is not None:
            context = Context(document.model, document.source, document.catalog, workspace, document)
            for rule in rules_for(document.kind):
                context.current = rule
                try:
                    document.problems.extend(rule.check(context))
                except Exception:
                    import traceback

                    where = record_crash(f"rule {rule.id}, file {document.name}\n" + traceback.format_exc())
                    document.add("internal-error", f"правило {rule.id}: {internal_error_message(where)}")
        pruned = {
            (w.line, w.column)
            for loc in document.pruned
            for w in (document.source.locate(loc), document.source.key_position(loc))
        }
        kept = sorted(_one_per_place(document.problems, pruned), key=lambda p: (p.line, p.column))
        document.problems[:] = cap_problems(placed(kept, document))


def _one_per_place(problems: list[Problem], pruned: set[tuple[int, int]]) -> list[Problem]:
    """Where the schema found a value wrong (and it was left out), a rule's «this is missing» at the same place is
    noise.
    """
    schema = {(p.line, p.column) for p in problems if p.rule == "schema"} | pruned
    return [p for p in problems if p.rule == "schema" or (p.line, p.column) not in schema]


def load_paths(paths: Iterable[Path], progress: Progress | None = None) -> list[LoadedDocument]:
    """Every data file under ``paths``, read and checked together.

    Files found in folders that are not neuspeh's (other YAML) are left out;
    a file named explicitly is always reported.
    """
    files = collect_files(paths)
    documents = []
    for number, (path, explicit) in enumerate(files, 1):
        document = read_document(path, explicit)
        if document.kind is not None or document.problems:
            documents.append(document)
        if progress is not None:
            progress(number, len(files), str(path))
    check_documents(documents)
    return documents


def load_one(path: Path) -> LoadedDocument:
    """One file checked alone (no cross-file rules can fire but those about itself)."""
    document = read_document(path)
    check_documents([document])
    return document
