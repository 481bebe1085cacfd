"""The document's words around the tables: approval, title, period, monitoring, indicators, abbreviations, signature.

Each reader takes the non-empty lines of one stretch of the document and
returns what it understood and which lines it used; lines nobody used are
reported as not placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import clean

Line = tuple[str, str]  # (where, text)

_APPROVED = re.compile(r"^(?:УТВЕРЖДАЮ|УТВЕРЖДЕН[АОЫ]?|УТВЕРЖДЁН)\b[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_ORDER = re.compile(r"приказ(?:ом|у)\s+(?P<body>.+?)\s+от\s+(?P<date>.+?)\s*№\s*(?P<number>[^\s,;]+)", re.IGNORECASE)
_ANNEX = re.compile(r"^приложение(?:\s*№\s*\d+)?\s+к\s+(?P<rest>приказу.*)$", re.IGNORECASE)
_ANNEX_ALONE = re.compile(r"^приложение(?:\s*№\s*\d+)?\.?(?P<rest>)$", re.IGNORECASE)  # «к приказу…» on the next line
_INITIALS = (
    r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\."
    # the name in full: «Сидорова Анна Борисовна», «Анна Борисовна Сидорова» (a patronymic tells it from other words)
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|инична)"
    r"|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|инична)\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
)
# «____ А.Б. Сидорова», «_____ /А.Б. Сидорова/», «А.Б. Сидорова ______», «(подпись) А.Б. Сидорова М.П.»
_NAME_LINE = re.compile(
    rf"^(?:_+\s*|\(?подпись\)?\s*)*[/(]?\s*(?P<name>{_INITIALS})\s*[/)]?\s*_*\s*(?:М\.\s?П\.?)?\s*$"
)
# the position and the name on one line: «Начальник управления образования _______ /А.Б. Сидорова/»
_POSITION_AND_NAME = re.compile(rf"^(?P<position>.*?[а-яё].*?)\s*_{{3,}}\s*[/(]?\s*(?P<name>{_INITIALS})\s*[/)]?\s*$")
_DATE_LINE = re.compile(r"(?:\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b(?:19|20)\d\d\b|20_+|«\s*_+\s*»|\"\s*_+\s*\")")
_TITLE = re.compile(r"дорожн\w+\s+карт", re.IGNORECASE)
_MUNICIPALITY = re.compile(
    r"(?:в\s+муниципальном\s+образовании|муниципального\s+образования|в\s+МО|МО)\s+(?P<name>.+?)\s+на\s+(?P<period>.+?)\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*(?:г\.?|год[а-я]*)?\.?$", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(
    r"^(?P<a>(?:19|20)\d\d)\s*(?:/|[-–—])\s*(?P<b>(?:19|20)\d\d)\s*(?:учебн\w+\s+год\w*|гг?\.?|год\w*)?\.?$",
    re.IGNORECASE,
)
_SPAN = re.compile(
    r"^(?:период\s+)?с\s+(?P<a>\w+\s+(?:19|20)\d\d)\s*(?:г\.|года)?\s+по\s+(?P<b>\w+\s+(?:19|20)\d\d)", re.IGNORECASE
)
_SECTION = re.compile(
    r"^(?:(?:раздел\s+)?(?:I{1,3}|IV)\.\s+(?P<title>.+)"
    r"|(?:(?:раздел\s+)?[1-4]\.\s+)?(?:результаты\s+входного\s+аудита|мероприятия(?:\s+дорожной\s+карты)?|план\s+мероприятий|муниципальная\s+дорожная\s+карта)\b.{0,120})$",
    re.IGNORECASE,
)
_DASH_SPAN = re.compile(
    r"^(?P<a>[а-яё]+\s+(?:19|20)\d\d)\s*(?:г\.|года)?\s*[-–—]\s*(?P<b>[а-яё]+\s+(?:19|20)\d\d)\s*(?:г\.|года)?$",
    re.IGNORECASE,
)
_SECTION2_YEAR = re.compile(
    r"\bна\s+(?P<period>(?:19|20)\d\d(?:\s*(?:/|[-–—])\s*(?:19|20)\d\d)?)\s*(?:учебн\w+\s+)?год", re.IGNORECASE
)
_MONITORING = re.compile(r"мониторинг.*?мероприятие\s*№\s*(?P<number>\d+)", re.IGNORECASE)
_INDICATORS_HEAD = re.compile(r"^показател\w*\s+качества", re.IGNORECASE)
_ABBREV_HEAD = re.compile(r"^(?:перечень|список)\s+(?:используемых\s+)?сокращени", re.IGNORECASE)
_ABBREV = re.compile(r"^(?P<short>[А-ЯЁA-Z][А-ЯЁA-Zа-яё]{0,8}[А-ЯЁA-Z])\s*[–—-]\s*(?P<full>.+?)\.?$")
_ITEM = re.compile(r"^(?:\d+[.)]|[-–—•·])\s*(?P<text>.+)$")
MONTHS_NOMINATIVE = {
    "января": "январь",
    "февраля": "февраль",
    "марта": "март",
    "апреля": "апрель",
    "мая": "май",
    "июня": "июнь",
    "июля": "июль",
    "августа": "август",
    "сентября": "сентябрь",
    "октября": "октябрь",
    "ноября": "ноябрь",
    "декабря": "декабрь",
}


@dataclass
class Facts:
    municipality: str = ""
    year: int | None = None
    period: tuple[str, str] | None = None  # («сентябрь 2025», «май 2026»)
    approval: dict | None = None  # {position, name, date} or {order: {body, date, number}}
    signature: dict | None = None  # {position, name}
    monitoring_number: int | None = None
    indicators: list[str] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # «where» of every line used
    named_in_title: str = ""  # «в Лесном районе»: the place a title names in another case, for the user to write


def read_period(text: str, facts: Facts) -> bool:
    """«2025 год», «2025/2026 учебный год», «с сентября 2025 г. по май 2026 г.» → year or period."""
    text = clean(text).rstrip(".")
    if m := _YEAR.match(text):
        facts.year = int(m["year"])
        return True
    if m := _SCHOOL_YEAR.match(text):
        a, b = int(m["a"]), int(m["b"])
        if b == a + 1:
            facts.period = (f"сентябрь {a}", f"май {b}")
            return True
    if m := _SPAN.match(text) or _DASH_SPAN.match(text):
        facts.period = (_nominative(m["a"]), _nominative(m["b"]))
        return True
    return False


def _nominative(text: str) -> str:
    month, year = text.split()
    return f"{MONTHS_NOMINATIVE.get(month.lower(), month.lower())} {year}"


def read_head(lines: list[Line], facts: Facts) -> None:
    """Approval block and title from the lines before the first table."""
    i = 0
    while i < len(lines):
        where, text = lines[i]
        annex_alone = i + 1 < len(lines) and re.match(r"к\s+приказу", lines[i + 1][1], re.IGNORECASE)
        if m := _APPROVED.match(text) or _ANNEX.match(text) or (annex_alone and _ANNEX_ALONE.match(text)):
            i = _approval(lines, i, m, facts)
            continue
        if _TITLE.search(text):
            i = _title(lines, i, facts)
            continue
        if _SECTION.match(text):
            _section_heading(text, facts)
            facts.used.add(where)
        i += 1


def _approval(lines: list[Line], i: int, m: re.Match, facts: Facts) -> int:
    joined = [m.groupdict().get("rest", "")]
    j = i + 1
    probe = " ".join([lines[i][1], *[t for _, t in lines[i + 1 : i + 5]]])
    if re.search(r"\bприказ", probe, re.IGNORECASE) and (om := _ORDER.search(probe)):
        # take lines until the order's number has been read
        need = om.end()
        consumed = len(lines[i][1])
        facts.used.add(lines[i][0])
        while j < len(lines) and consumed < need:
            consumed += 1 + len(lines[j][1])
            facts.used.add(lines[j][0])
            j += 1
        facts.approval = {
            "order": {
                "body": om["body"].strip(" ,"),
                "date": om["date"].strip(" ,"),
                "number": om["number"].strip(" .,"),
            }
        }
        return j
    facts.used.add(lines[i][0])
    position: list[str] = [joined[0]] if joined[0] else []
    name = date = ""
    while j < len(lines):
        where, text = lines[j]
        if _TITLE.search(text) or _SECTION.match(text) or _APPROVED.match(text):
            break
        if nm := _NAME_LINE.match(text):
            name = nm["name"]
        elif not name and (nm := _POSITION_AND_NAME.match(text)):
            position.append(nm["position"])
            name = nm["name"]
        elif name and _DATE_LINE.search(text):
            date = "" if re.fullmatch(r"[«»\"_\s.г20]*", text) else text
            facts.used.add(where)
            j += 1
            break
        elif not name:
            position.append(text)
        else:
            break
        facts.used.add(where)
        j += 1
    facts.approval = {"position": " ".join(position), "name": name, "date": date}
    return j


def _title(lines: list[Line], i: int, facts: Facts) -> int:
    """«Дорожная карта | по профилактике учебной неуспешности | в муниципальном образовании X | на 2025 год»."""
    j, parts = i, []
    while j < len(lines) and j < i + 6:
        where, text = lines[j]
        if j > i and (_SECTION.match(text) or _APPROVED.match(text)):
            break
        parts.append((where, text))
        joined = " ".join(t for _, t in parts)
        m = _MUNICIPALITY.search(joined)
        if m and (read_period(m["period"], facts) or re.search(r"год|\d{4}", m["period"])):
            facts.municipality = _capitalised(m["name"].strip(' ,«»"'))
            facts.used.update(w for w, _ in parts)
            return j + 1
        j += 1
    # A title without «муниципальное образование X» («…в Лесном районе на 2025 год»): still the title, and its year
    # or school year is read; the municipality is left for the user to write (its declension is not guessed).
    facts.used.add(lines[i][0])
    if facts.year is None and facts.period is None and (m := re.search(r"\bна\s+(.+?)\s*$", lines[i][1], re.I)):
        read_period(m[1], facts)
    if m := _PLACE_IN_TITLE.search(lines[i][1]):
        facts.named_in_title = m[0]
    return i + 1


_PLACE_IN_TITLE = re.compile(
    r"\bв\s+(?:[А-ЯЁ][\w-]*\s+)+(?:муниципальном\s+|городском\s+)?(?:районе|округе)\b|\bв\s+городе\s+[А-ЯЁ][\w-]+"
    r"|\b[А-ЯЁ][\w-]*(?:ого|его)\s+(?:муниципального\s+|городского\s+)?(?:района|округа)\b"
)


_COMMON = {"район", "округ", "город", "город-курорт", "муниципальный", "городской", "край", "области", "края"}


def _capitalised(name: str) -> str:
    """A name from a title typed in capitals as the format writes it: «ЛЕСНОЙ РАЙОН» → «Лесной район»,
    «ГОРОД-КУРОРТ АНАПА» → «город-курорт Анапа»."""
    if not name.isupper():
        return name
    words = [w.lower() for w in name.split()]
    return " ".join(w if w in _COMMON else "-".join(p.capitalize() for p in w.split("-")) for w in words)


def _section_heading(text: str, facts: Facts) -> None:
    if facts.year is None and facts.period is None and (m := _SECTION2_YEAR.search(text)):
        read_period(m["period"] + (" учебный год" if "/" in m["period"] or "–" in m["period"] else ""), facts)


def read_tail(lines: list[Line], facts: Facts) -> None:
    """Monitoring sentence, indicator list, abbreviations and signature after the tables."""
    mode = ""
    before: Line | None = None  # the line above, when nothing took it: a position over its signature line
    for where, text in lines:
        if (
            before is not None
            and before[0] not in facts.used
            and (nm := _NAME_LINE.match(text))
            and not _NAME_LINE.match(before[1])
            and before[1][:1].isupper()
        ):
            facts.signature = {"position": before[1].strip(" ,"), "name": nm["name"]}
            facts.used.update((before[0], where))
            before = None
            continue
        before = (where, text)
        if m := _MONITORING.search(text):
            facts.monitoring_number = int(m["number"])
            facts.used.add(where)
            mode = ""
        elif _INDICATORS_HEAD.match(text):
            mode = "indicators"
            facts.used.add(where)
        elif _ABBREV_HEAD.match(text):
            mode = "abbreviations"
            facts.used.add(where)
        elif _SECTION.match(text):
            _section_heading(text, facts)
            facts.used.add(where)
        elif signature := read_signature_line(text):
            facts.signature = signature
            facts.used.add(where)
            mode = ""
        elif mode == "abbreviations" and (m := _ABBREV.match(text)):
            facts.abbreviations[m["short"]] = m["full"]
            facts.used.add(where)
        elif mode == "indicators" and text:
            m = _ITEM.match(text)
            facts.indicators.append((m["text"] if m else text).strip())
            facts.used.add(where)


def read_signature_line(text: str) -> dict | None:
    """«Начальник управления образования ______ И.И. Иванова» (one line, tabs or underscores between)."""
    m = re.match(
        rf"^(?P<position>[А-ЯЁ][^_\t/]{{5,}}?)[\s_\t]+(?:\(?подпись\)?[\s_]*)?[/(]?\s*(?P<name>{_INITIALS})\s*[/)]?\s*$",
        text,
    )
    if m and not _ABBREV.match(text):
        return {"position": m["position"].strip(" ,"), "name": m["name"]}
    return None


def read_signature_cells(texts: list[str]) -> dict | None:
    """A borderless table [position | name] after section II."""
    # a cell of the line to sign on («________», «(подпись)», «М.П.») is no text of the signature
    texts = [
        clean(t) for t in texts if clean(t) and not re.fullmatch(r"[_\s]*(?:\(?подпись\)?|М\.\s?П\.?)?[_\s]*", clean(t))
    ]
    if len(texts) == 2 and _NAME_LINE.match(texts[1]) and not _NAME_LINE.match(texts[0]):
        return {"position": texts[0], "name": _NAME_LINE.match(texts[1])["name"]}
    if len(texts) == 1:
        return read_signature_line(texts[0])
    return None
