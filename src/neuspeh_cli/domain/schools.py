"""School names: the short form for lists and the compact list «СОШ № 5, 6, 8»."""

from __future__ import annotations

import re
from functools import lru_cache

# The organisational-legal form in front of the name: МБОУ, МАОУ, МКОУ, МОУ, МОБУ, ГБОУ, ЧОУ, МБОО…,
# followed by a space or, as some registers write it, a hyphen («МБОУ-СОШ № 7»).
_LEGAL_FORM = re.compile(r"^(?:[МГЧ][АБКО]{0,3}(?:ОУ|ОО|У))(?:\s+|-(?=[А-ЯЁ«\"]))", re.UNICODE)
_QUOTED = re.compile(r'^[«"“„](?P<inner>[^«»"“”„]*(?:«[^»]*»[^«»"“”„]*)?)[»"”“]$')
# The quoted name followed by where the school is, as registers write it: «"СОШ № 1" ст. Темижбекской»,
# «"СОШ № 12 имени …" муниципального образования …». The number names the school within its municipality.
_QUOTED_THEN_PLACE = re.compile(r'^[«"“„](?P<inner>[^«»"“”„]*(?:«[^»]*»[^«»"“”„]*)?)[»"”“]\s+[а-яё]')
# An honorific after the number: «СОШ № 5 имени Героя Советского Союза …», «СОШ № 5 им. А.С. Пушкина».
_HONORIFIC = re.compile(r"^\s*(?:им\.|имени\s)")


def _honorific_only(kind: str, rest: str) -> bool:
    """The rest after the number is an honorific and nothing else: no quote closes after it («МБОУ «СОШ № 1 им. …»»
    cut after the number would leave a quote open)."""
    return _HONORIFIC.match(rest) is not None and not _QUOTES.search(kind + rest)


_NUMBERED = re.compile(r"^(?P<kind>.*?)\s*№\s*(?P<number>\d+)(?P<rest>.*)$")


# «No 5», «N5», «N° 5», «№№ 5», «# 5»: the number sign as typed without «№» on the keyboard at hand.
NUMBER_SIGN = re.compile(r"(?<![A-Za-zА-Яа-яЁё])(?:N[oOоО°º]?\.?|№№?|#)\s*(?=\d)")
_SPELLED = (
    # The legal form written out, then the kinds of school as their abbreviations: one school however it is named.
    (
        re.compile(
            r"\b(?:муниципальн|государственн|частн)\w*\s+(?:(?:бюджетн|автономн|казенн|казённ)\w*\s+)?"
            r"(?:обще)?образовательн\w*\s+(?:учреждени|организаци)\w*\s*",
            re.IGNORECASE,
        ),
        "",
    ),
    (re.compile(r"\bсредн\w*\s+общеобразовательн\w*\s+школ\w*", re.IGNORECASE), "СОШ"),
    (re.compile(r"\bосновн\w*\s+общеобразовательн\w*\s+школ\w*", re.IGNORECASE), "ООШ"),
    (re.compile(r"\bначальн\w*\s+общеобразовательн\w*\s+школ\w*", re.IGNORECASE), "НОШ"),
)
_QUOTES = re.compile(r"[«»\"'„“”‘’`]")
_SPELLED_LEGAL_FORM = re.compile(_SPELLED[0][0].pattern.replace(r"\b", "^", 1), re.IGNORECASE)


def canonical_name(name: str) -> str:
    """The name with Latin look-alikes in Russian words retyped («MБОУ COШ»), «No 5» and «№5» as «№ 5», a legal
    form and kinds written out as abbreviations, single spaces; for ids and comparison, never for what is printed (the
    text as written stays in the file)."""
    from ..reading.homoglyphs import fold_to_cyrillic

    text = NUMBER_SIGN.sub("№ ", fold_to_cyrillic(" ".join(name.split())))
    for pattern, replacement in _SPELLED:
        text = pattern.sub(replacement, text)
    return text.strip()


# Both are asked for every school of every roadmap by several rules, and registers repeat their names: once a name.
@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """What makes two spellings one school: «МБОУ "СОШ №5"», «МБОУ СОШ № 5», «MБОУ COШ No 5» (Latin letters),
    «муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5» — all «сош№5»;
    «Волошинская» and «Волошинская» with «ё» alike. The legal form and quotes are left out, case and spaces too."""
    from ..reading.homoglyphs import LATIN_TO_CYRILLIC

    text = short_name(canonical_name(name), keep_place=True).lower().replace("ё", "е")
    text = "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in text)  # whole-Latin words too: «COШ» typed in Latin
    # «СОШ № 5 им. Героя Советского Союза И.И. Иванова» is «СОШ № 5»: the honorary name is left out of lists as often
    # as it is written (a numbered school only: «Школа имени …» is all name).
    text = re.sub(r"(№\s*\d+\w?)[\s,]+(?:им\.|имени)\s.*$", r"\1", text)
    return re.sub(r"\s+", "", _QUOTES.sub("", text)).strip(".,;")


