"""The one base of every data model: what all document kinds agree on.

* Unknown keys are errors (a typo must not be silently ignored).
* Text is stripped; a key left empty («place:») means the field's default, so
  a half-filled draft loads and the rules say what is missing, with its place.
* A number written where the format wants text is taken exactly as written in
  the file: «number: 044» is «044», «dates: 03.2025» is «03.2025». The YAML
  reader hands such scalars over as ``TextInt`` / ``TextFloat``, which remember
  their source text.

The models are declared here without pydantic: importing pydantic and building
its validators costs more than the rest of `validate` (docs/benchmarks.md, issue 23).
A declaration is read once into a plain constructor that takes a file's data when
every value is plainly of the declared type (the usual case), and a pydantic model
derived from the same declaration (``pydantic_model``) validates everything else:
coercions, and the errors told in Russian by ``reading/schema_errors.py``, the JSON
schema. The two give the same objects (tests/test_fast_models.py compares them).
"""

from __future__ import annotations

import re
import types
import typing
from functools import partial
from typing import Any

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "PydanticUndefined"})()
_CONSTRAINTS = ("ge", "le", "min_length", "max_length", "pattern")


class FieldInfo:
    """What a ``Field(...)`` declares: the default, the description and the constraints (pydantic's names)."""

    __slots__ = ("alias", "annotation", "constraints", "default", "default_factory", "description")

    def __init__(self, default: Any = _MISSING, *, default_factory: Any = None, description: str | None = None, **kw):
        unknown = set(kw) - set(_CONSTRAINTS)
        if unknown:
            raise TypeError(f"Field: unknown arguments {sorted(unknown)}")
        self.default = default
        self.default_factory = default_factory
        self.description = description
        self.constraints = {k: v for k, v in kw.items() if v is not None}
        self.annotation: Any = None
        self.alias = None

    def is_required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def pydantic_kwargs(self) -> dict:
        kwargs: dict = dict(self.constraints)
        if self.default_factory is not None:
            kwargs["default_factory"] = self.default_factory
        elif self.default is not _MISSING:
            kwargs["default"] = self.default
        if self.description is not None:
            kwargs["description"] = self.description
        return kwargs


def Field(default: Any = _MISSING, **kwargs: Any) -> Any:
    return FieldInfo(default, **kwargs)


class _Hook:
    """A validator declared on a model: the plain function, run by both the fast constructor and pydantic."""

    def __init__(self, kind: str, mode: str, func: Any, fields: tuple[str, ...] = ()):
        self.kind, self.mode, self.fields = kind, mode, fields
        self.is_class = isinstance(func, classmethod)
        self.func = func.__func__ if self.is_class else func

    def __get__(self, obj: Any, owner: Any) -> Any:
        if self.is_class:
            return self.func.__get__(owner, type(owner))
        return self.func if obj is None else self.func.__get__(obj, owner)


def model_validator(*, mode: str) -> Any:
    return lambda func: _Hook("model", mode, func)


def field_validator(*fields: str, mode: str = "after") -> Any:
    return lambda func: _Hook("field", mode, func, fields)


# What pydantic strips (Rust's White_Space): Python's ``str.strip()`` also takes the separators U+001C–U+001F.
_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


class _Doubt(Exception):
    """The fast constructor is not sure: pydantic decides (and words the error, if any)."""


