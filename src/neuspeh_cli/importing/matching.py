"""Section I wording → catalog ids: exact, then normalised, then close (with a confidence).

Close means either the catalog wording contained in the document's (a
municipality narrows «Эмоциональное неблагополучие в школе» to «… (конфликты
между учениками)») or similar by characters (difflib) or by word stems; the
better of the two is the confidence shown to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..domain.catalog import Catalog

ACCEPT = 0.75  # below this a parameter is the municipality's own
HINT = 0.5  # from here on the nearest catalog parameter is named in a comment
NARROWED = 0.9  # the catalog wording narrowed by a remark in brackets
_PARENS = re.compile(r"\([^()]*\)?|\(.*$")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True)
class Match:
    id: str | None  # catalog id, None when not found
    how: str  # "exact", "normalised", "close", "none"
    confidence: float  # 0..1
    nearest: str | None = None  # the best candidate, also below ACCEPT


def normalise(text: str) -> str:
    """Lower case, ё as е, letters and digits only, single spaces."""
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def _stems(text: str) -> set[str]:
    return {w[:5] for w in text.split() if len(w) > 2}


def similarity(a: str, b: str) -> float:
    """Of two normalised texts: containment, character similarity or shared word stems, whichever is higher."""
    if not a or not b:
        return 0.0
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 12 and longer.startswith(shorter):
        return 0.95 if len(shorter) / len(longer) >= 0.4 else 0.8
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    ratio = matcher.ratio() if matcher.quick_ratio() >= 0.5 else 0.0
    sa, sb = _stems(a), _stems(b)
    overlap = len(sa & sb) / len(sa | sb) if sa and sb else 0.0
    return max(ratio, overlap)


class Matcher:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._params = [(p.id, p.title, normalise(p.title)) for p in catalog.parameters.values()]
        self._factors = [(f.id, f.title, normalise(f.title)) for f in catalog.factors]

    def _best(self, text: str, candidates: list[tuple[str, str, str]], prefer: set[str] | None = None) -> Match:
        plain = " ".join(text.split())
        for cid, title, _ in candidates:
            if title == plain:
                return Match(cid, "exact", 1.0, cid)
        wanted = normalise(text)
        if not wanted:
            return Match(None, "none", 0.0)
        for cid, _, norm in candidates:
            if norm == wanted:
                return Match(cid, "normalised", 1.0, cid)
        scored = sorted(((similarity(wanted, norm), cid) for cid, _, norm in candidates), reverse=True)
        score, best = scored[0]
        base = normalise(_PARENS.sub(" ", text))
        if base != wanted and len(base) >= 25:
            # «<catalog wording> (own narrowing)»: the text without its remark begins the catalog's
            narrowed = [(_common_prefix(wanted, norm), cid) for cid, _, norm in candidates if norm.startswith(base)]
            if narrowed and max(narrowed)[0] and score < NARROWED:
                score, best = NARROWED, max(narrowed)[1]
        if prefer:
            # A near tie goes to a parameter of the factor the row names.
            for s, cid in scored[:5]:
                if cid in prefer and s >= score - 0.05:
                    score, best = s, cid
                    break
        if score >= ACCEPT:
            return Match(best, "close", score, best)
        return Match(None, "none", score, best if score >= HINT else None)

    def parameter(self, text: str, factor_id: str | None = None) -> Match:
        prefer = None
        if factor_id and factor_id in self.catalog.factors_by_id:
            prefer = {p.id for p in self.catalog.factors_by_id[factor_id].parameters}
        return self._best(text, self._params, prefer)

    def factor(self, text: str) -> Match:
        return self._best(text, self._factors)
