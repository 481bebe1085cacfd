"""Which column holds what: header rows found by keywords, whatever their order.

A header may take one row or two (a merged «Фактор негативного влияния» over
«наименование фактора | параметры | код параметра»): the texts of all header
rows above a column are read together. The first role whose keywords occur
wins, so «Код параметра» is a code, «Перечень ШНОР, в работе которых
проявляются негативные факторы» is the schools, «Наименование фактора» a factor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Cell, Table

# Order matters: the first match wins.
ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    (role, re.compile(pattern))
    for role, pattern in [
        ("code", r"\bкод|^№\s*параметр"),
        ("responsible", r"\bответствен|\bисполнител|\bорганизатор"),
        ("contingent", r"\bконтингент|\bучастник|\bаудитори|\bкатегори|\bцелев\w* групп|\bохват|\bдля кого"),
        ("frequency", r"\bпериодичност"),
        ("dates", r"\bсрок|\bдат[аы]|\bпериод|\bвремя проведения|\bмесяц|\bкогда"),
        ("place", r"\bмест[оа]|\bплощадк|\bбаза проведения"),
        ("form", r"\bформ[аы]\b|\bвид мероприят"),
        (
            "schools",
            # «Школы, в которых выявлен риск», «Образовательные организации, в работе которых…», «Наименование ОО»:
            # the list of schools, not the factor (its «риск») nor the name (its «наименование»).
            r"шнор|\bперечень (?:оо|школ|образовательн)|\b(?:оо|школы|организации),? в (?:работе|которых)"
            r"|\bпо каждой оо|\bнаименовани\w* (?:оо|школ|образовательн)",
        ),
        ("parameter", r"\bпараметр"),
        ("factor", r"\bфактор|\bриск"),
        ("name", r"\bмероприяти|\bнаименование|\bназвание|\bтема\b|\bсодержание|\bмеры\b"),
        ("unit", r"\bед\.|\bединиц"),
        ("baseline", r"\bбазов|\bисходн"),
        ("target", r"\bцелев"),
        ("source", r"\bисточник"),
        # not «Ожидаемый результат»: an event's expected result is no indicator of the schools' systems, and read as
        # one it filled monitoring.indicators and hid that the roadmap has none
        ("indicators", r"\bпоказател|\bиндикатор"),
    ]
]
# A count («Количество участников», «Охват, чел.») is no description of who takes part: such a column is not
# the contingent, and its numbers are listed as not placed rather than printed as «Контингент: 25».
_COUNT = re.compile(r"\bколичеств|\bкол-во|\bчисло\b|\bчисленност|\bчел\.?(?:\W|$)")
# What was done, beside what is planned («Сроки: план | факт», «Фактическая дата»): not the plan's dates, so its
# values are listed as not placed rather than run into the planned date («Октябрь 2025 15.10.2025»).
_FACT = re.compile(r"\bфакт(?:\b|ическ|ич\.)")
_NUMBER_HEADER = re.compile(r"^(?:№|n|no|номер)\s*(?:п\s*/\s*п)?\.?$|^п\s*/\s*п$")
EVENT_ROLES = {"form", "code", "contingent", "place", "dates", "responsible"}


def norm(text: str) -> str:
    """A header as compared: lower case, «ё» as «е», single spaces, Latin look-alikes in Russian words retyped
    («Cроки» with a Latin «C» is «Сроки»: otherwise the column was «не распознан» under a header that looks right)."""
    from ..reading.homoglyphs import fold_to_cyrillic

    return " ".join(fold_to_cyrillic(text).lower().replace("ё", "е").split())


def role_of(text: str) -> str | None:
    """The role of a column from its header text, None when no keyword occurs."""
    t = norm(text)
    if not t:
        return None
    if _NUMBER_HEADER.match(t):
        return "no"
    if _COUNT.search(t) or _FACT.search(t):
        return None
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(t):
            return role
    return None


@dataclass
class Layout:
    kind: str  # "events", "audit", "indicators"
    roles: dict[int, str]  # grid column (0-based) → role
    start: int  # index of the first header row
    header_rows: int  # rows of the header (0 for a continuation)
    header_key: tuple  # to recognise the header repeated further down


def _distinct(row: list[Cell]) -> list[tuple[int, Cell]]:
    seen: set[int] = set()
    out = []
    for col, cell in enumerate(row):
        if id(cell) not in seen:
            seen.add(id(cell))
            out.append((col, cell))
    return out


def _row_roles(row: list[Cell]) -> list[str | None]:
    return [role_of(cell.line) for cell in row]


SCHOOL_MARK = "school:"  # the role of a column headed by one school's name: section I as a grid of marks
SCHOOLS_ROLE = "schools"
_SCHOOL_WORD = re.compile(r"\b(?:СОШ|ООШ|НОШ|СШ|гимнази|лице|школ|[МГ][АБК]?ОУ)", re.IGNORECASE)


def school_header(text: str) -> str:
    """The school a column header names («СОШ № 5», «МБОУ гимназия № 2»), "" for any other header."""
    from .schoolnames import parse_school_list

    if not _SCHOOL_WORD.search(text) or len(text) > 80:
        return ""
    names, leftovers = parse_school_list(text)
    return names[0] if len(names) == 1 and not leftovers else ""


def kind_of(roles: set[str]) -> str | None:
    if "name" in roles and len(roles & EVENT_ROLES) >= 2:
        return "events"
    if "parameter" in roles and ({"factor", "code", "schools"} & roles):
        return "audit"
    if "factor" in roles and "code" in roles:
        return "audit"
    if "indicators" in roles and not ({"name", "parameter"} & roles):
        return "indicators"
    return None


def _hits(row: list[Cell]) -> int:
    return sum(1 for _, cell in _distinct(row) if role_of(cell.line))


# A sheet's header is looked for below its title and approval block: rows of them, and empty rows between, in a
# municipality's own layout (the header at row 18 was not found at 15).
SHEET_SCAN = 40


def detect(table: Table, max_scan: int = 6) -> Layout | None:
    """The table's layout from a header in its first rows; None when no header is recognised."""
    rows = table.rows
    for start in range(min(max_scan, len(rows))):
        if _hits(rows[start]) < 2:
            continue
        end = start + 1
        # A second header row: it names columns too and holds no data-like text.
        while end < len(rows) and end < start + 3 and _hits(rows[end]) >= 1 and _header_like(rows[end]):
            end += 1
        roles: dict[int, str] = {}
        for col in range(table.width):
            parts: list[str] = []
            for r in range(start, end):
                cell = rows[r][col]
                if cell.line and cell.line not in parts:
                    parts.append(cell.line)
            # In a two-row header the lower row names the column more precisely
            # («Место и сроки» over «место» | «сроки»); the upper one alone may name it.
            role = (role_of(parts[-1]) if len(parts) > 1 else None) or role_of(" ".join(parts))
            if role is None and parts and (school := school_header(parts[-1])):
                role = SCHOOL_MARK + school
            if role:
                roles[col] = role
        kind = kind_of({SCHOOLS_ROLE if r.startswith(SCHOOL_MARK) else r for r in roles.values()})
        if kind != "audit":  # a school per column is a layout of section I only; elsewhere the column is unknown
            roles = {c: r for c, r in roles.items() if not r.startswith(SCHOOL_MARK)}
            kind = kind_of(set(roles.values()))
        if kind:
            key = tuple(norm(rows[r][c].line) for r in range(start, end) for c in range(table.width))
            return Layout(kind, roles, start, end - start, key)
    return None


