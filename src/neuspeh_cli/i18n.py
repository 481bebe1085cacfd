"""Russian for the messages click and typer print themselves (usage, errors, help).

click binds ``gettext`` as ``_`` in each module and calls it at run time, so
replacing that name routes its strings through our table; anything not in the
table stays as click wrote it.
"""

from __future__ import annotations

import sys

RUSSIAN = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Arguments": "Аргументы",
    "Commands": "Команды",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "%(prog)s, version %(version)s": "%(prog)s, версия %(version)s",
    "Error: {message}": "Ошибка: {message}",
    "Try '{command} {option}' for help.": "Справка: «{command} {option}».",
    "Missing argument": "Не хватает аргумента",
    "Missing option": "Не хватает параметра",
    "Missing parameter": "Не хватает значения",
    "Missing parameter: {param_name}": "Не хватает значения: {param_name}",
    "Missing {param_type}": "Не хватает: {param_type}",
    "Missing command.": "Не указана команда.",
    "No such command {name!r}.": "Нет команды {name!r}.",
    "No such option {name!r}.": "Нет параметра {name!r}.",
    "No such option: {name}": "Нет параметра: {name}",
    "Option {name!r} does not take a value.": "Параметр {name!r} не принимает значения.",
    "Option {name!r} requires an argument.": "Параметру {name!r} нужно значение.",
    "Option {name!r} requires {nargs} arguments.": "Параметру {name!r} нужно {nargs} значения.",
    "Invalid value for {param_hint}: {message}": "Недопустимое значение {param_hint}: {message}",
    "Invalid value: {message}": "Недопустимое значение: {message}",
    "Got unexpected extra argument ({args})": "Лишний аргумент ({args})",
    "Got unexpected extra arguments ({args})": "Лишние аргументы ({args})",
    "Did you mean {possibility}?": "Может быть, {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Может быть, одно из: {possibilities}?)",
    "{value!r} is not one of {choices}.": "{value!r} — не одно из значений {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} — не {number_type}.",
    "{value} is not in the range {range}.": "{value} вне диапазона {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} не существует.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} — это папка.",
    "{name} {filename!r} is a file.": "{name} {filename!r} — это файл.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} не читается.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} недоступен для записи.",
    "Could not open file {filename!r}: {message}": "Не удалось открыть файл {filename!r}: {message}",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} — не логическое значение. Допустимо: {states}",  # noqa: E501
    "default: {default}": "по умолчанию: {default}",
    "required": "обязательно",
    "env var: {var}": "переменная окружения: {var}",
    "file": "файл",
    "directory": "папка",
    "path": "путь",
    "Aborted!": "Прервано.",
    "Do you want to continue?": "Продолжить?",
    "Repeat for confirmation": "Повторите для подтверждения",
    "Error: The value you entered was invalid.": "Ошибка: введено недопустимое значение.",
    "Error: {e.message}": "Ошибка: {e.message}",
    "Error: The two entered values do not match.": "Ошибка: значения не совпадают.",
    "Error: {value!r} is not a valid choice.": "Ошибка: {value!r} — недопустимый вариант.",
    "integer": "целое число",
    "text": "текст",
}


# Messages click builds with f-strings (typer ≥ 0.20 vendors click without
# gettext): translated by pattern at the moment they are printed.
PATTERNS = [
    (r"^Usage: ", "Использование: "),
    (r"\[OPTIONS\]", "[ПАРАМЕТРЫ]"),
    (r"COMMAND \[ARGS\]\.\.\.", "КОМАНДА [АРГУМЕНТЫ]..."),
    (r"Error: ", "Ошибка: "),
    (r"Try '(.+?) (--help|-h)' for help\.", r"Справка: «\1 \2»."),
    (r"Missing argument '(.+?)'\.", r"Не хватает аргумента «\1»."),
    (r"Missing option '(.+?)'\.", r"Не хватает параметра «\1»."),
    (r"Missing parameter: (\S+)", r"Не хватает значения: \1"),
    (r"No such option: (\S+)", r"Нет параметра \1"),
    (r"No such command '(.+?)'\.", r"Нет команды «\1»."),
    (r"Invalid value for (.+?): (Value error, )?", r"Недопустимое значение для \1: "),
    (r"'([^']*)' is not one of (.+?)\.", r"«\1» — не одно из значений \2."),
    (r"'(.*?)' is not a valid integer( range)?\.", r"«\1» — не целое число."),
    (r"Got unexpected extra arguments? \((.+?)\)", r"Лишние аргументы: \1"),
    (r"Option '(.+?)' requires an argument\.", r"Параметру «\1» нужно значение."),
    (r"Option '(.+?)' does not take a value\.", r"Параметр «\1» не принимает значения."),
    (r"\(Possible options: (.+?)\)", r"(Возможные варианты: \1)"),
    (r"Did you mean (.+?)\?", r"Может быть, \1?"),
    (r"(File|Path|Directory) '(.+?)' does not exist\.", r"Путь «\2» не существует."),
    (r"(File|Path|Directory) '(.+?)' is a directory\.", r"«\2» — это папка."),
    (r"Show this message and exit\.", "Показать эту справку и выйти."),
    (r"^Aborted!?$", "Прервано."),
]


