"""The forms command: the vocabulary of event forms by stage of the management cycle."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from ._app import app


class FormsFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def forms(
    form: Annotated[
        Optional[str],
        typer.Argument(
            help="Форма, как в файле данных: показать, к какому этапу она относится.",
            show_default=False,
            metavar="[ФОРМА]",
        ),
    ] = None,
    format: Annotated[
        FormsFormat, typer.Option("--format", "-f", help="text — список по этапам, json — для программ.")
    ] = FormsFormat.text,
) -> None:
    """Перечислить формы мероприятий по этапам управленческого цикла: какие названы в методике, какие узнаются."""
    from ..forms_view import explain_form, forms_json, forms_text

    if form is not None:
        text, known = explain_form(form)
        typer.echo(text)
        raise typer.Exit(0 if known else 1)
    typer.echo(forms_json() if format is FormsFormat.json else forms_text())
