"""Rendering a Jinja-templated .docx (docxtpl) safely and reproducibly.

* The Jinja environment is sandboxed and autoescaping: a value such as
  ``{{ 7*7 }}`` or ``<b>&`` appears literally, and a template cannot reach
  Python internals (docxtpl's default environment is neither, #632).
* Strings are cleaned of characters XML forbids and of the control characters
  docxtpl would turn into page or paragraph breaks; Word's vertical tab (a
  manual line break pasted from Word) becomes a line break.
* The package is finished (``package.finish_package``): properties from the
  data (the context's ``properties``, a ``DocumentProperties``), compatibility
  mode 15, no thumbnail, merged groups kept together.
* The archive is rewritten with fixed timestamps: same input, same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import BuildError, os_reason
from .package import FIXED_DATE

# XML 1.0 allows \t \n \r and everything from \x20 on; docxtpl turns \a into a
# new paragraph and \f into a page break, so they must not reach it either.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Picture:
    """An image for the document (PNG bytes) and its printed width; the engine embeds it (docxtpl ``InlineImage``).

    ``alt``: the text a screen reader and the tagged PDF give for the picture (Word's «Замещающий текст»)."""

    data: bytes
    width_mm: float
    alt: str = ""


@dataclass(frozen=True)
class Chart:
    """A native Word chart: the DrawingML chart part (``c:chartSpace`` XML), its printed size and its alt text.

    Word and LibreOffice draw it themselves from the numbers cached in the part: vector, legible at any zoom,
    and cheap to make (no plotting library)."""

    xml: bytes
    width_mm: float
    height_mm: float
    alt: str = ""


_EMU_PER_MM = 36000
_CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_CHART_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"


def _attribute(text: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(" ".join(clean_text(text).split()))


class _InlineChart:
    """Put a ``Chart`` into the document being rendered: a chart part related to the story, an inline frame that shows
    it.
    """

    def __init__(self, doc: Any, chart: Chart, number: int):
        self.doc, self.chart, self.number = doc, chart, number

    def __str__(self) -> str:
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        story = self.doc.current_rendering_part
        package = story.package
        taken = {str(p.partname) for p in package.iter_parts()}
        n = 1
        while f"/word/charts/chart{n}.xml" in taken:
            n += 1
        part = Part(PackURI(f"/word/charts/chart{n}.xml"), _CHART_CT, self.chart.xml, package)
        rid = story.relate_to(part, _CHART_RT)
        cx, cy = round(self.chart.width_mm * _EMU_PER_MM), round(self.chart.height_mm * _EMU_PER_MM)
        alt = _attribute(self.chart.alt)
        frame = (
            '<wp:inline distT="0" distB="0" distL="0" distR="0" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{9000 + self.number}" name="Диаграмма {n}" descr={alt}/>'
            "<wp:cNvGraphicFramePr/>"
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'
            "</a:graphicData></a:graphic></wp:inline>"
        )
        return f'</w:t></w:r><w:r><w:drawing>{frame}</w:drawing></w:r><w:r><w:t xml:space="preserve">'

    __html__ = __str__


def _described(image_xml: str, alt: str) -> str:
    """An inline picture's XML with its alt text (``descr`` of ``wp:docPr``)."""
    import re

    return re.sub(
        r"(<wp:docPr\b[^>]*?)(\s*/?>)",
        lambda m: m.group(1) + f" descr={_attribute(alt)}" + m.group(2),
        image_xml,
        count=1,
    )


def _embed(value: Any, doc: Any, counter: list | None = None) -> Any:
    """The context with every ``Picture`` and ``Chart`` replaced by what the template being rendered embeds."""
    counter = counter if counter is not None else [0]
    if isinstance(value, Chart):
        counter[0] += 1
        return _InlineChart(doc, value, counter[0])
    if isinstance(value, Picture):
        from docx.shared import Mm
        from docxtpl import InlineImage

        if not value.alt:
            return InlineImage(doc, io.BytesIO(value.data), width=Mm(value.width_mm))

        class _DescribedImage(InlineImage):
            def _insert_image(self, alt=value.alt):
                return _described(super()._insert_image(), alt)

            __str__ = __html__ = __unicode__ = _insert_image

        return _DescribedImage(doc, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _embed(v, doc, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_embed(v, doc, counter) for v in value]
    return value


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    text = text.replace("\t", " ")
    return _FORBIDDEN.sub("", text)


def map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string in it (dicts and lists walked recursively)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: map_strings(v, change) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [map_strings(v, change) for v in value]
    return value


def clean(value: Any) -> Any:
    """The context with every string cleaned, recursively."""
    return map_strings(value, clean_text)


class TemplateRefused(BuildError):
    """A template that asks for more than a template may do here: it is unusable as given (exit code 2)."""

    exit_code = 2


class _Inclusion(Exception):
    """``{% include %}``, ``{% extends %}``, ``{% import %}``: a Word template has no other templates to take in."""


def _no_other_templates():
    from jinja2 import BaseLoader

    class NoOtherTemplates(BaseLoader):
        def get_source(self, environment, template):
            raise _Inclusion(template)

    return NoOtherTemplates()


def jinja_environment():
    from jinja2 import StrictUndefined

    return _environment_class()(
        autoescape=True, undefined=StrictUndefined, trim_blocks=False, loader=_no_other_templates()
    )


@lru_cache(maxsize=1)
def _environment_class():
    """The sandboxed environment, taking the bundled templates' code made ahead (``precompiled``) when it has it."""
    from jinja2.sandbox import SandboxedEnvironment

    from . import precompiled

    class Environment(SandboxedEnvironment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            plain = not (raw or defer_init or name or filename) and isinstance(source, str)
            made = precompiled.code(source) if plain else None
            if made is None:
                return super().compile(source, name, filename, raw, defer_init)
            return compile(made, "<template>", "exec")

    return Environment


# docxtpl's tags that change a row's cells: a loop over cells ({%tc …%}), a span set by the data.
_CELL_TAGS = re.compile(r"[{][%{#]-?\s*tc\s|[{]%-?\s*(?:colspan|hm)\b")

_LISTING = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as docxtpl's resolve_listing finds them

_BODY_TAG = re.compile(r"<w:body((?:\s+[^\s=>]+=\"[^\"]*\")*)\s*>")
_XMLNS = re.compile(r'xmlns:(\w+)="([^"]*)"')
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _parsed_in_place(document, xml: str):
    """The new root: a copy of ``document``'s with the rendered body ``xml`` parsed inside it; None where that is
    not plain.

    docxtpl parses the body alone and moves it into the document; lxml's move between two
    documents grows faster than the body (1.3 s of a 10,000-event build, 17 ms at 1,000).
    Parsed in place, the new root simply takes the old one's place in the package.
    """
    from docx.oxml.parser import element_class_lookup
    from lxml import etree

    start = _BODY_TAG.match(xml)
    source = etree.tostring(document, encoding="unicode")
    head, _, rest = source.partition("<w:body")
    tail = rest.rpartition("</w:body>")[2]
    if start is None or not rest or "</w:body>" not in rest or "xmlns" in xml[start.end() :]:
        return None  # inner declarations (a chart's, a picture's) lxml's move would fold into the root's
    declared = dict(_XMLNS.findall(source[: len(head) + 1 + source[len(head) :].index(">")]))
    if (
        any(declared.get(prefix) != uri for prefix, uri in _XMLNS.findall(start.group(1)))
        or _XMLNS.sub("", start.group(1)).strip()
    ):
        return None  # the body declares or carries something of its own: keep docxtpl's way
    parser = etree.XMLParser(recover=True)
    parser.set_element_class_lookup(element_class_lookup)  # python-docx's element classes, as its own parts have
    root = etree.fromstring(head + "<w:body>" + xml[start.end() :] + tail, parser=parser)
    return root if root.find(f"{{{_W_NS}}}body") is not None else None


def _template_class():
    """docxtpl's template that re-counts a table's columns only when the template can change them.

    After rendering, docxtpl walks every row of every table to fit the grid to the widest row
    (a sixth of a 1,000-event build). Rows repeated by ``{%tr for %}`` keep the template's cells;
    only the tags of ``_CELL_TAGS`` make rows wider or narrower than the grid.
    """
    from docxtpl import DocxTemplate
    from lxml import etree

    from . import precompiled
    from .package import lay_out_body

    class Template(DocxTemplate):
        cells_change = True

        def patch_xml(self, src_xml):
            made = precompiled.patched(src_xml)
            if made is not None:
                self.cells_change, patched = made
                return patched
            self.cells_change = _CELL_TAGS.search(re.sub(r"<[^>]*>", "", src_xml)) is not None
            return super().patch_xml(src_xml)

        def resolve_listing(self, xml):
            # docxtpl rewrites every run of every paragraph to turn \t \a \n \f into Word's tabs, paragraphs and
            # breaks; only paragraphs holding one of them change, so only they are handed to it (same result).
            if _LISTING.search(xml) is None:
                return xml
            whole = super().resolve_listing
            return _PARAGRAPH.sub(lambda m: whole(m.group(0)) if _LISTING.search(m.group(0)) else m.group(0), xml)

        def fix_tables(self, xml):
            body = None if self.cells_change else self._body_in_place(xml)
            if body is None:
                body = (
                    super().fix_tables(xml)
                    if self.cells_change
                    else etree.fromstring(xml, parser=etree.XMLParser(recover=True))
                )
            # The layout guards go on the tree docxtpl holds: the finishing pass then need not parse the body again.
            lay_out_body(body)
            return body

        def _body_in_place(self, xml: str):
            """The rendered body parsed inside a copy of the document's own root (``_parsed_in_place``), or None."""
            root = _parsed_in_place(self.docx._element, xml)
            if root is None:
                return None
            self._new_root = root
            return root.find(f"{{{_W_NS}}}body")

        def fix_docpr_ids(self, tree):
            # docxtpl's own, but through an XPath object: python-docx's elements take no ``namespaces=``.
            from docx.oxml.ns import nsmap

            for element in etree.XPath("//wp:docPr", namespaces=nsmap)(tree):
                self.docx_ids_index += 1
                element.attrib["id"] = str(self.docx_ids_index)

        def map_tree(self, tree):
            root = getattr(self, "_new_root", None)
            if root is None or tree.getparent() is not root:
                return super().map_tree(tree)
            self.docx._element = self.docx._part._element = root
            self.docx._Document__body = None  # python-docx's cached body of the old root
            return None

    return Template


def render_docx(
    template: Path | Any,
    context: dict,
    template_name: str | None = None,
    finish: Callable[[dict[str, bytes], list[str]], list[str]] | None = None,
) -> bytes:
    """Render ``template`` (a path or an importlib resource) with ``context``; return the .docx bytes.

    Raises ``BuildError`` naming the template and the faulty tag when the
    template is broken, refers to an unknown value, or tries something the
    sandbox forbids. ``finish(parts, order)``, when given, changes the finished
    parts before the one zip is written and returns their order (the tool's
    data part is added so, without reading the archive back).
    """
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .messages import docx_reason, jinja_reason
    from .package import DocumentProperties, finish_package, finish_parts, write_package

    name = template_name or str(template)
    properties = context.get("properties")
    if properties is not None and not isinstance(properties, DocumentProperties):
        raise TypeError("context['properties'] must be a DocumentProperties")
    try:
        with _open(template) as handle:
            doc = _template_class()(handle)
            doc.render(_embed(clean(context), doc), jinja_env=jinja_environment(), autoescape=True)
            parts = _package_parts(doc)
            if parts is None:
                buffer = io.BytesIO()
                doc.save(buffer)
    except _Inclusion as exc:
        raise TemplateRefused(
            f"{name}: шаблон подключает другой шаблон («{exc}» через {{% include %}}, {{% extends %}} или {{% import "
            "%}): "
            "так нельзя — шаблон Word должен быть один; перенесите нужный текст в сам шаблон"
        ) from None
    except SecurityError as exc:
        raise BuildError(
            f"{name}: шаблон пытается выполнить недопустимое действие ({jinja_reason(exc)}); в шаблоне допустимы "
            "только подстановки значений, условия и циклы"
        ) from None
    except UndefinedError as exc:
        raise BuildError(
            f"{name}: в шаблоне неизвестное значение: {jinja_reason(exc)}; проверьте имена в тегах {{{{ … }}}} "
            "(список — в docs/templates.md)"
        ) from None
    except TemplateError as exc:
        near = " ".join(" ".join(getattr(exc, "docx_context", []) or []).split())[:160]
        where = f" рядом с текстом «{near}»" if near else ""
        raise BuildError(
            f"{name}: ошибка в теге шаблона{where}: {jinja_reason(exc)}; проверьте парность {{% … %}} и {{{{ … }}}}"
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        # The template does not open as a document: unreadable input (2), as a missing template is.
        raise TemplateRefused(f"{name}: это не документ Word (.docx): {docx_reason(exc)}") from None
    if parts is None:
        data = reproducible_zip(finish_package(buffer.getvalue(), properties, layout=False))
        if finish is None:
            return data
        source = zipfile.ZipFile(io.BytesIO(data))
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
        order = list(parts)
    else:
        order = finish_parts(parts, list(parts), properties, layout=False)
    if finish is not None:
        order = finish(parts, order)
    return write_package(parts, order)


def _package_parts(doc) -> dict[str, bytes] | None:
    """The rendered package's parts by name, in python-docx's order, without zipping them (``doc.save`` would
    deflate every part only for ``finish_package`` to inflate them again); None where docxtpl still has to
    rewrite the saved archive (media or parts replaced by name)."""
    if doc.crc_to_new_media or doc.crc_to_new_embedded or doc.zipname_to_replace or doc.pics_to_replace:
        return None
    from docx.opc.pkgwriter import PackageWriter

    class Parts:
        def __init__(self) -> None:
            self.parts: dict[str, bytes] = {}

        def write(self, pack_uri, blob: bytes) -> None:
            self.parts[pack_uri.membername] = blob

    package = doc.docx.part.package
    for part in package.parts:
        part.before_marshal()
    writer = Parts()
    # python-docx's own PackageWriter.write, with a writer that keeps the parts instead of zipping them.
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    doc.is_saved = True
    return writer.parts


def _reproducible(item: zipfile.ZipInfo) -> bool:
    return (
        item.date_time == FIXED_DATE
        and item.compress_type == zipfile.ZIP_DEFLATED
        and item.external_attr == 0o644 << 16
    )


class _open:
    """Open a filesystem path or an importlib.resources Traversable as a binary file."""

    def __init__(self, template: Any):
        self.template = template

    def __enter__(self):
        if isinstance(self.template, (str, Path)):
            # A user's template is a file from outside like any other: the guarded reader and the archive checks.
            from ..errors import ReadError
            from ..reading.archives import ZIP_MAGIC, check_archive, is_encrypted_ooxml
            from ..reading.files import MAX_DOCUMENT_BYTES, read_bytes

            try:
                data = read_bytes(self.template, MAX_DOCUMENT_BYTES)
                if data[:2] == ZIP_MAGIC or is_encrypted_ooxml(
                    data
                ):  # what is no zip at all is explained below, by docxtpl's error
                    check_archive(data, str(self.template), what="шаблон Word")
            except ReadError as exc:
                raise TemplateRefused(f"{self.template}: шаблон не открывается: {exc.message}") from None
            return io.BytesIO(data)
        try:
            with self.template.open("rb") as handle:
                return io.BytesIO(handle.read())
        except OSError as exc:
            raise BuildError(f"{self.template}: шаблон не открывается: {os_reason(exc)}") from None

    def __exit__(self, *exc: Any) -> None:
        pass


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with every entry dated ``FIXED_DATE``, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    if all(_reproducible(item) for item in source.infolist()):
        return data  # written so already (``package.write_package``): deflating it again would give the same bytes
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
