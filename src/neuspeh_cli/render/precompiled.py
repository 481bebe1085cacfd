"""The bundled Word templates' Jinja code, made ahead of time (``tools/precompile_templates.py``).

Compiling a template's XML with Jinja (lexing, parsing, generating Python) and docxtpl's
clean-up of the tags (``patch_xml``) cost about 20 ms at every build, a tenth of a whole
``neuspeh build`` of a small roadmap (issue 23), and give the same result every time for
the same template. The results for the templates shipped with neuspeh are kept in
``precompiled_templates.py``, keyed by a hash of the text they were made from, so:

* a user's own template (``--template``) or an edited one simply misses and is compiled as
  before, and a stale table can never be used for a changed template;
* the table is used only with the Jinja and docxtpl versions it was made with (their output
  is what is kept); with others everything is compiled as before.

``tests/test_precompiled.py`` fails when a bundled template changed without the table.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache


def key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def _table():
    from . import precompiled_templates as table

    jinja, docxtpl = sys.modules.get("jinja2"), sys.modules.get("docxtpl")
    if getattr(jinja, "__version__", None) != table.JINJA or getattr(docxtpl, "__version__", None) != table.DOCXTPL:
        return None
    return table


def code(source: str) -> str | None:
    """The Python code Jinja makes of ``source`` (``Environment.compile(source, raw=True)``), if made ahead."""
    table = _table()
    return None if table is None else table.CODE.get(key(source))


def patched(xml: str) -> tuple[bool, str] | None:
    """docxtpl's ``patch_xml`` of a template part's XML and whether its tags change a row's cells, if made ahead."""
    table = _table()
    return None if table is None else table.PATCHED.get(key(xml))
