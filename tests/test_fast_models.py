"""The fast constructor of the declared models and the pydantic models derived from them give the same objects.

`validate` of a file plainly of the declared types does not import pydantic (domain/base.py); anything the fast
constructor is unsure of goes to pydantic. So: where the fast one answers, pydantic must answer the same (types,
values, which keys were written); where pydantic refuses, the fast one must not answer.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from neuspeh_cli.domain.base import Model, from_pydantic, pydantic_model, quick, to_pydantic
from neuspeh_cli.domain.catalog import Catalog, bundled_catalog_text
from neuspeh_cli.domain.programme import Programme
from neuspeh_cli.domain.report import Report
from neuspeh_cli.domain.roadmap import DocumentInfo, Event, Monitoring, Roadmap
from neuspeh_cli.kinds import detect
from neuspeh_cli.reading.yamlread import ReadError, TextFloat, TextInt, read_yaml_file, read_yaml_text


def _same(a, b, where="") -> None:
    assert type(a) is type(b), f"{where}: {type(a).__name__} ≠ {type(b).__name__}"
    if isinstance(a, Model):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            _same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for n, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{n}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            _same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, f"{where}: {a!r} ≠ {b!r}"


def _both(cls, data):
    """(fast model or None, pydantic's model or None), checked to agree."""
    from pydantic import ValidationError

    before = copy.deepcopy(data)
    fast = quick(cls, data)
    assert _plain(data) == _plain(before), "the fast constructor changed its input"
    try:
        slow = from_pydantic(pydantic_model(cls).model_validate(to_pydantic(data)))
    except ValidationError:
        slow = None
    if fast is not None:
        assert slow is not None, f"the fast constructor accepted what pydantic refuses: {data!r}"[:500]
        _same(fast, slow, cls.__name__)
    return fast, slow


def _plain(value):
    """Comparable form, TextInt's source text included."""
    if isinstance(value, dict):
        return [(_plain(k), _plain(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return (type(value).__name__, value, getattr(value, "raw", None))


def _files() -> list[Path]:
    found = sorted(EXAMPLES.glob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    return found + sorted((ROOT / "tests").rglob("*.yml"))


def _loaded() -> list[tuple[str, type, object]]:
    result = []
    for path in _files():
        try:
            data = read_yaml_file(path).data
        except ReadError:
            continue
        kind = detect(data)
        if kind is not None:
            result.append((str(path.relative_to(ROOT)), kind.model_class(), data))
    return result


LOADED = _loaded()


def test_there_are_files_of_every_kind():
    assert {cls for _, cls, _ in LOADED} >= {Roadmap, Programme, Report}
    assert len(LOADED) > 20


@pytest.mark.parametrize("name, cls, data", LOADED, ids=[n for n, _, _ in LOADED])
def test_every_file_loads_the_same_both_ways(name, cls, data):
    fast, _slow = _both(cls, data)
    if name.startswith("examples/"):
        assert fast is not None, "an example of the project's own needs pydantic"


def test_the_bundled_catalog_loads_the_same_both_ways():
    fast, slow = _both(Catalog, read_yaml_text(bundled_catalog_text(), "factors.yaml").data)
    assert fast is not None and len(fast.parameters) == len(slow.parameters) > 50


ODD_VALUES = [
    None,
    "",
    "  с пробелами  ",
    TextInt(44, "044"),
    TextFloat(3.5, "03.50"),
    TextInt(2025, "2025"),
    True,
    False,
    [],
    {},
    ["a", TextInt(5, "5")],
    "все",
    "все выявленные параметры",
    "2025/2026",
    "2025 г.",
    -1,
    0,
    2.5,
    "x" * 90,
    "шк1",
    "sosh5",
    "shnor",
    "проведено",
    {"start": "сентябрь 2025", "end": "май 2026"},
    {"text": "доля"},
    {"unknown": 1},
]


def _places(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _places(item, (*path, n))


def _replaced(data, path, new):
    data = copy.deepcopy(data)
    if not path:
        return new
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    return data


@pytest.mark.parametrize(
    "name", ["sample-2023.yaml", "ust-labinsk-2025.yaml", "ust-labinsk-2025-report.yaml", "school-2022.yaml"]
)
def test_odd_values_anywhere_load_the_same_or_go_to_pydantic(name):
    data = read_yaml_file(EXAMPLES / name).data
    cls = detect(data).model_class()
    places = list(_places(data))
    rng = random.Random(name)
    answered = 0
    for _ in range(250):
        path = rng.choice(places)
        fast, _slow = _both(cls, _replaced(data, path, rng.choice(ODD_VALUES)))
        answered += fast is not None
    assert answered > 25  # the fast constructor is not simply giving up


def _roadmap(**document) -> dict:
    return {"document": {"municipality": "Кореновский район", **document}}


@pytest.mark.parametrize(
    "cls, data",
    [
        (DocumentInfo, {"municipality": "  Кореновский район ", "year": TextInt(2025, "2025")}),
        (DocumentInfo, {"municipality": "М", "year": "2025/2026"}),
        (DocumentInfo, {"municipality": "М", "year": "2025–26 уч. год"}),
        (DocumentInfo, {"municipality": "М", "year": "2025 г."}),
        (DocumentInfo, {"municipality": "М", "year": "2025/2027"}),
        (DocumentInfo, {"municipality": "М"}),
        (DocumentInfo, {"municipality": "М", "year": 1999}),
        (DocumentInfo, {"municipality": "М", "year": True}),
        (DocumentInfo, {"municipality": "М", "year": 2025, "period": {"start": "сентябрь 2025", "end": "2026"}}),
        (DocumentInfo, {"municipality": "М", "period": {"start": "когда-нибудь", "end": "2026"}}),
        (DocumentInfo, {"municipality": TextInt(12, "012"), "year": 2025, "body": None}),
        (DocumentInfo, {"municipality": "\x1cМ\u3000\u0085", "year": 2025, "body": "\x1f"}),
        (Event, {"id": TextInt(1, "01"), "dates": TextFloat(3.2025, "03.2025"), "parameters": "все"}),
        (Event, {"parameters": "некоторые"}),
        (Event, {"parameters": ["a", TextInt(7, "07")], "shnor": " все ", "groups": ["shnor", "control"]}),
        (Event, {"groups": [" shnor"], "place": None, "draft": "да"}),
        (Event, {"name": "x", "unknown": 1}),
        (Event, {"name": ["x"]}),
        (Monitoring, {"indicators": ["доля ШНОР", {"text": " доля ", "baseline": TextInt(5, "5"), "target": 7.5}]}),
        (Monitoring, {"indicators": [{"text": "x", "baseline": "пять"}], "events": None, "event": None}),
        (Roadmap, {**_roadmap(year=2025), "schools": [{"id": "sosh 5", "name": "СОШ"}]}),
        (Roadmap, {**_roadmap(year=2025), "schools": [{"id": "шк-5", "name": "СОШ"}]}),
        (Roadmap, {**_roadmap(year=2025), "schools": [{"id": "", "name": "СОШ"}]}),
        (Roadmap, {**_roadmap(year=2025), "abbreviations": {" ГДК ": " городской дом культуры ", "x": None}}),
        (Roadmap, {**_roadmap(year=2025), "kind": "programme"}),
        (Roadmap, {**_roadmap(year=2025), "monitoring": None, "audit": None, "events": None}),
        (Programme, {"period": "сентябрь 2022 – май 2023"}),
        (Programme, {"tasks": [{"number": TextInt(1, "1"), "text": "x"}, {"number": 0}]}),
        (Programme, {"indicators": [{"number": 1000}], "title": None}),
        (Report, {"roadmap": "карта.yaml", "events": [{"event": "e1", "participants": {"teachers": -1}}]}),
        (Report, {"roadmap": "карта.yaml", "events": [{"event": "e1", "status": "проведено "}]}),
        (Report, {"roadmap": "карта.yaml", "monitoring": [{"round": "май 2025", "schools": []}]}),
    ],
)
def test_edge_cases_load_the_same_or_go_to_pydantic(cls, data):
    _both(cls, data)


def test_the_fast_constructor_strips_what_pydantic_strips():
    from neuspeh_cli.domain.base import _WHITESPACE

    assert set(_WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()} - set("\x1c\x1d\x1e\x1f")


def test_plain_values_are_taken_by_the_fast_constructor():
    info = quick(DocumentInfo, {"municipality": "  М ", "year": "2025/2026", "body": None})
    assert info.period.start == "сентябрь 2025" and info.municipality == "М" and info.body == ""
    assert info.model_fields_set == {"municipality", "period", "body"}
    event = quick(Event, {"id": TextInt(1, "01"), "dates": TextFloat(3.2025, "03.2025")})
    assert (event.id, event.dates, event.parameters) == ("01", "03.2025", [])
    assert quick(Event, {"groups": [" shnor"]}) is None  # pydantic refuses, and words the error


def test_construction_and_copies_behave_as_pydantic_models():
    event = Event(name=" Семинар ", parameters=["a"])
    assert event.name == "Семинар" and event.model_fields_set == {"name", "parameters"}
    assert event.model_copy(update={"id": "e1"}).id == "e1" and event.id == ""
    assert event.model_dump()["parameters"] == ["a"]
    roadmap = Roadmap(document=DocumentInfo(municipality="М", year=2025), events=[event])
    assert roadmap.events[0] is event and roadmap == Roadmap.model_validate(roadmap.model_dump())
    with pytest.raises(ValueError):  # pydantic's ValidationError is a ValueError
        Roadmap(document={"municipality": "М"})
    with pytest.raises(TypeError):
        hash(event)
    catalog = Catalog.model_validate(json.loads(json.dumps(roadmap_catalog())))
    with pytest.raises(TypeError):
        catalog.factors = []
    assert hash(catalog.factors[0].parameters[0]) == hash(Catalog.model_validate(roadmap_catalog()).parameters["f.p"])


def roadmap_catalog() -> dict:
    return {"factors": [{"id": "f", "number": 1, "title": "Ф", "parameters": [{"id": "f.p", "title": "П"}]}]}


def test_validate_of_a_valid_file_does_not_import_pydantic():
    probe = (
        "import json, sys\n"
        "from neuspeh_cli.__main__ import main\n"
        "sys.argv = ['neuspeh', 'validate', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted(m for m in sys.modules if m.startswith('pydantic'))))\n"
    )
    files = [str(EXAMPLES / n) for n in ("sample-2023.yaml", "school-2022.yaml", "ust-labinsk-2025-report.yaml")]
    done = subprocess.run([sys.executable, "-c", probe, *files], capture_output=True, text=True, timeout=60)
    assert "Проверено: 3 файла" in done.stdout, done.stdout + done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
