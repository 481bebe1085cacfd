"""What a check reports: a problem with a rule id, a severity and a place."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "ошибка", "warning": "предупреждение", "info": "замечание"}[self.value]


@dataclass(frozen=True)
class Problem:
    rule: str
    severity: Severity
    message: str
    path: str
    line: int = 1
    column: int = 1
    # in a Word or Excel file: «таблица 2, строка 14, графа «Сроки»» (line and column are then of the data read from it)
    place: str = ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @property
    def where(self) -> str:
        if self.place:
            return f"{self.path}, {self.place}"
        return f"{self.path}:{self.line}:{self.column}"


MAX_PER_FILE = 200
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def cap_problems(problems: list[Problem], limit: int = MAX_PER_FILE) -> list[Problem]:
    """At most ``limit`` problems of a file, then one line counting the rest.

    A hostile or badly broken file must not print tens of thousands of lines;
    the counting line carries the gravest severity of what it hides, so the
    exit code does not change.
    """
    if len(problems) <= limit:
        return problems
    shown, hidden = problems[:limit], problems[limit:]
    worst = min((p.severity for p in hidden), key=_ORDER.__getitem__)
    last = shown[-1]
    message = f"и ещё {len(hidden)} сообщений не показано: исправьте перечисленные выше и проверьте файл снова"
    return [*shown, Problem("more-problems", worst, message, last.path, last.line, last.column)]


def exit_code(problems: list[Problem], strict: bool = False) -> int:
    """0 — no errors; 1 — errors (or warnings with ``strict``); 2 — a file could not be read; 3 — a defect of the
    tool.
    """
    if any(p.rule == "internal-error" for p in problems):
        return 3
    if any(p.rule == "read-error" for p in problems):
        return 2
    if any(p.severity is Severity.ERROR for p in problems):
        return 1
    if strict and any(p.severity is Severity.WARNING for p in problems):
        return 1
    return 0
