"""The rendering engine's shortcuts change nothing a reader sees: a column loop still widens its table's grid,
a package written reproducibly is not deflated a second time."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from neuspeh_cli.render.engine import render_docx, reproducible_zip
from neuspeh_cli.render.package import FIXED_DATE, write_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _grid(data: bytes) -> tuple[int, list[int]]:
    table = Document(io.BytesIO(data)).tables[0]
    grid = table._tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")
    return len(grid), [len(row.cells) for row in table.rows]


def test_a_column_loop_still_widens_the_grid(tmp_path):
    doc = Document()
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["{%tc for x in xs %}", "{{ x }}", "{%tc endfor %}"]):
        cell.text = text
    doc.save(tmp_path / "tpl.docx")
    assert _grid(render_docx(tmp_path / "tpl.docx", {"xs": list("абвгд")})) == (5, [5])


def test_a_table_without_cell_tags_keeps_its_grid(tmp_path):
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "{%tr for x in xs %}"
    table.add_row().cells[0].text = "{{ x }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    doc.save(tmp_path / "tpl.docx")
    assert _grid(render_docx(tmp_path / "tpl.docx", {"xs": ["а", "б"]})) == (2, [2, 2])


def test_a_reproducible_package_is_kept_and_a_foreign_one_normalised():
    ours = write_package({"a.xml": b"<a/>", "b.xml": b"<b/>"}, ["b.xml", "a.xml"])
    assert reproducible_zip(ours) is ours
    foreign = io.BytesIO()
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr(zipfile.ZipInfo("b.xml", date_time=(2024, 5, 1, 12, 0, 0)), b"<b/>")
        archive.writestr(zipfile.ZipInfo("a.xml", date_time=(2024, 5, 1, 12, 0, 0)), b"<a/>")
    fixed = reproducible_zip(foreign.getvalue())
    assert fixed == ours
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(fixed)).infolist()} == {FIXED_DATE}


def test_the_shortcuts_give_docxtpls_own_bytes(tmp_path, monkeypatch):
    """Grid re-count, line-break pass and in-place body: the built roadmap is byte for byte docxtpl's own."""
    import re

    from conftest import EXAMPLES

    from neuspeh_cli.build import BuildOptions, build_files
    from neuspeh_cli.render import engine

    def built(folder: str) -> bytes:
        options = BuildOptions(out_dir=tmp_path / folder, pdf_engine="none", force=True)
        return build_files([EXAMPLES / "sample-2023.yaml"], options).results[0].docx.read_bytes()

    in_place = []
    template_class = engine._template_class

    def spied():
        cls = template_class()
        original = cls._body_in_place

        def body_in_place(self, xml):
            body = original(self, xml)
            in_place.append(body is not None)
            return body

        cls._body_in_place = body_in_place
        return cls

    monkeypatch.setattr(engine, "_template_class", spied)
    fast = built("fast")
    assert in_place == [True], "the roadmap's body is parsed in place"
    from neuspeh_cli.render import precompiled

    monkeypatch.setattr(precompiled, "_table", lambda: None)  # docxtpl's own clean-up of the tags, not the table's
    monkeypatch.setattr(engine, "_CELL_TAGS", re.compile(""))  # every template may change its cells: docxtpl's way
    monkeypatch.setattr(engine, "_LISTING", re.compile(""))  # every paragraph through docxtpl's line-break pass
    assert built("docxtpl") == fast
    assert in_place == [True], "docxtpl's way moves the body, as docxtpl does"


@pytest.mark.parametrize(
    "example", ["sample-2023.yaml", "ust-labinsk-2025.yaml", "ust-labinsk-2025-report.yaml", "school-2022.yaml"]
)
def test_the_data_part_added_before_zipping_is_the_one_read_back_from_the_archive(example):
    """One zip write: the data part computed from the parts in memory is byte for byte the part ``embed`` adds
    to the finished archive it reads back (the record of what was printed is read by the same reader)."""
    from conftest import EXAMPLES

    from neuspeh_cli.build import BuildOptions, default_template, render_document
    from neuspeh_cli.document import load_paths
    from neuspeh_cli.domain.structure import resolve
    from neuspeh_cli.importing.own import embed
    from neuspeh_cli.kinds import KINDS

    [document] = load_paths([EXAMPLES / example])
    options = BuildOptions(pdf_engine="none", force=True)
    kind = KINDS[document.kind]
    context = kind.context_function()(document, options)
    calendar = context.pop("calendar", None)  # a report's appendix: a finishing step before the data part
    appendix = None
    if calendar is not None:
        from neuspeh_cli.render.calendar import appendix_step

        appendix = appendix_step(calendar)
    zipped = render_docx(default_template(kind.template), context, "x", finish=appendix)
    order = None
    if document.kind == "roadmap":
        order = [row.index for block in resolve(document.model, document.catalog).factors for row in block.rows]
    text = ("\ufeff" if document.source.bom else "") + document.source.text
    read_back = embed(zipped, text, document.kind, order)
    assert b"item9001" in read_back
    assert render_document(document, options) == read_back
