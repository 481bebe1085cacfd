"""pydantic's validation errors, told in Russian with the file's line and column."""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..problems import Problem, Severity
from .homoglyphs import find_homoglyphs
from .yamlread import YamlDocument

_TYPE_NAMES = {
    "string_type": "текст",
    "string_unicode": "текст",
    "bytes_type": "текст",
    "int_type": "целое число",
    "int_parsing": "целое число",
    "int_from_float": "целое число",
    "float_type": "число",
    "float_parsing": "число",
    "decimal_type": "число",
    "decimal_parsing": "число",
    "fraction_type": "число",
    "fraction_parsing": "число",
    "complex_type": "число",
    "complex_str_parsing": "число",
    "bool_type": "true или false",
    "bool_parsing": "true или false",
    "list_type": "список (строки, начинающиеся с «- »)",
    "tuple_type": "список (строки, начинающиеся с «- »)",
    "set_type": "список (строки, начинающиеся с «- »)",
    "frozen_set_type": "список (строки, начинающиеся с «- »)",
    "deque_type": "список (строки, начинающиеся с «- »)",
    "iterable_type": "список (строки, начинающиеся с «- »)",
    "dict_type": "словарь (строки «ключ: значение»)",
    "mapping_type": "словарь (строки «ключ: значение»)",
    "frozen_dict_type": "словарь (строки «ключ: значение»)",
    "ordered_dict_type": "словарь (строки «ключ: значение»)",
    "model_type": "словарь (строки «ключ: значение»)",
    "model_attributes_type": "словарь (строки «ключ: значение»)",
    "dataclass_type": "словарь (строки «ключ: значение»)",
    "dataclass_exact_type": "словарь (строки «ключ: значение»)",
    "date_type": "дата («31.08.2025»)",
    "date_parsing": "дата («31.08.2025»)",
    "date_from_datetime_parsing": "дата («31.08.2025»)",
    "date_from_datetime_inexact": "дата без времени («31.08.2025»)",
    "datetime_type": "дата и время",
    "datetime_parsing": "дата и время",
    "datetime_from_date_parsing": "дата и время",
    "datetime_object_invalid": "дата и время",
    "time_type": "время («10:00»)",
    "time_parsing": "время («10:00»)",
    "time_delta_type": "продолжительность",
    "time_delta_parsing": "продолжительность",
    "url_type": "веб-адрес («https://…»)",
    "url_parsing": "веб-адрес («https://…»)",
    "url_syntax_violation": "веб-адрес («https://…»)",
    "url_scheme": "веб-адрес («https://…»)",
    "uuid_type": "уникальный идентификатор",
    "uuid_parsing": "уникальный идентификатор",
    "uuid_version": "уникальный идентификатор",
}

