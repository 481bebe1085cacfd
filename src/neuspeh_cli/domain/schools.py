"""School names: the short form for lists and the compact list «СОШ № 5, 6, 8»."""

from __future__ import annotations

import re

# The organisational-legal form in front of the name: МБОУ, МАОУ, МКОУ, МОУ, ГБОУ, ЧОУ…
_LEGAL_FORM = re.compile(r"^(?:[МГЧ][АБК]?[О]?ОУ|МОУ|МБОО|МАОО|МКОО|ЧОУ)\s+", re.UNICODE)
_NUMBERED = re.compile(r"^(?P<kind>.*?)\s*№\s*(?P<number>\d+)(?P<rest>.*)$")


def short_name(name: str) -> str:
    """«МБОУ СОШ № 5» → «СОШ № 5»; «МБОУ «СОШ № 10»» → «СОШ № 10»; «МБОУ Волошинская СОШ» → «Волошинская СОШ»."""
    text = " ".join(name.split())
    text = _LEGAL_FORM.sub("", text)
    if text.startswith("«") and text.endswith("»") and text.count("«") == 1:
        text = text[1:-1]
    text = re.sub(r"№\s*(\d)", r"№ \1", text)
    return text


def compact_list(names: list[str]) -> str:
    """Short names joined as in the institute's sample: «СОШ № 5, 6, 8, 10».

    Schools of one kind with numbers share the kind; others are named in full.
    Groups keep the order of their first school; numbers are sorted.
    """
    groups: dict[str, list[int]] = {}
    order: list[tuple[str, str]] = []  # ("group", kind) or ("name", text)
    for name in names:
        match = _NUMBERED.match(name)
        if match and not match.group("rest").strip():
            kind = match.group("kind").strip()
            if kind not in groups:
                groups[kind] = []
                order.append(("group", kind))
            number = int(match.group("number"))
            if number not in groups[kind]:
                groups[kind].append(number)
        elif ("name", name) not in order:
            order.append(("name", name))
    parts = []
    for what, text in order:
        if what == "group":
            numbers = ", ".join(str(n) for n in sorted(groups[text]))
            parts.append(f"{text} № {numbers}")
        else:
            parts.append(text)
    return "; ".join(parts)
