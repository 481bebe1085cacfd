"""The catalog shown to people (a rich table) and to programs (JSON)."""

from __future__ import annotations

import json
from typing import TextIO

from .domain.catalog import Catalog


def catalog_json(catalog: Catalog) -> str:
    return json.dumps(catalog.model_dump(mode="json"), ensure_ascii=False, indent=2)


def print_catalog(catalog: Catalog, out: TextIO, measures: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False)
    table = Table(title="Каталог факторов риска учебной неуспешности («Конструктор»)", show_lines=True)
    table.add_column("№", justify="right")
    table.add_column("Фактор / параметр", ratio=3)
    table.add_column("Идентификатор", ratio=2, overflow="fold")
    for factor in catalog.factors:
        table.add_row(f"{factor.number}.", f"[bold]{factor.title}[/]", factor.id)
        for i, parameter in enumerate(factor.parameters, 1):
            table.add_row(f"{factor.number}.{i}.", parameter.title, parameter.id)
    console.print(table)
    if measures:
        for factor in catalog.factors:
            console.print(f"\n[bold]{factor.number}. {factor.title}[/]")
            for group in factor.measures:
                console.print("  Параметры: " + ", ".join(group.parameters))
                for level, items in (("муниципалитет", group.municipal), ("ОО", group.school)):
                    for item in items:
                        console.print(f"    [{level}] {item}")
    total = sum(len(f.parameters) for f in catalog.factors)
    console.print(f"Факторов: {len(catalog.factors)}, параметров: {total}.")
