"""The sample roadmap's two tables, read from seed 000's text (the reference for build tests)."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).parent / "data" / "seeds" / "000_7f49afc18d116581.txt"


def _sample_lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("**ПРИМЕРНАЯ Дорожная карта") :].splitlines()


def section_one_rows() -> list[list[str]]:
    """[factor number, factor title, parameter, code, schools] — factor cells repeated on every row."""
    rows, factor = [], ["", ""]
    lines = _sample_lines()
    end = next(i for i, l in enumerate(lines) if l.startswith("II. Муниципальная"))
    for line in lines[:end]:
        cells = line.split("\t")
        if len(cells) == 5 and cells[3].strip().rstrip(".").replace(".", "").isdigit():
            if cells[0].strip():
                factor = [cells[0].strip(), cells[1].strip()]
            rows.append(factor + [cells[2].strip(), cells[3].strip(), cells[4].strip()])
    return rows


def section_two_rows() -> list[list[str]]:
    """[№, name, form, codes, contingent, place, dates, responsible] for the 39 events."""
    lines = _sample_lines()
    start = next(i for i, l in enumerate(lines) if l.startswith("II. Муниципальная"))
    rows = []
    for line in lines[start:]:
        cells = line.split("\t")
        if len(cells) == 8 and cells[0].strip().isdigit():
            rows.append([c.strip() for c in cells])
    return rows


def normalise_codes(text: str) -> list[str]:
    """«2.1., 2.2., 2.3, 2.4» → ['2.1', '2.2', '2.3', '2.4']: the sample's trailing dots are inconsistent."""
    if text == "все выявленные параметры":
        return [text]
    return [c.strip().rstrip(".") for c in text.split(",") if c.strip()]
