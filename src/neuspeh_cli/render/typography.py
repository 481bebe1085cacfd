"""Russian typography of the values a template receives, shared by every document kind.

Non-breaking spaces keep together what a line must not split: «№ 5»,
«100 %», «2025 г.», «5 чел.», initials and surname («И.И. Иванова»,
«Иванова И. И.»), «т. д.»; a dash never starts a line («апрель – май»).
Initials are written as the data has them (ГОСТ Р 7.0.97 prints «И.И. Иванова»;
typesetters prefer «И. И. Иванова»): only the spaces become non-breaking.
"""

from __future__ import annotations

import re
from typing import Any

NBSP = "\u00a0"

_UNITS = r"(?:гг?\.|года?\b|году\b|чел\.|шт\.|руб\.|тыс\.|млн\b|млрд\b|ч\.|мин\.|кл\.|класс\w*|балл\w*|лет\b|мес\.|дн\.|стр\.|%)"  # noqa: E501
_INITIAL = r"[А-ЯЁ]\."
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_SPACE = r"[ \u00a0]"

_RULES: tuple[tuple[re.Pattern, Any], ...] = (
    # «№ 5», «№5» → «№ 5» with a non-breaking space
    (re.compile(r"№ ?(?=\d)"), "№" + NBSP),
    # «100 %», «100%», «2025 г.», «5 чел.», «7 классов»
    (re.compile(rf"(?<=\d) ?(?=%)|(?<=\d) (?={_UNITS})"), NBSP),
    # initials before a surname: «И.И. Иванова», «И. И. Иванова»
    (
        re.compile(rf"(?<![А-ЯЁа-яё])({_INITIAL})({_SPACE}?)({_INITIAL})?{_SPACE}+(?={_SURNAME})"),
        lambda m: m.group(1) + (NBSP if m.group(2) else "") + (m.group(3) or "") + NBSP,
    ),
    # a surname before initials: «Иванова И.И.», «Иванова И. И.»
    (re.compile(rf"(?<=[а-яё]){_SPACE}+(?={_INITIAL}(?:{_SPACE}?{_INITIAL})?(?![А-ЯЁа-яё]))"), NBSP),
    (re.compile(rf"(?<={_INITIAL}) (?={_INITIAL})"), NBSP),
    # «т. д.», «т. п.», «т. е.», «т. к.»
    (re.compile(r"\b(т\.) (?=[дпек]\.)"), r"\1" + NBSP),
    # a dash between words stays on the line of the word before it
    (re.compile(r"(?<=\S) (?=[–—](?: |$))"), NBSP),
)


# Every rule needs one of these: a number, «№», a dot (initials, «т. д.») or a dash. Most cells have none.
_ANY_RULE = re.compile(r"[\d№.–—]")


def nbsp(text: str) -> str:
    """``text`` with non-breaking spaces where a line must not break."""
    if _ANY_RULE.search(text) is None:
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def keep_together(value: Any) -> Any:
    """Every string in a context (dicts and lists walked recursively) through :func:`nbsp`."""
    from .engine import map_strings

    done: dict[str, str] = {}  # places, forms, the responsible repeat from row to row

    def once(text: str) -> str:
        result = done.get(text)
        if result is None:
            result = done[text] = nbsp(text)
        return result

    return map_strings(value, once)


def lower_first(text: str) -> str:
    """A phrase placed mid-sentence: «Май 2025» → «май 2025», «В течение года» → «в течение года»; «ВПР…» kept."""
    word = text.split(" ", 1)[0]
    if (len(word) == 1 and word.isupper() and len(text) > 1) or (
        len(word) > 1 and word[0].isupper() and word[1].islower()
    ):
        return text[0].lower() + text[1:]
    return text


def typographic_quotes(text: str) -> str:
    """Straight quotes become «ёлочки»: "10" апреля 2023 г. → «10» апреля 2023 г."""
    return re.sub(r'"([^"]*)"', r"«\1»", text)


def number_text(value: float | int | None) -> str:
    """40.0 → «40», 12.5 → «12,5» (decimal comma); None → «—»."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


_MUNICIPAL_FORMATION = re.compile(r"^муниципальн\w+\s+образовани\w+\s+(?=\S)", re.IGNORECASE)


def municipality_after_formation(name: str) -> str:
    """The name as it reads after «в муниципальном образовании»: «Муниципальное образование город Краснодар» as
    written in the file would print «в муниципальном образовании Муниципальное образование город Краснодар»."""
    return _MUNICIPAL_FORMATION.sub("", name.strip(), count=1)
