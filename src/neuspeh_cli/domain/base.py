"""The one base of every data model: what all document kinds agree on.

* Unknown keys are errors (a typo must not be silently ignored).
* Text is stripped; a key left empty («place:») means the field's default, so
  a half-filled draft loads and the rules say what is missing, with its place.
* A number written where the format wants text is taken exactly as written in
  the file: «number: 044» is «044», «dates: 03.2025» is «03.2025». The YAML
  reader hands such scalars over as ``TextInt`` / ``TextFloat``, which remember
  their source text.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


def _types_in(annotation: Any) -> set:
    """Every class an annotation admits, looking inside unions, lists and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return {annotation}
    found: set = set() if origin is typing.Union or str(origin) == "<class 'types.UnionType'>" else {origin}
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) or typing.get_origin(arg) is not None:
            found |= _types_in(arg)
    return found


def as_written(value: Any) -> Any:
    """The source text of a number the reader kept (``TextInt``, ``TextFloat``); anything else unchanged."""
    if type(value) is str:  # the common case, without a failing attribute lookup
        return value
    raw = getattr(value, "raw", None)
    return raw if isinstance(raw, str) else value


class DataModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        text, empty_means_default = set(), {}
        for name, field in cls.model_fields.items():
            types = _types_in(field.annotation)
            if str in types and not ({int, float, bool} & types):
                text.add(name)
            if field.default_factory in (list, dict):
                empty_means_default[name] = field.default_factory
            elif field.default == "" and str in types:
                empty_means_default[name] = str
        cls._text_fields = frozenset(text)
        cls._empty_means_default = empty_means_default

    @model_validator(mode="before")
    @classmethod
    def _as_the_user_wrote_it(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fixed = None
        for name, value in data.items():
            if type(value) is str:
                continue  # most values: text stays as it is whatever the field
            new = value
            if value is None and name in cls._empty_means_default:
                new = cls._empty_means_default[name]()
            elif name in cls._text_fields:
                if isinstance(value, list):
                    # A list of plain text (ids, groups) stays as it is: no copy of the list, nor of the mapping.
                    if not all(type(v) is str for v in value):
                        new = [as_written(v) for v in value]
                else:
                    new = as_written(value)
            if new is not value:
                fixed = fixed if fixed is not None else dict(data)
                fixed[name] = new
        return data if fixed is None else fixed
