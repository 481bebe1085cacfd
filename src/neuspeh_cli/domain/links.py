"""Which school programme belongs to which municipal roadmap.

A programme is linked to a roadmap when it names the same municipality
(``municipality`` = the roadmap's ``document.municipality``, compared without
regard to case, spaces and «ё») and, when its period is written, the roadmap's
period overlaps it. Matching by name, not by folder, keeps unrelated examples
in one folder apart and allows a layout with the programmes in a subfolder.
"""

from __future__ import annotations

from typing import Any


def municipality_key(name: str) -> str:
    """One municipality however its files write it: «Усть-Лабинский район», «МО Усть-Лабинский р-н», «муниципальное
    образование Усть-Лабинский район», with «ё» or Latin look-alikes («Усть-Лабинcкий» with a Latin «c»)."""
    import re

    from ..reading.homoglyphs import LATIN_TO_CYRILLIC

    text = "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in name).replace("ё", "е").replace("Ё", "Е").lower()
    text = re.sub(r"[«»\"'„“”]", "", text)
    text = re.sub(r"^\s*(?:муниципальное\s+образование|мо)\s+", "", text)
    text = re.sub(r"\bр-н\b\.?", "район", text)
    return " ".join(text.split())


def linked(programme: Any, roadmap: Any) -> bool:
    if not programme.municipality or municipality_key(programme.municipality) != municipality_key(
        roadmap.document.municipality
    ):
        return False
    period = programme.period
    if period is None:
        return True
    span = roadmap.document.span
    return period.first <= span.last and span.first <= period.last
