"""Charts of the implementation report, as PNG bytes that are the same for the same data.

matplotlib is imported inside ``_figure`` only (start-up stays light) and
used through its object API with the Agg canvas: no pyplot state, no GUI.
Reproducible bytes: the font shipped with matplotlib (DejaVu Sans, which has
Cyrillic), no «Software» or date metadata, a fixed hash salt. Readable in
black-and-white print: series differ by hatch, grey level and marker, never by
colour alone, and the numbers are written on the bars.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from typing import Any

DPI = 150
GREYS = ["#ffffff", "#bdbdbd", "#7a7a7a", "#3a3a3a"]
HATCHES = ["///", "", "xx", ".."]
MM = 1 / 25.4


@contextmanager
def _figure(width_mm: float, height_mm: float, **subplots: Any):
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    style = {
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "svg.hashsalt": "neuspeh",
        "hatch.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": True,
    }
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(width_mm * MM, height_mm * MM), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.subplots(**subplots) if subplots else figure.subplots()
        yield figure, axes


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches=None)
    return buffer.getvalue()


def _margins(figure, width_mm: float, height_mm: float, labels: list[str], bottom_mm: float, top_mm: float) -> None:
    """Margins from the longest tick label, in millimetres: tight_layout would draw the figure once more just to measure it."""
    longest = max((len(line) for label in labels for line in label.splitlines()), default=4)
    left_mm = 4 + 1.8 * longest
    figure.subplots_adjust(left=left_mm / width_mm, right=1 - 6 / width_mm, bottom=bottom_mm / height_mm, top=1 - top_mm / height_mm)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def participants_chart(categories: list[str], periods: list[tuple[str, list[int]]], width_mm: float = 200) -> bytes:
    """Horizontal bars: participants by category, one bar per period (hatched for the earlier one)."""
    height = 22 + 9 * len(categories) * max(1, len(periods))
    with _figure(width_mm, height) as (figure, ax):
        n = len(periods)
        bar = 0.8 / n
        top = max([v for _, values in periods for v in values] + [1])
        for k, (label, values) in enumerate(periods):
            index = n - 1 - k  # the current period (last) on top of each pair
            style = {"color": GREYS[1] if k == n - 1 else GREYS[0], "hatch": "" if k == n - 1 else "///", "edgecolor": "black", "linewidth": 0.6}
            positions = [i + (index - (n - 1) / 2) * bar for i in range(len(categories))]
            bars = ax.barh(positions, values, height=bar * 0.92, label=label, **style)
            for rect, value in zip(bars, values):
                ax.text(rect.get_width() + top * 0.01, rect.get_y() + rect.get_height() / 2, str(value), va="center", fontsize=7)
        ax.set_yticks(range(len(categories)), categories)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.12)
        ax.set_xlabel("человек")
        if n > 1:
            ax.legend(frameon=False, loc="lower right")
        _margins(figure, width_mm, height, categories, bottom_mm=12, top_mm=3)
        return _png(figure)


def indicator_columns(count: int) -> int:
    """Panels side by side: three from five indicators on, so that six take two rows and leave room for the legend on the page."""
    return 1 if count <= 1 else 2 if count <= 4 else 3


def indicators_chart(panels: list[dict], width_mm: float = 250, height_limit_mm: float = 120) -> bytes:
    """One panel per quality indicator: each school's last value (bar), its first value (hollow circle), baseline and target (lines).

    ``panels``: [{"title", "unit", "baseline", "target", "schools": [name…], "first": [v|None…], "last": [v|None…], "shnor": [bool…]}].
    The whole figure stays within ``height_limit_mm`` so that it fits a landscape page with its caption and legend.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    columns = indicator_columns(len(panels))
    rows = (len(panels) + columns - 1) // columns
    height = min(height_limit_mm, 30 + 32 * rows)
    # Every panel has the same schools: only the bottom row names them.
    with _figure(width_mm, height, nrows=rows, ncols=columns, squeeze=False, sharex=True) as (figure, grid):
        for k, ax in enumerate(grid.flat):
            if k >= len(panels):
                ax.set_visible(False)
                continue
            panel = panels[k]
            names = panel["schools"]
            xs = range(len(names))
            last = [v if v is not None else 0 for v in panel["last"]]
            bars = ax.bar(xs, last, color=[GREYS[2] if s else GREYS[1] for s in panel["shnor"]], edgecolor="black", linewidth=0.5, width=0.7)
            for rect, shnor, value in zip(bars, panel["shnor"], panel["last"]):
                rect.set_hatch("//" if shnor else "")
                if value is None:
                    ax.text(rect.get_x() + rect.get_width() / 2, 0, "н/д", ha="center", va="bottom", fontsize=5)
            firsts = [(x, v) for x, v in zip(xs, panel["first"]) if v is not None]
            if firsts:
                ax.plot([x for x, _ in firsts], [v for _, v in firsts], linestyle="none", marker="o", markersize=3.5, markerfacecolor="white", markeredgecolor="black")
            if panel["baseline"] is not None:
                ax.axhline(panel["baseline"], color="black", linestyle="--", linewidth=0.8)
            if panel["target"] is not None:
                ax.axhline(panel["target"], color="black", linestyle=":", linewidth=1.2)
            ax.set_xticks(list(xs), names, rotation=60, ha="right", fontsize=5.5)
            ax.tick_params(axis="y", labelsize=6)
            if panel["unit"] == "%":
                ax.set_ylim(0, 105)
            span = f"{_number(panel['baseline'])} → {_number(panel['target'])}" if panel["baseline"] is not None and panel["target"] is not None else ""
            ax.set_title(panel["title"], fontsize=6.5, loc="left")
            if span:
                ax.set_title(f"{span} {panel['unit']}".strip(), fontsize=6.5, loc="right")
            ax.label_outer(remove_inner_ticks=True)
            ax.tick_params(axis="y", labelleft=True)
        handles = [
            Patch(facecolor=GREYS[1], edgecolor="black", label="последний срез"),
            Patch(facecolor=GREYS[2], edgecolor="black", hatch="//", label="последний срез, ШНОР"),
            Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="black", label="первый срез"),
            Line2D([], [], color="black", linestyle="--", linewidth=0.8, label="исходное значение"),
            Line2D([], [], color="black", linestyle=":", linewidth=1.2, label="целевое значение"),
        ]
        figure.legend(handles=handles, loc="upper center", ncols=5, frameon=False, fontsize=6.5)
        # Fixed margins in millimetres instead of tight_layout, which draws the figure once more
        # only to measure it (half the time of the whole report).
        longest = max((len(name) for panel in panels for name in panel["schools"]), default=4)
        bottom_mm = 6 + 1.3 * min(longest, 24)
        figure.subplots_adjust(left=10 / width_mm, right=1 - 2 / width_mm, top=1 - 12 / height, bottom=bottom_mm / height, hspace=0.45, wspace=0.08)
        return _png(figure)


