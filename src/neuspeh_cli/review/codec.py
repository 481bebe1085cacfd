"""The review cache's data format: JSON that can only ever become facts, never run code.

The cache folder is writable by whoever runs the tool, and a pickle from it
ran a command in the reviewer's process (issue 21). These entries are JSON;
decoding builds only plain values, tuples, lists, dicts and the named tuples
and enumerations of the review's own modules (``REGISTRY``), by name — a
foreign or damaged entry is a ``ValueError`` and the file is simply checked
again.

Encoding keeps what pickle kept: a tuple stays a tuple, a named tuple its
class, an enumeration member its class, a dict with other keys than strings
its keys. A roadmap's events (``facts.Events``) stay packed: they are a JSON
text of their own after the facts, separated by a tab (JSON text never holds a
raw one), decoded only when something reads them, so a review of 2,500 cached
files never decodes 150,000 events it does not look at.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from functools import cache, lru_cache
from typing import Any

from .facts import Events

# One key per tagged object; anything else in the data is a plain JSON value or array.
TUPLE, LIST, DICT, PAIRS, SET, NAMED, ENUM, EVENTS = "t", "l", "d", "p", "s", "n", "e", "E"

MODULES = ("neuspeh_cli.review.facts", "neuspeh_cli.review.checklist")


@lru_cache(maxsize=1)
def registry() -> dict[str, type]:
    """The classes an entry may name: named tuples and enumerations defined in the review's fact modules."""
    import importlib

    found: dict[str, type] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        short = module_name.rsplit(".", 1)[1]
        for value in vars(module).values():
            if not isinstance(value, type) or value.__module__ != module_name:
                continue
            if (issubclass(value, tuple) and hasattr(value, "_fields")) or issubclass(value, Enum):
                found[f"{short}.{value.__qualname__}"] = value
    return found


@cache
def _name(cls: type) -> str:
    name = f"{cls.__module__.rsplit('.', 1)[1]}.{cls.__qualname__}"
    if registry().get(name) is not cls:
        raise TypeError(f"{cls!r} is not a class the cache may hold: add its module to codec.MODULES")
    return name


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any, side: list[str]) -> Any:
    """``value`` as JSON-ready data; packed events go to ``side``. Raises ``TypeError`` for what the cache cannot
    hold.

    By exact type first, and a scalar inside a tuple or a list is taken as it is without a call: facts are
    mostly named tuples of strings and numbers (a worker encodes 2,000 values per roadmap).
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple:
        return {TUPLE: [v if type(v) in _SCALARS else _plain(v, side) for v in value]}
    if isinstance(value, Enum):
        return {ENUM: [_name(kind), value.value]}
    if isinstance(value, tuple):
        return {NAMED: [_name(kind), [v if type(v) in _SCALARS else _plain(v, side) for v in value]]}
    if isinstance(value, Events):
        side.append(encode(tuple(value)))
        return {EVENTS: [len(value), len(side)]}
    if isinstance(value, list):
        return {LIST: [v if type(v) in _SCALARS else _plain(v, side) for v in value]}
    if isinstance(value, dict):
        if all(type(k) is str for k in value):
            # Keys and values in one flat array: a JSON object in an entry is always a tag, never data.
            return {DICT: [x for k, v in value.items() for x in (k, _plain(v, side))]}
        return {PAIRS: [[_plain(k, side), _plain(v, side)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        return {SET: [_plain(v, side) for v in sorted(value, key=repr)]}
    raise TypeError(f"the review cache cannot hold {type(value).__name__}")


def encode(value: Any) -> str:
    """The JSON text of facts (and, after tabs, of their packed events). Raises ``TypeError`` for a value the cache does
    not know.
    """
    side: list[str] = []
    text = json.dumps(_plain(value, side), ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return "\t".join([text, *side])


class _PackedEvents(Events):
    """Events kept as their JSON text until first read (``Events`` with another unpacking)."""

    __slots__ = ()

    def _all(self):
        if self._items is None:
            items = decode(self._blob)
            if not isinstance(items, tuple):
                raise ValueError("events of a cache entry are not a sequence")
            self._items, self._blob = items, None
        return self._items

    def __reduce__(self):
        return Events, (self._all(),)


@lru_cache(maxsize=1)
def _classes() -> tuple[dict[str, tuple[type, int]], dict[str, type]]:
    """(named tuples with their number of fields, enumerations) by name: looked up once per decoded object."""
    named = {name: (cls, len(cls._fields)) for name, cls in registry().items() if issubclass(cls, tuple)}
    enums = {name: cls for name, cls in registry().items() if issubclass(cls, Enum)}
    return named, enums


def _hook(parts: list) -> Callable[[list], Any]:
    """The ``object_pairs_hook`` of one entry: the parser hands each object's pairs over without building a dict.

    A closure over locals, and a named tuple with all its fields built as a plain tuple of its class (its
    generated ``__new__`` only fills defaults in): a review of 2,500 cached files decodes 200,000 of them.
    """
    named, enums = _classes()
    new = tuple.__new__

    def hook(pairs: list) -> Any:
        ((tag, body),) = pairs
        if tag == NAMED:
            cls, size = named[body[0]]
            fields = body[1]
            return new(cls, fields) if type(fields) is list and len(fields) == size else cls(*fields)
        if tag == TUPLE:
            return tuple(body)
        if tag == DICT:
            return dict(zip(body[::2], body[1::2]))
        if tag == ENUM:
            return enums[body[0]](body[1])
        if tag == PAIRS:
            return {k: v for k, v in body}
        if tag == LIST:
            return body
        if tag == EVENTS:
            length, at = body
            if type(length) is not int or type(at) is not int or not 0 < at < len(parts):
                raise ValueError("damaged events in a cache entry")
            return _PackedEvents._packed(parts[at], length)
        if tag == SET:
            return set(body)
        raise ValueError(f"unknown tag in a cache entry: {tag!r}")

    return hook


def decode(text: str | bytes) -> Any:
    """Facts from their text (``encode``). Raises ``ValueError`` for anything that is not an entry this code wrote.

    Only the classes of ``registry()`` are ever built (an unknown name is a
    ``KeyError``, turned into ``ValueError``); nothing in an entry can name
    a function, a module or anything else to call.
    """
    parts = text.split(b"\t" if isinstance(text, bytes) else "\t")
    try:
        return json.loads(parts[0], object_pairs_hook=_hook(parts))
    except (TypeError, KeyError, IndexError, RecursionError) as exc:
        raise ValueError(f"damaged cache entry: {exc.__class__.__name__}") from None
