"""What the roadmap's data means once resolved against the catalog.

Both the checks and the document use it: factor and parameter numbering
(codes «1.1.»), titles, school lists, event groups. Unresolvable references
are skipped here; the rules report them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .catalog import Catalog
from .reference import classify_form
from .roadmap import GROUPS, Event, Finding, Roadmap
from .schools import NUMBER_SIGN, compact_list, short_name


@dataclass
class ParameterRow:
    code: str
    ref: str
    title: str
    finding: Finding
    index: int  # position in roadmap.audit
    schools: str


@dataclass
class FactorBlock:
    number: int
    id: str
    title: str
    rows: list[ParameterRow] = field(default_factory=list)


@dataclass
class Structure:
    factors: list[FactorBlock]
    code_of: dict[str, str]  # finding ref → «1.1.»

    def codes_for(self, event: Event) -> str:
        if event.addresses_all:
            return "все выявленные параметры"
        return ", ".join(self.code_of.get(ref, ref) for ref in event.parameter_refs)


def factor_id_of(finding: Finding, catalog: Catalog) -> str | None:
    if finding.parameter and finding.parameter in catalog.parameters:
        return catalog.factor_of[finding.parameter].id
    if finding.factor and finding.factor in catalog.factors_by_id:
        return finding.factor
    return None


def finding_title(finding: Finding, catalog: Catalog) -> str:
    if finding.title:
        return finding.title
    parameter = catalog.parameters.get(finding.parameter)
    return parameter.title if parameter else finding.parameter


def school_short_names(roadmap: Roadmap) -> dict[str, str]:
    return {s.id: s.short or short_name(s.name) for s in roadmap.schools}


def resolve(roadmap: Roadmap, catalog: Catalog) -> Structure:
    """Factors in order of first appearance in the audit, parameters in file order."""
    short = school_short_names(roadmap)
    blocks: dict[str, FactorBlock] = {}
    for index, finding in enumerate(roadmap.audit):
        factor_id = factor_id_of(finding, catalog)
        if factor_id is None:
            continue
        if factor_id not in blocks:
            factor = catalog.factors_by_id[factor_id]
            blocks[factor_id] = FactorBlock(len(blocks) + 1, factor.id, factor.title)
        block = blocks[factor_id]
        code = f"{block.number}.{len(block.rows) + 1}."
        names = [short[s] for s in finding.schools if s in short]
        block.rows.append(
            ParameterRow(code, finding.ref, finding_title(finding, catalog), finding, index, compact_list(names))
        )
    code_of = {row.ref: row.code for block in blocks.values() for row in block.rows}
    return Structure(list(blocks.values()), code_of)


# ---------------------------------------------------------------- the method's groups of events

GROUP_TITLES = {
    "municipal": "муниципальные мероприятия (организатор — ТМС)",
    "shnor": "муниципальные мероприятия с участием / для ШНОР",
    "control": "контроль подготовки и реализации внутришкольных систем профилактики учебной неуспешности",
}

_ALL_SCHOOLS = re.compile(
    r"\bвсе[хм]?\s+(оо|ou|школ|образовательн|общеобразовательн)|в\s+том\s+числе|в\s+т\.\s*ч\.|\bвсе\s+педагог|муниципалитет",
    re.I,
)


def _mentions_shnor(event: Event) -> bool:
    return "шнор" in f"{event.name} {event.contingent} {event.place}".lower()


def is_control_form(form: str) -> bool:
    """A form of the evaluation-and-correction stage (мониторинг, аудит, собеседование…) and of no other stage."""
    stages = {entry.stage for entry in classify_form(form)}
    return bool(stages) and stages <= {4}


def guessed_groups(event: Event) -> list[str]:
    """What the text suggests when ``groups`` is not written: a hint for the user, never silently final."""
    groups = []
    if is_control_form(event.form):
        groups.append("control")
    elif not _mentions_shnor(event) or _ALL_SCHOOLS.search(f"{event.contingent} {event.place} {event.name}"):
        groups.append("municipal")
    if _mentions_shnor(event) or event.shnor:
        groups.append("shnor")
    return groups


def event_groups(event: Event) -> list[str]:
    """The groups an event counts in: as written, else as its text suggests (the rules say which).

    ШНОР named as taking part (``shnor``) put an event in the second group, «с участием ШНОР», too.
    """
    groups = event.stated_groups or guessed_groups(event)
    if event.shnor and "shnor" not in groups:
        groups = [g for g in GROUPS if g in {*groups, "shnor"}]
    return groups


def event_group(event: Event) -> str:
    """The first of the event's groups (for a single label)."""
    return event_groups(event)[0]


