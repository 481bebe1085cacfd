"""The import direction written in docs/development.md holds: lower layers never import higher ones."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "src" / "neuspeh_cli"

# Lowest first. A module may import its own layer and the layers before it.
LAYERS = [
    ("base", ["__init__", "__version__", "errors", "problems", "outputs", "i18n", "kinds"]),
    ("reading", ["reading", "yaml_edit", "emit"]),
    ("domain", ["domain"]),
    ("rules", ["rules"]),
    ("render", ["render"]),
    ("importing", ["importing"]),
    ("loader", ["document"]),
    ("services", None),  # every other top-level module and package
    ("cli", ["cli", "__main__"]),
]
# Within the ladder, two layers never meet: a document is laid out from the domain's facts, never from the checks.
FORBIDDEN = {("render", "rules"), ("rules", "render")}


def layer_of(module: str) -> str:
    top = module.split(".")[1] if module.count(".") else "__init__"
    for name, members in LAYERS:
        if members is not None and top in members:
            return name
    return "services"


def _module_name(path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                if not node.module:
                    found.extend(f"{target}.{alias.name}" for alias in node.names)
                    continue
            else:
                target = node.module or ""
            found.append(target)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name == "neuspeh_cli" or name.startswith("neuspeh_cli.")]


def test_imports_go_down_the_layers():
    order = [name for name, _ in LAYERS]
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        mine = layer_of(module)
        for target in _imports(path):
            theirs = layer_of(target)
            if order.index(theirs) > order.index(mine) or (mine, theirs) in FORBIDDEN:
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_the_layers_are_documented():
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    for _name, members in LAYERS:
        for member in members or []:
            if member not in ("__init__", "__main__", "__version__"):
                assert f"`{member}" in text, member


def test_every_module_is_on_the_map():
    """The layers table of docs/development.md names every top-level module and package, and every module of
    ``review`` (the package a new output format or fact goes into)."""
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    table = text[text.index("| слой |") : text.index("Два слоя")]
    names = [
        path.stem if path.suffix == ".py" else path.name
        for path in PACKAGE.iterdir()
        if not path.name.startswith("__") and (path.suffix == ".py" or (path / "__init__.py").exists())
    ]
    names += [path.stem for path in (PACKAGE / "review").glob("*.py") if not path.name.startswith("__")]
    assert [name for name in names if f"`{name}`" not in table and f"`{name}/`" not in table] == []