def _types_in(annotation: Any) -> set:
    """Every class an annotation admits, looking inside unions, lists and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return {annotation}
    found: set = set() if origin is typing.Union or origin is types.UnionType else {origin}
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


class _ClassProperty:
    def __init__(self, getter: Any):
        self.getter = getter

    def __get__(self, obj: Any, owner: Any) -> Any:
        return self.getter(owner)


def _own_annotations(klass: type) -> dict:
    """The names a class itself annotates, in order (not its bases')."""
    if "__annotations__" in klass.__dict__:
        return klass.__dict__["__annotations__"]
    if "__annotate__" in klass.__dict__:  # Python 3.14 evaluates annotations lazily; the attribute is the class's own
        return getattr(klass, "__annotations__", {}) or {}
    return {}


class _Spec:
    """A declaration read once: fields, validators in pydantic's order, converters of the fast constructor."""

    def __init__(self, cls: type):
        hints = typing.get_type_hints(cls, include_extras=True)
        self.fields: dict[str, FieldInfo] = {}
        for klass in reversed(cls.__mro__):
            for name in _own_annotations(klass):
                if name.startswith("_") or typing.get_origin(hints.get(name)) is typing.ClassVar:
                    continue
                declared = klass.__dict__.get(name, _MISSING)
                info = declared if isinstance(declared, FieldInfo) else FieldInfo(declared)
                info.annotation = hints[name]
                self.fields.pop(name, None)
                self.fields[name] = info
        hooks = [(klass, h) for klass in cls.__mro__[::-1] for h in klass.__dict__.values() if isinstance(h, _Hook)]
        # pydantic runs «before» model validators from the subclass up, «after» ones from the base down.
        self.before = [h.func for _, h in reversed(hooks) if h.kind == "model" and h.mode == "before"]
        self.after = [h.func for _, h in hooks if h.kind == "model" and h.mode == "after"]
        self.field_before: dict[str, list] = {}
        self.field_after: dict[str, list] = {}
        for _, h in hooks:
            if h.kind == "field":
                for name in h.fields:
                    (self.field_before if h.mode == "before" else self.field_after).setdefault(name, []).append(h.func)
        strip = cls._strip
        # One step a field, in the order of the fields: (name, converter, default, default factory).
        self.plan = [
            (name, self._step(cls, name, _converter(f.annotation, f.constraints, strip)), f.default, f.default_factory)
            for name, f in self.fields.items()
        ]
        text, empty_means_default = set(), {}
        for name, field in self.fields.items():
            found = _types_in(field.annotation)
            if str in found and not ({int, float, bool} & found):
                text.add(name)
            if field.default_factory in (list, dict):
                empty_means_default[name] = field.default_factory
            elif field.default == "" and str in found:
                empty_means_default[name] = str
        self.text_fields = frozenset(text)
        self.empty_means_default = empty_means_default

    def _step(self, cls: type, name: str, convert: Any) -> Any:
        before = [partial(hook, cls) for hook in self.field_before.get(name, ())]
        after = [partial(hook, cls) for hook in self.field_after.get(name, ())]
        if not before and not after:
            return convert

        def validated(value: Any) -> Any:
            for hook in before:
                value = hook(value)
            value = convert(value)
            for hook in after:
                value = hook(value)
            return value

        return validated


def _check(value: Any, constraints: dict) -> Any:
    for key, limit in constraints.items():
        if key == "ge":
            ok = value >= limit
        elif key == "le":
            ok = value <= limit
        elif key == "min_length":
            ok = len(value) >= limit
        elif key == "max_length":
            ok = len(value) <= limit
        else:  # pattern: pydantic's regex engine agrees with Python's on ASCII; other text goes to pydantic
            ok = value.isascii() and re.search(limit, value) is not None
        if not ok:
            raise _Doubt
    return value


def _converter(annotation: Any, constraints: dict, strip: bool) -> Any:
    """value → the value the model keeps, when it is plainly of the declared type; else ``_Doubt``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        extra = {k: v for meta in args[1:] if isinstance(meta, FieldInfo) for k, v in meta.constraints.items()}
        return _converter(args[0], {**extra, **constraints}, strip)
    if origin is typing.Union or origin is types.UnionType:
        members = [_converter(a, constraints, strip) for a in args]

        def union(value: Any) -> Any:
            for member in members:
                try:
                    return member(value)
                except _Doubt:
                    pass
            raise _Doubt

        return union
    if origin is list or origin is dict:
        return _container(origin, args, constraints, strip)
    if isinstance(annotation, type) and issubclass(annotation, Model):

        def model(value: Any) -> Any:
            if isinstance(value, annotation):
                return value
            return annotation._fast(value)

        return model
    return _scalar(annotation, origin, args, constraints, strip)


def _scalar(annotation: Any, origin: Any, args: tuple, constraints: dict, strip: bool) -> Any:
    if annotation is type(None):

        def none(value: Any) -> Any:
            if value is not None:
                raise _Doubt
            return None

        return none
    if annotation is str:

        def text(value: Any) -> Any:
            if type(value) is not str:
                raise _Doubt
            if strip:
                value = value.strip(_WHITESPACE)
            return _check(value, constraints) if constraints else value

        return text
    if annotation is int or annotation is float:

        def number(value: Any) -> Any:
            if not isinstance(value, (int, float) if annotation is float else int) or isinstance(value, bool):
                raise _Doubt
            value = annotation(value)
            return _check(value, constraints) if constraints else value

        return number
    if annotation is bool:

        def boolean(value: Any) -> Any:
            if type(value) is not bool:
                raise _Doubt
            return value

        return boolean
    if origin is typing.Literal:
        allowed = {(type(a), a) for a in args}

        def literal(value: Any) -> Any:
            try:
                if (type(value), value) in allowed:
                    return value
            except TypeError:  # unhashable: a list or a mapping
                pass
            raise _Doubt

        return literal

    def unknown(value: Any) -> Any:
        raise _Doubt

    return unknown


def _container(origin: Any, args: tuple, constraints: dict, strip: bool) -> Any:
    if origin is list:
        item = _converter(args[0], {}, strip)

        def sequence(value: Any) -> Any:
            if type(value) is not list:
                raise _Doubt
            return _check([item(x) for x in value], constraints) if constraints else [item(x) for x in value]

        return sequence
    key, item = _converter(args[0], {}, strip), _converter(args[1], {}, strip)

    def mapping(value: Any) -> Any:
        if type(value) is not dict:
            raise _Doubt
        return {key(k): item(v) for k, v in value.items()}

    return mapping


class Model:
    """A data model without pydantic; ``pydantic_model(cls)`` derives the pydantic one on demand."""

    _strip = True
    _frozen = False

    def __init__(self, **data: Any) -> None:
        built = type(self).model_validate(data)
        object.__setattr__(self, "__dict__", built.__dict__)

    # ------------------------------------------------------------------------------ the declaration
    @classmethod
    def _spec(cls) -> _Spec:
        spec = cls.__dict__.get("_spec_")
        if spec is None:
            spec = _Spec(cls)
            type.__setattr__(cls, "_spec_", spec)
        return spec

    model_fields = _ClassProperty(lambda cls: cls._spec().fields)
    _text_fields = _ClassProperty(lambda cls: cls._spec().text_fields)
    _empty_means_default = _ClassProperty(lambda cls: cls._spec().empty_means_default)

    # ------------------------------------------------------------------------------ construction
    @classmethod
    def _fast(cls, data: Any) -> Any:
        spec = cls.__dict__.get("_spec_") or cls._spec()
        for hook in spec.before:
            try:
                data = hook(cls, data)
            except Exception:
                raise _Doubt from None
        if type(data) is not dict:
            raise _Doubt
        state = {}
        found = 0
        try:
            for name, convert, default, factory in spec.plan:
                value = data.get(name, _MISSING)
                if value is not _MISSING:
                    state[name] = convert(value)
                    found += 1
                elif factory is not None:
                    state[name] = factory()
                elif default is _MISSING:
                    raise _Doubt
                else:
                    state[name] = default
        except _Doubt:
            raise
        except Exception:  # a validator's refusal: pydantic words it
            raise _Doubt from None
        if found != len(data):  # a key that is no field
            raise _Doubt
        state["_fields_set_"] = set(data)
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", state)
        for hook in spec.after:
            try:
                obj = hook(obj)
            except Exception:
                raise _Doubt from None
        return obj

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """The model of ``data``; pydantic's ``ValidationError`` if it is not one (pydantic is imported then only)."""
        if isinstance(data, cls):
            return data
        try:
            return cls._fast(data)
        except _Doubt:
            pass
        return from_pydantic(pydantic_model(cls).model_validate(to_pydantic(data)))

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict:
        return pydantic_model(cls).model_json_schema(**kwargs)

    # ------------------------------------------------------------------------------ what pydantic's models offer
    @property
    def model_fields_set(self) -> set[str]:
        return self.__dict__["_fields_set_"]

    def model_dump(self, mode: str = "python") -> dict:
        return {name: _dump(getattr(self, name)) for name in type(self)._spec().fields}

    def model_copy(self, update: dict | None = None) -> Any:
        copy = object.__new__(type(self))
        state = {**self.__dict__, **(update or {})}
        state["_fields_set_"] = set(self.__dict__["_fields_set_"]) | set(update or {})
        object.__setattr__(copy, "__dict__", state)
        return copy

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise TypeError(f"{type(self).__name__} is frozen")
        if name not in type(self)._spec().fields and not isinstance(getattr(type(self), name, None), property):
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')
        object.__setattr__(self, name, value)
        self.__dict__["_fields_set_"].add(name)

    def __eq__(self, other: Any) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(self.__dict__[n] == other.__dict__[n] for n in type(self)._spec().fields)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not callable(cls.__dict__.get("__hash__")):  # as pydantic: only a frozen model is hashable
            cls.__hash__ = _frozen_hash if cls._frozen else None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={self.__dict__[n]!r}" for n in type(self)._spec().fields)
        return f"{type(self).__name__}({fields})"

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k in type(self)._spec().fields or k == "_fields_set_"}

    def __setstate__(self, state: dict) -> None:
        object.__setattr__(self, "__dict__", dict(state))