def is_control_only(event: Event) -> bool:
    """Control of the schools' systems, not prevention itself: it cannot be a parameter's only answer."""
    groups = event_groups(event)
    return "control" in groups and "municipal" not in groups


def own_events(roadmap: Roadmap, finding: Finding) -> list[tuple[int, Event]]:
    """The events that name this parameter themselves: «все выявленные параметры» is no prevention of any one of
    them.
    """
    return [(i, e) for i, e in enumerate(roadmap.events) if finding.ref and finding.ref in e.parameter_refs]


class OwnEvents:
    """``own_events`` of every finding of a roadmap from one pass over its events (a rule asks it for each finding)."""

    def __init__(self, roadmap: Roadmap):
        self._by_ref: dict[str, list[tuple[int, Event]]] = {}
        for i, event in enumerate(roadmap.events):
            for ref in dict.fromkeys(event.parameter_refs):
                self._by_ref.setdefault(ref, []).append((i, event))

    def __call__(self, finding: Finding) -> list[tuple[int, Event]]:
        ref = finding.ref
        return list(self._by_ref.get(ref, ())) if ref else []


def unaddressed(roadmap: Roadmap) -> list[Finding]:
    """Findings with no event of their own, in the order of section I."""
    own = OwnEvents(roadmap)
    return [f for f in roadmap.audit if f.ref and not own(f)]


# ---------------------------------------------------------------- ШНОР taking part


def shnor_ids(roadmap: Roadmap) -> list[str]:
    return [s.id for s in roadmap.schools if s.shnor]


@lru_cache(maxsize=1)
def _folding() -> dict[int, str]:
    from ..reading.homoglyphs import LATIN_TO_CYRILLIC

    return str.maketrans({**LATIN_TO_CYRILLIC, "ё": "е", "Ё": "Е"})


def _spaced(text: str) -> str:
    """Names and the text they are looked for in, alike: «МБОУ "СОШ №5"», «COШ No 5» (Latin letters), «Ёлкинская»."""
    return " ".join(NUMBER_SIGN.sub("№ ", text).translate(_folding()).lower().replace("№", "№ ").split())


@lru_cache(maxsize=256)
def _school_names(schools: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, ...], dict[str, list[str]]]:
    """The short names of a roadmap's schools, spaced as ``_spaced`` writes a text, longest first; their ids."""
    ids: dict[str, list[str]] = {}
    for school_id, short, full in schools:
        name = _spaced(short or short_name(full))
        if name:
            ids.setdefault(name, []).append(school_id)
    return tuple(sorted(ids, key=len, reverse=True)), ids


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\w`` of a text pattern matches


def find_names(names: tuple[str, ...], text: str) -> list[str]:
    r"""The names found in ``text``, as ``re.finditer`` of «(?<!\w)(?:name₁|name₂|…)(?![\d\w])» finds them.

    ``names`` are longest first: where several fit at one place, the longest wins (a school «СОШ № 1 им. …» is not
    also «СОШ № 1»), and the search goes on after it; no word character may stand next to a name («СОШ № 1» is not
    found in «СОШ № 10»). Found with ``str.find``: every roadmap has its own schools, and compiling an expression of
    all their names cost more than the searches it then made (a third of a millisecond per roadmap of a review).
    """
    found = []
    for rank, name in enumerate(names):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if (start == 0 or not _is_word(text[start - 1])) and (end == len(text) or not _is_word(text[end])):
                found.append((start, rank, end))
            start = text.find(name, start + 1)
    if len(found) < 2:
        return [names[rank] for _, rank, _ in found]
    found.sort()
    names_found, after = [], 0
    for start, rank, end in found:
        if start >= after:
            names_found.append(names[rank])
            after = end
    return names_found


@lru_cache(maxsize=8192)
def _names_in(names: tuple[str, ...], text: str) -> tuple[str, ...]:
    """``find_names`` in a text as written, once: the rules and the review's facts read the same events' texts."""
    return tuple(find_names(names, _spaced(text)))


def _named_schools(roadmap: Roadmap, text: str) -> set[str]:
    """Schools whose short name («СОШ № 5», «Волошинская СОШ») occurs in the text."""
    return Participation(roadmap).named_schools(text)


