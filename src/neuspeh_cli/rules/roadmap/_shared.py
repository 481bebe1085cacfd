"""What the roadmap's rule modules share."""

from __future__ import annotations

from ...domain.roadmap import Roadmap
from ...problems import Severity
from .. import Context

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
METHODICAL_SERVICE = "methodical-service"  # factor 11 concerns УО/ТМС, not schools


def roadmap_of(ctx: Context) -> Roadmap:
    return ctx.model


def numbered(i: int) -> str:
    """How a message names an event: by its number in section II, as the document prints it."""
    return f"мероприятие № {i + 1}"


def flow(values: list[str]) -> str:
    """A YAML flow list to copy into the file: [a, b]."""
    return "[" + ", ".join(values) + "]"
