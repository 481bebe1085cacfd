"""School names in the document: compact lists of section I and mentions in event texts.

«СОШ № 5, 6, 8, 10» is one kind with several numbers; «СОШ № 14; ООШ № 19, 23;
Волошинская СОШ» mixes kinds and a named school; «МБОУ «СОШ № 10»», «МКОУ ООШ
№ 23», «гимназия № 2» carry or lack the legal form. Section I usually prints
short names; the full name («МБОУ СОШ № 14») is taken from a mention of the same
school elsewhere in the document when there is one.
"""

from __future__ import annotations

import re

from ..domain.schools import short_name

LEGAL_FORM = r"(?:[МГЧ][АБК]?ОУ|МОУ|МОБУ|МАОУ|МБОУ|МКОУ|ГБОУ|ГКОУ|ЧОУ|НОУ|АНОО|МБОО|МАОО|МКОО)"
_KINDS = r"(?:СОШ|ООШ|НОШ|СШ|ОШ|ЦО|гимназия|лицей|школа|школа-интернат|центр образования)"
_NUMBER_KIND = re.compile(r"^(?P<kind>.*?)\s*№\s*(?P<number>\d+[а-яА-Я]?)(?P<rest>.*)$")
_BARE_NUMBER = re.compile(r"^(?:№\s*)?(?P<number>\d+[а-яА-Я]?)$")
_SCHOOLISH = re.compile(rf"{_KINDS}|{LEGAL_FORM}|\bшкол|\bгимнази|\bлице|\bинтернат", re.IGNORECASE)
_NOTHING = {"", "-", "–", "—", "нет", "отсутствуют", "не выявлено", "не выявлены"}
# A school named in running text: legal form, then a quoted name, a numbered kind, or «<Adjective> СОШ».
MENTION = re.compile(
    rf"(?<![А-ЯЁа-яё]){LEGAL_FORM}\s+(?:«[^»«]{{1,60}}»|{_KINDS}\s*№\s*\d+[а-яА-Я]?\b|[А-ЯЁ][а-яё-]+(?:ая|ий|ое)\s+(?:СОШ|ООШ|НОШ|школа|гимназия)\b)"
)


def tidy(name: str) -> str:
    """One spelling for names: single spaces, «№ 5» with a space, no trailing punctuation."""
    text = " ".join(name.split()).strip(" .,;")
    text = re.sub(r"№\s*(?=\d)", "№ ", text)
    text = text.replace('"', "«", 1).replace('"', "»", 1) if text.count('"') == 2 else text
    return text


def parse_school_list(text: str) -> tuple[list[str], list[str]]:
    """Names in a list cell, in order, and the pieces that are not school names."""
    names: list[str] = []
    leftovers: list[str] = []
    text = text.replace("№№", "№")
    for part in re.split(r"[;\n]", text):
        kind: tuple[str, str] | None = None
        for token in re.split(r",|\s+и\s+", part):
            token = tidy(token)
            if token.lower() in _NOTHING:
                continue
            bare = _BARE_NUMBER.match(token)
            if bare and kind:
                names.append(f"{kind[0]} № {bare['number']}{kind[1]}")
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
    """Full school names with their legal form, as written in running text."""
    return [tidy(m.group(0)) for m in MENTION.finditer(text)]


def key(name: str) -> str:
    """What makes two spellings the same school: the short name, lower case, ё as е, no quotes or spaces."""
    short = short_name(tidy(name))
    return re.sub(r"[«»\"'\s]", "", short.lower().replace("ё", "е"))
