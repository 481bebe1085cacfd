"""Section I typed as a list of paragraphs instead of a table, read as the table it stands for.

Some municipalities write the audit's results as lines under a heading::

    I. Результаты входного аудита
    1. Кадровые ресурсы школы
    1.1. Дефицит педагогических сотрудников (СОШ № 5, 6, 8)
    1.2. Наличие административных работников… – СОШ № 6, 8

Such a run of paragraphs becomes a section I table (factor rows across, then
parameter, code, schools), so matching, codes and schools work as for a table;
its places stay the paragraphs («абзац 8»).
"""

from __future__ import annotations

import re

from .headers import detect
from .model import Cell, Paragraph, Source, Table, clean

_HEADING = re.compile(r"входн\w*\s+аудит|результат\w*\s+аудит|выявленн\w*\s+(?:параметр|фактор|риск)", re.IGNORECASE)
_PARAMETER = re.compile(r"^(?P<code>\d{1,2}\.\d{1,2})\.?\s+(?P<text>\S.*)$")
_FACTOR = re.compile(r"^(?:\d{1,2}[.)]|[IVX]+\.)\s+(?P<text>[^\d\s].*)$")
_BULLET = re.compile(r"^[-–—•·]\s*(?P<text>\S.*)$")
_SCHOOL_WORDS = r"(?:СОШ|ООШ|НОШ|МБОУ|МАОУ|МКОУ|МОУ|ГБОУ|школ|гимнази|лице|ШНОР)"
_SCHOOLS = (
    re.compile(rf"\s*\((?P<schools>[^()]*{_SCHOOL_WORDS}[^()]*)\)\s*[.;,]?$", re.IGNORECASE),
    re.compile(rf"\s*(?:[–—:]|\s-)\s*(?:ШНОР\s*:?\s*)?(?P<schools>{_SCHOOL_WORDS}.*?)\s*[.;,]?$", re.IGNORECASE),
)
_SECTION_TWO = re.compile(r"^II\b|мероприяти|дорожн\w* карт", re.IGNORECASE)
HEADER = ("Фактор", "Параметры", "Код параметра", "Перечень ШНОР")


def _split(text: str) -> tuple[str, str]:
    """A parameter's wording and the schools written after it, in parentheses or after a dash."""
    for pattern in _SCHOOLS:
        found = pattern.search(text)
        if found and found.start() > 0:
            schools = re.sub(r"^(?:ШНОР|школы|ОО)\s*[:–—-]\s*", "", found["schools"].strip(), flags=re.IGNORECASE)
            return text[: found.start()].rstrip(" .;,"), schools
    return text.rstrip(" .;,"), ""


def _row(index: int, factor: str, text: str, code: str) -> list[Cell]:
    parameter, schools = _split(text)
    return [Cell(factor, index, 1), Cell(parameter, index, 2), Cell(code, index, 3), Cell(schools, index, 4)]


def _listed_table(paragraphs: list[Paragraph]) -> Table | None:
    """The section I table a run of paragraphs after its heading stands for; None when they are not such a list."""
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    factor = ""
    for paragraph in paragraphs:
        text = clean(paragraph.text)
        if not text:
            continue
        if (m := _PARAMETER.match(text)) or (factor and (m := _BULLET.match(text))):
            rows.append(_row(paragraph.index, factor, m["text"], m.groupdict().get("code") or ""))
        elif (m := _FACTOR.match(text)) and not _SECTION_TWO.search(text):
            factor = m["text"].rstrip(" .:;")
            continue
        else:
            break
        numbers.append(paragraph.index)
    if not rows:
        return None
    header = [Cell(title, numbers[0], c) for c, title in enumerate(HEADER, 1)]
    return Table("", [header, *rows], numbers=[numbers[0], *numbers], paragraphs=True)


def read_listed_audit(source: Source) -> None:
    """Put a section I typed as paragraphs into ``source`` as its table, when no table is section I."""
    if any((layout := detect(t)) is not None and layout.kind == "audit" for t in source.tables):
        return
    blocks = source.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not _HEADING.search(block.text):
            continue
        run: list[Paragraph] = []
        for following in blocks[i + 1 :]:
            if not isinstance(following, Paragraph):
                break
            run.append(following)
        table = _listed_table(run)
        if table is None:
            continue
        last = table.numbers[-1]  # the rows' paragraphs, in reading order
        consumed = [p for p in run if p.index <= last]
        start = i + 1
        blocks[start : start + len(consumed)] = [table]
        return
