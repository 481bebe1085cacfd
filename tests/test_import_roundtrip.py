"""Round trip: every example roadmap, built to Word (and through LibreOffice, and as Excel), imports back to its
data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from import_helpers import (
    assert_same,
    build_docx,
    export_xlsx,
    roadmap_examples,
    soffice_convert_all,
    without_data_part,
)

EXAMPLES = roadmap_examples()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("built")
    return {example.name: build_docx(example, out) for example in EXAMPLES}


@pytest.fixture(scope="module")
def saved_as_odt(built, tmp_path_factory) -> dict[str, Path]:
    """Every built example saved as .odt by LibreOffice, all in one start of it."""
    folder = tmp_path_factory.mktemp("odt")
    names = list(built)
    odts = soffice_convert_all([built[name] for name in names], "odt", folder / "odt", folder / "profile")
    return dict(zip(names, odts))


def test_there_are_examples_to_round_trip():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_built_docx_gives_back_its_data_file_exactly(example, built):
    from neuspeh_cli.importing import import_file

    result = import_file(built[example.name])
    assert result.own and result.changes == [] and result.unplaced == []
    assert result.data_text == example.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_built_docx_read_from_its_tables_gives_the_same_data(example, built, tmp_path):
    from neuspeh_cli.importing import import_file

    result = import_file(without_data_part(built[example.name], tmp_path / "foreign.docx"))
    assert not result.own
    assert [u.describe() for u in result.unplaced] == []
    assert_same(example, result.data_text)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_imported_file_validates_as_a_roadmap(example, built, tmp_path):
    from neuspeh_cli.importing import import_file
    from neuspeh_cli.validate import validate_file

    path = tmp_path / "imported.yaml"
    path.write_text(import_file(built[example.name]).data_text, encoding="utf-8")
    report = validate_file(path)
    assert report.model is not None, [p.message for p in report.problems]
    assert not [p for p in report.problems if p.rule in ("schema", "read-error")]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_excel_export_imports_back_to_the_same_data(example, tmp_path):
    from neuspeh_cli.importing import import_file

    workbook = export_xlsx(example, tmp_path / f"{example.stem}.xlsx")
    result = import_file(workbook)
    assert [u.describe() for u in result.unplaced] == []
    # the workbook carries the tables and the title, not the approval block or the signature
    assert_same(example, result.data_text, document=False)


@pytest.mark.pdf
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="нужен LibreOffice")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_round_trip_imports_back_to_the_same_data(example, saved_as_odt):
    """docx → odt by soffice; the import turns the .odt back into .docx through LibreOffice and reads it."""
    from neuspeh_cli.importing import import_file

    result = import_file(saved_as_odt[example.name])
    assert [u.describe() for u in result.unplaced] == []
    assert_same(example, result.data_text)
