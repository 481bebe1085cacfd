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

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def exit_code(problems: list[Problem], strict: bool = False) -> int:
    """0 — no errors; 1 — errors (or warnings with ``strict``); 2 — a file could not be read."""
    if any(p.rule == "read-error" for p in problems):
        return 2
    if any(p.severity is Severity.ERROR for p in problems):
        return 1
    if strict and any(p.severity is Severity.WARNING for p in problems):
        return 1
    return 0
