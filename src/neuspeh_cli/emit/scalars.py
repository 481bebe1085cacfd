"""A value as YAML text: plain where it reads back unchanged, else double-quoted; flow lists; comments."""

from __future__ import annotations

import json
import re
from functools import lru_cache

# Text that is certainly a plain YAML string: it starts with a Cyrillic letter or «
# (so it cannot be a number, a bool, null or an indicator) and holds nothing that
# ends a plain scalar. Everything else goes through the round-trip probe, which
# parses a document per value: 1,000 imported events would spend a second there.
_PLAIN_TEXT = re.compile(r"[А-ЯЁа-яё«][^\n\t]*")
_PLAIN_ID = re.compile(r"[a-z][a-z0-9._-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@lru_cache(maxsize=4096)
def yaml_scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when it reads back unchanged, else double-quoted.

    ``flow`` — the value stands inside «[…]» or «{…}», where commas and brackets end it.
    """
    if value and value == value.strip():
        if _PLAIN_ID.fullmatch(value) and value not in _YAML_WORDS:
            return value
        plain = _PLAIN_TEXT.fullmatch(value) and ": " not in value and " #" not in value and not value.endswith(":")
        if plain and not (flow and re.search(r"[,\[\]{}]", value)):
            return value
    return _probed(value, flow)


def _probed(value: str, flow: bool) -> str:
    import yaml

    if value and value == value.strip():
        probe = f"{{k: {value}}}" if flow else f"k: {value}"
        try:
            if yaml.safe_load(probe) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    """«[sosh5, sosh10]»."""
    return "[" + ", ".join(yaml_scalar(i, flow=True) for i in items) + "]"


def comment(text: str, indent: int = 0) -> list[str]:
    """A block of «# …» lines at ``indent`` from a text of one or more lines (blank lines stay «#»)."""
    pad = " " * indent
    return [f"{pad}# {line}".rstrip() for line in text.strip("\n").splitlines()]
