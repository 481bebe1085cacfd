"""Shipped reference data besides the factors: event forms and abbreviations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FormEntry:
    """One form of event: its name, the stage of the management cycle, whether the method names it."""

    term: str
    stage: int
    method: bool
    pattern: re.Pattern
    also: tuple[str, ...] = ()


def _shipped_yaml(name: str):
    from importlib.resources import files

    from ..reading.yamlread import read_yaml_text

    text = files("neuspeh_cli.catalog").joinpath(name).read_text(encoding="utf-8")
    return read_yaml_text(text, f"catalog/{name}").data


@lru_cache(maxsize=1)
def form_vocabulary() -> tuple[dict[int, str], list[FormEntry]]:
    """The stages (number → name) and every known form, as shipped in ``catalog/forms.yaml``."""
    data = _shipped_yaml("forms.yaml")
    entries = [FormEntry(f["term"], int(f["stage"]), bool(f["method"]), re.compile(f["pattern"]), tuple(f.get("also") or ())) for f in data["forms"]]
    return {int(k): v for k, v in data["stages"].items()}, entries


@dataclass(frozen=True)
class StageForms:
    number: int
    title: str
    forms: tuple[FormEntry, ...]


def forms_by_stage() -> list[StageForms]:
    """The vocabulary grouped by stage (1–4), forms the method names first, each group in file order."""
    stages, entries = form_vocabulary()
    return [StageForms(n, title, tuple(sorted((e for e in entries if e.stage == n), key=lambda e: not e.method))) for n, title in sorted(stages.items())]


def normalise(text: str) -> str:
    from .homoglyphs import fold_to_cyrillic

    return fold_to_cyrillic(text).lower().replace("ё", "е")


@lru_cache(maxsize=4096)
def classify_form(form: str) -> tuple[FormEntry, ...]:
    """Vocabulary entries the form's text matches, in vocabulary order (empty when none)."""
    text = normalise(form)
    _, entries = form_vocabulary()
    return tuple(e for e in entries if e.pattern.search(text))


def form_stages(form: str) -> set[int]:
    """The stages of the management cycle a form belongs to (empty for an unknown form)."""
    return {e.stage for e in classify_form(form)}


@lru_cache(maxsize=1)
def known_abbreviations() -> dict[str, str]:
    return dict(_shipped_yaml("abbreviations.yaml"))


ABBREVIATION_RE = re.compile(r"(?<![А-ЯЁа-яёA-Za-z])([А-ЯЁ]{2,6})(?:[а-яё]{0,3})(?![А-ЯЁа-яёA-Za-z])")


def abbreviations_in(text: str) -> list[str]:
    """Upper-case Cyrillic abbreviations in a text, inflected forms reduced («СУЗов» → «СУЗ»)."""
    return ABBREVIATION_RE.findall(text)