# What is wrong, for the remaining kinds of error (no expected type to name).
_PLAIN = {
    "none_required": "здесь значение не нужно: оставьте пустым или удалите ключ",
    "finite_number": "число должно быть конечным",
    "int_parsing_size": "слишком большое число",
    "string_not_ascii": "допустимы только латинские буквы, цифры и знаки",
    "bytes_invalid_encoding": "текст в неверной кодировке: сохраните файл в UTF-8",
    "date_past": "дата должна быть в прошлом",
    "date_future": "дата должна быть в будущем",
    "datetime_past": "дата должна быть в прошлом",
    "datetime_future": "дата должна быть в будущем",
    "timezone_naive": "время указывается без часового пояса",
    "timezone_aware": "укажите часовой пояс",
    "timezone_offset": "неверный часовой пояс",
    "url_too_long": "слишком длинный веб-адрес",
    "decimal_max_digits": "слишком много цифр",
    "decimal_max_places": "слишком много знаков после запятой",
    "decimal_whole_digits": "слишком много цифр до запятой",
    "set_item_not_hashable": "в списке значение, которое нельзя сравнить с другими: пишите простые значения",
    "recursion_loop": "значение ссылается само на себя (якорь и ссылка *…): перепишите без ссылки",
    "recursion_depth_exceeded": "слишком глубокая вложенность",
    "iteration_error": "список не читается",
    "frozen_field": "значение этого ключа менять нельзя",
    "frozen_instance": "значения менять нельзя",
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
    if isinstance(value, (list, tuple, set)):
        return "список"
    if isinstance(value, dict):
        return "словарь"
    return "значение другого вида"


def _field_name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else "файл"


def _choices(expected: Any) -> str:
    """pydantic's «'a', 'b' or 'c'» as «a», «b» или «c»."""
    text = str(expected)
    text = re.sub(r"'([^']*)'", r"«\1»", text)
    return re.sub(r"\s+or\s+", " или ", text)


def _same_but_spelling(value: Any, expected: Any) -> str:
    """«: напишите «проведено»» when the value is an allowed one with a capital, a full stop or «ё» for «е»
    («Проведено.» typed at the start of a cell); "" otherwise."""
    if not isinstance(value, str):
        return ""

    def plain(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s-]", " ", text.lower().replace("ё", "е")).split())

    wanted = plain(value)
    for choice in re.findall(r"'([^']*)'", str(expected)):
        if wanted and plain(choice) == wanted:
            return f": напишите «{choice}» (как в перечне, строчными)"
    return ""


def _count(n: Any, one: str, few: str, many: str) -> str:
    n = int(n) if isinstance(n, int) or str(n).isdigit() else n
    if not isinstance(n, int):
        return f"{n} {many}"
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} {one}"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} {few}"
    return f"{n} {many}"


def translate(error: dict, model: Any, raw: str | None = None) -> str:
    """A Russian message for one pydantic error; pydantic's own English ``msg`` is never used.

    ``raw``: the value's text in the file, for a number or yes/no written where text is meant.
    """
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = _field_name(loc)
    if kind == "string_type" and raw is not None and isinstance(value, (bool, int, float)):
        what = "логическое значение (да/нет)" if isinstance(value, bool) else "число"
        line = f'{field}: "{raw}"' if isinstance(loc[-1], str) else f'- "{raw}"'
        return f"«{field}»: здесь нужен текст, а «{raw}» YAML читает как {what}: возьмите значение в кавычки — {line}"
    if kind == "missing":
        return f"не хватает обязательного ключа «{field}»"
    if kind == "extra_forbidden":
        return _unknown_key(loc, model)
    message = _wrong_value(kind, field, value, ctx) or _out_of_limits(kind, field, ctx)
    if message:
        return message
    if kind in ("value_error", "assertion_error"):
        reason = ctx.get("error")
        if reason is not None and _russian(str(reason)):
            return f"«{field}»: {reason}"
    if kind in _PLAIN:
        return f"«{field}»: {_PLAIN[kind]}"
    return (
        f"«{field}»: значение не подходит (написано: {_describe(value)}); допустимые ключи и значения — `neuspeh "
        "schema`"
    )


def _unknown_key(loc: tuple, model: Any) -> str:
    """A key the model does not have: a comma inside braces, a look-alike letter, a typo, or just unknown."""
    if " " in str(loc[-1]).strip():
        # «{text: Доля родителей, посетивших собрания}»: in braces a comma ends the value and what follows reads as a
        # key.
        return (
            f"«{loc[-1]}» прочитано как отдельный ключ: внутри фигурных скобок {{…}} запятая разделяет поля, "
            'поэтому текст с запятой возьмите в кавычки: text: "…, …" (или запишите поля с новой строки)'
        )
    allowed = _allowed_keys(model, loc[:-1])
    mixed = [h for h in find_homoglyphs(str(loc[-1])) if h.fixed in allowed]
    if mixed:
        # «schооls» with Cyrillic «о»: the hint «schools» would look identical to the typo.
        return f"неизвестный ключ «{loc[-1]}»: {mixed[0].message}"
    hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
    tail = f": может быть, «{hint[0]}»?" if hint else (f"; допустимые ключи: {', '.join(allowed)}" if allowed else "")
    return f"неизвестный ключ «{loc[-1]}»{tail}"


