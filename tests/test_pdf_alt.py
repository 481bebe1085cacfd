"""Alt text of charts put back into a LibreOffice PDF by an incremental update (render/pdf_alt.py)."""

from __future__ import annotations

import zipfile

from neuspeh_cli.render.pdf_alt import add_chart_alt_text, chart_descriptions

CHART = (
    '<wp:inline><wp:docPr id="{n}" name="Диаграмма {n}" descr="{text}"/><a:graphic><a:graphicData '
    'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
    'r:id="rId{n}"/></a:graphicData></a:graphic></wp:inline>'
)


def _docx(path, texts):
    body = "".join(CHART.format(n=n, text=t) for n, t in enumerate(texts, 1))
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")
    return path


def _pdf(path, figures):
    """A PDF laid out as LibreOffice writes it: plain objects, one cross-reference table."""
    parts, offsets = [b"%PDF-1.7\n"], []
    objects = [b"<</Type/Catalog>>"] + [b"<</Type/StructElem\n/S/Figure\n/P 1 0 R\n/K[0]\n>>" for _ in range(figures)]
    for number, body in enumerate(objects, 1):
        offsets.append(sum(map(len, parts)))
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = sum(map(len, parts))
    parts.append(
        b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    )
    parts.append(
        b"trailer\n<</Size %d/Root 1 0 R\n/DocChecksum /ABCDEF>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    path.write_bytes(b"".join(parts))
    return path


def test_each_figure_gets_its_charts_text_in_order(tmp_path):
    docx = _docx(tmp_path / "a.docx", ["Участия по категориям", "Итоги &quot;аудита&quot;"])
    assert chart_descriptions(docx) == ["Участия по категориям", 'Итоги "аудита"']
    pdf = _pdf(tmp_path / "a.pdf", 2)
    before = pdf.read_bytes()
    assert add_chart_alt_text(pdf, docx)
    after = pdf.read_bytes()
    assert after.startswith(before)  # an incremental update: every original byte kept
    update = after[len(before) :]
    assert b"2 0 obj" in update and b"3 0 obj" in update and b"/Prev " in update and b"DocChecksum" not in update
    assert ("<FEFF" + "Участия по категориям".encode("utf-16-be").hex().upper() + ">").encode() in update
    assert not add_chart_alt_text(pdf, docx)  # the figures have their text now: nothing more to do


def test_a_pdf_that_does_not_match_is_left_alone(tmp_path):
    docx = _docx(tmp_path / "a.docx", ["Одна диаграмма"])
    pdf = _pdf(tmp_path / "a.pdf", 2)
    before = pdf.read_bytes()
    assert not add_chart_alt_text(pdf, docx)
    assert pdf.read_bytes() == before
