"""The page test: what a clerk would not sign, found page by page in a rendered PDF.

Every kind of document runs the same checks on its examples (``tests/test_pages.py``);
a new kind adds its examples there. Use from a test::

    from pages import Pdf, page_problems, latin_problems, picture_problems

    pdf = Pdf(path_to_pdf)                 # pages read once: poppler's text, word boxes, rules
    assert page_problems(pdf) == []        # orphan signature/date pages, table tails alone,
                                           # «(продолжение)» below the top of a page
    assert latin_problems(pdf.text) == []  # identifiers and YAML keys in the text
    assert picture_problems(path_to_docx) == []   # every picture has alt text

``example_builds`` (a session fixture in ``conftest.py``) builds every example once a run, in one
LibreOffice call, and maps a source's file name to its ``Built`` (source, docx, pdf); build your own
files the same way, once per session or module, never per test.

What the checks mean (poppler's ``pdftotext``/``pdftoppm`` read the pages; no pdfplumber):

* **orphan page** — a page after the first whose only content is a signature block
  («_____ / ____ /», «М.П.», initials and surname, a position) or a date line; or the last
  one or two rows of a table (below its repeated header) and nothing else on a mostly empty
  page (a page whose table goes on over the next page is not a tail).
  Table rows are told by the horizontal rules drawn on the page (``pdftoppm -gray``); a row
  whose every line also stands on the page before is a repeated header row.
* **continuation label** — «(продолжение)» only in the first row under the repeated header
  of a page: everything above it on the page was on the page before as well.
* **Latin** — no Latin word outside «quotations» (what the user wrote, quoted): a YAML key
  (``previous``), an id (``q1``, ``e05``), a rule id, a path would be; allowed are Roman
  numerals (section numbers «II.»), web and e-mail addresses, and the words in
  ``LATIN_ALLOWED`` (names of formats and programs a document may mention), and a file's own
  name («roadmap-2025.yaml», not a path with folders). Russian abbreviations (ВПР, ОГЭ) are
  Cyrillic and need no list; a Latin letter inside a Cyrillic word (a homoglyph, «CОШ» with
  a Latin C) is reported too.
* **heading at the foot** (``heading_problems``, needs the .docx) — no heading as a page's last
  line, cut off from its text, nor a line ending with «:» cut off from its list.
* **alt text** — every picture of the .docx (``wp:docPr``) has a description (``descr``).
"""

from __future__ import annotations

import math
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