def _frozen_hash(self: Model) -> int:
    return hash(type(self)) + hash(tuple(self.__dict__[n] for n in type(self)._spec().fields))


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.model_dump()
    if type(value) is list:
        return [_dump(x) for x in value]
    if type(value) is dict:
        return {k: _dump(v) for k, v in value.items()}
    return value


def quick(model_class: Any, data: Any) -> Any:
    """The model of ``data`` by the fast constructor alone, or None where pydantic must decide."""
    try:
        return model_class._fast(data)
    except _Doubt:
        return None


# ---------------------------------------------------------------------------------- the derived pydantic models
def pydantic_model(cls: type) -> Any:
    """The pydantic model of a declaration: same name, fields, descriptions, constraints and validators."""
    derived = cls.__dict__.get("_pydantic_")
    if derived is not None:
        return derived
    from pydantic import BaseModel, ConfigDict
    from pydantic import Field as PydanticField
    from pydantic import field_validator as pydantic_field_validator
    from pydantic import model_validator as pydantic_model_validator

    bases = tuple(pydantic_model(b) for b in cls.__bases__ if issubclass(b, Model) and b is not Model)
    namespace: dict[str, Any] = {"__module__": cls.__module__, "__qualname__": cls.__qualname__}
    namespace["__doc__"] = cls.__dict__.get("__doc__")
    if not bases:
        namespace["model_config"] = ConfigDict(extra="forbid", str_strip_whitespace=cls._strip, frozen=cls._frozen)
    annotations = {}
    own = _own_annotations(cls)
    spec = cls._spec()
    for name in own:
        if name in spec.fields:
            annotations[name] = _to_pydantic_type(spec.fields[name].annotation)
            namespace[name] = PydanticField(**spec.fields[name].pydantic_kwargs())
    namespace["__annotations__"] = annotations
    for attribute, hook in cls.__dict__.items():
        if not isinstance(hook, _Hook):
            continue
        func = hook.func
        if hook.kind == "model" and hook.mode == "after":
            wrapped: Any = _named(lambda self, func=func: func(self), attribute)
            namespace[attribute] = pydantic_model_validator(mode="after")(wrapped)
        elif hook.kind == "model":
            wrapped = _named(lambda klass, data, func=func: func(klass._declared, data), attribute)
            namespace[attribute] = pydantic_model_validator(mode="before")(classmethod(wrapped))
        else:
            wrapped = _named(lambda klass, value, func=func: func(klass._declared, value), attribute)
            namespace[attribute] = pydantic_field_validator(*hook.fields, mode=hook.mode)(classmethod(wrapped))
    derived = type(BaseModel)(cls.__name__, bases or (BaseModel,), namespace)
    type.__setattr__(derived, "_declared", cls)
    type.__setattr__(derived, "_text_fields", spec.text_fields)
    type.__setattr__(derived, "_empty_means_default", spec.empty_means_default)
    type.__setattr__(cls, "_pydantic_", derived)
    return derived


