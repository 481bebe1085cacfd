"""The message catalogue: every Russian text in the source, read as the user reads it.

A problem is printed as «файл:строка:столбец: ошибка <сообщение>», so a message
that starts with its own severity, or says a word twice, reads «ошибка ошибка …».
The battery of provoked errors in test_russian_everywhere.py checks printed
output; this test checks every literal, including paths no test provokes.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

SOURCE = Path(__file__).parents[1] / "src" / "neuspeh_cli"
_DOUBLED = re.compile(r"(?<![\w-])([а-яё]{2,}) \1(?![\w-])", re.IGNORECASE)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@functools.cache  # parsing the whole source is the cost of this file: once for its tests
def _literals() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if _CYRILLIC.search(text):
                found.append((str(path.relative_to(SOURCE)), node.lineno, text))
    return found


def test_the_catalogue_is_read():
    assert len(_literals()) > 1000


def test_no_message_says_a_word_twice():
    doubled = [
        f"{path}:{line}: {match.group(0)}" for path, line, text in _literals() for match in _DOUBLED.finditer(text)
    ]
    assert doubled == []


def test_the_general_yaml_message_does_not_repeat_its_severity():
    from neuspeh_cli.reading.yaml_messages import GENERAL

    assert not re.match(r"(ошибка|предупреждение|замечание)\b", GENERAL)
