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
from pathlib import Path
from typing import Any

from ..errors import BuildError, os_reason
from .package import FIXED_DATE

# XML 1.0 allows \t \n \r and everything from \x20 on; docxtpl turns \a into a
# new paragraph and \f into a page break, so they must not reach it either.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Picture:
    """An image for the document (PNG bytes) and its printed width; the engine embeds it (docxtpl ``InlineImage``)."""

    data: bytes
    width_mm: float


def _embed(value: Any, doc: Any) -> Any:
    """The context with every ``Picture`` replaced by an image of the template being rendered."""
    if isinstance(value, Picture):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(doc, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _embed(v, doc) for k, v in value.items()}
    if isinstance(value, list):
        return [_embed(v, doc) for v in value]
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


def jinja_environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, trim_blocks=False)


# docxtpl's tags that change a row's cells: a loop over cells ({%tc …%}), a span set by the data.
_CELL_TAGS = re.compile(r"[{][%{#]-?\s*tc\s|[{]%-?\s*(?:colspan|hm)\b")


def _template_class():
    """docxtpl's template that re-counts a table's columns only when the template can change them.

    After rendering, docxtpl walks every row of every table to fit the grid to the widest row
    (a sixth of a 1,000-event build). Rows repeated by ``{%tr for %}`` keep the template's cells;
    only the tags of ``_CELL_TAGS`` make rows wider or narrower than the grid.
    """
    from docxtpl import DocxTemplate
    from lxml import etree

    class Template(DocxTemplate):
        cells_change = True

        def patch_xml(self, src_xml):
            self.cells_change = _CELL_TAGS.search(re.sub(r"<[^>]*>", "", src_xml)) is not None
            return super().patch_xml(src_xml)

        def fix_tables(self, xml):
            if self.cells_change:
                return super().fix_tables(xml)
            return etree.fromstring(xml, parser=etree.XMLParser(recover=True))

    return Template


def render_docx(template: Path | Any, context: dict, template_name: str | None = None) -> bytes:
    """Render ``template`` (a path or an importlib resource) with ``context``; return the .docx bytes.

    Raises ``BuildError`` naming the template and the faulty tag when the
    template is broken, refers to an unknown value, or tries something the
    sandbox forbids.
    """
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .messages import docx_reason, jinja_reason
    from .package import DocumentProperties, finish_package

    name = template_name or str(template)
    properties = context.get("properties")
    if properties is not None and not isinstance(properties, DocumentProperties):
        raise TypeError("context['properties'] must be a DocumentProperties")
    try:
        with _open(template) as handle:
            doc = _template_class()(handle)
            doc.render(_embed(clean(context), doc), jinja_env=jinja_environment(), autoescape=True)
            buffer = io.BytesIO()
            doc.save(buffer)
    except SecurityError as exc:
        raise BuildError(
            f"{name}: шаблон пытается выполнить недопустимое действие ({jinja_reason(exc)}); в шаблоне допустимы только подстановки значений, условия и циклы"
        ) from None
    except UndefinedError as exc:
        raise BuildError(f"{name}: в шаблоне неизвестное значение: {jinja_reason(exc)}; проверьте имена в тегах {{{{ … }}}} (список — в docs/templates.md)") from None
    except TemplateError as exc:
        near = " ".join(" ".join(getattr(exc, "docx_context", []) or []).split())[:160]
        where = f" рядом с текстом «{near}»" if near else ""
        raise BuildError(f"{name}: ошибка в теге шаблона{where}: {jinja_reason(exc)}; проверьте парность {{% … %}} и {{{{ … }}}}") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BuildError(f"{name}: это не документ Word (.docx): {docx_reason(exc)}") from None
    return reproducible_zip(finish_package(buffer.getvalue(), properties))


def _reproducible(item: zipfile.ZipInfo) -> bool:
    return item.date_time == FIXED_DATE and item.compress_type == zipfile.ZIP_DEFLATED and item.external_attr == 0o644 << 16


class _open:
    """Open a filesystem path or an importlib.resources Traversable as a binary file."""

    def __init__(self, template: Any):
        self.template = template

    def __enter__(self):
        try:
            self.handle = open(self.template, "rb") if isinstance(self.template, (str, Path)) else self.template.open("rb")
        except OSError as exc:
            raise BuildError(f"{self.template}: шаблон не открывается: {os_reason(exc)}") from None
        return io.BytesIO(self.handle.read())

    def __exit__(self, *exc: Any) -> None:
        self.handle.close()


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
