"""School names in the document: compact lists of section I and mentions in event texts.

«СОШ № 5, 6, 8, 10» is one kind with several numbers; «СОШ № 14; ООШ № 19, 23;
Волошинская СОШ» mixes kinds and a named school; «МБОУ «СОШ № 10»», «МКОУ ООШ
№ 23», «гимназия № 2» carry or lack the legal form. Section I usually prints
short names; the full name («МБОУ СОШ № 14») is taken from a mention of the same
school elsewhere in the document when there is one.
"""

from __future__ import annotations

import re

from ..domain.schools import NUMBER_SIGN, name_key

LEGAL_FORM = r"(?:[МГЧ][АБК]?ОУ|МОУ|МОБУ|МАОУ|МБОУ|МКОУ|ГБОУ|ГКОУ|ЧОУ|НОУ|АНОО|МБОО|МАОО|МКОО)"
_KINDS = r"(?:СОШ|ООШ|НОШ|СШ|ОШ|ЦО|гимназия|лицей|школа|школа-интернат|центр образования)"
_NUMBER_KIND = re.compile(r"^(?P<kind>.*?)\s*№\s*(?P<number>\d+[а-яА-Я]?)(?P<rest>.*)$")
_BARE_NUMBER = re.compile(r"^(?:№\s*)?(?P<number>\d+[а-яА-Я]?)(?P<note>\s*\([^()]*\))?$")  # «23 (филиал)»
_SCHOOLISH = re.compile(rf"{_KINDS}|{LEGAL_FORM}|\bшкол|\bгимнази|\bлице|\bинтернат", re.IGNORECASE)
_NOTHING = {"", "-", "–", "—", "нет", "отсутствуют", "не выявлено", "не выявлены"}
# A school named in running text: legal form, then a quoted name, a numbered kind, or «<Adjective> СОШ».
MENTION = re.compile(
    rf"(?<![А-ЯЁа-яё]){LEGAL_FORM}\s+(?:«[^»«]{{1,60}}»|{_KINDS}\s*№\s*\d+[а-яА-Я]?\b|[А-ЯЁ][а-яё-]+(?:ая|ий|ое)\s+(?:СОШ|ООШ|НОШ|школа|гимназия)\b)"
)


# «все», «все ШНОР» in a list of ШНОР: every ШНОР, not a school's name.
_ALL_SHNOR = re.compile(r"^\s*все(?:\s+шнор(?:\s+муниципалитета|\s+муниципального\s+образования)?)?\s*\.?\s*$", re.I)


def is_all_shnor(text: str) -> bool:
    return bool(_ALL_SHNOR.match(text))


def tidy(name: str) -> str:
    """One spelling for names: single spaces, «№ 5» with a space (also for «No 5», «N5»), no trailing punctuation."""
    text = " ".join(name.split()).strip(" .,;")
    text = NUMBER_SIGN.sub("№ ", text)
    text = text.replace('"', "«", 1).replace('"', "»", 1) if text.count('"') == 2 else text
    return text


def parse_school_list(text: str) -> tuple[list[str], list[str]]:
    """Names in a list cell, in order, and the pieces that are not school names."""
    names: list[str] = []
    leftovers: list[str] = []
    text = NUMBER_SIGN.sub("№ ", text.replace("№№", "№"))  # «ООШ No 19, 23»: the bare «23» is of the kind too
    kind: tuple[str, str] | None = None  # «СОШ № 1; 2; 3»: a bare number after «;» is of the kind before it too
    for part in re.split(r"[;\n]", text):
        for token in re.split(r",|\s+и\s+", part):
            token = tidy(token)
            if token.lower() in _NOTHING:
                continue
            bare = _BARE_NUMBER.match(token)
            if bare and kind:
                names.append(f"{kind[0]} № {bare['number']}{kind[1]}{bare['note'] or ''}")
                continue
            numbered = _NUMBER_KIND.match(token)
            if numbered and numbered["kind"].strip():
                prefix = numbered["kind"].strip()
                rest = numbered["rest"].rstrip()  # its leading space stays: «ООШ № 7 п. Степного», not «7п.»
                # «МБОУ «СОШ № 10»»: the closing quote belongs to every number of the kind
                closing = "»" if prefix.count("«") > prefix.count("»") and rest.lstrip().startswith("»") else ""
                names.append(
                    tidy(f"{prefix} № {numbered['number']}{rest if not closing else closing + rest.lstrip()[1:]}")
                )
                kind = (prefix, closing)
                continue
            if _SCHOOLISH.search(token):
                names.append(token)
                kind = None
                continue
            leftovers.append(token)
    return names, leftovers


def mentions(text: str) -> list[str]:
    """Full school names with their legal form, as written in running text: «МБОУ "СОШ №10"» with straight quotes and
    «MБОУ COШ № 10» typed with Latin letters too (found as «МБОУ «СОШ № 10»», «МБОУ СОШ № 10»)."""
    from ..reading.homoglyphs import fold_to_cyrillic

    plain = re.sub(r'"([^"]{1,60})"', r"«\1»", fold_to_cyrillic(text))
    return [tidy(m.group(0)) for m in MENTION.finditer(NUMBER_SIGN.sub("№ ", plain))]


def key(name: str) -> str:
    """What makes two spellings the same school (``domain.schools.name_key``): «МБОУ "СОШ №5"» is «МБОУ СОШ № 5»."""
    return name_key(tidy(name))
