"""Rules about how the text of any data file was typed, whatever its kind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain.reference import known_abbreviations
from ..problems import Problem, Severity
from ..reading.homoglyphs import find_homoglyphs, has_mixed_scripts, may_have_homoglyphs
from . import ANY_KIND, Context, rule


def _strings(data: Any, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


@rule(
    "mixed-letters",
    Severity.WARNING,
    "Латинские буквы в русском слове или русские в латинском («Oктябрь», «ТMC»): слово выглядит верно, но не "
    "находится и не сверяется.",
    kind=ANY_KIND,
)
def mixed_letters(ctx: Context) -> Iterable[Problem]:
    if ctx.doc.text and not may_have_homoglyphs(ctx.doc.text):
        return
    words = frozenset(known_abbreviations())
    for path, text in _strings(ctx.doc.data):
        if not has_mixed_scripts(text):
            continue
        for found in find_homoglyphs(text, words):
            yield ctx.problem(path, found.message)
