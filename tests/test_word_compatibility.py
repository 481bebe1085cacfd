"""Word is stricter than LibreOffice: property elements must be unique and in schema order.

LibreOffice opens a file with `w:tblPr` children out of order; Microsoft Word reports
«unreadable content». Every built kind (from the kinds registry, over every example
of that kind) is checked by an OOXML validator, openxml-audit, and the property
elements Word is most often strict about are also checked by hand.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES
from lxml import etree

from neuspeh_cli.build import BuildOptions, build_files, default_template
from neuspeh_cli.document import load_one
from neuspeh_cli.kinds import KINDS


def _documents() -> list[tuple[str, str]]:
    """(kind, file) for every example of every kind that has a Word template."""
    found = []
    for path in sorted(EXAMPLES.glob("*.yaml")) + [DATA / "layout" / "long-factor.yaml"]:
        kind = load_one(path).kind
        if kind in KINDS and KINDS[kind].template:
            found.append((kind, str(path)))
    return found


DOCUMENTS = _documents()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("docx")
    report = build_files(
        [Path(p) for _, p in DOCUMENTS], BuildOptions(out_dir=out, pdf_engine="none", force=True, with_measures=True)
    )
    return {str(r.source): r.docx for r in report.results}


def _audit(path) -> list[str]:
    from openxml_audit import FileFormat, OpenXmlValidator

    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=200).validate(str(path))
    # openxml-audit compares stylesWithEffects.xml (a Word 2010 copy of styles.xml) with styles.xml
    # and reports every difference as an error; Word itself ignores a stale copy. Ours are removed
    # by render/package.py, but a user's template may still carry one.
    return [str(e) for e in result.errors if "stylesWithEffects" not in f"{e.part_uri} {e.description}"]


def test_every_built_kind_is_covered():
    assert {kind for kind, _ in DOCUMENTS} == {name for name, kind in KINDS.items() if kind.template}


@pytest.mark.parametrize(("kind", "path"), DOCUMENTS, ids=[p.rsplit("/", 1)[-1] for _, p in DOCUMENTS])
def test_openxml_audit_finds_no_error(built, kind, path):
    assert _audit(built[path]) == []


@pytest.mark.parametrize("kind", sorted(name for name, kind in KINDS.items() if kind.template))
def test_openxml_audit_finds_no_error_in_the_template(kind, tmp_path):
    target = tmp_path / KINDS[kind].template
    target.write_bytes(default_template(KINDS[kind].template).read_bytes())
    assert _audit(target) == []


def test_openxml_audit_would_see_a_table_property_out_of_order(built, tmp_path):
    """The validator is not a formality: the defect Word refuses is reported."""
    source = zipfile.ZipFile(built[DOCUMENTS[0][1]])
    xml = source.read("word/document.xml").decode()
    broken = xml.replace('<w:tblLayout w:type="fixed"/>', "", 1).replace(
        "<w:tblPr>", '<w:tblPr><w:tblLayout w:type="fixed"/>', 1
    )
    target = tmp_path / "broken.docx"
    with zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            out.writestr(name, broken if name == "word/document.xml" else source.read(name))
    assert any("tblPr" in e for e in _audit(target))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORDER = {
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ],
    "tblPr": [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ],
    "tcPr": [
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
    ],
    "sectPr": [
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
    ],
}


@pytest.mark.parametrize(("kind", "path"), DOCUMENTS, ids=[p.rsplit("/", 1)[-1] for _, p in DOCUMENTS])
def test_properties_are_unique_and_in_schema_order(built, kind, path):
    xml = zipfile.ZipFile(built[path]).read("word/document.xml")
    root = etree.fromstring(xml)
    checked = 0
    for name, order in ORDER.items():
        rank = {W + tag: i for i, tag in enumerate(order)}
        for element in root.iter(W + name):
            tags = [child.tag for child in element if child.tag in rank]
            repeatable = {W + "headerReference", W + "footerReference"}
            assert len([t for t in tags if t not in repeatable]) == len(set(t for t in tags if t not in repeatable)), (
                name,
                tags,
            )
            assert [rank[t] for t in tags] == sorted(rank[t] for t in tags), (name, [t.replace(W, "") for t in tags])
            checked += 1
    assert checked > 20