class Participation:
    """Which ШНОР take part in the events of one roadmap: the school names' expression and the ШНОР made once for all
    its events.
    """

    def __init__(self, roadmap: Roadmap):
        self.shnor_ids = shnor_ids(roadmap)
        self.shnor = set(self.shnor_ids)
        self._names, self._ids = _school_names(tuple((s.id, s.short, s.name) for s in roadmap.schools))
        self._guessed: dict[tuple[str, str], frozenset[str]] = {}  # by contingent and place: events repeat them

    def named_schools(self, text: str) -> set[str]:
        if not self._names:
            return set()
        ids = self._ids
        return {school_id for name in _names_in(self._names, text) for school_id in ids[name]}

    def guessed(self, event: Event) -> set[str]:
        """``guessed_participants`` of this roadmap's event."""
        key = (event.contingent, event.place)
        known = self._guessed.get(key)
        if known is None:
            known = self._guessed[key] = frozenset(self._guess(*key))
        return set(known)

    def _guess(self, contingent: str, place: str) -> set[str]:
        shnor = set(self.shnor)
        if not shnor:
            return shnor  # a year without ШНОР: nobody to name
        text = f"{contingent} {place}"
        named = self.named_schools(text) & shnor
        if named:
            return named
        # «Учителя ОО (в том числе из ШНОР)», «руководители всех ОО»: every school, so every ШНОР.
        if "шнор" in text.lower() or _ALL_SCHOOLS.search(contingent):
            return shnor
        return set()

    def of(self, event: Event) -> set[str]:
        """``participants`` of this roadmap's event."""
        if event.all_shnor:
            return set(self.shnor_ids)
        if event.shnor_ids:
            return set(event.shnor_ids)
        return self.guessed(event)


def guessed_participants(roadmap: Roadmap, event: Event) -> set[str]:
    """ШНОР the contingent or place names: «ШНОР» or «всех ОО» means all of them; a school's name means that one.

    The name is not read: «Сопровождение ШНОР» for methodists of the ТМС is about ШНОР, not with them.
    """
    return Participation(roadmap).guessed(event)


def participants(roadmap: Roadmap, event: Event) -> set[str]:
    """The ШНОР taking part: as written in ``shnor`` («все» — every one), else as the text names them."""
    return Participation(roadmap).of(event)


# ---------------------------------------------------------------- the mandatory monitoring

MONITORING_TITLE = "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности"


def monitoring_events(roadmap: Roadmap) -> list[tuple[int, Event]]:
    """The mandatory monitoring as the file names it (``monitoring.events``), with event numbers from 0."""
    ids = roadmap.monitoring.event_ids
    return [(i, e) for i, e in enumerate(roadmap.events) if e.id and e.id in ids]


def looks_like_monitoring(event: Event) -> bool:
    """Named as the school systems' monitoring and held as a monitoring: a seminar about monitoring is not one."""
    name = event.name.lower()
    about_systems = "внутришкольн" in name or ("систем" in name and "профилакт" in name)
    return "мониторинг" in name and about_systems and is_control_form(event.form)


def monitoring_candidates(roadmap: Roadmap) -> list[tuple[int, Event]]:
    return [(i, e) for i, e in enumerate(roadmap.events) if looks_like_monitoring(e)]


def monitoring_event(roadmap: Roadmap) -> tuple[int, Event] | None:
    """The first monitoring event: named in ``monitoring.events``, else (a file not yet saying so) the first that looks
    like it.
    """
    found = monitoring_events(roadmap) or ([] if roadmap.monitoring.event_ids else monitoring_candidates(roadmap))
    return found[0] if found else None


# ---------------------------------------------------------------- levels of the system

# «…мероприятия краевого, муниципального и школьного уровней»: an event of the region is held by
# the institute or the ministry (place, responsible), or its name says it is a regional seminar,
# course, conference… «Анализ региональных диагностических работ» is a municipal event about them.
_REGIONAL_BODY = re.compile(r"\bиро\b|институт\w* развития образования|министерств\w*|краев\w*|регионал\w*", re.I)
_REGIONAL_NAME = re.compile(
    r"(краев|регионал)\w*\s+(\w+\s+)?(семинар|конференц|вебинар|форум|курс|стажировк|мастер-класс|совещани|проект|конкурс|фестивал|школ)",
    re.I,
)


def is_regional(event: Event) -> bool:
    """An event of the regional level: held by the institute or the ministry, or a regional seminar, course,
    conference…
    """
    return bool(_REGIONAL_BODY.search(f"{event.place} {event.responsible}") or _REGIONAL_NAME.search(event.name))
