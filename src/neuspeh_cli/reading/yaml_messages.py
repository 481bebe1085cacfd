"""PyYAML's and libyaml's syntax errors told in Russian, with what to type instead.

Both parsers word their problems differently («mapping values are not allowed
here» / «… in this context»), so each entry matches the stable part. No English
ever reaches the user: an unknown problem gets the general advice.
"""

from __future__ import annotations

import re
from typing import Any

from .yamlread import DEPTH

GENERAL = "нарушен синтаксис YAML: проверьте отступы, двоеточия и кавычки в этой строке и строкой выше"

_QUOTE_NOTE = "если это часть текста, возьмите всё значение в кавычки"


def _char_at(lines: list[str], mark: Any) -> str:
    if mark is None or not 0 <= mark.line < len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _shown(char: str) -> str:
    return f"«{char}»" if char.strip() else "пробел или конец строки"


def _opened(exc: Any, template: str = " (открыта в строке {})") -> str:
    """Where the unfinished thing began, when the parser says so and it is another line."""
    mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    if mark is None or (problem_mark is not None and mark.line == problem_mark.line):
        return ""
    return template.format(mark.line + 1)


_KEY_AND_TEXT = re.compile(r"^(\s*(?:- )?[\w.-]+:\s+)([^\"'\s{\[|>].*?)\s*$")


def _quoted_line(lines: list[str], mark: Any) -> str:
    """The offending line with its value in double quotes: «name: "«Итоги: что дальше»"», if it is that simple."""
    if mark is None or not 0 <= mark.line < len(lines):
        return ""
    match = _KEY_AND_TEXT.match(lines[mark.line])
    if not match or ": " not in match.group(2) or "#" in match.group(2):
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1).strip()} "{value}"'