OUTCOME_FRAME_MM = 24  # legend above, axis and its title below
OUTCOME_ROW_MM = 8  # one parameter: a two-line label at 8 pt


def outcome_rows_per_chart(height_limit_mm: float) -> int:
    """How many parameters one outcomes chart may show within ``height_limit_mm``."""
    return max(1, int((height_limit_mm - OUTCOME_FRAME_MM) // OUTCOME_ROW_MM))


def outcomes_chart(labels: list[str], counts: list[list[int]], outcomes: list[str], width_mm: float = 250, x_max: int | None = None) -> bytes:
    """Stacked horizontal bars: for each parameter, how many schools ended with each outcome.

    ``x_max``: the axis' end, shared by the sheets of a chart cut into several (the bars compare across sheets).
    """
    height = OUTCOME_FRAME_MM + OUTCOME_ROW_MM * len(labels)
    with _figure(width_mm, height) as (figure, ax):
        left = [0] * len(labels)
        for k, outcome in enumerate(outcomes):
            values = [row[k] for row in counts]
            bars = ax.barh(range(len(labels)), values, left=left, color=GREYS[k], hatch=HATCHES[k], edgecolor="black", linewidth=0.6, label=outcome)
            for rect, value in zip(bars, values):
                if value:
                    ax.text(
                        rect.get_x() + rect.get_width() / 2,
                        rect.get_y() + rect.get_height() / 2,
                        str(value),
                        ha="center",
                        va="center",
                        fontsize=7,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                    )
            left = [a + b for a, b in zip(left, values)]
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        if x_max is not None:
            ax.set_xlim(0, x_max * 1.02)
        ax.set_xlabel("число школ (для параметров УО и ТМС — 1)")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(outcomes))
        _margins(figure, width_mm, height, labels, bottom_mm=12, top_mm=9)
        return _png(figure)
