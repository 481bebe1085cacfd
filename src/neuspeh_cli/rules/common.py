"""Helpers shared by rules of every kind."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..domain.dates import parse_dates
from ..problems import Problem, Severity
from . import Context


def closest(word: str, options: Iterable[str]) -> str:
    """« (может быть, «…»?)» with the nearest option, or "" when nothing is near."""
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (может быть, «{match[0]}»?)" if match else ""


def repeats(keys: Iterable[Any]) -> Iterable[tuple[int, int]]:
    """(index, index of its first occurrence) for every key seen before; empty keys are skipped."""
    first: dict = {}
    for i, key in enumerate(keys):
        if not key:
            continue
        if key in first:
            yield i, first[key]
        else:
            first[key] = i


def key_or_item(ctx: Context, loc: tuple) -> tuple[tuple, bool]:
    """``loc`` when the file writes that key, else its parent item; and whether to point at the key."""
    if ctx.has(loc):
        return loc, True
    return loc[:-1], False


def date_order_problems(ctx: Context, loc: tuple, text: str, year: int) -> Iterable[Problem]:
    phrase = parse_dates(text)
    for span in phrase.inverted_spans(year):
        yield ctx.problem(
            loc,
            f"период «{text}» перевёрнут: {span.start.label()} позже, чем {span.end.label()}; проверьте год или "
            "порядок месяцев",
            severity=Severity.ERROR,
        )
    pair = phrase.out_of_order(year)
    if pair:
        before, after = pair
        yield ctx.problem(
            loc,
            f"даты «{text}» не по порядку: {after.start.label()} раньше, чем {before.end.label()}; перечислите по "
            "времени",
        )
