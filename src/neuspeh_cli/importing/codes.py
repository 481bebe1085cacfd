"""Parameter codes of section II («1.1.», «2.1., 2.2.», «1.1–1.3», «все выявленные параметры») → ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALL = re.compile(
    r"^\s*(?:все|всем)(?:\s+(?:выявленн\w*|указанн\w*))?(?:\s+(?:параметр\w*|фактор\w*|риск\w*))?\s*\.?\s*$",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?<![\d.])(\d+)\.(\d+)\.?\s*(?:[-–—]|по|до)\s*(\d+)\.(\d+)\.?")
_CODE = re.compile(r"(?<![\d.])(\d+)\.(\d+)\.?(?![\d])")
_FACTOR = re.compile(r"(?<![\d.])(\d+)\.?(?![\d.])")
_NOISE = re.compile(r"(?:\bп\.|\bпп\.|\bкод\w*|\bпараметр\w*|\bфактор\w*|\bи\b|[,;:()\s.])", re.IGNORECASE)


def code_key(text: str) -> str:
    """«1.1.» and «1.1» and « 1. 1 » are one code: «1.1»."""
    return re.sub(r"\s+", "", text).rstrip(".")


@dataclass
class CodeRefs:
    all: bool = False
    refs: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # codes not in section I
    leftover: str = ""  # text that is not a code


def parse_codes(text: str, code_map: dict[str, str], order: list[str]) -> CodeRefs:
    """Codes in a cell → finding refs, in the cell's order; ``order`` is section I's codes in document order."""
    result = CodeRefs()
    if ALL.match(" ".join(text.split())):
        result.all = True
        return result
    found: list[str] = []
    rest = text

    def expand(m: re.Match) -> str:
        first, last = f"{int(m[1])}.{int(m[2])}", f"{int(m[3])}.{int(m[4])}"
        if first in order and last in order and order.index(first) <= order.index(last):
            found.extend(order[order.index(first) : order.index(last) + 1])
        else:
            found.extend([first, last])
        return " "

    rest = _RANGE.sub(expand, rest)

    def single(m: re.Match) -> str:
        found.append(f"{int(m[1])}.{int(m[2])}")
        return " "

    rest = _CODE.sub(single, rest)
    if not found:
        # «1» or «1, 3»: a whole factor — all its parameters
        def factor(m: re.Match) -> str:
            prefix = f"{int(m[1])}."
            codes = [c for c in order if c.startswith(prefix)]
            found.extend(codes or [m[1]])
            return " "

        rest = _FACTOR.sub(factor, rest)
    for code in found:
        ref = code_map.get(code)
        if ref is None:
            if code not in result.unknown:
                result.unknown.append(code)
        elif ref not in result.refs:
            result.refs.append(ref)
    result.leftover = " ".join(_NOISE.sub(" ", rest).split())
    return result