def translate(text: str) -> str:
    import re

    for pattern, replacement in PATTERNS:
        text = re.sub(pattern, replacement, text, flags=re.M)
    return text


def _gettext(message: str) -> str:
    return RUSSIAN.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _translating_echo(original):
    def echo(message=None, *args, **kwargs):
        if isinstance(message, str):
            message = translate(message)
        return original(message, *args, **kwargs)

    return echo


def _russian_formatter(base):
    class RussianHelpFormatter(base):
        def write_usage(self, prog, args="", prefix=None):
            args = args.replace("[OPTIONS]", "[ПАРАМЕТРЫ]").replace("COMMAND [ARGS]...", "КОМАНДА [АРГУМЕНТЫ]...")
            super().write_usage(prog, args, prefix="Использование: " if prefix is None else prefix)

        def write_dl(self, rows, *args, **kwargs):
            rows = [(first, translate(second)) for first, second in rows]
            super().write_dl(rows, *args, **kwargs)

    return RussianHelpFormatter


# Metavars in ``--help`` are the parameter type's name in capitals (TEXT,
# INTEGER RANGE); the same name fills click's «is not a valid …» messages.
TYPE_NAMES = {
    "StringParamType": "текст",
    "UnprocessedParamType": "текст",
    "IntParamType": "число",
    "IntRange": "число",
    "FloatParamType": "число",
    "FloatRange": "число",
    "BoolParamType": "да/нет",
    "File": "файл",
    "DateTime": "дата",
    "UUIDParameterType": "идентификатор",
}


def _describe_range(self) -> str:
    """Russian for click's «2000<=x<=2100» in help and in «not in the range» errors."""
    low = None if self.min is None else (f"больше {self.min}" if self.min_open else f"не меньше {self.min}")
    high = None if self.max is None else (f"меньше {self.max}" if self.max_open else f"не больше {self.max}")
    if low and high and not self.min_open and not self.max_open:
        return f"от {self.min} до {self.max}"
    return ", ".join(part for part in (low, high) if part)


def _russian_types() -> None:
    types = sys.modules.get("click.types")
    if types is None:
        return
    for name, russian in TYPE_NAMES.items():
        cls = getattr(types, name, None)
        if isinstance(cls, type) and isinstance(getattr(cls, "name", None), str):
            cls.name = russian
    base = getattr(types, "_NumberRangeBase", None)
    if base is not None:
        base._describe_range = _describe_range


def install() -> None:
    """Route click's and typer's user-facing strings through Russian (idempotent)."""
    _russian_types()
    for name in [n for n in list(sys.modules) if n.startswith(("click", "typer"))]:
        module = sys.modules[name]
        if getattr(module, "_", None) is not None and callable(module._) and name != "typer":
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
        if name.endswith("exceptions") and hasattr(module, "echo") and not getattr(module.echo, "_neuspeh", False):
            module.echo = _translating_echo(module.echo)
            module.echo._neuspeh = True
        context = getattr(module, "Context", None)
        if name.endswith(".core") and context is not None and not getattr(context.formatter_class, "_neuspeh", False):
            context.formatter_class = _russian_formatter(context.formatter_class)
            context.formatter_class._neuspeh = True