def split_joined_tables(source) -> None:
    """A table that holds section I and then, under a header row of its own, section II, is two tables.

    Word joins two tables when the paragraph between them is deleted, and some roadmaps are typed as one table
    with a second header in the middle: the events were read as parameters of section I («Октябрь 2025 — не
    похоже на наименование школы»). The rows keep their numbers in the table as the user counts them.
    """
    from .model import Table

    blocks = []
    for block in source.blocks:
        while isinstance(block, Table) and (cut := _second_header(block)):
            first = Table(block.label, block.rows[:cut], block.sheet, block.numbers[:cut])
            blocks.append(first)
            block = Table(block.label, block.rows[cut:], block.sheet, block.numbers[cut:])
        blocks.append(block)
    source.blocks[:] = blocks


def _second_header(table: Table) -> int:
    """The index of a header row of another kind below the table's own header (0 when there is none)."""
    layout = detect(table)
    if layout is None:
        return 0
    for r in range(layout.start + layout.header_rows, len(table.rows)):
        row = table.rows[r]
        # A header names every column it has (a data row may match a word or two: «из ШНОР», «все параметры»);
        # a header repeated after a page break names the same kind and is not cut either.
        texts = [cell.line for _, cell in _distinct(row) if cell.line]
        if len(texts) < 3 or not all(role_of(t) for t in texts) or not _header_like(row):
            continue
        rest = Table(table.label, table.rows[r:], table.sheet, table.numbers[r:])
        other = detect(rest, 1)
        if other is not None and other.kind != layout.kind and other.start == 0:
            return r
    return 0


