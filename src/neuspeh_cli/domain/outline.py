"""The bundled factor catalog's numbers and titles as plain tuples, read without the catalog's models.

A review of cached files needs only the factors' and parameters' ids,
numbers and titles for its regional figures: building the catalog's models
(importing pydantic and making their validators) took a tenth of a second of
a second review. The bundled catalog is validated by ``catalog.load_catalog``
wherever files are checked (and by the tests); its shape is read here as is.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class ParameterOutline(NamedTuple):
    id: str
    title: str


class FactorOutline(NamedTuple):
    id: str
    number: int
    title: str
    parameters: tuple[ParameterOutline, ...]


class CatalogOutline(NamedTuple):
    factors: tuple[FactorOutline, ...]


@lru_cache(maxsize=1)
def bundled_outline() -> CatalogOutline:
    from importlib.resources import files

    from ..reading.yamlread import read_yaml_text

    text = files("neuspeh_cli.catalog").joinpath("factors.yaml").read_text(encoding="utf-8")
    data = read_yaml_text(text, "catalog/factors.yaml").data
    return CatalogOutline(
        tuple(
            FactorOutline(
                str(f["id"]),
                int(f["number"]),
                str(f["title"]),
                tuple(ParameterOutline(str(p["id"]), str(p["title"])) for p in f["parameters"]),
            )
            for f in data["factors"]
        )
    )
