"""Shipped reference data besides the factors: event forms and abbreviations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache


@dataclass(frozen=True)
class FormEntry:
    """One form of event: its name, the stage of the management cycle, whether the method names it.

    ``source`` is the regular expression from ``catalog/forms.yaml``; it is
    compiled at its first use, and only tried on a text holding one of its
    literal stems (``stems``), so that checking a roadmap does not pay for
    compiling the whole vocabulary.
    """

    term: str
    stage: int
    method: bool
    source: str
    also: tuple[str, ...] = ()

    @cached_property
    def pattern(self) -> re.Pattern:
        return re.compile(self.source)

    @cached_property
    def stems(self) -> tuple[str, ...] | None:
        """Literal beginnings, one of which every match contains; ``None`` when the expression has none to offer."""
        return literal_stems(self.source)

    def matches(self, normalised: str) -> bool:
        stems = self.stems
        if stems is not None and not any(stem in normalised for stem in stems):
            return False
        return self.pattern.search(normalised) is not None


def _top_level_alternatives(source: str) -> list[str]:
    parts, depth, in_class, escaped, start = [], 0, False, False, 0
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


_LEADING = re.compile(r"^(?:\\b|\(\?<!(?:[^()\\]|\\.)*\))*")


def literal_stems(source: str) -> tuple[str, ...] | None:
    """The literal text each top-level alternative of ``source`` begins with (after ``\\b`` and look-behinds).

    «\\bсеминар» → («семинар»,); «\\bиом\\b|индивидуальн\\w* образовательн» → («иом», «индивидуальн»);
    ``None`` if some alternative begins with a group or class, or with fewer than two letters.
    """
    stems = []
    for alternative in _top_level_alternatives(source):
        body = _LEADING.sub("", alternative)
        stem = []
        for i, ch in enumerate(body):
            if not (ch.isalnum() or ch in " -"):
                break
            if i + 1 < len(body) and body[i + 1] in "?*{":
                break
            stem.append(ch)
        if len(stem) < 2:
            return None
        stems.append("".join(stem))
    return tuple(stems)


def _shipped_yaml(name: str):
    """A data file shipped with the package: trusted and position-free, so the plain safe loader (C if built) will
    do.
    """
    from importlib.resources import files

    import yaml

    text = files("neuspeh_cli.catalog").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def form_vocabulary() -> tuple[dict[int, str], list[FormEntry]]:
    """The stages (number → name) and every known form, as shipped in ``catalog/forms.yaml``."""
    data = _shipped_yaml("forms.yaml")
    entries = [
        FormEntry(f["term"], int(f["stage"]), bool(f["method"]), f["pattern"], tuple(f.get("also") or ()))
        for f in data["forms"]
    ]
    return {int(k): v for k, v in data["stages"].items()}, entries


@dataclass(frozen=True)
class StageForms:
    number: int
    title: str
    forms: tuple[FormEntry, ...]


def forms_by_stage() -> list[StageForms]:
    """The vocabulary grouped by stage (1–4), forms the method names first, each group in file order."""
    stages, entries = form_vocabulary()
    return [
        StageForms(n, title, tuple(sorted((e for e in entries if e.stage == n), key=lambda e: not e.method)))
        for n, title in sorted(stages.items())
    ]


def normalise(text: str) -> str:
    from ..reading.homoglyphs import fold_to_cyrillic

    return fold_to_cyrillic(text).lower().replace("ё", "е")


@lru_cache(maxsize=4096)
def classify_form(form: str) -> tuple[FormEntry, ...]:
    """Vocabulary entries the form's text matches, in vocabulary order (empty when none)."""
    text = normalise(form)
    _, entries = form_vocabulary()
    return tuple(e for e in entries if e.matches(text))


def form_stages(form: str) -> set[int]:
    """The stages of the management cycle a form belongs to (empty for an unknown form)."""
    return {e.stage for e in classify_form(form)}


@lru_cache(maxsize=1)
def known_abbreviations() -> dict[str, str]:
    return dict(_shipped_yaml("abbreviations.yaml"))


# Two to six capitals not preceded by a letter: the look-behind comes after the first capital, so that
# the expression starts with a character class the regex engine scans for (twice as fast over a file's texts).
ABBREVIATION_RE = re.compile(r"([А-ЯЁ](?<![А-ЯЁа-яёA-Za-z][А-ЯЁ])[А-ЯЁ]{1,5})(?:[а-яё]{0,3})(?![А-ЯЁа-яёA-Za-z])")


def abbreviations_in(text: str) -> list[str]:
    """Upper-case Cyrillic abbreviations in a text, inflected forms reduced («СУЗов» → «СУЗ»)."""
    return ABBREVIATION_RE.findall(text)
