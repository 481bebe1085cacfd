"""The registry of document kinds: one entry per kind, everything else looks it up here.

In the manner of pre-commit's ``all_languages.py``: adding a kind of document
is one ``Kind`` in ``KINDS`` plus its own modules (a model in ``domain/``,
rules in ``rules/``, a render-context function in ``render/`` and a Word
template in ``templates/``). Modules are named by dotted path and imported
only when a file of that kind is met, so start-up stays light.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Kind:
    name: str  # the value of ``kind:`` in a file
    title: str  # in full, in messages: «муниципальная дорожная карта по профилактике учебной неуспешности»
    short_title: str  # in tables and short messages: «дорожная карта»
    feminine: bool  # grammatical gender of short_title: «карта не найдена», «отчёт не найден»
    model: str  # "module:Class" of the data model (domain/base.py; its pydantic model is derived on demand)
    rules: str  # module whose @rule functions check this kind
    keys: frozenset[str] = field(
        default_factory=frozenset
    )  # top-level keys that reveal the kind when ``kind:`` is absent
    template: str = ""  # Word template in neuspeh_cli.templates ("" — the kind is not built)
    context: str = ""  # "module:function(document, options) -> dict" for the template
    uses_catalog: bool = False  # resolved against the factor catalog
    schema: str = ""  # JSON Schema file shipped in neuspeh_cli/schemas
    scaffold: str = ""  # the command that starts a file of this kind
    review_facts: str = ""  # "module:function(document) -> facts" the review keeps of a file of this kind

    def not_found(self, path: object) -> str:
        """«дорожная карта X не найдена» / «отчёт X не найден»."""
        return f"{self.short_title} {path} {'не найдена' if self.feminine else 'не найден'}"

    def model_class(self) -> Any:
        return _attribute(self.model)

    def context_function(self) -> Any:
        return _attribute(self.context)

    def review_function(self) -> Any:
        return _attribute(self.review_facts)

    def load_rules(self) -> None:
        importlib.import_module(self.rules)


def _attribute(dotted: str) -> Any:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            name="roadmap",
            title="муниципальная дорожная карта по профилактике учебной неуспешности",
            short_title="дорожная карта",
            feminine=True,
            model="neuspeh_cli.domain.roadmap:Roadmap",
            rules="neuspeh_cli.rules.roadmap",
            keys=frozenset({"document", "audit", "events"}),
            template="roadmap.docx",
            context="neuspeh_cli.render.roadmap:document_context",
            uses_catalog=True,
            schema="roadmap.schema.json",
            scaffold="neuspeh audit init",
            review_facts="neuspeh_cli.review.facts:roadmap_facts",
        ),
        Kind(
            name="programme",
            title="внутришкольная программа профилактики учебной неуспешности",
            short_title="школьная программа",
            feminine=True,
            model="neuspeh_cli.domain.programme:Programme",
            rules="neuspeh_cli.rules.programme",
            keys=frozenset({"programme", "tasks"}),
            template="programme.docx",
            context="neuspeh_cli.render.programme:document_context",
            schema="programme.schema.json",
            scaffold="neuspeh school init",
            review_facts="neuspeh_cli.review.facts:programme_facts",
        ),
        Kind(
            name="report",
            title="отчёт о реализации муниципальной дорожной карты",
            short_title="отчёт о реализации",
            feminine=False,
            model="neuspeh_cli.domain.report:Report",
            rules="neuspeh_cli.rules.report",
            keys=frozenset({"roadmap", "period", "previous", "outcomes", "corrections"}),
            template="report.docx",
            context="neuspeh_cli.render.report:document_context",
            schema="report.schema.json",
            scaffold="neuspeh report init",
            review_facts="neuspeh_cli.review.facts:report_facts",
        ),
    )
}


def detect(data: Any) -> Kind | None:
    """The kind of a file's data: by ``kind:``, else by the keys present; None for a foreign file."""
    if not isinstance(data, dict):
        return None
    named = data.get("kind")
    if isinstance(named, str) and named in KINDS:
        return KINDS[named]
    present = set(data)
    # The kind sharing the most revealing keys with the file: kinds may share a key (a report has events too).
    best = max(KINDS.values(), key=lambda k: len(k.keys & present))
    return best if best.keys & present else None


def all_rule_modules() -> list[str]:
    return [kind.rules for kind in KINDS.values()] + ["neuspeh_cli.rules.links", "neuspeh_cli.rules.text"]
