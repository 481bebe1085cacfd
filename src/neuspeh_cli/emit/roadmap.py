"""The lines of the roadmap's sections, from plain values: the layout every writer of the format shares.

Two-space indents, lists of items at «  - », schools as one flow mapping a line,
ids in flow lists — the layout of the examples, which ``yaml_edit`` then keeps.
"""

from __future__ import annotations

from .scalars import comment, flow_list, yaml_scalar


def schema_header(schema_ref: str | None) -> list[str]:
    """The editor's pointer to the JSON Schema, as the first line."""
    return [f"# yaml-language-server: $schema={schema_ref}", "#"] if schema_ref else []


def school_line(school_id: str, name: str, shnor: bool, *, explicit: bool = False, note: str = "") -> str:
    """«  - {id: sosh5, name: МБОУ СОШ № 5, shnor: true}»; ``explicit`` writes «shnor: false» too (a scaffold to
    fill).
    """
    line = f"  - {{id: {school_id}, name: {yaml_scalar(name, flow=True)}"
    if shnor or explicit:
        line += f", shnor: {'true' if shnor else 'false'}"
    line += "}"
    return line + (f"  # {note}" if note else "")


def approval_lines(position: str = "", name: str = "", date: str = "") -> list[str]:
    """Section «approval» of the document by a person: empty values stay «""» to fill."""
    return [
        "  approval:",
        f"    position: {yaml_scalar(position)}",
        f"    name: {yaml_scalar(name)}",
        f"    date: {yaml_scalar(date)}",
    ]


def approval_order_lines(body: str, date: str = "", number: str = "") -> list[str]:
    """Section «approval» of the document by an order: whose order, its date and number («""» to fill)."""
    return [
        "  approval:",
        "    order:",
        f"      body: {yaml_scalar(body)}",
        f"      date: {yaml_scalar(date)}",
        f"      number: {yaml_scalar(number)}",
    ]


def signature_lines(position: str, name: str) -> list[str]:
    """Who signs the document when it is not the approver."""
    return ["  signature:", f"    position: {yaml_scalar(position)}", f"    name: {yaml_scalar(name)}"]


def finding_lines(
    *,
    parameter: str = "",
    own_id: str = "",
    factor: str = "",
    title: str = "",
    schools: list[str] | None = None,
    note: str = "",
    empty_schools: bool = False,
) -> list[str]:
    """One finding of section I: a catalog ``parameter`` (with its own ``title``) or an own one (``own_id``, ``factor``,
    ``title``).

    ``note`` goes beside the first line; ``empty_schools`` writes «schools: []» for a finding without schools.
    """
    beside = f"   # {note}" if note else ""
    if parameter:
        out = [f"  - parameter: {parameter}{beside}"]
    else:
        out = [
            f"  - id: {yaml_scalar(own_id)}{beside}",
            f"    factor: {yaml_scalar(factor) if factor else chr(34) * 2}",
        ]
    if title:
        out.append(f"    title: {yaml_scalar(title)}")
    if schools or empty_schools:
        out.append(f"    schools: {flow_list(schools or [])}")
    return out


def commented_parameter(parameter: str, title: str) -> list[str]:
    """A catalog parameter of the scaffold's checklist, to uncomment when the audit found it."""
    return [f"  # - parameter: {parameter}   # {title}", "  #   schools: []"]


def indicator_lines(
    number: int,
    text: str,
    unit: str = "",
    source: str = "",
    frequency: str = "",
    baseline: str = "",
    target: str = "",
    note: str = "",
) -> list[str]:
    """A quality indicator «q<number>»; a baseline or target that is not a number stays as a comment to fix."""
    from .texts import NOT_A_NUMBER

    out = comment(note, 4) if note else []
    out += [f"    - id: q{number}", f"      text: {yaml_scalar(text)}"]
    for key, value in (("unit", unit), ("source", source), ("frequency", frequency)):
        if value:
            out.append(f"      {key}: {yaml_scalar(value)}")
    for key, value in (("baseline", baseline), ("target", target)):
        if value:
            number_text = _number(value)
            out.append(
                f"      {key}: {number_text}" if number_text is not None else f"      # {key}: {value}  {NOT_A_NUMBER}"
            )
    return out


def abbreviation_lines(found: dict[str, str]) -> list[str]:
    return ["abbreviations:"] + [f"  {yaml_scalar(k)}: {yaml_scalar(v)}" for k, v in found.items()]


def _number(text: str) -> str | None:
    value = text.replace(",", ".").replace("%", "").replace("\u00a0", "").strip()
    try:
        float(value)
    except ValueError:
        return None
    return value
