"""Latin letters typed into Russian words and Russian letters typed into Latin keys.

«Oктябрь» with a Latin O, or the key «schооls» with two Cyrillic о, look right
on screen and break everything behind them: the date is not understood, the key
is unknown, and the hint «может быть, «schools»?» looks identical to the typo.
``find_homoglyphs(text)`` names each such word, the exact letters to retype and
which way. It runs over every string of every file, so the common case (plain
ASCII, or Russian without Latin letters) returns after one or two scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters that look alike in the fonts people use (Times New Roman, Calibri, Arial).
LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",  # noqa: E501
    "a": "а", "c": "с", "e": "е", "k": "к", "o": "о", "p": "р", "x": "х", "y": "у",
}  # fmt: skip
CYRILLIC_TO_LATIN = {
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P", "Т": "T", "Х": "X", "У": "Y",  # noqa: E501
    "а": "a", "с": "c", "е": "e", "к": "k", "о": "o", "р": "p", "х": "x", "у": "y",
    "І": "I", "і": "i", "Ј": "J", "ј": "j", "Ѕ": "S", "ѕ": "s", "Ԁ": "d", "ԁ": "d", "Һ": "h", "һ": "h",
}  # fmt: skip

# Russian abbreviations and one-letter words that can be typed entirely in Latin
# look-alikes («TMC», «OO», the preposition «c»): an all-Latin word found among
# Russian words is reported only when its Russian reading is one of these (or
# one the caller adds, e.g. the abbreviation list), so that «ABC-анализ» or
# «XML» stay untouched.
RUSSIAN_LOOKALIKE_WORDS = frozenset(
    {
        "а",
        "в",
        "к",
        "о",
        "с",
        "у",
        "ОО",
        "УО",
        "ТМС",
        "МО",
        "РМО",
        "ММО",
        "НОО",
        "ООО",
        "СОО",
        "ОУ",
        "МОУ",
        "МКОУ",
        "МКУ",
        "ТО",
        "ЕМЕ",
        "КМО",
        "РЦ",
    }
)

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"[IVXLCDM]+")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


@dataclass(frozen=True)
class Homoglyph:
    """A word with letters of the other alphabet.

    ``offset``: where the word begins in the text; ``letters``: (index in the
    word, letter) of each letter to retype; ``script``: the alphabet those
    letters are in now («latin» — retype them in Russian; «cyrillic» — retype
    them in Latin); ``whole``: the whole word is typed in the other alphabet.
    """

    word: str
    offset: int
    letters: tuple[tuple[int, str], ...]
    script: str
    whole: bool = False

    @property
    def offsets(self) -> list[int]:
        """Offsets in the text of the letters to retype."""
        return [self.offset + i for i, _ in self.letters]

    @property
    def fixed(self) -> str:
        """The word with those letters retyped: «Октябрь», «schools»."""
        table = LATIN_TO_CYRILLIC if self.script == "latin" else CYRILLIC_TO_LATIN
        chars = list(self.word)
        for i, letter in self.letters:
            chars[i] = table.get(letter, letter)
        return "".join(chars)

    @property
    def lookalike(self) -> bool:
        """Every letter to retype has a twin in the other alphabet (a typo, not a foreign word)."""
        table = LATIN_TO_CYRILLIC if self.script == "latin" else CYRILLIC_TO_LATIN
        return all(letter in table for _, letter in self.letters)

    @property
    def message(self) -> str:
        """Russian: «в слове «Oктябрь» латинская буква «O» (1-я): перепечатайте её русской»."""
        latin = self.script == "latin"
        if self.whole:
            if len(self.word) == 1:
                return (
                    f"буква «{self.word}» набрана латинской среди русского текста: перепечатайте её русской "
                    f"(«{self.fixed}»)"
                )
            return (
                f"слово «{self.word}» набрано латинскими буквами среди русского текста: перепечатайте его русскими "
                f"(«{self.fixed}»)"
            )
        several = len(self.letters) > 1
        kind = (
            ("латинские буквы" if several else "латинская буква")
            if latin
            else ("русские буквы" if several else "русская буква")
        )
        listed = _listing([f"«{letter}» ({i + 1}-я)" for i, letter in self.letters])
        if not self.lookalike:
            return (
                f"в слове «{self.word}» {kind} {listed} среди {'русских' if latin else 'латинских'}: проверьте, как "
                "набрано слово"
            )
        target = ("русскими" if several else "русской") if latin else ("латинскими" if several else "латинской")
        return (
            f"в слове «{self.word}» {kind} {listed}: перепечатайте {'их' if several else 'её'} {target} "
            f"(«{self.fixed}»)"
        )


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " и " + parts[-1]


_LOOKALIKE_LATIN = "".join(LATIN_TO_CYRILLIC)
# Either a word with letters of both alphabets side by side, or a word typed only in Latin
# look-alikes («TMC», «OO», a lone «c»): without one of these no string of a file can give a finding.
_SUSPECT = re.compile(r"[A-Za-z][\u0400-\u052f]|[\u0400-\u052f][A-Za-z]|(?<![\w./])[" + _LOOKALIKE_LATIN + r"]+(?!\w)")


def _byte_classes(classes: dict[bytes, bytes]) -> bytes:
    """A ``bytes.translate`` table: each byte of a key becomes its one-byte class, every other byte a space."""
    table = bytearray(b" " * 256)
    for members, name in classes.items():
        for byte in members:
            table[byte] = name[0]
    return bytes(table)


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_CYRILLIC_LEADS = bytes(range(0xD0, 0xD5))  # UTF-8 lead bytes of U+0400–U+053F
_CONTINUATIONS = bytes(range(0x80, 0xC0))
# _SUSPECT's expression, run over the UTF-8 bytes of a whole file, costs a millisecond. The same
# question asked of the bytes reduced to a few classes is a few substring searches instead.
# Mixed letters: «L» Latin, «C» + «c» a Cyrillic letter (and the few Armenian ones sharing a lead byte).
_MIXED_CLASSES = _byte_classes({_ASCII_LETTERS: b"L", _CYRILLIC_LEADS: b"C", _CONTINUATIONS: b"c"})
# Look-alike words: «x» a Latin look-alike, «l» another Latin letter, «w» a digit or «_», «p» «.» or «/»;
# any byte of a non-ASCII character is taken as neither a letter nor a digit (which only lets more through).
_WORD_CLASSES = _byte_classes(
    {_ASCII_LETTERS: b"l", b"0123456789_": b"w", b"./": b"p", _LOOKALIKE_LATIN.encode(): b"x"}
)
_LOOKALIKE_WORD = re.compile(rb"x(?<![lxwp]x)x*(?![lxw])")


def may_have_homoglyphs(text: str) -> bool:
    """A quick look at a whole file's text: False means ``find_homoglyphs`` finds nothing in any of its strings.

    It may say True where nothing will be found (the caller then looks string by
    string); it never says False where ``_SUSPECT`` matches.
    """
    raw = text.encode("utf-8", "surrogatepass")
    mixed = raw.translate(_MIXED_CLASSES)
    if b"LC" in mixed or b"CcL" in mixed:
        return True
    return _LOOKALIKE_WORD.search(raw.translate(_WORD_CLASSES)) is not None


def has_mixed_scripts(text: str) -> bool:
    """Whether the text holds both Latin and Cyrillic letters (the only case worth a closer look)."""
    return not text.isascii() and _LATIN.search(text) is not None and _CYRILLIC.search(text) is not None


def find_homoglyphs(text: str, words: frozenset[str] | set[str] = frozenset()) -> list[Homoglyph]:
    """Words of ``text`` mixing Latin and Cyrillic letters, and Latin look-alike words among Russian ones.

    ``words``: more Russian words (upper-case abbreviations such as «ТМС») to
    recognise when typed entirely in Latin look-alikes.
    """
    if not has_mixed_scripts(text):
        return []
    found = []
    known = RUSSIAN_LOOKALIKE_WORDS | set(words)
    matches = list(_WORD.finditer(text))
    for n, match in enumerate(matches):
        word = match.group()
        latin = [(i, ch) for i, ch in enumerate(word) if _is_latin(ch)]
        if not latin:
            continue
        cyrillic = [(i, ch) for i, ch in enumerate(word) if _is_cyrillic(ch)]
        if cyrillic:
            if _latin_intrudes(latin, cyrillic, matches, n):
                found.append(Homoglyph(word, match.start(), tuple(latin), "latin"))
            else:
                found.append(Homoglyph(word, match.start(), tuple(cyrillic), "cyrillic"))
        elif _lookalike_word(word, known) and _among_russian(matches, n):
            found.append(Homoglyph(word, match.start(), tuple(latin), "latin", whole=True))
    return found


def _latin_intrudes(latin: list, cyrillic: list, matches: list, n: int) -> bool:
    latin_twins = all(ch in LATIN_TO_CYRILLIC for _, ch in latin)
    cyrillic_twins = all(ch in CYRILLIC_TO_LATIN for _, ch in cyrillic)
    if latin_twins != cyrillic_twins:
        return latin_twins
    if len(latin) != len(cyrillic):
        return len(latin) < len(cyrillic)
    # As many of each, all look-alikes: the neighbouring words decide; Russian by default.
    return not _among_latin(matches, n)


def _lookalike_word(word: str, known: set[str]) -> bool:
    if _ROMAN.fullmatch(word) and (len(word) > 1 or word in "IVX"):
        return False  # «XI», «IV», «X»: Roman numerals
    if not all(ch in LATIN_TO_CYRILLIC for ch in word):
        return False
    russian = "".join(LATIN_TO_CYRILLIC[ch] for ch in word)
    return russian in known or (len(word) == 1 and russian.lower() in known)


def _neighbour_words(matches: list, n: int) -> list[str]:
    return [matches[k].group() for k in (n - 1, n + 1) if 0 <= k < len(matches)]


def _among_russian(matches: list, n: int) -> bool:
    return any(all(_is_cyrillic(ch) for ch in w) for w in _neighbour_words(matches, n))


def _among_latin(matches: list, n: int) -> bool:
    return any(all(_is_latin(ch) for ch in w) for w in _neighbour_words(matches, n))


def fold_to_cyrillic(text: str) -> str:
    """The text with Latin look-alikes inside Russian words retyped in Russian, same length.

    For understanding a phrase («Oктябрь 2025» is October); what the user typed
    is reported separately by ``find_homoglyphs``.
    """
    if not has_mixed_scripts(text):
        return text
    chars = list(text)
    for match in _WORD.finditer(text):
        word = match.group()
        if any(_is_cyrillic(ch) for ch in word) and any(_is_latin(ch) for ch in word):
            for i, ch in enumerate(word):
                if ch in LATIN_TO_CYRILLIC:
                    chars[match.start() + i] = LATIN_TO_CYRILLIC[ch]
    return "".join(chars)


def line_column(text: str, offset: int, line: int = 1, column: int = 1) -> tuple[int, int]:
    """Line and column of ``offset`` in ``text`` that begins at (``line``, ``column``)."""
    before = text[:offset]
    newlines = before.count("\n")
    if newlines:
        return line + newlines, offset - before.rfind("\n")
    return line, column + offset
