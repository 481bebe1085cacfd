"""The shipped Word templates: masters a methodologist can restyle in Word.

* each template asks for exactly the values its kind's render-context function gives;
* each equals what its generator script in tools/ writes (the scripts are the source);
* the look lives in named styles, not in direct formatting; loop tags can be read.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from docx import Document
from lxml import etree

from neuspeh_cli.build import BuildOptions, default_template
from neuspeh_cli.document import load_one
from neuspeh_cli.kinds import KINDS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BUILT_KINDS = [name for name, kind in KINDS.items() if kind.template]
GENERATORS = {
    "roadmap": "make_roadmap_template.py",
    "programme": "make_programme_template.py",
    "report": "make_report_template.py",
}


def examples_of(kind: str) -> list[Path]:
    return [path for path in sorted(EXAMPLES.glob("*.yaml")) if load_one(path).kind == kind]


def _template_bytes(kind: str) -> bytes:
    return default_template(KINDS[kind].template).read_bytes()


def test_every_built_kind_has_an_example_and_a_generator():
    assert set(BUILT_KINDS) == set(GENERATORS)
    for kind in BUILT_KINDS:
        assert examples_of(kind), kind


@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_template_asks_for_exactly_what_the_context_gives(kind):
    from docxtpl import DocxTemplate

    asked = DocxTemplate(io.BytesIO(_template_bytes(kind))).get_undeclared_template_variables()
    for path in examples_of(kind):
        document = load_one(path)
        context = KINDS[kind].context_function()(document, BuildOptions(with_measures=True))
        # ``properties`` feeds docProps/core.xml (render/package.py), ``calendar`` an appendix drawn after the
        # template (render/calendar.py): neither is a value of the page
        assert asked == set(context) - {"properties", "calendar"}, path.name


@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_generator_writes_the_committed_template(kind, tmp_path):
    script = ROOT / "tools" / GENERATORS[kind]
    spec = importlib.util.spec_from_file_location(f"generator_{kind}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path / "out.docx")
    fresh, committed = zipfile.ZipFile(tmp_path / "out.docx"), zipfile.ZipFile(io.BytesIO(_template_bytes(kind)))
    assert fresh.namelist() == committed.namelist()
    for name in fresh.namelist():
        assert fresh.read(name) == committed.read(name), f"{name} differs: run python tools/{GENERATORS[kind]}"


def _body(kind: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(_template_bytes(kind))).read("word/document.xml")).find(
        f"{W}body"
    )


DIRECT = {"jc", "ind", "spacing", "keepNext", "keepLines", "pageBreakBefore"}
DIRECT_RUN = {"b", "i", "sz", "szCs", "rFonts", "color", "u"}


@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_look_lives_in_named_styles(kind):
    body = _body(kind)
    for p in body.iter(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        direct = {child.tag.replace(W, "") for child in ppr} & DIRECT if ppr is not None else set()
        assert not direct, (kind, "".join(p.itertext()), direct)
        for rpr in p.iter(f"{W}rPr"):
            if rpr.getparent().tag == f"{W}r":
                assert not {c.tag.replace(W, "") for c in rpr} & DIRECT_RUN, (kind, "".join(p.itertext()))
    for tbl in body.iter(f"{W}tbl"):
        assert tbl.find(f"{W}tblPr/{W}tblStyle") is not None
        assert tbl.find(f"{W}tblPr/{W}tblBorders") is None  # borders come from the table style


@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_styles_have_names_a_methodologist_reads(kind):
    styles = {s.style_id: s.name for s in Document(io.BytesIO(_template_bytes(kind))).styles}
    for style_id, name in {
        "TableText": "Текст таблицы",
        "TableHeading": "Шапка таблицы",
        "ApprovalStamp": "Гриф утверждения",
        "Signature": "Подпись",
        "TemplateTag": "Тег шаблона",
        "DocumentTable": "Таблица документа",
        "Heading1": "Heading 1",
    }.items():
        assert styles.get(style_id) == name, (style_id, styles.get(style_id))
    used = {el.get(f"{W}val") for el in _body(kind).iter(f"{W}pStyle", f"{W}tblStyle")}
    assert used <= set(styles), used - set(styles)
    assert "Heading1" in used  # section titles are headings: PDF bookmarks and Word's navigation pane


@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_row_tags_span_the_whole_table(kind):
    """A {%tr %} tag in a 10 mm column wraps letter by letter: its row is one merged cell."""
    found = 0
    for tbl in _body(kind).iter(f"{W}tbl"):
        columns = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        for tr in tbl.findall(f"{W}tr"):
            text = "".join(tr.itertext())
            if "{%tr" in text:
                (tc,) = tr.findall(f"{W}tc")
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                assert span is not None and int(span.get(f"{W}val")) == columns, text
                found += 1
    assert found >= 2


@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_paragraph_tags_are_marked_as_template_tags(kind):
    for p in _body(kind).iter(f"{W}p"):
        text = "".join(p.itertext())
        if text.startswith("{%p"):
            assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "TemplateTag", text


def test_template_has_hyphenation_and_russian_language():
    for kind in BUILT_KINDS:
        package = zipfile.ZipFile(io.BytesIO(_template_bytes(kind)))
        settings = etree.fromstring(package.read("word/settings.xml"))
        assert settings.find(f"{W}autoHyphenation") is not None
        styles = etree.fromstring(package.read("word/styles.xml"))
        lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert lang.get(f"{W}val") == "ru-RU"
        # headings and table heads are never hyphenated
        for style in styles.findall(f"{W}style"):
            if style.get(f"{W}styleId") in ("Heading1", "TableHeading", "DocumentTitle"):
                assert style.find(f"{W}pPr/{W}suppressAutoHyphens") is not None
