"""Word is stricter than LibreOffice: property elements must be unique and in schema order.

LibreOffice opens a file with `w:tblPr` children out of order; Microsoft Word reports
«unreadable content». The rendered documents are checked element by element.
"""

from __future__ import annotations

import zipfile

import pytest
from conftest import EXAMPLES
from lxml import etree

from neuspeh_cli.build import BuildOptions, build_files

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORDER = {
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
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"],
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


@pytest.mark.parametrize("example", ["sample-2023.yaml", "ust-labinsk-2025.yaml", "school-2022.yaml"])
def test_properties_are_unique_and_in_schema_order(tmp_path, example):
    report = build_files([EXAMPLES / example], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True, with_measures=True))
    xml = zipfile.ZipFile(report.results[0].docx).read("word/document.xml")
    root = etree.fromstring(xml)
    checked = 0
    for name, order in ORDER.items():
        rank = {W + tag: i for i, tag in enumerate(order)}
        for element in root.iter(W + name):
            tags = [child.tag for child in element if child.tag in rank]
            repeatable = {W + "headerReference", W + "footerReference"}
            assert len([t for t in tags if t not in repeatable]) == len(set(t for t in tags if t not in repeatable)), (name, tags)
            assert [rank[t] for t in tags] == sorted(rank[t] for t in tags), (name, [t.replace(W, "") for t in tags])
            checked += 1
    assert checked > 20
