"""The factor catalog («Конструктор»): models and loading.

The catalog ships inside the package (``neuspeh_cli.catalog``) and may be
extended or overridden by a municipality's own file with the same shape.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Annotated

from .base import Field, Model

_CHECK = re.compile(r"(?<!\w)(провер|контрол|мониторинг)", re.IGNORECASE)
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)?$")]


class _Strict(Model):
    _strip = False
    _frozen = True


class Parameter(_Strict):
    id: Id = Field(description="Постоянный идентификатор параметра: «фактор.параметр».")
    title: str = Field(description="Формулировка параметра, как в «Конструкторе».")


class MeasureGroup(_Strict):
    """A block of the seed's table: measures that belong to a group of parameters."""

    parameters: list[Id] = Field(description="Параметры, к которым относится блок мер.")
    municipal: list[str] = Field(default_factory=list, description="Меры на уровне муниципалитета.")
    school: list[str] = Field(default_factory=list, description="Меры на уровне ОО.")


class Factor(_Strict):
    id: Id
    number: int = Field(ge=1, description="Номер фактора в «Конструкторе».")
    title: str
    parameters: list[Parameter]
    measures: list[MeasureGroup] = Field(default_factory=list)


class Catalog(_Strict):
    factors: list[Factor]

    @cached_property
    def parameters(self) -> dict[str, Parameter]:
        return {p.id: p for f in self.factors for p in f.parameters}

    @cached_property
    def factor_of(self) -> dict[str, Factor]:
        """Parameter id → its factor."""
        return {p.id: f for f in self.factors for p in f.parameters}

    @cached_property
    def factors_by_id(self) -> dict[str, Factor]:
        return {f.id: f for f in self.factors}

    def measures_for(self, parameter_id: str) -> list[MeasureGroup]:
        factor = self.factor_of.get(parameter_id)
        if factor is None:
            return []
        return [g for g in factor.measures if parameter_id in g.parameters]

    def municipal_checks(self, parameter_id: str) -> list[str]:
        """The municipal measures of a parameter that are themselves a check («Комплексные проверки деятельности ОО»).

        Where the «Конструктор» answers a parameter with a check (factor 7, 9.1, 4.4…),
        a control event on that parameter is the catalog's own prevention, not a lack of it.
        """
        return [m for g in self.measures_for(parameter_id) for m in g.municipal if _CHECK.search(m)]

    def merged(self, extra: Catalog) -> Catalog:
        """This catalog with ``extra``'s factors replacing same-id ones and new ones appended."""
        replaced = {f.id: f for f in extra.factors}
        factors = [replaced.pop(f.id, f) for f in self.factors]
        factors.extend(f for f in extra.factors if f.id in replaced)
        return Catalog(factors=factors)


def bundled_catalog_text() -> str:
    from importlib.resources import files

    return files("neuspeh_cli.catalog").joinpath("factors.yaml").read_text(encoding="utf-8")


_cache: dict[str | None, Catalog] = {}


def load_catalog(extra: Path | None = None) -> Catalog:
    """The bundled catalog, optionally merged with a municipality's own file.

    Raises ``ReadError`` (from the YAML reader) or ``CatalogError`` when a file
    is not a valid catalog.
    """
    key = str(extra) if extra else None
    if key in _cache:
        return _cache[key]
    from ..errors import CatalogError
    from ..reading.yamlread import read_yaml_file, read_yaml_text
    from .base import quick

    def build(doc, name: str) -> Catalog:
        found = quick(Catalog, doc.data)
        if found is not None:
            return found
        from pydantic import ValidationError

        try:
            return Catalog.model_validate(doc.data)
        except ValidationError as exc:
            from ..reading.schema_errors import translate

            first = exc.errors()[0]
            where = doc.locate(first["loc"])
            raise CatalogError(
                f"{name}:{where.line}:{where.column}: каталог факторов не прочитан: {translate(first, Catalog)}"
            ) from None

    catalog = build(read_yaml_text(bundled_catalog_text(), "catalog/factors.yaml"), "catalog/factors.yaml")
    if extra is not None:
        catalog = catalog.merged(build(read_yaml_file(extra), str(extra)))
    _cache[key] = catalog
    return catalog
