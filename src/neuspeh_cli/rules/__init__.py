"""The method's rules: each with a stable id, a severity and a Russian summary.

A rule is a function that receives a ``Context`` and yields problems made with
``ctx.problem(loc, message)``. It checks one document; a rule that needs the
other files of the run (a programme and its municipality's roadmap) finds them
through ``ctx.workspace``, so cross-file checks are ordinary rules too. The
registry feeds ``validate``, ``neuspeh rules`` and the generated rule list in
``docs/rules.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..problems import Problem, Severity
from ..reading.yamlread import YamlDocument


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    kind: str  # the document kind it checks: "roadmap", "programme", …
    summary: str
    check: Callable[[Context], Iterable[Problem]]
    blocks_build: bool = False  # a warning that still keeps `build` from writing the document (drafts, empty cells)


RULES: dict[str, Rule] = {}
ANY_KIND = "*"  # a rule about how any data file is written, whatever its kind


def rule(id: str, severity: Severity, summary: str, kind: str = "roadmap", blocks_build: bool = False):
    def register(check: Callable[[Context], Iterable[Problem]]):
        if id in RULES:
            raise RuntimeError(f"rule {id} registered twice")
        RULES[id] = Rule(id, severity, kind, summary, check, blocks_build)
        return check

    return register


class Workspace:
    """The documents checked together (a folder, or the files named), for rules that look across files.

    ``documents`` are the loaded files (anything with ``kind``, ``model``,
    ``path`` and ``source``); ``open`` loads a file a document refers to by
    path (a report's roadmap) through the same loader, once.
    """

    def __init__(self, documents: list[Any], open: Callable[[Any], Any] | None = None):
        self.documents = documents
        self._open = open
        self._opened: dict[str, Any] = {}

    def of_kind(self, kind: str) -> list[Any]:
        return [d for d in self.documents if d.kind == kind and d.model is not None]

    def open(self, path: Any) -> Any:
        """The loaded document at ``path`` (already in the run, or read now); None when there is no loader."""
        from pathlib import Path

        key = str(Path(path).resolve())
        for document in self.documents:
            if str(Path(document.path).resolve()) == key:
                return document
        if key not in self._opened and self._open is not None:
            self._opened[key] = self._open(Path(path))
        return self._opened.get(key)


class Context:
    """Everything a rule may look at: the model, the file's text positions, the catalog, the other files."""

    def __init__(
        self,
        model: Any,
        doc: YamlDocument,
        catalog: Any = None,
        workspace: Workspace | None = None,
        document: Any = None,
    ):
        self.model = model
        self.doc = doc
        self.catalog = catalog
        self.workspace = workspace or Workspace([])
        self.document = document  # the loaded document being checked (for cross-file rules)
        self.current: Rule | None = None
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A fact several rules of this file need (a report's linked roadmap), computed once per check.

        The one declared place for derived state: rules never set attributes of their own on the context.
        """
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]

    def has(self, loc: tuple) -> bool:
        """Whether the file itself writes the value at ``loc`` (not a default)."""
        return loc in self.doc.values

    def problem(self, loc: tuple, message: str, severity: Severity | None = None, key: bool = False) -> Problem:
        assert self.current is not None
        where = self.doc.key_position(loc) if key else self.doc.locate(loc)
        return Problem(
            self.current.id, severity or self.current.severity, message, self.doc.path, where.line, where.column
        )


def rules_for(kind: str) -> list[Rule]:
    """The rules of one kind, importing only the modules that define them."""
    from ..kinds import KINDS

    if kind in KINDS:
        KINDS[kind].load_rules()
    for module in COMMON_MODULES:
        importlib.import_module(module, __package__)
    return [r for r in RULES.values() if r.kind in (kind, ANY_KIND)]


COMMON_MODULES = (".links", ".text")


def all_rules() -> list[Rule]:
    """Every rule, by kind (in the registry's order), then by where it is written: the same order whatever was imported
    first.
    """
    from ..kinds import KINDS, all_rule_modules

    for module in all_rule_modules():
        importlib.import_module(module)
    kinds = list(KINDS)

    common = {f"{__package__}{name}" for name in COMMON_MODULES}

    def place(rule: Rule) -> tuple:
        kind = kinds.index(rule.kind) if rule.kind in kinds else len(kinds)
        check = getattr(rule.check, "__wrapped__", rule.check)  # a decorated rule is ordered where it is written
        return (kind, check.__module__ in common, check.__module__, check.__code__.co_firstlineno)

    return sorted(RULES.values(), key=place)
