"""The bundled templates' Jinja code made ahead (render/precompiled.py) is current, used, and changes no byte.

When a test here fails after a template in templates/ changed (or Jinja or docxtpl was upgraded):
``.venv/bin/python tools/precompile_templates.py``, then commit the regenerated table."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, ROOT

from neuspeh_cli.render import engine, precompiled

REGENERATE = "run .venv/bin/python tools/precompile_templates.py and commit render/precompiled_templates.py"
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # the ones docxtpl renders


@pytest.mark.parametrize("template", sorted(p.name for p in (ROOT / "templates").glob("*.docx")))
def test_every_part_of_every_bundled_template_is_made_ahead(template):
    doc = engine._template_class()(ROOT / "templates" / template)
    doc.render_init()
    parts = [doc.get_xml()] + [
        doc.get_part_xml(part) for uri in (doc.HEADER_URI, doc.FOOTER_URI) for _, part in doc.get_headers_footers(uri)
    ]
    for xml in parts:
        made = precompiled.patched(xml)
        assert made is not None, f"{template}: a part's XML is not in the table: {REGENERATE}"
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", made[1])  # as docxtpl's render_xml_part hands it to Jinja
        assert precompiled.code(source) is not None, f"{template}: a part's Jinja code is not in the table"
    for name in PROPERTIES:
        assert precompiled.code(getattr(doc.docx.core_properties, name)) is not None, f"{template}: {name}"


def _build(folder) -> bytes:
    from neuspeh_cli.build import BuildOptions, build_files

    options = BuildOptions(out_dir=folder, pdf_engine="none", force=True)
    return build_files([EXAMPLES / "sample-2023.yaml"], options).results[0].docx.read_bytes()


def test_a_build_compiles_no_template_and_gives_the_bytes_of_compiling_it(tmp_path, monkeypatch):
    from jinja2 import Environment

    generated = []
    original = Environment._generate
    monkeypatch.setattr(Environment, "_generate", lambda self, *a, **k: generated.append(1) or original(self, *a, **k))
    made_ahead = _build(tmp_path / "ahead")
    assert generated == [], f"the roadmap's template was compiled at build time: {REGENERATE}"
    monkeypatch.setattr(precompiled, "_table", lambda: None)
    compiled = _build(tmp_path / "compiled")
    assert generated, "without the table every part is compiled"
    assert compiled == made_ahead


def test_a_table_made_with_other_library_versions_is_not_used(monkeypatch):
    import jinja2

    precompiled._table.cache_clear()
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    try:
        assert precompiled._table() is None
        assert precompiled.code("{{ x }}") is None
    finally:
        precompiled._table.cache_clear()


def test_text_not_made_ahead_is_compiled_as_usual():
    template = engine.jinja_environment().from_string("«{{ x }}»")
    assert template.render(x="<b>") == "«&lt;b&gt;»"
