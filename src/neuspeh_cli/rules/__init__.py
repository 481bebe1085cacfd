"""The method's rules: each with a stable id, a severity and a Russian summary.

A rule is a function that receives a ``Context`` and yields problems made with
``ctx.problem(loc, message)``. The registry feeds ``validate``, the README's
rule list and ``neuspeh rules``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..problems import Problem, Severity
from ..reading.yamlread import YamlDocument


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    kind: str  # "roadmap", "programme" or "report"
    summary: str
    check: Callable[[Context], Iterable[Problem]]


RULES: dict[str, Rule] = {}


def rule(id: str, severity: Severity, summary: str, kind: str = "roadmap"):
    def register(check: Callable[[Context], Iterable[Problem]]):
        if id in RULES:
            raise RuntimeError(f"rule {id} registered twice")
        RULES[id] = Rule(id, severity, kind, summary, check)
        return check

    return register


class Context:
    """Everything a rule may look at: the model, the raw document with positions, the catalog."""

    def __init__(self, model: Any, doc: YamlDocument, catalog: Any = None, linked: Any = None):
        self.model = model
        self.doc = doc
        self.catalog = catalog
        self.linked = linked  # for a report: its roadmap and previous report (report_links.ReportLinks)
        self.current: Rule | None = None

    def problem(self, loc: tuple, message: str, severity: Severity | None = None, key: bool = False) -> Problem:
        assert self.current is not None
        where = self.doc.key_position(loc) if key else self.doc.locate(loc)
        return Problem(self.current.id, severity or self.current.severity, message, self.doc.path, where.line, where.column)


RULE_MODULES = {"roadmap": "roadmap", "programme": "programme", "report": "report"}


def run_rules(ctx: Context, kind: str) -> list[Problem]:
    # Importing a module registers its rules; only the kind at hand is loaded,
    # so checking a roadmap never pays for the programme's models.
    import importlib

    importlib.import_module(f".{RULE_MODULES[kind]}", __package__)
    problems: list[Problem] = []
    for rule_ in RULES.values():
        if rule_.kind != kind:
            continue
        ctx.current = rule_
        problems.extend(rule_.check(ctx))
    return problems


def all_rules() -> list[Rule]:
    from . import programme, report, roadmap  # noqa: F401

    return list(RULES.values())