def _header_like(row: list[Cell]) -> bool:
    """Could this row be the lower row of a two-row header (not the first data row)?

    A row with one text only is a section title («1. Муниципальные мероприятия»,
    merged across the table or typed in its first cell), never a header's lower
    row: that one names at least two columns.
    """
    if sum(1 for _, cell in _distinct(row) if cell.line) < 2:
        return False
    for _, cell in _distinct(row):
        text = cell.line
        if not text:
            continue
        if re.fullmatch(r"[\d.\s]+", text) or len(text) > 100:
            return False
        if not role_of(text) and (re.search(r"\d\.\d", text) or len(text) > 40):
            return False
    return True


def is_repeated_header(row: list[Cell], layout: Layout) -> bool:
    """A header row repeated inside the table (after a page break)."""
    texts = [norm(c.line) for c in row]
    return any(t and t in layout.header_key for t in texts) and _hits(row) >= 2


def is_column_numbers(row: list[Cell]) -> bool:
    """The row «1 | 2 | 3 | …» under a header that numbers the columns."""
    values = [cell.line for _, cell in _distinct(row)]
    numbers = [v.rstrip(".") for v in values if v]
    return (
        len(numbers) >= 3
        and all(n.isdigit() for n in numbers)
        and [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))
    )


# What a report on the roadmap has and the roadmap has not: its title, or a column of marks made in the year.
_REPORT_TITLE = re.compile(r"^(?:информационный\s+)?отч[её]т\b.*\b(?:реализаци|исполнени|выполнени)", re.I | re.S)
_STATUS_HEADER = re.compile(
    r"отметк\w* о (?:выполнен|исполнен|реализац|проведен)|\bстатус\b|\bвыполнено\b|"
    r"результат\w* (?:выполнен|исполнен|реализац)|информаци\w* о (?:выполнен|исполнен|реализац|проведен)|"
    r"(?:фактическ\w*|факт\.?) (?:срок|дата|проведен|выполнен)"
)


def report_evidence(source) -> str | None:
    """Why the document is a report on a roadmap rather than the roadmap («заголовок «Отчёт о реализации…»»), or None.

    A column of marks alone counts only without a section I table and when it is filled in most rows: some
    roadmaps carry an «Отметка о выполнении» column, empty or with a note here and there.
    """
    from .model import Paragraph

    for block in source.blocks:
        if isinstance(block, Paragraph):
            line = " ".join(block.text.split())
            if _REPORT_TITLE.match(line):
                return f"заголовок «{line if len(line) <= 80 else line[:79] + '…'}»"
            continue
        if block.sheet:
            # A workbook's title is a cell above the header: the first lines of the sheet.
            for row in block.rows[:5]:
                line = " ".join(next((c.line for c in row if c.line), "").split())
                if _REPORT_TITLE.match(line):
                    return f"{block.label}: заголовок «{line if len(line) <= 80 else line[:79] + '…'}»"
        break  # the title stands above the first table
    layouts = [(table, detect(table)) for table in source.tables]
    if any(layout is not None and layout.kind == "audit" for _, layout in layouts):
        return None
    for table, layout in layouts:
        if layout is None or layout.kind != "events":
            continue
        header = layout.start + layout.header_rows - 1
        rows = table.rows[layout.start + layout.header_rows :]
        for col, cell in enumerate(table.rows[header]):
            if _STATUS_HEADER.search(norm(cell.line)) and 2 * sum(1 for r in rows if r[col].line) > len(rows):
                return f"{table.label}: графа «{cell.line}»"
    return None
