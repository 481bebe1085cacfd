"""Implementation reports in the review: execution and the method's criteria by municipality."""

from __future__ import annotations

import shutil
from pathlib import Path

from neuspeh_cli.review import ReviewOptions, run_review
from neuspeh_cli.review.views import tables

ROOT = Path(__file__).parents[1]
ROADMAP = ROOT / "examples" / "ust-labinsk-2025.yaml"
REPORT = ROOT / "examples" / "ust-labinsk-2025-report.yaml"


def test_report_row(tmp_path):
    result = run_review(
        [ROADMAP, REPORT], ReviewOptions(tmp_path, formats=("xlsx", "html", "docx"), cache=False, jobs=1)
    )
    [muni] = result.region.municipalities
    assert [Path(f.name).name for f in muni.reports] == ["ust-labinsk-2025-report.yaml"]
    [view] = [t for t in tables(result.region) if t.name == "Отчёты"]
    [row] = view.rows
    # The example report: 21 events, 18 held, 2 moved, 1 cancelled (examples/ust-labinsk-2025-report.yaml).
    assert row[:9] == ["Усть-Лабинский район", "за 2025 год (итоговый)", 21, 18, 0, 2, 1, 0, 982]
    assert row[9] == 1.0  # all six ШНОР reached
    assert row[10:14] == ["982\u00a0участия", "86,1\u00a0%", "6,2\u00a0%", "69\u00a0%"]  # 2.1: 61 of 982 participations
    assert row[14] == "устранён — 5, снижен — 15, сохраняется — 7, усилился — 2"
    page = (tmp_path / "свод.html").read_text(encoding="utf-8")
    assert 'id="reports"' in page and "86,1\u00a0%" in page


def test_a_changed_roadmap_refreshes_its_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROADMAP, folder / ROADMAP.name)
    shutil.copy(REPORT, folder / REPORT.name)
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([folder], ReviewOptions(tmp_path / "o", **options))
    roadmap = folder / ROADMAP.name
    roadmap.write_text(roadmap.read_text(encoding="utf-8") + "\n# правка\n", encoding="utf-8")
    again = run_review([folder], ReviewOptions(tmp_path / "o", **options))
    assert again.loaded == 2  # the roadmap, and the report that depends on it
