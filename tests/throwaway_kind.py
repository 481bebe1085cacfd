"""A kind of document that exists only in tests/test_kinds.py: a «служебная записка» with a title and items.

It is registered in ``kinds.KINDS`` for one test and must flow through validate, build, schema and review
with nothing but this module and that one entry.
"""

from __future__ import annotations

from neuspeh_cli.domain.base import DataModel
from neuspeh_cli.problems import Severity
from neuspeh_cli.rules import Context, rule


class Memo(DataModel):
    """Служебная записка."""

    kind: str = "memo"
    memo: str
    municipality: str = ""
    items: list[str] = []


@rule("memo-no-items", Severity.ERROR, "в записке нет ни одного пункта", kind="memo")
def no_items(ctx: Context):
    if not ctx.model.items:
        yield ctx.problem(("memo",), "в записке нет ни одного пункта: допишите «items»")


def document_context(document, options) -> dict:
    return {"memo": document.model.memo, "items": list(document.model.items)}


def review_facts(document) -> dict:
    return {"items": len(document.model.items), "municipality": document.model.municipality}