def explain_syntax_error(exc: Any, lines: list[str]) -> str:
    """A Russian message for a ``yaml.MarkedYAMLError`` of PyYAML or libyaml."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    char = _char_at(lines, getattr(exc, "problem_mark", None))
    found = re.search(r"found character '(.+?)' that cannot start", problem)
    if found:
        char = found.group(1)

    if "nesting depth" in problem:  # libyaml ≥ 0.2.6 (PyYAML 6.0.4) limits nesting in its scanner
        return DEPTH
    # In this order: a problem can match a later, more general group too.
    for explain in (_colons_and_tabs, _anchors_and_documents, _escapes_and_ends, _indicators, _indentation):
        message = explain(exc, lines, problem, context, char)
        if message:
            return message
    return GENERAL


def _colons_and_tabs(exc: Any, lines: list[str], problem: str, context: str, char: str) -> str:
    """A colon read as a new key, a missing colon, a tab in the indent."""
    if "mapping values are not allowed" in problem or "found unexpected ':'" in problem:
        quoted = _quoted_line(lines, getattr(exc, "problem_mark", None))
        if quoted:
            return (
                "двоеточие с пробелом внутри значения YAML читает как новый ключ: возьмите значение в кавычки — "
                f"«{quoted}»"
            )
        return "лишнее двоеточие или неверный отступ: значение с «: » внутри возьмите в кавычки"
    if "could not find expected ':'" in problem:
        return "ожидалось «ключ: значение»: проверьте двоеточие и отступ в этой строке"
    if "tab character" in problem or char == "\t":
        return "символ табуляции: в YAML отступы делаются только пробелами, замените табуляцию пробелами"
    return ""


def _anchors_and_documents(exc: Any, lines: list[str], problem: str, context: str, char: str) -> str:
    """Anchors and aliases, several documents in one file."""
    if "undefined alias" in problem:
        name = re.search(r"alias '(.+?)'", problem)
        return (
            f"ссылка *{name.group(1) if name else '…'} на несуществующий якорь &…: объявите якорь или, если «*» — "
            "часть текста, возьмите значение в кавычки"
        )
    if "duplicate anchor" in context or "duplicate anchor" in problem:
        return f"якорь &… объявлен второй раз{_opened(exc, ' (впервые — в строке {})')}: переименуйте один из них"
    if "expected a single document" in context or "expected a single document" in problem:
        return "в файле несколько документов YAML (---): оставьте один"
    return ""


def _escapes_and_ends(exc: Any, lines: list[str], problem: str, context: str, char: str) -> str:
    """Escapes in double quotes; a quote or bracket left open to the end."""
    if "unknown escape character" in problem:
        return (
            "неизвестная последовательность с обратной косой чертой «\\» в строке в двойных кавычках: напишите «\\\\» "
            "или возьмите строку в одинарные кавычки"
        )
    if "hexdecimal" in problem or "hexadecimal" in problem:
        return (
            "после «\\x», «\\u» или «\\U» в строке в двойных кавычках ожидается шестнадцатеричный код: напишите "
            "«\\\\» или возьмите строку в одинарные кавычки"
        )
    if "unexpected end of stream" in problem:
        what = "кавычка" if "quoted" in context else "скобка или кавычка"
        return f"файл оборвался: не закрыта {what}{_opened(exc)}"
    if "document indicator" in problem or "document separator" in problem:
        return f"строка «---» или «...» внутри незакрытой кавычки{_opened(exc)}: закройте кавычку"
    return ""


def _indicators(exc: Any, lines: list[str], problem: str, context: str, char: str) -> str:
    """Brackets, block scalars, anchors, tags and directives: characters YAML reads as syntax."""
    if "flow sequence" in context or "',' or ']'" in problem:
        return (
            f"не закрыта квадратная скобка «[»{_opened(exc)} или между элементами нет запятой: допишите «]» или "
            f"запятую; {_QUOTE_NOTE}"
        )
    if "flow mapping" in context or "',' or '}'" in problem:
        return (
            f"не закрыта фигурная скобка «{{»{_opened(exc)} или между парами нет запятой: допишите «}}» или запятую; "
            f"{_QUOTE_NOTE}"
        )
    if "block scalar" in context or "indentation indicator" in problem:
        return (
            "после «|» или «>» в этой строке допустимы только «-», «+» или цифра 1–9: перенесите текст на следующую "
            "строку с отступом; " + _QUOTE_NOTE
        )
    if "anchor" in context or "alias" in context:
        return f"после «&» или «*» ожидается имя якоря из букв и цифр; {_QUOTE_NOTE}"
    if "tag handle" in problem or "tag" in context:
        return f"тег «!…» не поддерживается: в файле данных теги не нужны, удалите его; {_QUOTE_NOTE}"
    if "directive" in context or "directive" in problem or "incompatible YAML document" in problem:
        return f"строка, начинающаяся с «%», читается как директива YAML: удалите её; {_QUOTE_NOTE}"
    if "document start" in problem:
        if any(line.strip() == "..." for line in lines[: getattr(getattr(exc, "problem_mark", None), "line", 0)]):
            return "после строки «...» (конец документа) снова идут данные: удалите строку «...»"
        return "ожидалось начало документа «---» (в начале файла директива «%…»): удалите директиву; " + _QUOTE_NOTE
    return ""


def _indentation(exc: Any, lines: list[str], problem: str, context: str, char: str) -> str:
    """Lines out of line with their map or list."""
    if "block sequence entries are not allowed" in problem:
        return "элемент списка «- » здесь не на месте: проверьте отступ (элементы пишутся под своим ключом, с отступом)"
    if "mapping keys are not allowed" in problem:
        return "ключ «? » здесь не на месте: проверьте отступ; " + _QUOTE_NOTE
    if "cannot start any token" in problem or "node content" in problem:
        return f"значение не может начинаться с символа {_shown(char)}: {_QUOTE_NOTE}"
    if "block mapping" in context:
        return (
            "неверный отступ: строка не выровнена по ключам "
            f"словаря{_opened(exc, ', который начинается в строке {}')}; выровняйте её или, если значение с кавычками "
            "продолжается после кавычки, возьмите в кавычки всё значение"
        )
    if "block collection" in context:
        return (
            "неверный отступ: строка не выровнена по элементам списка «- "
            f"…»{_opened(exc, ', который начинается в строке {}')}; выровняйте её"
        )
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "неверный отступ или незакрытая скобка/кавычка: выровняйте строку по соседним"
    return ""


def explain_reader_error(exc: Any, text: str) -> tuple[int, int, str]:
    """Line, column and a Russian message for a ``yaml.reader.ReaderError`` (a forbidden character)."""
    position = getattr(exc, "position", 0) or 0
    character = getattr(exc, "character", None)
    code = (
        f"U+{character:04X}"
        if isinstance(character, int)
        else (f"U+{ord(character):04X}" if isinstance(character, str) and len(character) == 1 else "")
    )
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    what = f"недопустимый управляющий символ ({code})" if code else "недопустимый управляющий символ"
    return line, column, f"{what}: удалите его (такие символы попадают при копировании из Word или PDF)"
