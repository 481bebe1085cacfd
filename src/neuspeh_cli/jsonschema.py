"""JSON Schema of the data files, for editors (yaml-language-server)."""

from __future__ import annotations

import json


def schema(kind: str = "roadmap") -> dict:
    if kind == "programme":
        from .programme_model import Programme as model
        title = "neuspeh: внутришкольная программа профилактики учебной неуспешности"
    else:
        from .model import Roadmap as model
        title = "neuspeh: муниципальная дорожная карта по профилактике учебной неуспешности"
    data = model.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = title
    return data


def schema_text(kind: str = "roadmap") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