CONTINUATION = "(продолжение)"
# Names a document may print in Latin letters: formats and programs, not identifiers.
# Names of formats, encodings and programs a document may mention (advice on how to save a file);
# ESCS (the index of economic, social and cultural status) is the catalog's own wording.
LATIN_ALLOWED = frozenset(
    {
        "PDF",
        "PDF/A",
        "Word",
        "Excel",
        "Microsoft",
        "LibreOffice",
        "YAML",
        "UTF-8",
        "Windows-1251",
        "e-mail",
        "E-mail",
        "ESCS",
    }
)
# A file's own name (no folder) is how the sender knows the file; a path of the reviewer's computer is not.
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:yaml|yml|docx|doc|xlsx|xls|odt|ods|pdf|html|csv)$", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLC]+$")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_WRAPPED_ADDRESS = re.compile(r"(?:https?://|www\.)\S*[-/.]$")
_LATIN_WORD = re.compile(r"[A-Za-zА-Яа-яЁё0-9_./-]*[A-Za-z][A-Za-zА-Яа-яЁё0-9_./-]*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# Lines of a signature block or a date line: underscores to sign on, «М.П.», «/ … /»,
# initials and a surname, a date.
_SIGNATURE_LINE = re.compile(
    r"_{3,}|М\.\s?П\.|^\s*/.*/\s*$|Эксперт|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\."
    r"|\b\d{1,2}\.\d{2}\.\d{4}\b|«\s*_*\d*\s*»\s+\w+\s+\d{2,4}|\b20_+\s*г\."
)
_DARK = 200  # a pixel darker than this (0 black .. 255 white) belongs to a drawn rule
_RULE_SHARE = 0.2  # a horizontal run at least this share of the page width is a table rule, not text


@dataclass
class Line:
    text: str
    top: float  # points from the top of the page
    bottom: float


@dataclass
class Page:
    number: int  # from 1
    width: float
    height: float
    lines: list[Line]
    rules: list[float] = field(default_factory=list)  # y of horizontal table rules, points from the top

    @property
    def content(self) -> list[Line]:
        """The lines of the page without its page number (a line of digits alone in the top margin)."""
        return [x for x in self.lines if not (x.text.strip().isdigit() and x.bottom < 0.12 * self.height)]

    @property
    def text(self) -> str:
        return "\n".join(x.text for x in self.lines)


class Pdf:
    """A PDF's pages: lines with their positions (``pdftotext -bbox-layout``) and table rules (``pdftoppm``)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @cached_property
    def pages(self) -> list[Page]:
        pages = _read_lines(self.path)
        for page, rules in zip(pages, _read_rules(self.path, len(pages))):
            page.rules = rules
        return pages

    @cached_property
    def text(self) -> str:
        """The text as a reader sees it (``pdftotext -layout``), pages separated by form feeds."""
        return pdftotext(self.path, "-layout")

    @cached_property
    def raw(self) -> str:
        """The text in reading order (``pdftotext -raw``), a cell's lines one after another: for the Latin check."""
        return pdftotext(self.path, "-raw")

    def page_texts(self) -> list[str]:
        return self.text.split("\f")[:-1]


_COPIES_FOLDER = tempfile.TemporaryDirectory(prefix="poppler-")  # removed when the test process ends
_POPPLER_COPIES: dict[tuple[str, int, int], Path] = {}


def poppler_copy(path: Path) -> Path:
    """The PDF as poppler reads it quickly: a copy whose PDF/A output intent poppler does not see.

    With the sRGB output intent LibreOffice writes into PDF/A, poppler 22 spends ~50 ms a page in
    lcms2 (``cmsReverseToneCurveEx``, per page, for nothing: the documents are black text on white);
    a 60-page PDF took 3 s per pdftotext call, 0.08 s without it. The key is renamed in place (same
    length, so the cross-reference offsets stay right); text and drawing are untouched.
    """
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _POPPLER_COPIES:
        data = path.read_bytes()
        copy = path
        if b"/OutputIntents" in data:
            copy = Path(_COPIES_FOLDER.name) / f"{len(_POPPLER_COPIES)}.pdf"
            copy.write_bytes(data.replace(b"/OutputIntents", b"/OutputIntentX"))
        _POPPLER_COPIES[key] = copy
    return _POPPLER_COPIES[key]


def pdftotext(path: Path, *options: str) -> str:
    """``pdftotext OPTIONS path -`` on the poppler copy: pages separated by form feeds."""
    args = ["pdftotext", *options, str(poppler_copy(path)), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _read_lines(path: Path) -> list[Page]:
    from lxml import etree

    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(poppler_copy(path)), "-"], capture_output=True, check=True
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for number, page in enumerate(root.iter(ns + "page"), 1):
        lines = []
        for line in page.iter(ns + "line"):
            words = [w.text or "" for w in line.iter(ns + "word")]
            lines.append(Line(" ".join(words), float(line.get("yMin")), float(line.get("yMax"))))
        lines.sort(key=lambda x: x.top)
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), lines))
    return pages


def _read_rules(path: Path, count: int) -> list[list[float]]:
    """Per page, the y (points) of every horizontal line long enough to be a table's border."""
    dark = bytes(1 if value < _DARK else 0 for value in range(256))
    result = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-gray", "-r", "72", str(poppler_copy(path)), f"{folder}/p"], check=True, capture_output=True
        )
        files = sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for file in files[:count]:
            data = file.read_bytes()
            header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", data)  # then the pixels, one byte each
            width, height = int(header.group(1)), int(header.group(2))
            pixels = data[header.end() :]
            rules: list[float] = []
            run = b"\x01" * math.ceil(_RULE_SHARE * width)  # a dark run this long; found by bytes search, in C
            for y in range(height):
                if run in pixels[y * width : (y + 1) * width].translate(dark):
                    if rules and y - rules[-1] <= 2:
                        rules[-1] = y  # one rule drawn over two pixel rows
                    else:
                        rules.append(float(y))
            result.append(rules)
    return result


def _glued(text: str) -> str:
    return "".join(text.split())


def _repeated(line: Line, before: Page | None) -> bool:
    """Whether a line also stands on the page before (a repeated header row does)."""
    return before is not None and _glued(line.text) in _glued(before.text)


def _rows(page: Page) -> list[list[Line]]:
    """The content lines between consecutive rules: one list per table row that holds text."""
    rows = []
    for top, bottom in zip(page.rules, page.rules[1:]):
        inside = [x for x in page.content if x.top >= top - 1 and x.bottom <= bottom + 1]
        if inside:
            rows.append(inside)
    return rows