def _wrong_value(kind: str, field: str, value: Any, ctx: dict) -> str:
    """A value of the wrong type or not among the allowed ones; "" for another kind of error."""
    if kind in _TYPE_NAMES:
        if kind == "string_type" and value is None:
            return f"«{field}»: значение пусто — напишите текст или удалите ключ"
        return f"«{field}»: ожидается {_TYPE_NAMES[kind]}, а написано: {_describe(value)}"
    if kind in ("literal_error", "enum"):
        message = (
            f"«{field}»: допустимые значения — {_choices(ctx.get('expected', ''))}, а написано: {_describe(value)}"
        )
        return message + _same_but_spelling(value, ctx.get("expected", ""))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = _choices(ctx.get("expected_tags", ""))
        return f"«{field}»: не указан или неизвестен вид «{ctx.get('discriminator', '')}»" + (
            f" (допустимо: {tags})" if tags else ""
        )
    if kind == "string_pattern_mismatch":
        return (
            f"«{field}»: идентификатор может содержать только буквы, цифры, точку, дефис и подчёркивание, без пробелов"
        )
    return ""


def _out_of_limits(kind: str, field: str, ctx: dict) -> str:
    """A number out of its bounds, a text or list too short or too long; "" for another kind of error."""
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        sign = {
            "greater_than_equal": "не меньше",
            "less_than_equal": "не больше",
            "greater_than": "больше",
            "less_than": "меньше",
        }[kind]
        return f"«{field}»: число должно быть {sign} {bound}"
    if kind == "multiple_of":
        return f"«{field}»: число должно делиться на {ctx.get('multiple_of')}"
    unit = (
        ("символ", "символа", "символов")
        if kind not in ("too_short", "too_long")
        else ("элемент", "элемента", "элементов")
    )
    if kind in ("string_too_short", "too_short", "bytes_too_short"):
        minimum = ctx.get("min_length", 1)
        if minimum in (None, 1):
            return f"«{field}»: значение не может быть пустым"
        return f"«{field}»: нужно не меньше {_count(minimum, *unit)}"
    if kind in ("string_too_long", "too_long", "bytes_too_long"):
        maximum = ctx.get("max_length")
        if maximum is None:
            return f"«{field}»: слишком длинное значение"
        return f"«{field}»: слишком длинное значение (не больше {_count(maximum, *unit)})"
    return ""


def _russian(text: str) -> bool:
    """Our own validators speak Russian; a library's English reason is replaced by the general message."""
    return bool(re.search(r"[А-Яа-яЁё]", text))


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

    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):  # a model, declared or pydantic
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_BRANCH_NAMES = {"str", "int", "bool", "float", "dict", "list", "none"}


def clean_loc(loc: tuple) -> tuple:
    """Drop the union branch names pydantic puts into ``loc`` («list[str]», «str», «constrained-str»,
    «QualityIndicator»).
    """
    return tuple(
        p
        for p in loc
        if isinstance(p, int) or ("[" not in p and p not in _BRANCH_NAMES and "-" not in p and not p[:1].isupper())
    )


def schema_problems(exc: Any, doc: YamlDocument, model: Any) -> list[Problem]:
    """One problem per place; where a union failed in every branch, our own message wins."""
    by_loc: dict[tuple, list[dict]] = {}
    for error in exc.errors():
        by_loc.setdefault(clean_loc(tuple(error["loc"])), []).append(error)
    # A union «structured or plain text» that failed both ways: the structured branch's errors
    # (deeper in the value) say what is wrong; «expected text, got a mapping» is noise then.
    for loc in [loc for loc in by_loc if any(other[: len(loc)] == loc and len(other) > len(loc) for other in by_loc)]:
        by_loc[loc] = [e for e in by_loc[loc] if e["type"] not in _TYPE_NAMES]
        if not by_loc[loc]:
            del by_loc[loc]
    problems = []
    for loc, errors in by_loc.items():
        own = [e for e in errors if e["type"] == "value_error"]
        for error in own or errors[:1]:
            where = doc.key_position(loc) if error["type"] == "extra_forbidden" else doc.locate(loc)
            message = translate({**error, "loc": loc}, model, doc.raw.get(loc))
            problems.append(Problem("schema", Severity.ERROR, message, doc.path, where.line, where.column))
    return problems
