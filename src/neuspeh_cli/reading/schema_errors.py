"""pydantic's validation errors, told in Russian with the file's line and column."""

from __future__ import annotations

import difflib
from typing import Any

from ..problems import Problem, Severity
from .yamlread import YamlDocument

_TYPE_NAMES = {
    "string_type": "текст",
    "int_type": "целое число",
    "int_parsing": "целое число",
    "int_from_float": "целое число",
    "bool_type": "true или false",
    "bool_parsing": "true или false",
    "list_type": "список (строки, начинающиеся с «- »)",
    "dict_type": "словарь (строки «ключ: значение»)",
    "model_type": "словарь (строки «ключ: значение»)",
    "model_attributes_type": "словарь (строки «ключ: значение»)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "пусто"
    if isinstance(value, bool):
        return "логическое значение"
    if isinstance(value, (int, float)):
        return f"число {value}"
    if isinstance(value, str):
        return f"текст «{value[:40]}»"
    if isinstance(value, list):
        return "список"
    if isinstance(value, dict):
        return "словарь"
    return type(value).__name__


def _field_name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else "файл"


def translate(error: dict, model: Any, raw: str | None = None) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "string_type" and raw is not None and isinstance(value, (bool, int, float)):
        what = "логическое значение (да/нет)" if isinstance(value, bool) else "число"
        key = _field_name(loc)
        line = f'{key}: "{raw}"' if isinstance(loc[-1], str) else f'- "{raw}"'
        return f"«{key}»: здесь нужен текст, а «{raw}» YAML читает как {what}: возьмите значение в кавычки — {line}"
    if kind == "missing":
        return f"не хватает обязательного ключа «{_field_name(loc)}»"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
        tail = f": может быть, «{hint[0]}»?" if hint else (f"; допустимые ключи: {', '.join(allowed)}" if allowed else "")
        return f"неизвестный ключ «{loc[-1]}»{tail}"
    if kind in _TYPE_NAMES:
        if kind == "string_type" and value is None:
            return f"«{_field_name(loc)}»: значение пусто — напишите текст или удалите ключ"
        return f"«{_field_name(loc)}»: ожидается {_TYPE_NAMES[kind]}, а написано: {_describe(value)}"
    if kind == "literal_error":
        return f"«{_field_name(loc)}»: допустимые значения — {ctx.get('expected', '')}, а написано: {_describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        sign = {"greater_than_equal": "не меньше", "less_than_equal": "не больше", "greater_than": "больше", "less_than": "меньше"}[kind]
        return f"«{_field_name(loc)}»: число должно быть {sign} {bound}"
    if kind == "string_pattern_mismatch":
        return f"«{_field_name(loc)}»: идентификатор может содержать только буквы, цифры, точку, дефис и подчёркивание, без пробелов"
    if kind in ("string_too_short", "too_short"):
        return f"«{_field_name(loc)}»: значение не может быть пустым"
    if kind in ("string_too_long", "too_long"):
        return f"«{_field_name(loc)}»: слишком длинное значение"
    if kind == "value_error":
        return f"«{_field_name(loc)}»: {ctx.get('error', error.get('msg'))}"
    return f"«{_field_name(loc)}»: {error.get('msg')}"


def field_at(model: Any, loc: tuple) -> Any:
    """The pydantic ``FieldInfo`` of the value at ``loc`` (list indices skipped), or None."""
    current, field = model, None
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part) if current is not None else None
        if field is None:
            return None
        current = _model_in(field.annotation)
    return field


def _allowed_keys(model: Any, loc: tuple) -> list[str]:
    """Field names of the model found at ``loc`` (skipping list indices)."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_BRANCH_NAMES = {"str", "int", "bool", "float", "dict", "list", "none"}


def clean_loc(loc: tuple) -> tuple:
    """Drop the union branch names pydantic puts into ``loc`` («list[str]», «str»)."""
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and p not in _BRANCH_NAMES))


def schema_problems(exc: Any, doc: YamlDocument, model: Any) -> list[Problem]:
    """One problem per place; where a union failed in every branch, our own message wins."""
    by_loc: dict[tuple, list[dict]] = {}
    for error in exc.errors():
        by_loc.setdefault(clean_loc(tuple(error["loc"])), []).append(error)
    problems = []
    for loc, errors in by_loc.items():
        own = [e for e in errors if e["type"] == "value_error"]
        for error in own or errors[:1]:
            where = doc.key_position(loc) if error["type"] == "extra_forbidden" else doc.locate(loc)
            message = translate({**error, "loc": loc}, model, doc.raw.get(loc))
            problems.append(Problem("schema", Severity.ERROR, message, doc.path, where.line, where.column))
    return problems