def _named(func: Any, name: str) -> Any:
    func.__name__ = func.__qualname__ = name
    return func


def _to_pydantic_type(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return pydantic_model(annotation)
    if isinstance(annotation, FieldInfo):
        from pydantic import Field as PydanticField

        return PydanticField(**annotation.pydantic_kwargs())
    origin = typing.get_origin(annotation)
    if origin is None or origin is typing.Literal:
        return annotation
    args = tuple(_to_pydantic_type(a) for a in typing.get_args(annotation))
    if origin is typing.Annotated:
        return typing.Annotated[args]  # type: ignore[valid-type]
    if origin is typing.Union or origin is types.UnionType:
        return typing.Union[args]
    return origin[args] if len(args) > 1 else origin[args[0]]


def to_pydantic(value: Any) -> Any:
    """Input for a derived pydantic model: declared instances within become derived ones, as they are."""
    if isinstance(value, Model):
        derived = pydantic_model(type(value))
        fields = {n: to_pydantic(value.__dict__[n]) for n in type(value)._spec().fields}
        return derived.model_construct(_fields_set=set(value.model_fields_set), **fields)
    if type(value) is list:
        converted = [to_pydantic(x) for x in value]
        return value if all(a is b for a, b in zip(converted, value)) else converted
    if type(value) is dict:
        converted_dict = {k: to_pydantic(v) for k, v in value.items()}
        return value if all(converted_dict[k] is v for k, v in value.items()) else converted_dict
    return value


def from_pydantic(value: Any) -> Any:
    """A derived pydantic model's output as the declared classes."""
    declared = getattr(type(value), "_declared", None)
    if declared is not None:
        obj = object.__new__(declared)
        state = {n: from_pydantic(getattr(value, n)) for n in declared._spec().fields}
        state["_fields_set_"] = set(value.model_fields_set)
        object.__setattr__(obj, "__dict__", state)
        return obj
    if type(value) is list:
        return [from_pydantic(x) for x in value]
    if type(value) is dict:
        return {k: from_pydantic(v) for k, v in value.items()}
    return value


class DataModel(Model):
    @model_validator(mode="before")
    @classmethod
    def _as_the_user_wrote_it(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fixed = None
        text_fields, empty_means_default = cls._text_fields, cls._empty_means_default
        for name, value in data.items():
            if type(value) is str:  # the common case: nothing to do
                continue
            new = value
            if value is None and name in empty_means_default:
                new = empty_means_default[name]()
            elif name in text_fields:
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
