"""``Source`` → what the data file will say: findings, events, schools, and what found no place.

Tables are classified by their headers (``headers``); a table without a header
right after a data table of the same width continues it (a table broken by a
page break and started anew). Rows spanning the width are section titles: in
section I they name the factor of the rows below, in section II they may name
the method's group of the events below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..domain.catalog import Catalog
from ..domain.schools import short_name
from .codes import code_key, parse_codes
from .headers import (
    SCHOOL_MARK,
    SHEET_SCAN,
    Layout,
    _distinct,
    detect,
    is_column_numbers,
    is_repeated_header,
    norm,
)
from .matching import Matcher, normalise, similarity
from .model import Cell, Paragraph, Source, Table, Unplaced, clean, paragraph_lines
from .preamble import Facts, read_head, read_signature_cells, read_tail
from .schoolnames import is_all_shnor, mentions, parse_school_list, tidy
from .schoolnames import key as school_key

ALL_PARAMETERS = "все выявленные параметры"
_FACTOR_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*[.)]?\s+")
_CONTINUATION = re.compile(r"^(?:продолжение|окончание)(?:\s+таблицы)?", re.IGNORECASE)
_GROUP_HINTS = [
    ("control", re.compile(r"контрол|мониторинг\w*\s+подготовки", re.IGNORECASE)),
    ("shnor", re.compile(r"шнор|низкими\s+образовательными", re.IGNORECASE)),
    ("municipal", re.compile(r"муниципальн\w*\s+мероприят", re.IGNORECASE)),
]
_MONITORING_NAME = re.compile(r"мониторинг\w*.*внутришкольн\w*\s+систем", re.IGNORECASE)


@dataclass
class FindingOut:
    where: str
    code: str
    factor_text: str
    text: str
    parameter: str = ""
    own_id: str = ""
    factor: str = ""
    title: str = ""
    schools: list[str] = field(default_factory=list)  # school keys
    note: str = ""
    all_shnor: bool = False  # «все ШНОР» in its list: every ШНОР section I names, filled in once all are read

    @property
    def ref(self) -> str:
        return self.own_id or self.parameter


@dataclass
class EventOut:
    where: str
    number: str
    name: str = ""
    form: str = ""
    parameters: list[str] | str = field(default_factory=list)
    contingent: str = ""
    place: str = ""
    dates: str = ""
    responsible: str = ""
    groups: list[str] = field(default_factory=list)
    shnor: list[str] = field(default_factory=list)  # school keys named as taking part
    shnor_all: bool = False  # «ШНОР» named without naming them
    shnor_every: bool = False  # «все ШНОР» written in its column of ШНОР: ``shnor: все``
    section: str = ""  # the section title above
    indicators: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    id: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # role → «таблица 2, строка 14, графа «Сроки»»


@dataclass
class SchoolOut:
    name: str
    shnor: bool
    note: str = ""
    id: str = ""


@dataclass
class Imported:
    facts: Facts
    schools: dict[str, SchoolOut] = field(default_factory=dict)  # key → school
    findings: list[FindingOut] = field(default_factory=list)
    events: list[EventOut] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    monitoring: list[str] = field(default_factory=list)  # event ids
    unplaced: list[Unplaced] = field(default_factory=list)
    per_school: bool = False  # section I lists ОО «по каждой ОО», not ШНОР
    tables_found: list[str] = field(default_factory=list)
    filled: dict[str, int] = field(default_factory=dict)  # events tables: column title → data rows with text in it


@dataclass
class _Part:
    table: Table
    layout: Layout
    titles: dict[int, str]
    first: int  # first data row


def _where(table: Table, number: int, col: int | None = None, titles: dict[int, str] | None = None) -> str:
    """«таблица 2, строка 5, столбец 3 («Место проведения»)»; ``col`` is 0-based."""
    if table.paragraphs:  # section I typed as paragraphs: the paragraph is the place
        return f"абзац {number}"
    place = f"{table.label}, строка {number}"
    if col is None:
        return place
    title = (titles or {}).get(col, "")
    return f"{place}, столбец {table.column_name(col + 1)}" + (f" («{title}»)" if title else "")


def _section_text(row: list[Cell], layout: Layout) -> str | None:
    distinct = [(c, cell) for c, cell in _distinct(row) if cell.line]
    if len(distinct) != 1:
        return None
    col, cell = distinct[0]
    span = sum(1 for x in row if x is cell)
    if span >= max(2, (len(row) + 1) // 2):
        return cell.line
    if layout.roles.get(col) == "no" and not re.fullmatch(r"[\d.\s]+", cell.line):
        return cell.line
    # A heading typed in the name column alone, the row's other cells empty: «2. Мероприятия с участием ШНОР»,
    # «II. Работа с педагогами», «Организационно-управленческие мероприятия».
    if layout.kind == "events" and layout.roles.get(col) == "name" and len(row) >= 4 and _HEADING.search(cell.line):
        return cell.line
    return None


_HEADING = re.compile(
    r"^(?:[IVXLC]+|\d+)[.)]\s+\S|мероприяти[йя]\s*$|^(?:раздел|направление|блок)\b|^[А-ЯЁ\s\d.,«»-]{6,}$", re.IGNORECASE
)


def _start_and_end(part: _Part) -> bool:
    """Two columns of dates, the first of the start and the second of the end («Дата начала» | «Дата окончания»,
    «Срок: с» | «по»): one period, written «15.09.2025 – 30.11.2025», not two dates."""
    titles = [norm(part.titles.get(c, "")) for c, role in sorted(part.layout.roles.items()) if role == "dates"]
    return (
        len(titles) == 2
        and bool(re.search(r"начал|^с$|\bс\b", titles[0]))
        and bool(re.search(r"оконч|заверш|конец|^по$|\bпо\b", titles[1]))
    )


# A date as Excel keeps it, shown as a number where the cell lost its date format (pasted values, exports): 36526 is
# 01.01.2000, 73415 is 31.12.2100.
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")


def _excel_serial_date(event: EventOut) -> None:
    """«46068» in the dates column is 15.02.2026 to Excel: written as a date, with a comment to check it."""
    match = _SERIAL.fullmatch(event.dates)
    if match is None or not 36526 <= int(match.group(1)) <= 73415:
        return
    import datetime as dt

    day = dt.date(1899, 12, 30) + dt.timedelta(days=int(match.group(1)))
    event.notes.append(f"в таблице число {event.dates} — так Excel хранит дату {day:%d.%m.%Y}: проверьте")
    event.dates = f"{day:%d.%m.%Y}"


def _marked_months(row: list[Cell], months: dict[int, str]) -> str:
    """«Октябрь 2025, март 2026»: the months marked in a calendar row; a date typed in a month's cell is kept."""
    picked = []
    for col, label in months.items():
        text = row[col].line if col < len(row) else ""
        if text and not _NO_MARK.fullmatch(text.lower()):
            picked.append(label if _MARK.fullmatch(text.lower()) else f"{text} ({label})")
    joined = ", ".join(picked)
    return joined[:1].upper() + joined[1:]


