"""The words of the document: abbreviations the reader can look up, typography of an official paper."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...domain.reference import abbreviations_in, known_abbreviations
from ...domain.roadmap import Roadmap
from ...problems import Problem
from .. import Context, rule
from ._shared import I, W, roadmap_of


def _texts(roadmap: Roadmap) -> Iterable[tuple[tuple, str]]:
    for i, school in enumerate(roadmap.schools):
        yield ("schools", i, "name"), school.name
    for i, finding in enumerate(roadmap.audit):
        if finding.title:
            yield ("audit", i, "title"), finding.title
    for i, event in enumerate(roadmap.events):
        for key in ("name", "form", "contingent", "place", "dates", "responsible"):
            yield ("events", i, key), getattr(event, key)
    for i, indicator in enumerate(roadmap.monitoring.indicators):
        if isinstance(indicator, str):
            yield ("monitoring", "indicators", i), indicator
        else:
            yield ("monitoring", "indicators", i, "text"), indicator.text


@rule("abbreviation-unknown", W, "Сокращение без расшифровки: его не будет в перечне сокращений документа.")
def abbreviation_unknown(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    known = set(known_abbreviations()) | set(roadmap.abbreviations)
    reported: set[str] = set()
    read: set[str] = set()
    for loc, text in _texts(roadmap):
        if text in read:
            continue  # its abbreviations are known or reported already («УО, ТМС» of every event)
        read.add(text)
        for abbr in abbreviations_in(text):
            if abbr not in known and abbr not in reported:
                reported.add(abbr)
                yield ctx.problem(
                    loc,
                    f"сокращение «{abbr}» без расшифровки: добавьте в abbreviations строку «{abbr}: расшифровка» или "
                    "напишите полностью",
                )


_STRAIGHT_QUOTES = re.compile(r'"')
_NUMBER_SIGN = re.compile(r"№(?=\d)")
_HYPHEN_AS_DASH = re.compile(r"\s-\s")


@rule("typography", I, "Типографика: кавычки «», знак № с пробелом, тире вместо дефиса между словами.")
def typography(ctx: Context) -> Iterable[Problem]:
    for loc, text in _texts(roadmap_of(ctx)):
        # A substring test first: most texts have neither quotes, nor №, nor a hyphen.
        if '"' in text and _STRAIGHT_QUOTES.search(text):
            yield ctx.problem(loc, f'«{text}»: вместо прямых кавычек "…" используйте «ёлочки»')
        if "№" in text and _NUMBER_SIGN.search(text):
            yield ctx.problem(loc, f"«{text}»: после № ставится пробел: «{_NUMBER_SIGN.sub('№ ', text)}»")
        if "-" in text and _HYPHEN_AS_DASH.search(text):
            yield ctx.problem(loc, f"«{text}»: между словами ставится тире «–», а не дефис")
