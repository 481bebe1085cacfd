"""Charts of the implementation report as native Word charts (DrawingML ``c:chartSpace`` parts).

Word and LibreOffice draw them from the numbers cached in the part: vector at any zoom, text in the
document's font at a size that stays legible in print (never below 8 pt, never rotated), and no
plotting library to import (a report builds about as fast as a roadmap). Readable in black and white:
series differ by pattern, grey level, line dash and marker, never by colour alone, and the numbers are
written on the bars. Axes are scaled to the data: a 14 → 8 % indicator is not drawn on a 0–100 axis.
The same data give the same bytes.

Each function returns the chart part's XML; ``render/report.py`` wraps it in ``engine.Chart`` with its
size and alt text.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

FONT = "Times New Roman"
TEXT_PT = 9  # axis labels, legend, data labels
TITLE_PT = 10

NS = (
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

# Black-and-white fills: (kind, value). A pattern is black on white; a grey is solid.
WHITE = ("solid", "FFFFFF")
LIGHT = ("solid", "D0D0D0")
MIDDLE = ("solid", "8C8C8C")
DARK = ("solid", "404040")
HATCH = ("pattern", "wdUpDiag")
CROSS = ("pattern", "openDmnd")


def _fill(fill: tuple[str, str]) -> str:
    kind, value = fill
    if kind == "pattern":
        return (
            f'<a:pattFill prst="{value}"><a:fgClr><a:srgbClr val="000000"/></a:fgClr><a:bgClr><a:srgbClr '
            'val="FFFFFF"/></a:bgClr></a:pattFill>'
        )
    return f'<a:solidFill><a:srgbClr val="{value}"/></a:solidFill>'


def _outline(width_pt: float = 0.75, dash: str = "solid", colour: str = "000000") -> str:
    return (
        f'<a:ln w="{round(width_pt * 12700)}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:prstDash '
        f'val="{dash}"/></a:ln>'
    )


def _sp(fill: tuple[str, str] | None, line: str) -> str:
    return f"<c:spPr>{_fill(fill) if fill else '<a:noFill/>'}{line}</c:spPr>"


def _run_props(size_pt: float, bold: bool = False, colour: str = "000000") -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (
        f'sz="{round(size_pt * 100)}"{b}><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:latin '
        f'typeface="{FONT}"/><a:cs typeface="{FONT}"/>'
    )


def _txpr(size_pt: float = TEXT_PT, bold: bool = False, colour: str = "000000") -> str:
    """Text properties: the document's font, horizontal (``rot="0"``), never auto-rotated."""
    return (
        '<c:txPr><a:bodyPr rot="0" vert="horz"/><a:lstStyle/>'
        f"<a:p><a:pPr><a:defRPr {_run_props(size_pt, bold, colour)}</a:defRPr></a:pPr><a:endParaRPr "
        'lang="ru-RU"/></a:p></c:txPr>'
    )


def _rich(lines: list[str], size_pt: float, bold: bool) -> str:
    paragraphs = "".join(
        f'<a:p><a:pPr><a:defRPr {_run_props(size_pt, bold)}</a:defRPr></a:pPr><a:r><a:rPr lang="ru-RU" '
        f"{_run_props(size_pt, bold)}</a:rPr><a:t>{escape(line)}</a:t></a:r></a:p>"
        for line in lines
    )
    return f'<c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/>{paragraphs}</c:rich></c:tx>'


def _title(lines: list[str], size_pt: float = TITLE_PT, bold: bool = True) -> str:
    return f'<c:title>{_rich(lines, size_pt, bold)}<c:overlay val="0"/></c:title>'