_MARK = re.compile(r"[+✓✔☑•●vх×x*]|да|1|есть|имеется|выявлен\w*")
_NO_MARK = re.compile(r"[-–—−0]|нет|не выявлен\w*")


class Assembler:
    def __init__(self, source: Source, catalog: Catalog):
        self.source = source
        self.catalog = catalog
        self.matcher = Matcher(catalog)
        self.out = Imported(Facts())
        self.code_map: dict[str, str] = {}
        self.code_order: list[str] = []
        self.mention_names: dict[str, str] = {}  # school key → full name seen in text
        self._months: dict[int, dict[int, str]] = {}  # layout → its month columns (a plan laid out as a calendar)
        self.event_sheets = 0  # sheets with a table of events: more than one may be a sheet per group

    # ------------------------------------------------------------ structure

    def run(self) -> Imported:
        parts: list[_Part] = []
        head: list[tuple[str, str]] = []
        tail: list[tuple[str, str]] = []
        other_tables: list[Table] = []
        previous: _Part | None = None
        gap_ok = True  # only empty lines or «продолжение таблицы» since the previous data table
        for block in self.source.blocks:
            if isinstance(block, Paragraph):
                lines = paragraph_lines(block)
                if not lines:
                    continue
                if len(lines) == 1 and _CONTINUATION.match(lines[0][1]) and previous is not None:
                    self.out.facts.used.add(lines[0][0])
                    continue
                gap_ok = False
                (tail if parts else head).extend(lines)
                continue
            table = block
            layout = detect(table, SHEET_SCAN if table.sheet else 6)
            if layout is None and previous is not None and gap_ok and table.width == previous.table.width:
                part = _Part(table, previous.layout, previous.titles, 0)
            elif layout is None:
                if not parts:
                    head.extend(self._lines_of(table))
                else:
                    other_tables.append(table)
                continue
            else:
                start = layout.start
                titles = self._titles(table, layout, start)
                if not parts or table.sheet:
                    head.extend(self._lines_of(table, stop=start))
                part = _Part(table, layout, titles, start + layout.header_rows)
            parts.append(part)
            previous, gap_ok = part, True
        if not parts:
            return self.out
        self.out.tables_found = sorted({p.layout.kind for p in parts})
        read_head(head, self.out.facts)
        for table in other_tables:
            self._other_table(table, tail)
        read_tail(tail, self.out.facts)
        agreed = ""  # the cell of a «СОГЛАСОВАНО» block: its lines are that block's
        for where, text in head + tail:
            cell = where.split(", абзац")[0]
            if re.fullmatch(r"СОГЛАСОВАН[ОА]\W*", text, re.IGNORECASE):
                agreed = cell
            if where in self.out.facts.used:
                continue
            if agreed and cell == agreed and where.startswith(("таблица", "лист")):
                reason = "гриф «СОГЛАСОВАНО»: в файле данных такого грифа нет — перенесите его вручную, если он нужен"
            elif where.startswith(("таблица", "лист")):
                reason = "текст в таблице над картой не распознан (не гриф утверждения и не заголовок)"
            else:
                reason = "текст вне таблиц не распознан"
            self.out.unplaced.append(Unplaced(where, text, reason))
        if any(part.layout.kind == "audit" for part in parts):
            parts = [_parameters_as_codes(part) for part in parts]
        for part in parts:
            if part.layout.kind == "audit" or _combined(part.layout):
                self._audit(part)
        self._all_shnor()
        self.event_sheets = len({id(p.table) for p in parts if p.layout.kind == "events" and p.table.sheet})
        for part in parts:
            if part.layout.kind == "events":
                self._events(part)
                self._count_filled(part)
        for part in parts:
            if part.layout.kind == "indicators":
                self._indicator_table(part)
        self._finish()
        return self.out

    def _count_filled(self, part: _Part) -> None:
        for col, title in part.titles.items():
            if title:
                filled = sum(1 for row in part.table.rows[part.first :] if col < len(row) and row[col].line)
                self.out.filled[title] = self.out.filled.get(title, 0) + filled

    def _titles(self, table: Table, layout: Layout, start: int) -> dict[int, str]:
        titles = {}
        for col in range(table.width):
            parts: list[str] = []
            for r in range(start, start + layout.header_rows):
                text = table.rows[r][col].line
                if text and text not in parts:
                    parts.append(text)
            titles[col] = parts[-1] if parts else ""
        return titles

    def _lines_of(self, table: Table, stop: int | None = None) -> list[tuple[str, str]]:
        lines = []
        for index, row in enumerate(table.rows[:stop]):
            number = table.number(index)
            for col, cell in _distinct(row):
                if cell.line and cell.row == number:
                    where = (
                        _where(table, number, col)
                        if not table.sheet
                        else f"{table.label}, ячейка {table.column_name(col + 1)}{number}"
                    )
                    # A cell's paragraphs are lines of their own: an approval block laid out as a table
                    # («УТВЕРЖДАЮ» / position / signature and name / date) reads as the same lines typed as paragraphs.
                    texts = [text for text in (clean(t) for t in cell.text.split("\n")) if text]
                    lines.extend(
                        (f"{where}, абзац {k}" if len(texts) > 1 else where, text) for k, text in enumerate(texts, 1)
                    )
        return lines

    def _other_table(self, table: Table, tail: list[tuple[str, str]]) -> None:
        for index, row in enumerate(table.rows):
            texts = [cell.text for _, cell in _distinct(row)]
            signature = read_signature_cells(texts)
            if signature:
                self.out.facts.signature = signature
                continue
            for col, cell in _distinct(row):
                if cell.line and cell.row == table.number(index):
                    tail.append((_where(table, table.number(index), col), cell.line))

    def _rows(self, part: _Part):
        """Data rows: after the header, without repeated headers, column-number rows and empty rows."""
        for r in range(part.first, len(part.table.rows)):
            row = part.table.rows[r]
            if not any(cell.line for cell in row):
                continue
            if is_repeated_header(row, part.layout) or is_column_numbers(row):
                continue
            yield part.table.number(r), row

    def _month_columns(self, part: _Part) -> dict[int, str]:
        """A plan laid out as a calendar: a column per month under «Сроки» («янв. | февр. | …») → column → «октябрь
        2025» (the year from the header, else the roadmap's); empty for an ordinary table."""
        from ..domain.dates import MONTH_NAMES, month_number

        key = id(part.layout)
        if key in self._months:
            return self._months[key]
        found: dict[int, int] = {}
        for col, role in part.layout.roles.items():
            words = part.titles.get(col, "").lower().split()
            if role == "dates" and len(words) == 1:
                try:
                    found[col] = month_number(words[0].rstrip("."))
                except ValueError:
                    continue
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", " ".join(part.layout.header_key))]
        facts = self.out.facts
        if facts.period:  # a school year: its autumn months are in the first year
            first, last = (int(p.split()[-1]) for p in facts.period)
        else:
            first = last = years[0] if years else facts.year
        labels = {
            col: MONTH_NAMES[m - 1] + (f" {first if m >= 9 and facts.period else last}" if last else "")
            for col, m in found.items()
        }
        self._months[key] = labels if len(labels) >= 3 else {}
        return self._months[key]

    def _values(self, row: list[Cell], part: _Part) -> dict[str, str]:
        values: dict[str, list[str]] = {}
        seen: set[int] = set()
        for col, role in sorted(part.layout.roles.items()):
            if col >= len(row):
                continue
            cell = row[col]
            if id(cell) in seen or not cell.line:
                continue
            seen.add(id(cell))
            values.setdefault(role, []).append(cell.text)
        joined = {role: "\n".join(texts) for role, texts in values.items()}
        months = self._month_columns(part)
        if months and "dates" in joined:
            joined["dates"] = _marked_months(row, months)
        elif len(values.get("dates", [])) == 2 and _start_and_end(part):
            joined["dates"] = " – ".join(clean(t) for t in values["dates"])  # «Дата начала», «Дата окончания»
        return joined

    def _unroled(self, number: int, row: list[Cell], part: _Part) -> None:
        """Report text in columns no role reads (a copy of a merged cell is reported once, where it starts)."""
        roled = {id(row[c]) for c in part.layout.roles if c < len(row)}
        for col, cell in _distinct(row):
            if cell.line and id(cell) not in roled and cell.row == number:
                self.out.unplaced.append(
                    Unplaced(
                        _where(part.table, number, col, part.titles), cell.line, "столбец не распознан по заголовку"
                    )
                )

    def _row_unplaced(self, number: int, row: list[Cell], part: _Part, reason: str) -> None:
        for col, cell in _distinct(row):
            if cell.line and cell.row == number:
                self.out.unplaced.append(Unplaced(_where(part.table, number, col, part.titles), cell.line, reason))

    def _remember_mentions(self, text: str) -> None:
        for name in mentions(text):
            self.mention_names.setdefault(school_key(name), name)

    def _school(self, name: str, shnor: bool, note: str = "") -> str:
        k = school_key(name)
        school = self.out.schools.get(k)
        if school is None:
            self.out.schools[k] = SchoolOut(tidy(name), shnor, note)
        else:
            school.shnor = school.shnor or shnor
            if short_name(school.name) == school.name and short_name(name) != name:
                school.name = tidy(name)
        return k

    # ------------------------------------------------------------ section I

    def _audit(self, part: _Part) -> None:
        header = " ".join(part.titles.get(c, "") for c, r in part.layout.roles.items() if r == "schools").lower()
        if header and "шнор" not in header:
            self.out.per_school = True
        section_factor = ""
        factor_numbers: dict[str, int] = {}
        combined = _combined(part.layout)
        parameter_cols = [c for c, r in part.layout.roles.items() if r == "parameter"]
        previous: Cell | None = None
        for number, row in self._rows(part):
            section = _section_text(row, part.layout)
            if section:
                section_factor = _FACTOR_NUMBER.sub("", section)
                continue
            if combined:
                # Section I beside its measures: a parameter merged down over its measures' rows (or typed
                # again in each) is one finding; the rows below it are its measures, not more findings.
                cell = row[parameter_cols[0]] if parameter_cols else None
                if (
                    cell is None
                    or not cell.line
                    or (previous is not None and (cell is previous or cell.line == previous.line))
                ):
                    continue
                previous = cell
            values = self._values(row, part)
            if combined:
                values = {k: v for k, v in values.items() if k in ("factor", "parameter", "code", "schools")}
            factor_text = _FACTOR_NUMBER.sub("", clean(values.get("factor", ""))) or section_factor
            text = clean(values.get("parameter", ""))
            code = clean(values.get("code", ""))
            if not text:
                if factor_text and not code:
                    section_factor = factor_text
                    continue
                self._row_unplaced(number, row, part, "строка раздела I без параметра")
                continue
            if not code and (m := re.match(r"^(\d+\.\d+)\.?\s+(.+)$", text)):
                code, text = m[1], m[2]
            if factor_text not in factor_numbers:
                factor_numbers[factor_text] = len(factor_numbers) + 1
            if not code:  # Word auto-numbering or no code column: the code it would show
                count = sum(1 for f in self.out.findings if f.factor_text == factor_text)
                code = f"{factor_numbers[factor_text]}.{count + 1}"
            finding = FindingOut(_where(part.table, number), code_key(code), factor_text, text)
            self._match_finding(finding)
            for cell_text in [values.get("schools", "")]:
                if is_all_shnor(cell_text) and not self.out.per_school:
                    finding.all_shnor = True
                    continue
                names, leftovers = parse_school_list(cell_text)
                for name in names:
                    self._remember_mentions(name)
                    k = self._school(name, not self.out.per_school)
                    if k not in finding.schools:
                        finding.schools.append(k)
                for bit in leftovers:
                    col = next((c for c, r in part.layout.roles.items() if r == "schools"), 0)
                    self.out.unplaced.append(
                        Unplaced(_where(part.table, number, col, part.titles), bit, "не похоже на наименование школы")
                    )
            self._marked_schools(number, values, part, finding)
            if not combined:
                self._unroled(number, row, part)
            self._add_finding(finding)
        for role in part.layout.roles.values():  # a school of the grid with no mark is a school all the same
            if role.startswith(SCHOOL_MARK):
                self._school(role[len(SCHOOL_MARK) :], False)

    def _marked_schools(self, number: int, values: dict[str, str], part: _Part, finding: FindingOut) -> None:
        """Section I as a grid, a column per school: a mark («+», «✓», «да») under a school names it for the row."""
        for role, value in values.items():
            if not role.startswith(SCHOOL_MARK) or not clean(value):
                continue
            mark = clean(value).lower()
            if _MARK.fullmatch(mark):
                key = self._school(role[len(SCHOOL_MARK) :], not self.out.per_school)
                if key not in finding.schools:
                    finding.schools.append(key)
            elif not _NO_MARK.fullmatch(mark):
                col = next(c for c, r in part.layout.roles.items() if r == role)
                self.out.unplaced.append(
                    Unplaced(
                        _where(part.table, number, col, part.titles), clean(value), "не отметка школы («+» или пусто)"
                    )
                )

    def _all_shnor(self) -> None:
        """«все ШНОР» in section I: every ШНОР the other rows name (a school's list says nothing else), with a comment
        to check; with none named, said so."""
        shnor = [k for k, school in self.out.schools.items() if school.shnor]
        for finding in self.out.findings:
            if not finding.all_shnor:
                continue
            if shnor:
                finding.schools = list(shnor)
                remark = "в документе «все ШНОР»: перечислены все ШНОР раздела I — проверьте"
                finding.note = f"{finding.note}; {remark}" if finding.note else remark
            else:
                self.out.unplaced.append(
                    Unplaced(finding.where, "все ШНОР", "ни одна ШНОР в разделе I не названа — перечислите школы")
                )

    def _match_finding(self, finding: FindingOut) -> None:
        factor = self.matcher.factor(finding.factor_text) if finding.factor_text else None
        factor_id = factor.id if factor else None
        match = self.matcher.parameter(finding.text, factor_id)
        catalog_title = self.catalog.parameters[match.id].title if match.id else ""
        if match.how in ("exact", "normalised"):
            finding.parameter = match.id
            if match.how == "normalised":
                finding.note = "совпадает с «Конструктором» без учёта регистра и знаков препинания"
        elif match.how == "close":
            finding.parameter = match.id
            finding.title = finding.text
            finding.note = f"близко к «Конструктору» ({round(match.confidence * 100)} %): «{catalog_title}» — проверьте"
        else:
            finding.factor = factor_id or ""
            finding.title = finding.text
            hint = f"; ближе всего: {match.nearest} ({round(match.confidence * 100)} %)" if match.nearest else ""
            where = "" if factor_id else "; фактор не найден в каталоге — укажите factor"
            finding.note = f"нет в «Конструкторе»: собственный параметр муниципалитета{hint}{where}"

    def _add_finding(self, finding: FindingOut) -> None:
        for other in self.out.findings:
            if finding.parameter and other.parameter == finding.parameter and not finding.title and not other.title:
                other.schools += [s for s in finding.schools if s not in other.schools]
                self._map_code(finding.code, other.ref, finding)
                return
            if finding.parameter and other.parameter == finding.parameter:
                # the same catalog parameter twice with different wording: the second is kept as own
                finding.factor = self.catalog.factor_of[finding.parameter].id
                finding.parameter = ""
                finding.note = f"похож на тот же параметр «Конструктора», что и {other.where}: оставлен собственным"
                break
        if not finding.parameter:
            finding.own_id = f"own-{sum(1 for f in self.out.findings if f.own_id) + 1}"
        self.out.findings.append(finding)
        self._map_code(finding.code, finding.ref, finding)

    def _map_code(self, code: str, ref: str, finding: FindingOut) -> None:
        if code in self.code_map:
            self.out.unplaced.append(
                Unplaced(
                    finding.where, code, f"код {code} повторяется в разделе I: мероприятия с ним отнесены к первому"
                )
            )
            return
        self.code_map[code] = ref
        self.code_order.append(code)

    # ------------------------------------------------------------ section II

    def _events(self, part: _Part) -> None:
        section, groups = "", []
        if part.table.sheet and self.event_sheets > 1:
            # A workbook with a sheet per group («1. Муниципальные мероприятия», «3. Контроль»): the sheet's name is
            # its section heading, as a row across a Word table is (one sheet «ДК ШНОР 2025» names no group).
            name = part.table.label.removeprefix("лист «").removesuffix("»")
            groups = [g for g, pattern in _GROUP_HINTS if pattern.search(name)][:1]
            section = name if groups else ""
        for number, row in self._rows(part):
            text = _section_text(row, part.layout)
            if text:
                section = text
                groups = [g for g, pattern in _GROUP_HINTS if pattern.search(text)][:1]
                continue
            values = self._values(row, part)
            shown = clean(values.get("no", ""))
            content = {k: v for k, v in values.items() if k != "no"}
            if not content:
                self._unroled(number, row, part)
                continue
            if _combined(part.layout):
                # the audit columns were read as section I; a parameter without measures has no event
                if not clean(values.get("name", "")):
                    continue
                values = {
                    k: v
                    for k, v in values.items()
                    if k not in ("factor", "schools") and not (k == "parameter" and "code" in values)
                }
                content = {k: v for k, v in values.items() if k != "no"}
            several = _several_measures(content)
            if several:
                for measure in several[:-1]:
                    self._event(number, row, part, {**values, **measure}, shown, section, groups, report=False)
                values = {**values, **several[-1]}
            self._event(number, row, part, values, shown, section, groups)
            if several:  # a guess from the cell's paragraphs: said beside each event it made
                note = f"строка таблицы разделена по абзацам ячеек на отдельные мероприятия ({len(several)}): проверьте"
                for event in self.out.events[-len(several) :]:
                    event.notes.append(note)

    def _event(
        self,
        number: int,
        row: list[Cell],
        part: _Part,
        values: dict[str, str],
        shown: str,
        section: str,
        groups: list[str],
        report: bool = True,
    ) -> None:
        event = EventOut(_where(part.table, number), shown, section=section, groups=list(groups))
        for col, role in part.layout.roles.items():
            title = part.titles.get(col, "")
            event.cells.setdefault(
                role,
                f"{event.where}, " + (f"графа «{title}»" if title else f"столбец {part.table.column_name(col + 1)}"),
            )
        for role in ("name", "form", "contingent", "place", "dates", "responsible"):
            setattr(event, role, clean(values.get(role, "")))
        if part.table.sheet:
            _excel_serial_date(event)
        if "code" in values or "parameter" in values:
            event.parameters = self._event_parameters(
                values.get("code", "") or values.get("parameter", ""), number, part, event
            )
        if values.get("indicators"):
            event.indicators = [clean(x) for x in re.split(r"\n|;\s*(?=[А-ЯЁ])", values["indicators"]) if clean(x)]
        if values.get("schools") and is_all_shnor(values["schools"]):
            event.shnor_every = True
        elif values.get("schools"):
            names, _ = parse_school_list(values["schools"])
            event.shnor = [self._school(n, True) for n in names]
        for role in ("contingent", "place", "responsible", "name"):
            self._remember_mentions(getattr(event, role))
        if shown and not re.fullmatch(r"\d+(?:\.\d+)*\.?", shown) and report:
            self.out.unplaced.append(Unplaced(event.where, shown, "в столбце «№» не номер"))
        if report:
            self._unroled(number, row, part)
        self.out.events.append(event)

    def _parameters_by_wording(self, text: str) -> list[str]:
        """The findings a cell names by their wording, one a line or «;»-part («…менее 5-ти лет» is no code 5); empty
        unless every part is a wording of section I."""
        pieces = [clean(p) for p in re.split(r"\n|;\s+", text) if clean(p)]
        if not pieces or not self.out.findings or any(len(re.findall(r"[А-Яа-яЁё]{3,}", p)) < 3 for p in pieces):
            return []
        refs = []
        for piece in pieces:
            score, best = max(((similarity(normalise(piece), normalise(f.text)), f) for f in self.out.findings),
                              key=lambda x: x[0])  # fmt: skip
            if score < 0.75:
                return []
            refs.append(best.ref)
        return list(dict.fromkeys(refs))

    def _event_parameters(self, text: str, number: int, part: _Part, event: EventOut) -> list[str] | str:
        col = next((c for c, r in part.layout.roles.items() if r in ("code", "parameter")), 0)
        where = _where(part.table, number, col, part.titles)
        if not clean(text):
            return []
        named = self._parameters_by_wording(text)
        if named:
            return named
        parsed = parse_codes(text, self.code_map, self.code_order)
        if parsed.all:
            return ALL_PARAMETERS
        refs = list(parsed.refs)
        if not refs and not parsed.unknown and parsed.leftover:
            # wording instead of a code: the finding it names
            best = max(
                ((similarity(normalise(text), normalise(f.text)), f) for f in self.out.findings),
                default=(0.0, None),
                key=lambda x: x[0],
            )
            if best[1] is not None and best[0] >= 0.75:
                return [best[1].ref]
        for code in parsed.unknown:
            reason = (
                f"код {code} не найден в разделе I"
                if self.out.findings
                else f"код {code}: в файле нет раздела I (результатов аудита)"
            )
            self.out.unplaced.append(Unplaced(where, code, reason))
            event.notes.append(f"в документе также код {code}: в разделе I его нет")
        if parsed.leftover and re.search(r"[А-Яа-яЁёA-Za-z]{3,}", parsed.leftover):
            self.out.unplaced.append(Unplaced(where, parsed.leftover, "не код параметра"))
        return refs

    # ------------------------------------------------------------ indicators

    def _indicator_table(self, part: _Part) -> None:
        for number, row in self._rows(part):
            if _section_text(row, part.layout):
                continue
            values = {k: clean(v) for k, v in self._values(row, part).items()}
            if not values.get("indicators"):
                self._unroled(number, row, part)
                continue
            item = {"text": values["indicators"]}
            for role in ("unit", "baseline", "target", "source", "frequency"):
                if values.get(role):
                    item[role] = values[role]
            self.out.indicators.append(item)
            self._unroled(number, row, part)

    # ------------------------------------------------------------ finishing

    def _finish(self) -> None:
        from ..domain.schools import school_id

        out = self.out
        # full names from mentions elsewhere; schools only mentioned join as ordinary ones
        for k, school in out.schools.items():
            if k in self.mention_names and short_name(school.name) == school.name:
                school.name = self.mention_names[k]
        for k, name in self.mention_names.items():
            if k not in out.schools:
                out.schools[k] = SchoolOut(name, False, "упомянута в тексте мероприятий")
        forms = _legal_forms(self.mention_names.values())
        for school in out.schools.values():
            kind = _kind(school.name)
            if short_name(school.name) == school.name and kind in forms:
                school.name = f"{forms[kind]} {school.name}"
                school.note = f"правовая форма {forms[kind]} — как у других школ этого типа в документе: проверьте"
        taken: set[str] = set()
        out.schools = dict(sorted(out.schools.items(), key=lambda item: _natural(short_name(item[1].name))))
        for school in out.schools.values():
            school.id = school_id(school.name, taken)
        width = max(2, len(str(len(out.events))))
        by_number: dict[str, EventOut] = {}
        for i, event in enumerate(out.events, 1):
            event.id = f"e{i:0{width}d}"
            by_number.setdefault(event.number.rstrip(".") or str(i), event)
            if not event.shnor and not event.shnor_every:
                text = " ".join([event.name, event.contingent])
                named = [school_key(n) for n in mentions(text)]
                event.shnor = [k for k in dict.fromkeys(named) if k in out.schools and out.schools[k].shnor]
                # «всех ОО» takes in every ШНОР too; «в том числе из ШНОР» names none of them
                event.shnor_all = not event.shnor and bool(re.search(r"шнор|\bвсе[хм]?\s+ОО\b", text, re.IGNORECASE))
            for text in event.indicators:
                if text not in [x["text"] for x in out.indicators]:
                    out.indicators.append({"text": text, "event": event.id})
        for text in out.facts.indicators:
            out.indicators.append({"text": text})
        number = out.facts.monitoring_number
        if number is not None and str(number) in by_number:
            out.monitoring = [by_number[str(number)].id]
        elif number is not None and 0 < number <= len(out.events):
            out.monitoring = [out.events[number - 1].id]
        else:
            out.monitoring = [e.id for e in out.events if _MONITORING_NAME.search(e.name)][:1]


