"""What a source document looks like once read: paragraphs and tables of plain cell texts.

Every reader (Word, spreadsheets) produces this, so that finding the sections,
matching and writing never depend on the file format. A merged cell is one
``Cell`` object placed at every grid position it covers, so a copy is told from
its owner by position and a spanning section row by identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# No-break, narrow and other typographic spaces are plain spaces in data: the documents print their own.
# A vertical tab and a form feed (a line break in a cell pasted from Word, «_x000B_» in a workbook) are spaces too.
_SPACES = re.compile(r"[ \t\r\n\x0b\x0c\x1c-\x1f\u2028\u2029\u00a0\u2007\u202f\u2000-\u200a\u205f\u3000]+")
# Glyphs of the Symbol and Wingdings fonts as Word stores them (``w:sym``) and PDF text gives them: code points of
# the private use area (U+F0xx) that show as a bullet, a sign or a tick. The common ones, as the reader sees them.
SYMBOL_FONT = {
    0xF0B7: "•", 0xF02D: "−", 0xF0BE: "—", 0xF0B3: "≥", 0xF0A3: "≤", 0xF0B9: "≠", 0xF0B1: "±", 0xF0B4: "×",
    0xF0AE: "→", 0xF0DE: "⇒", 0xF0BB: "≈", 0xF0B0: "°", 0xF0D7: "·",
}  # fmt: skip
WINGDINGS = {
    0xF0A7: "▪", 0xF06C: "●", 0xF06E: "■", 0xF0D8: "➢", 0xF076: "❖", 0xF0FC: "✓", 0xF0FB: "✗", 0xF0FE: "☑",
    0xF0FD: "☒", 0xF06F: "□", 0xF0A8: "□", 0xF09F: "•",
}  # fmt: skip
# A PDF does not say the font: a bullet or a tick is far likelier in a roadmap than a Greek letter.
SYMBOLS = {**SYMBOL_FONT, **WINGDINGS}
# Control characters besides those spaces are dropped: YAML cannot hold them, and the written file must read back.
_CONTROL = "".join(map(chr, [*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1C), 0x7F]))
_INVISIBLE = str.maketrans({**dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff" + _CONTROL)), **SYMBOLS})


# What ``clean`` changes besides the ends: a character to drop, a space that is not a plain one, two spaces.
_TO_CLEAN = re.compile(
    r"[\x00-\x1f\x7f\u2028\u2029\u00a0\u2007\u202f\u2000-\u200a\u205f\u3000"
    r"\u00ad\u200b\u200c\u200d\u2060\ufeff\uf020-\uf0ff]|  "
)


def clean(text: str) -> str:
    """One line of text: runs of any whitespace (no-break and narrow spaces too) become one plain space."""
    if _TO_CLEAN.search(text) is None:
        return text.strip()  # most cells: nothing to drop or join (thousands of them in a large document)
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


class _computed_once:
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first access)."""

    def __init__(self, function):
        self.function = function
        self.name = function.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(eq=False)
class Cell:
    text: str  # paragraphs joined with "\n"
    row: int  # where the cell starts (1-based, as the user counts)
    col: int
    numbered: bool = False  # Word auto-numbering (w:numPr) without typed text

    @_computed_once
    def line(self) -> str:
        # Asked for again and again (headers, sections, roles, the snapshot of what was printed): computed once.
        return clean(self.text)


@dataclass
class Table:
    """One table of the document, or one sheet of a workbook."""

    label: str  # «таблица 2», «лист «Мероприятия»»
    rows: list[list[Cell]]
    sheet: bool = False  # spreadsheet: columns are named by letters
    numbers: list[int] = field(default_factory=list)  # each row's number as the user counts it
    paragraphs: bool = False  # paragraphs read as a table (``listed``): a row is the paragraph numbered so

    def number(self, index: int) -> int:
        return self.numbers[index] if index < len(self.numbers) else index + 1

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def column_name(self, col: int) -> str:
        """Column as the user sees it: «C» in a spreadsheet, «3» in Word."""
        if not self.sheet:
            return str(col)
        n, letters = col, ""
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        return letters


@dataclass
class Paragraph:
    text: str
    index: int  # 1-based among the document's paragraphs


def paragraph_lines(block: Paragraph) -> list[tuple[str, str]]:
    """A paragraph's lines with their places: a block typed with line breaks (Shift+Enter) — «УТВЕРЖДАЮ» / position /
    signature / date in one paragraph — reads as the same lines typed as paragraphs («абзац 1, строка 3»)."""
    texts = [text for text in (clean(t) for t in block.text.split("\n")) if text]
    if len(texts) == 1:
        return [(f"абзац {block.index}", texts[0])]
    return [(f"абзац {block.index}, строка {k}", text) for k, text in enumerate(texts, 1)]


@dataclass
class Source:
    """A document's blocks in reading order: ``Paragraph`` and ``Table``."""

    name: str
    blocks: list[Paragraph | Table] = field(default_factory=list)
    # What the reader itself left out, said where and why: hidden sheets, rows and columns of a workbook, formulas
    # saved without a value. Reported with whatever else finds no place.
    notes: list[Unplaced] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(frozen=True)
class Unplaced:
    """Text of the source that found no place in the data file."""

    where: str  # «таблица 2, строка 5, столбец 3 («Примечание»)» or «абзац 12»
    text: str
    reason: str = ""

    def describe(self) -> str:
        text = self.text if len(self.text) <= 160 else self.text[:157] + "…"
        reason = f" — {self.reason}" if self.reason else ""
        return f"{self.where}: «{text}»{reason}"
