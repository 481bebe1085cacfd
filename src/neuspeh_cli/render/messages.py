"""Jinja's and the .docx readers' failures told in Russian (their own texts are English)."""

from __future__ import annotations

import re
from typing import Any

# Jinja's names for what it expected or found, as the user sees them in a template.
_TOKENS = {
    "end of print statement": "}}",
    "begin of print statement": "{{",
    "end of statement block": "%}",
    "begin of statement block": "{%",
    "end of comment": "#}",
    "begin of comment": "{#",
    "end of template": "конец шаблона",
    "integer": "число",
    "float": "число",
    "string": "строка в кавычках",
    "name": "имя",
}

_JINJA = [
    (r"^'([^']+)' is undefined$", "«{0}»"),
    (r"^'[^']* object' has no attribute '([^']+)'$", "у значения нет поля «{0}»"),
    (r"^'([^']+)' has no attribute '([^']+)'$", "у «{0}» нет поля «{1}»"),
    (r"^Encountered unknown tag '(end\w+)'", "лишний тег «{0}»: у него нет открывающего"),
    (r"^Encountered unknown tag '([^']+)'", "неизвестный тег «{0}»"),
    (
        r"^Unexpected end of template.*?looking for the following tags: (.+?)\. The innermost block that needs to be "
        r"closed is '([^']+)'",
        "шаблон кончился, а блок «{1}» не закрыт: нужен тег «{0}»",
    ),
    (r"^unexpected end of template, expected '([^']+)'", "шаблон кончился, а тег не закрыт: нужно «{0}»"),
    (r"^Unexpected end of template", "шаблон кончился внутри незакрытого блока"),
    (r"^unexpected end of template", "шаблон кончился внутри незакрытого тега"),
    (r"^expected token '([^']+)', got '([^']+)'", "ожидалось «{0}», а написано «{1}»"),
    (r"^Expected an expression, got '([^']+)'", "ожидалось выражение, а написано «{0}»"),
    (r"^unexpected '([^']+)', expected '([^']+)'", "лишнее «{0}», ожидалось «{1}»"),
    (r"^unexpected '([^']+)'", "лишнее «{0}»"),
    (r"^unexpected char '(.+?)' at \d+", "недопустимый символ «{0}»"),
    (r"^tag name expected", "после «{{%» ожидается имя тега"),
    (r"^no filter named '([^']+)'", "неизвестный фильтр «{0}»"),
    (r"^no test named '([^']+)'", "неизвестная проверка «{0}»"),
    (r"^access to attribute '([^']+)' of '([^']+)' object is unsafe", "обращение к «{0}» запрещено"),
    (r"^block '([^']+)' defined twice", "блок «{0}» объявлен дважды"),
    (r"unsafe", "недопустимое действие"),
]


def jinja_reason(exc: Any) -> str:
    """The reason of a Jinja error in Russian; names and tags are kept as written in the template."""
    text = str(getattr(exc, "message", None) or exc or "").strip()
    for pattern, russian in _JINJA:
        match = re.search(pattern, text, flags=re.S | re.I)
        if match:
            return russian.format(*(_tag(g) for g in match.groups()))
    return "тег не разобран"


def _tag(text: str) -> str:
    """A name as written; a list «'endfor' or 'else'» becomes «endfor» или «else» (without the outer ёлочки)."""
    names = [_TOKENS.get(name, name) for name in re.findall(r"'([^']+)'", text) or [text]]
    return names[0] if len(names) == 1 else "», «".join(names[:-1]) + "» или «" + names[-1]


def docx_reason(exc: BaseException) -> str:
    """Why a template file is not a Word document, in Russian."""
    import zipfile

    if isinstance(exc, zipfile.BadZipFile):
        return (
            "файл не является архивом .docx (возможно, это .doc, .rtf или повреждённый файл); откройте его в Word и "
            "сохраните как «Документ Word (*.docx)»"
        )
    if isinstance(exc, KeyError):
        return (
            "в архиве нет частей документа Word (word/document.xml); сохраните файл в Word как «Документ Word (*.docx)»"
        )
    return "содержимое не похоже на документ Word; сохраните файл в Word как «Документ Word (*.docx)»"