def orphan_problems(pdf: Pdf) -> list[str]:
    """Pages after the first holding only a signature or date line, or a table's last one or two rows."""
    problems = []
    for index, page in enumerate(pdf.pages[1:], 1):
        before = pdf.pages[index - 1]
        content = page.content
        if not content:
            continue  # a blank page is another test's business
        signature = [x for x in content if _SIGNATURE_LINE.search(x.text)]
        others = [x.text for x in content if x not in signature]
        # A position over the name is short and no sentence; a list line («ВПР – …») or a sentence is content.
        short = all(len(x) <= 90 and not x.rstrip().endswith((".", ";", ":")) and " – " not in x for x in others)
        if signature and short and len(content) <= 4:
            problems.append(
                f"с. {page.number}: на странице только подпись или дата: {' | '.join(x.text for x in content)}"
            )
            continue
        after = pdf.pages[index + 1] if index + 1 < len(pdf.pages) else None
        if len(page.rules) < 2 or (after is not None and after.content and _repeated(after.content[0], page)):
            continue  # no table, or the table goes on over the next page: not its tail
        table_top, table_bottom = page.rules[0], page.rules[-1]
        outside = [x for x in content if x.bottom < table_top - 1 or x.top > table_bottom + 1]
        data_rows = [row for row in _rows(page) if not all(_repeated(x, before) for x in row)]
        low = max(x.bottom for x in content) < 0.5 * page.height
        if not outside and 0 < len(data_rows) <= 2 and low:
            first = data_rows[0][0].text
            problems.append(
                f"с. {page.number}: на странице только {len(data_rows)} строк(и) таблицы, начиная с «{first[:60]}»"
            )
    return problems


def continuation_problems(pdf: Pdf) -> list[str]:
    """«(продолжение)» anywhere but in the first row under a page's repeated table header."""
    problems = []
    for index, page in enumerate(pdf.pages):
        before = pdf.pages[index - 1] if index else None
        for line in page.content:
            if CONTINUATION not in line.text:
                continue
            row_top = max((y for y in page.rules if y <= line.top + 1), default=0.0)
            above = [x for x in page.content if x.bottom <= row_top + 1]
            if before is None or not all(_repeated(x, before) for x in above):
                problems.append(f"с. {page.number}: «{CONTINUATION}» не в начале страницы: «{line.text[:80]}»")
    return problems


def heading_problems(pdf: Pdf, docx: Path) -> list[str]:
    """A heading of the .docx (a «heading N» style or the title) as the last line of a page: it belongs with what
    follows.
    """
    from docx import Document

    headings = {
        _glued(p.text)
        for p in Document(docx).paragraphs
        if p.text.strip()
        and (p.style.name.lower().startswith("heading") or p.style.name in ("Title", "Заголовок документа"))
    }
    problems = []
    for page in pdf.pages[:-1]:
        content = page.content
        if content and _glued(content[-1].text) in headings:
            problems.append(
                f"с. {page.number}: заголовок «{content[-1].text}» внизу страницы, его текст — на следующей"
            )
        elif content and content[-1].text.rstrip().endswith(":") and not page.rules:
            problems.append(
                f"с. {page.number}: «{content[-1].text}» внизу страницы, перечень после него — на следующей"
            )
    return problems


def page_problems(pdf: Pdf) -> list[str]:
    return orphan_problems(pdf) + continuation_problems(pdf)


def _unquoted(text: str) -> str:
    """The text with «quoted» spans (nested «МБОУ «СОШ № 10»» too) blanked out."""
    out, depth = [], 0
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            continue
        out.append(" " if depth else char)
    return "".join(out)


def _join_wrapped_addresses(page: str) -> list[str]:
    """Lines with an address wrapped in a narrow cell («https://uo-», «ustlab.example/», «prof/…») joined back."""
    lines: list[str] = []
    for line in page.splitlines():
        if lines and _WRAPPED_ADDRESS.search(lines[-1]) and line[:1].isascii() and line[:1].isalnum():
            head, _, rest = line.partition(" ")
            lines[-1] += head
            line = rest
            if not line:
                continue
        lines.append(line)
    return lines


def latin_problems(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Latin words outside «quotations»: identifiers, YAML keys, paths, homoglyphs in Russian words.

    Pass ``Pdf.raw`` (reading order keeps an address wrapped in a cell together).
    """
    problems = []
    for number, page in enumerate(text.split("\f"), 1):
        for raw in _join_wrapped_addresses(page):
            line = _ADDRESS.sub(" ", _unquoted(raw))
            for match in _LATIN_WORD.finditer(line):
                word = match.group(0).strip("./-")
                if (
                    not word
                    or _ROMAN.match(word.rstrip("."))
                    or word in LATIN_ALLOWED
                    or word in allowed
                    or _FILE_NAME.match(word)
                ):
                    continue
                kind = "латинская буква в русском слове" if _CYRILLIC.search(word) else "латинское слово"
                problems.append(f"с. {number}: {kind} «{word}» в строке «{' '.join(raw.split())[:100]}»")
    return problems


def picture_problems(docx: Path) -> list[str]:
    """Pictures of a .docx without a description (``wp:docPr/@descr``): a screen reader and PDF/UA need one."""
    from lxml import etree

    problems = []
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            root = etree.fromstring(package.read(name))
            for doc_pr in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
                if not (doc_pr.get("descr") or "").strip():
                    problems.append(f"{name}: рисунок «{doc_pr.get('name')}» без замещающего текста (descr)")
    return problems