@lru_cache(maxsize=8192)
def short_name(name: str, keep_place: bool = False) -> str:
    """«МБОУ СОШ № 5» → «СОШ № 5»; «МБОУ «СОШ № 10»» → «СОШ № 10»; «МБОУ Волошинская СОШ» → «Волошинская СОШ».

    «МБОУ «СОШ № 1» ст. Темижбекской» → «СОШ № 1» for lists; ``keep_place`` keeps the place after the quotes
    (what tells a school from another, for ``name_key`` and ``school_id``)."""
    text = " ".join(name.split())
    spelled = _SPELLED_LEGAL_FORM.match(text)
    if spelled:
        # «Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12 …»»:
        # the full legal name of a register would fill a page in every list of schools.
        text = text[spelled.end() :]
        for pattern, replacement in _SPELLED[1:]:
            text = pattern.sub(replacement, text)
    else:
        text = _LEGAL_FORM.sub("", text)
    quoted = _QUOTED.match(text) or (None if keep_place else _QUOTED_THEN_PLACE.match(text))
    if quoted:
        text = quoted.group("inner")
    text = re.sub(r"№\s*(\d)", r"№ \1", text)
    return text


def without_honorifics(names: dict[str, str]) -> dict[str, str]:
    """Short names for labels under a chart's bars and in a table's first column: «СОШ № 12 имени Героя Советского
    Союза …» → «СОШ № 12», unless another school has that kind and number (then the honorific tells them apart)."""
    matches = {key: _NUMBERED.match(name) for key, name in names.items()}
    numbered = [(m.group("kind").strip().lower(), m.group("number")) for m in matches.values() if m]
    result = {}
    for key, name in names.items():
        m = matches[key]
        unique = m is not None and numbered.count((m.group("kind").strip().lower(), m.group("number"))) == 1
        result[key] = (
            f"{m.group('kind').strip()} № {m.group('number')}"
            if unique and _honorific_only(m.group("kind"), m.group("rest"))
            else name
        )
    return result


def compact_list(names: list[str]) -> str:
    """Short names joined as in the institute's sample: «СОШ № 5, 6, 8, 10».

    Schools of one kind with numbers share the kind; others are named in full.
    Groups keep the order of their first school; numbers are sorted.
    """
    groups: dict[str, list[int]] = {}
    order: list[tuple[str, str]] = []  # ("group", kind) or ("name", text)
    numbered = [m for m in map(_NUMBERED.match, names) if m]
    seen = [(m.group("kind").strip().lower(), m.group("number")) for m in numbered]
    for name in names:
        match = _NUMBERED.match(name)
        rest = match.group("rest") if match else ""
        # «СОШ № 5 имени …» is listed as «СОШ № 5» unless another school of the list has that number too.
        if (
            match
            and _honorific_only(match.group("kind"), rest)
            and seen.count((match.group("kind").strip().lower(), match.group("number"))) == 1
        ):
            rest = ""
        if match and not rest.strip():
            kind = match.group("kind").strip()
            # «гимназия № 2» and «Гимназия № 4» are one kind: the first spelling is shown.
            same = next((k for k in groups if k.lower() == kind.lower()), None)
            if same is None:
                groups[kind] = []
                order.append(("group", kind))
            else:
                kind = same
            number = int(match.group("number"))
            if number not in groups[kind]:
                groups[kind].append(number)
        elif ("name", name) not in order:
            order.append(("name", name))
    parts = []
    for what, text in order:
        if what == "group":
            numbers = ", ".join(str(n) for n in sorted(groups[text]))
            parts.append(f"{text} № {numbers}")
        else:
            parts.append(text)
    return "; ".join(parts)


# ---------------------------------------------------------------- ids

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "c",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
    )
)
# Type abbreviations that say nothing about which school it is: «Волошинская СОШ» → voloshinskaya.
_TYPE_WORDS = {"СОШ", "ООШ", "НОШ", "ОШ", "СШ", "ЦО", "ОЦ"}
_ID_NUMBERED = re.compile(r"^(?P<kind>.*?)\s*№\s*(?P<number>\d+)")


def transliterate(text: str) -> str:
    """Lower-case Latin letters, digits and hyphens: «Волошинская» → «voloshinskaya»."""
    out = []
    for ch in text.lower():
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append("-")
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-")


def school_id(name: str, taken: set[str] | None = None) -> str:
    """A stable id for a school name: «МБОУ СОШ № 5» → sosh5, «МБОУ Волошинская СОШ» → voloshinskaya.

    ``taken`` ids get a suffix («sosh5-2») so that ids stay unique; the new id is added to it.
    """
    text = short_name(canonical_name(name), keep_place=True).replace("«", " ").replace("»", " ").replace('"', " ")
    text = " ".join(text.split())
    match = _ID_NUMBERED.match(text)
    if match and match.group("kind").strip():
        base = transliterate(match.group("kind")) + match.group("number")
    else:
        words = text.split()
        meaningful = [w for w in words if w not in _TYPE_WORDS]
        base = transliterate(" ".join(meaningful or words))
    base = base or "school"
    taken = taken if taken is not None else set()
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
