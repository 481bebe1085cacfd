"""What the roadmap's rule modules share."""

from __future__ import annotations

from ...domain.roadmap import Roadmap
from ...problems import Severity
from .. import Context

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
METHODICAL_SERVICE = "methodical-service"  # factor 11 concerns УО/ТМС, not schools


def roadmap_of(ctx: Context) -> Roadmap:
    return ctx.model


def number_ref(i: int, event=None) -> str:
    """«№ 3 (e05)»: the number section II prints, and the id the file has (to find it in the file)."""
    own = getattr(event, "id", "") or ""
    return f"№ {i + 1}" + (f" ({own})" if own else "")


def numbered(i: int, event=None) -> str:
    """How a message names an event: «мероприятие № 3 (e05)» — as the document prints it, and as the file names it."""
    return f"мероприятие {number_ref(i, event)}"


def flow(values: list[str]) -> str:
    """A YAML flow list to copy into the file: [a, b]."""
    return "[" + ", ".join(values) + "]"


def misspelt_parameters(roadmap: Roadmap, catalog) -> dict[str, str]:
    """Section I's parameter ids that are not in the catalog but one slip off a catalog id: written → meant.

    One message (``parameter-unknown``) says to fix the audit; the rules that would otherwise
    report the same slip from the events' side (not addressed, dangling code) stay silent.
    """
    import difflib

    found = {}
    for finding in roadmap.audit:
        if finding.parameter and finding.parameter not in catalog.parameters:
            match = difflib.get_close_matches(finding.parameter, list(catalog.parameters), n=1, cutoff=0.8)
            if match:
                found[finding.parameter] = match[0]
    return found