def _str_cache(values: list[str]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{escape(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return f'<c:strLit><c:ptCount val="{len(values)}"/>{points}</c:strLit>'


def _num_cache(values: list[float | None], code: str = "General") -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)
    return f'<c:numLit><c:formatCode>{escape(code)}</c:formatCode><c:ptCount val="{len(values)}"/>{points}</c:numLit>'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(float(value), 4))


def _series_name(index: int, name: str) -> str:
    return f'<c:idx val="{index}"/><c:order val="{index}"/><c:tx><c:v>{escape(name)}</c:v></c:tx>'


def _labels(code: str, position: str | None, colour: str = "000000") -> str:
    """Values written on the bars; ``code`` hides zeros («0;-0;;»)."""
    where = f'<c:dLblPos val="{position}"/>' if position else ""
    return (
        f'<c:dLbls><c:numFmt formatCode="{escape(code)}" '
        f'sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_txpr(TEXT_PT, False, colour)}'
        f'{where}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
        '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )


def _no_labels() -> str:
    return '<c:dLbls><c:delete val="1"/></c:dLbls>'


def _cat_axis(ax: int, cross: int, position: str, reverse: bool = False, size_pt: float = TEXT_PT) -> str:
    orientation = "maxMin" if reverse else "minMax"
    return (
        f'<c:catAx><c:axId val="{ax}"/><c:scaling><c:orientation val="{orientation}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{position}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark '
        'val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="low"/>{_sp(None, _outline(0.75))}{_txpr(size_pt)}<c:crossAx val="{cross}"/><c:crosses '
        'val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl '
        'val="0"/></c:catAx>'
    )


def _val_axis(
    ax: int,
    cross: int,
    position: str,
    top: float,
    step: float,
    title: str = "",
    code: str = "General",
    reversed_categories: bool = False,
) -> str:
    # Categories listed top to bottom (a reversed category axis): the value axis crosses at the last one, the bottom.
    crosses = "max" if reversed_categories else "autoZero"
    titled = _title([title], TEXT_PT, False) if title else ""
    return (
        f'<c:valAx><c:axId val="{ax}"/><c:scaling><c:orientation val="minMax"/><c:max val="{_number(top)}"/><c:min '
        'val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos '
        f'val="{position}"/><c:majorGridlines>{_sp(None, _outline(0.25, "dash", "A0A0A0"))}</c:majorGridlines>'
        f'{titled}<c:numFmt formatCode="{escape(code)}" sourceLinked="0"/><c:majorTickMark '
        'val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{_sp(None, _outline(0.75))}{_txpr()}<c:crossAx val="{cross}"/><c:crosses '
        f'val="{crosses}"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{_number(step)}"/></c:valAx>'
    )


def _legend(position: str = "t") -> str:
    return f'<c:legend><c:legendPos val="{position}"/><c:overlay val="0"/>{_txpr()}</c:legend>'


def _space(title_lines: list[str], plot: str, legend: str) -> bytes:
    title = _title(title_lines) if title_lines else ""
    deleted = "0" if title_lines else "1"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace {NS}><c:date1904 val="0"/><c:lang val="ru-RU"/><c:roundedCorners val="0"/>'
        f'<c:chart>{title}<c:autoTitleDeleted val="{deleted}"/><c:plotArea><c:layout/>{plot}</c:plotArea>{legend}'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "<c:spPr><a:solidFill><a:srgbClr "
        f'val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>{_txpr()}</c:chartSpace>'
    )
    return xml.encode("utf-8")


def nice_axis(values: list[float], at_least: float = 1) -> tuple[float, float]:
    """(top, step) of an axis from 0 that holds ``values`` with a little room: 14 and 8 give 16 by 2, not 100."""
    top = max([v for v in values if v is not None] + [at_least])
    raw = top * 1.12 / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if float(step).is_integer():
        step = int(step)
    return step * math.ceil(top * 1.0001 / step + 0.12), step


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters at spaces: a title in full, over as many lines as it needs."""
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width) or [""]


# ---------------------------------------------------------------- the three charts


def participants_chart(
    categories: list[str], periods: list[tuple[str, list[int]]], unit: str = "число участий"
) -> bytes:
    """Horizontal bars: participations by category, one bar per period (the earlier hatched, the current grey)."""
    n = len(periods)
    series = []
    for k, (label, values) in enumerate(periods):
        fill = LIGHT if k == n - 1 else HATCH
        series.append(
            f"<c:ser>{_series_name(k, label)}{_sp(fill, _outline())}<c:invertIfNegative "
            f'val="0"/>{_labels("0", "outEnd")}'
            f"<c:cat>{_str_cache(categories)}</c:cat><c:val>{_num_cache([float(v) for v in values])}</c:val></c:ser>"
        )
    top, step = nice_axis([v for _, values in periods for v in values])
    plot = (
        f'<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>{"".join(series)}'
        '<c:gapWidth val="60"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
        + _cat_axis(1, 2, "l", reverse=True)
        + _val_axis(2, 1, "b", top, step, unit, reversed_categories=True)
    )
    return _space([], plot, _legend("t") if n > 1 else "")


def indicator_chart(panel: dict) -> bytes:
    """One quality indicator: each school's last value (a bar; hatched for a ШНОР), its first value (a black diamond),
    the roadmap's baseline (dashed line) and target (solid line). The axis is scaled to these values.

    ``panel``: {"title", "unit", "baseline", "target", "schools": [name…], "first": [v|None…], "last": [v|None…],
    "shnor": [bool…], "last_name", "first_name"}.
    """
    schools = panel["schools"]
    code = "0.0;-0.0;0" if any(v is not None and not float(v).is_integer() for v in panel["last"]) else "0"
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>{_sp(HATCH, _outline())}</c:dPt>'
        for i, shnor in enumerate(panel["shnor"])
        if shnor
    )
    bars = (
        f"<c:ser>{_series_name(0, panel.get('last_name', 'последний срез'))}{_sp(LIGHT, _outline())}<c:invertIfNegative "  # noqa: E501
        'val="0"/>'
        f"{points}{_labels(code, 'outEnd')}<c:cat>{_str_cache(schools)}</c:cat><c:val>{_num_cache(panel['last'])}</c:val></c:ser>"  # noqa: E501
    )
    lines = []
    index = 1
    no_line = '<c:spPr><a:ln w="12700"><a:noFill/></a:ln></c:spPr>'
    if any(v is not None for v in panel["first"]):
        marker = (
            '<c:marker><c:symbol val="diamond"/><c:size '
            f'val="7"/>{_sp(("solid", "000000"), _outline(0.75, "solid", "FFFFFF"))}</c:marker>'
        )
        lines.append(
            f"<c:ser>{_series_name(index, panel.get('first_name', 'первый срез'))}{no_line}{marker}{_no_labels()}"
            f"<c:cat>{_str_cache(schools)}</c:cat><c:val>{_num_cache(panel['first'])}</c:val><c:smooth "
            'val="0"/></c:ser>'
        )
        index += 1
    for value, name, dash, width in (
        (panel["baseline"], "исходное значение", "dash", 1.25),
        (panel["target"], "целевое значение", "solid", 1.75),
    ):
        if value is None:
            continue
        lines.append(
            f"<c:ser>{_series_name(index, f'{name} ({_number(value)}{_unit_suffix(panel)})')}{_sp(None, _outline(width, dash))}"  # noqa: E501
            f'<c:marker><c:symbol val="none"/></c:marker>{_no_labels()}'
            f"<c:cat>{_str_cache(schools)}</c:cat><c:val>{_num_cache([value] * len(schools))}</c:val><c:smooth "
            'val="0"/></c:ser>'
        )
        index += 1
    values = panel.get("scale") or [*panel["last"], *panel["first"], panel["baseline"], panel["target"]]
    top, step = nice_axis([v for v in values if v is not None])  # ``scale``: every sheet of one indicator on one axis
    if panel.get("unit") == "%" and top > 100:
        top = 110  # room above 100 % for the numbers written over the bars; ticks stop at 100
    line_chart = (
        f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(lines)}<c:marker val="1"/><c:axId '
        'val="1"/><c:axId val="2"/></c:lineChart>'
        if lines
        else ""
    )
    plot = (
        f'<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>{bars}'
        '<c:gapWidth val="50"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
        + line_chart
        + _cat_axis(1, 2, "b", size_pt=school_label_pt(schools))
        + _val_axis(2, 1, "l", top, step)  # the unit is in the caption: the plot keeps the width for the school names
    )
    return _space([], plot, _legend("t"))


def school_label_pt(names: list[str], width_mm: float = 235) -> float:
    """The size of the school names under the bars: the longest word of a name fits its slot (an office program
    breaks a word that does not: «Волошинск|ая»), 9 pt at most, 7 pt at least."""
    longest = max((len(word) for name in names for word in name.split()), default=1)
    slot = width_mm / max(1, len(names))
    return max(7.0, min(float(TEXT_PT), round(slot / (longest * 0.19) * 2) / 2))


def _unit_suffix(panel: dict) -> str:
    unit = panel.get("unit", "")
    return "\u00a0%" if unit == "%" else (f"\u00a0{unit}" if unit else "")


OUTCOME_FRAME_MM = 26  # legend above, axis and its title below
OUTCOME_ROW_MM = 9  # one parameter: a two-line label at 9 pt


def outcome_rows_per_chart(height_limit_mm: float) -> int:
    """How many parameters one outcomes chart may show within ``height_limit_mm``."""
    return max(1, int((height_limit_mm - OUTCOME_FRAME_MM) // OUTCOME_ROW_MM))


def outcome_chart_height(rows: int) -> float:
    return OUTCOME_FRAME_MM + OUTCOME_ROW_MM * rows


OUTCOME_FILLS = [WHITE, LIGHT, HATCH, DARK]
OUTCOME_LABEL_COLOURS = ["000000", "000000", "000000", "FFFFFF"]


def outcomes_chart(labels: list[str], counts: list[list[int]], outcomes: list[str], x_max: int | None = None) -> bytes:
    """Stacked horizontal bars: for each parameter, how many schools ended with each outcome.

    ``x_max``: the axis' end, shared by the sheets of a chart cut into several (the bars compare across sheets).
    """
    series = []
    for k, outcome in enumerate(outcomes):
        values = [float(row[k]) for row in counts]
        series.append(
            f'<c:ser>{_series_name(k, outcome)}{_sp(OUTCOME_FILLS[k % 4], _outline())}<c:invertIfNegative val="0"/>'
            f"{_labels('0;-0;;', 'ctr', OUTCOME_LABEL_COLOURS[k % 4])}<c:cat>{_str_cache(labels)}</c:cat><c:val>{_num_cache(values)}</c:val></c:ser>"  # noqa: E501
        )
    top = x_max if x_max is not None else max((sum(row) for row in counts), default=1)
    step = 1 if top <= 10 else nice_axis([top])[1]
    plot = (
        f'<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>{"".join(series)}'
        '<c:gapWidth val="50"/><c:overlap val="100"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
        + _cat_axis(1, 2, "l", reverse=True)
        + _val_axis(
            2, 1, "b", max(top, 1), step, "число школ (для параметров УО и ТМС — 1)", "0", reversed_categories=True
        )
    )
    return _space([], plot, _legend("t"))
