"""Shipped reference data besides the factors: event forms and abbreviations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FormEntry:
    term: str
    stage: int
    method: bool
    pattern: re.Pattern


def _shipped_yaml(name: str):
    from importlib.resources import files

    from ..reading.yamlread import read_yaml_text

    text = files("neuspeh_cli.catalog").joinpath(name).read_text(encoding="utf-8")
    return read_yaml_text(text, f"catalog/{name}").data


@lru_cache(maxsize=1)
def form_vocabulary() -> tuple[dict[int, str], list[FormEntry]]:
    data = _shipped_yaml("forms.yaml")
    entries = [FormEntry(f["term"], int(f["stage"]), bool(f["method"]), re.compile(f["pattern"])) for f in data["forms"]]
    return {int(k): v for k, v in data["stages"].items()}, entries


def normalise(text: str) -> str:
    return text.lower().replace("ё", "е")


def classify_form(form: str) -> list[FormEntry]:
    """Vocabulary entries the form's text matches, most specific (method) first."""
    text = normalise(form)
    _, entries = form_vocabulary()
    return [e for e in entries if e.pattern.search(text)]


@lru_cache(maxsize=1)
def known_abbreviations() -> dict[str, str]:
    return dict(_shipped_yaml("abbreviations.yaml"))


ABBREVIATION_RE = re.compile(r"(?<![А-ЯЁа-яёA-Za-z])([А-ЯЁ]{2,6})(?:[а-яё]{0,3})(?![А-ЯЁа-яёA-Za-z])")


def abbreviations_in(text: str) -> list[str]:
    """Upper-case Cyrillic abbreviations in a text, inflected forms reduced («СУЗов» → «СУЗ»)."""
    return ABBREVIATION_RE.findall(text)
