"""JSON Schema of the data files, for editors (yaml-language-server)."""

from __future__ import annotations

import json


def schema(kind: str = "roadmap") -> dict:
    """The JSON Schema of a kind of data file (see ``kinds.KINDS``), with Russian descriptions only."""
    from .kinds import KINDS

    entry = KINDS[kind]
    model = entry.model_class()
    data = _russian_only(_as_validate_reads(model.model_json_schema(), model))
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = f"neuspeh: {entry.title}"
    return data


# ---------------------------------------------------------------- what `validate` accepts beyond pydantic's own schema
# The models read files leniently (domain/base.py): a number where text is wanted is taken as written, an empty
# key means the field's default, a boolean may be written as YAML 1.1 spells it, a year as «2025 г.» or «2025/2026».
# pydantic's schema knows none of that, so an editor would mark lines `validate` accepts. The same models' own
# lists (which fields are text, which take a default when empty) widen the schema here: one source for both.

YAML11_BOOLEANS = [
    "yes",
    "no",
    "Yes",
    "No",
    "YES",
    "NO",
    "on",
    "off",
    "On",
    "Off",
    "ON",
    "OFF",
    "y",
    "n",
    "Y",
    "N",
    "true",
    "false",
    "True",
    "False",
    "TRUE",
    "FALSE",
]
YEAR_PATTERN = r"^\s*(19|20)\d\d\s*(г\.?|года?)?\s*$|^\s*(19|20)\d\d\s*[/–—-]\s*((19|20)?\d\d)\s*(уч\.?\s*(г\.?|год)|учебный\s+год)?\s*$"  # noqa: E501


def _models(root) -> dict[str, type]:
    """Every data model reachable from ``root``, by the name pydantic gives its ``$defs`` entry."""
    import typing

    from .domain.base import DataModel

    found: dict[str, type] = {}

    def visit(cls) -> None:
        if cls.__name__ in found:
            return
        found[cls.__name__] = cls
        for field in cls.model_fields.values():
            stack = [field.annotation]
            while stack:
                annotation = stack.pop()
                if isinstance(annotation, type) and issubclass(annotation, DataModel):
                    visit(annotation)
                stack.extend(typing.get_args(annotation))

    visit(root)
    return found


def _text_or_number(node):
    """A schema where every plain string also admits a number (the file's spelling is kept)."""
    if isinstance(node, list):
        return [_text_or_number(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {
        k: _text_or_number(v) if k in ("anyOf", "oneOf", "items", "additionalProperties") else v
        for k, v in node.items()
    }
    if node.get("type") == "string" and "enum" not in node and "const" not in node and "pattern" not in node:
        node["type"] = ["string", "number"]
    return node


def _with(node: dict, alternative: dict) -> dict:
    """``node`` or ``alternative``; the description and default stay outside, where editors show them."""
    outer = {k: node[k] for k in ("description", "default", "title") if k in node}
    inner = {k: v for k, v in node.items() if k not in outer}
    branches = inner["anyOf"] if list(inner) == ["anyOf"] else [inner]
    return {**outer, "anyOf": [*branches, alternative]}


def _as_validate_reads(data: dict, root) -> dict:
    import typing

    models = _models(root)
    defs = data.get("$defs", {})
    for name, cls in models.items():
        node = data if cls is root else defs.get(name)
        if node is None:
            continue
        props = node.get("properties", {})
        for field_name, field in cls.model_fields.items():
            key = field.alias or field_name
            if key not in props:
                continue
            prop = props[key]
            if field_name in cls._text_fields:
                prop = _text_or_number(prop)
            types = {a for a in typing.get_args(field.annotation)} | {field.annotation}
            if bool in types:
                prop = _with(prop, {"enum": YAML11_BOOLEANS})
            if field_name in cls._empty_means_default:
                prop = _with(prop, {"type": "null"})
            props[key] = prop
    document = defs.get("DocumentInfo")
    if document is not None and "year" in document.get("properties", {}):
        document["properties"]["year"] = _with(
            document["properties"]["year"], {"type": "string", "pattern": YEAR_PATTERN}
        )
    _parameter_vocabulary(defs)
    return data


def _parameter_vocabulary(defs: dict) -> None:
    """Catalog parameter ids as an enum with their titles where a file names a parameter: editors offer them;
    any other string stays acceptable, as for `validate` (a municipality's own catalog adds ids)."""
    from .domain.catalog import load_catalog

    catalog = load_catalog()
    ids = sorted(catalog.parameters)
    titles = [" ".join(catalog.parameters[i].title.split()) for i in ids]
    vocabulary = {"enum": ids, "enumDescriptions": titles, "markdownEnumDescriptions": titles}
    finding = defs.get("Finding", {}).get("properties", {})
    if "parameter" in finding:
        finding["parameter"] = _with(finding["parameter"], {"type": "string"})
        finding["parameter"]["anyOf"].insert(0, dict(vocabulary))
    event = defs.get("Event", {}).get("properties", {})
    if "parameters" in event:
        for branch in event["parameters"].get("anyOf", []):
            if branch.get("type") == "array":
                branch["items"] = {"anyOf": [dict(vocabulary), branch["items"]]}
    for name in ("ParameterOutcome", "NewRisk"):
        props = defs.get(name, {}).get("properties", {})
        if "parameter" in props:
            props["parameter"] = {
                **{k: v for k, v in props["parameter"].items() if k != "type"},
                "anyOf": [dict(vocabulary), {"type": ["string", "number"]}],
            }


# Editors show a schema's descriptions to the methodologist: a class docstring
# written for developers (in English) is replaced here or dropped.
_DESCRIPTIONS = {
    "Finding": "Параметр, выявленный входным аудитом: параметр каталога, его уточнённая формулировка или собственный "
    "параметр.",
}


def _russian_only(node, name: str = ""):
    """Drop pydantic's titles (English field names) and descriptions without Cyrillic."""
    import re

    if isinstance(node, list):
        return [_russian_only(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str) and not re.search("[А-Яа-яЁё]", value):
            if name in _DESCRIPTIONS:
                result[key] = _DESCRIPTIONS[name]
            continue
        if key == "description" and isinstance(value, str):
            # A docstring is wrapped to the source's width; an editor's tooltip wraps by itself.
            result[key] = re.sub(r"(?<!\n)\n(?!\n)\s*", " ", value)
            continue
        if key in ("properties", "$defs") and isinstance(value, dict):
            # Keys here are field and model names, not schema keywords (Finding has a field «title»).
            result[key] = {k: _russian_only(v, k) for k, v in value.items()}
        else:
            result[key] = _russian_only(value)
    return result


def schema_text(kind: str = "roadmap") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schema_beside(data_file, kind: str, written: list, kept: list) -> None:
    """Put ``<kind>.schema.json`` next to a new data file, keeping one that is already there."""
    from pathlib import Path

    from .kinds import KINDS
    from .outputs import write_atomic

    schema_path = Path(data_file).parent / KINDS[kind].schema
    if schema_path.exists():
        kept.append(schema_path)
    else:
        write_atomic(schema_path, schema_text(kind))
        written.append(schema_path)


def schema_summary_lines(written: list, kept: list, kind: str) -> list[str]:
    """What a scaffold did with the schema file, for the terminal."""
    option = "" if kind == "roadmap" else f" --kind {kind}"
    lines = [f"Создан {path}: JSON Schema для подсказок и проверки ключей в редакторе." for path in written]
    lines += [f"{path} уже есть и оставлен как есть (обновить: neuspeh schema{option} > {path})." for path in kept]
    return lines