# A line that names a time by itself («Март 2025», «до 25.03», «II квартал»); a bare year is the rest of a wrapped date.
_DATE_LIKE = re.compile(
    r"\d{1,2}\.\d{1,2}|\b[IV]{1,3}\b|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|квартал|полугоди|в "  # noqa: E501
    r"течение|ежемесячно|постоянно",
    re.IGNORECASE,
)


def _parameters_as_codes(part: _Part) -> _Part:
    """With section I a table of its own, an events table's «Параметр, на устранение которого направлено
    мероприятие» names its events' parameters in words, as a code column would: it is not a second section I (that
    read it as findings again — «код 1.1 повторяется» — and lost an event's parameter)."""
    import dataclasses

    roles = part.layout.roles
    if not _combined(part.layout) or "code" in roles.values() or list(roles.values()).count("parameter") != 1:
        return part
    layout = dataclasses.replace(part.layout, roles={c: "code" if r == "parameter" else r for c, r in roles.items()})
    return dataclasses.replace(part, layout=layout)


def _combined(layout: Layout) -> bool:
    """Section I and section II in one table: the events' table also names the parameters."""
    return layout.kind == "events" and "parameter" in layout.roles.values()


def _several_measures(values: dict[str, str]) -> list[dict[str, str]]:
    """Several measures typed as paragraphs of one cell, their dates (or forms…) as matching paragraphs beside.

    A row is split when its name cell has two or more paragraphs and another
    column has exactly as many, each a date where the column is the dates:
    «Семинар…» / «Практикум…» / «Круглый стол…» beside «Февраль 2025» /
    «Март 2025» / «Апрель 2025» are three events. A column with one paragraph
    is shared by all of them. Empty list when the row is one event.
    """
    lines = {role: [clean(t) for t in text.split("\n") if clean(t)] for role, text in values.items()}
    names = lines.get("name", [])
    if len(names) < 2 or any(n[:1].islower() for n in names):
        return []
    if any(n.startswith("«") and "«" not in before for before, n in pairwise(names)):
        return []  # a kind of event over its title in quotes («Форум» and the title below) is one name
    matching = [role for role, items in lines.items() if role != "name" and len(items) == len(names)]
    # Dates that are dates, or a form or a code per measure, tell measures apart; a name with a second
    # paragraph beside «УО» / «ТМС» is one measure described at length.
    if not any(
        role in ("form", "code") or (role == "dates" and all(_DATE_LIKE.search(d) for d in lines["dates"]))
        for role in matching
    ):
        return []
    return [
        {role: (items[i] if len(items) == len(names) else values[role]) for role, items in lines.items()}
        for i in range(len(names))
    ]


def _kind(name: str) -> str:
    """«СОШ № 5» → «СОШ»; «Волошинская СОШ» → «»."""
    m = re.match(r"^«?(?P<kind>[^№«»]+?)\s*№", short_name(name))
    return m["kind"].strip().lower() if m else ""


def _legal_forms(full_names) -> dict[str, str]:
    """School type → its legal form, where every school of the type mentioned with one has the same."""
    seen: dict[str, set[str]] = {}
    for name in full_names:
        kind = _kind(name)
        form = name.split()[0]
        if kind and short_name(name) != name:
            seen.setdefault(kind, set()).add(form)
    return {kind: next(iter(forms)) for kind, forms in seen.items() if len(forms) == 1}


def _natural(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in re.split(r"(\d+)", text))


def assemble(source: Source, catalog: Catalog) -> Imported:
    from .headers import split_joined_tables
    from .listed import read_listed_audit

    split_joined_tables(source)
    read_listed_audit(source)
    return Assembler(source, catalog).run()
