"""Shared by the import tests: examples built to Word, an Excel export, LibreOffice conversion, and what to compare."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml
from conftest import EXAMPLES

# Section II's columns as a municipality heads them (the sample roadmap's wording).
EVENT_HEADERS = [
    "№",
    "Мероприятие",
    "Форма",
    "Код параметра",
    "Контингент",
    "Место проведения",
    "Дата проведения",
    "Ответственные",
]


def roadmap_examples() -> list[Path]:
    return [
        p
        for p in sorted(EXAMPLES.glob("*.yaml"))
        if re.search(r"^kind:\s*roadmap\s*$", p.read_text(encoding="utf-8"), re.M)
    ]


def build_docx(example: Path, out_dir: Path) -> Path:
    """The example as Word, exactly as `neuspeh build --no-pdf --force` makes it."""
    from neuspeh_cli.build import BuildOptions, build_files

    report = build_files([example], BuildOptions(out_dir=out_dir, pdf_engine="none", force=True))
    docx = report.results[0].docx
    assert docx is not None and docx.exists(), f"{example} не собран"
    return docx


def without_data_part(path: Path, target: Path) -> Path:
    """A copy of a built .docx without the tool's data part: what a foreign document looks like to the reader."""
    import zipfile

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if not info.filename.startswith("customXml/"):
                out.writestr(info, source.read(info.filename))
    return target


def soffice_convert(source: Path, to: str, out_dir: Path, profile: Path) -> Path:
    return soffice_convert_all([source], to, out_dir, profile)[0]


def soffice_convert_all(sources: list[Path], to: str, out_dir: Path, profile: Path) -> list[Path]:
    """Every source converted by one LibreOffice start (a start costs more than a document)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    out_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=180,
    )
    produced = [out_dir / f"{source.stem}.{to.split(':')[0]}" for source in sources]
    assert all(path.exists() for path in produced), done.stderr.decode("utf-8", "replace")
    return produced


def export_xlsx(example: Path, path: Path) -> Path:
    """The example as a workbook the way a methodologist keeps it: title rows, merged factor cells, two sheets."""
    import openpyxl

    from neuspeh_cli.document import load_one
    from neuspeh_cli.render.roadmap import MERGE_CONTINUES, roadmap_context

    document = load_one(example)
    context = roadmap_context(document.model, document.catalog)
    wb = openpyxl.Workbook()
    audit = wb.active
    audit.title = "Раздел I"
    audit.append(
        [
            "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании "
            f"{context['municipality']} на {context['period']}"
        ]
    )
    audit.merge_cells("A1:E1")
    audit.append([])
    audit.append(["№", "Наименование фактора", "Параметры", "Код параметра", "Перечень ШНОР"])
    factor = None
    for block in context["section1"]:
        # A large factor's later groups continue its merged cells in Word; in the workbook they name it again.
        if block["number"] != MERGE_CONTINUES:
            factor = (int(block["number"]), block["title"])
        first = audit.max_row + 1
        for row in block["rows"]:
            audit.append([*factor, row["title"], row["code"], row["schools"]])
        last = audit.max_row
        if last > first:
            audit.merge_cells(start_row=first, end_row=last, start_column=1, end_column=1)
            audit.merge_cells(start_row=first, end_row=last, start_column=2, end_column=2)
    events = wb.create_sheet("Мероприятия")
    events.append(EVENT_HEADERS)
    for e in context["section2"]:
        events.append(
            [
                int(e["number"]),
                e["name"],
                e["form"],
                e["codes"],
                e["contingent"],
                e["place"],
                e["dates"],
                e["responsible"],
            ]
        )
    if context["monitoring"]["indicators"]:
        indicators = wb.create_sheet("Показатели")
        indicators.append(["№", "Показатели качества внутришкольных систем профилактики учебной неуспешности"])
        for n, item in enumerate(context["monitoring"]["indicators"], 1):
            indicators.append(
                [n, item["text"] if isinstance(item, dict) else item if isinstance(item, str) else item.text]
            )
    wb.save(path)
    return path


def _short(name: str) -> str:
    from neuspeh_cli.domain.schools import short_name

    return short_name(name)


def _typeset_blind(value):
    """The built document sets no-break spaces («№ 5», «И.И. Иванова», «2025 г.», «апрель – май»): compare text without
    them.
    """
    if isinstance(value, str):
        return re.sub(r"№\s*(?=\d)", "№ ", value.replace("\u00a0", " "))
    if isinstance(value, dict):
        return {k: _typeset_blind(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_typeset_blind(v) for v in value)
    return value


def comparable(data: dict) -> dict:
    """What import must bring back: section I, events, schools (ШНОР marked), document, monitoring."""
    return _typeset_blind(_comparable(data))


def _comparable(data: dict) -> dict:
    schools = {s["id"]: s for s in data.get("schools") or []}
    own = {f["id"]: f"own:{f.get('title', '')}" for f in data.get("audit") or [] if f.get("id")}

    def ref(r: str) -> str:
        return own.get(r, r)

    audit = [
        (
            f.get("parameter") or own[f["id"]],
            f.get("title", ""),
            sorted(_short(schools[s]["name"]) for s in f.get("schools") or []),
        )
        for f in data.get("audit") or []
    ]
    events = []
    for e in data.get("events") or []:
        parameters = e.get("parameters") or []
        parameters = "ALL" if isinstance(parameters, str) else [ref(r) for r in parameters]
        events.append(
            {k: e.get(k, "") or "" for k in ("name", "form", "contingent", "place", "dates", "responsible")}
            | {"parameters": parameters}
        )
    monitoring = data.get("monitoring") or {}
    ids = [*(monitoring.get("events") or []), *([monitoring["event"]] if monitoring.get("event") else [])]
    positions = [i for i, e in enumerate(data.get("events") or []) if e.get("id") in ids]
    if not positions:
        positions = [
            i
            for i, e in enumerate(data.get("events") or [])
            if re.search(r"мониторинг.*внутришкольн", f"{e.get('name', '')} {e.get('form', '')}", re.I | re.S)
        ][:1]
    indicators = [i["text"] if isinstance(i, dict) else i for i in monitoring.get("indicators") or []]
    document = data.get("document") or {}
    approval = (
        yaml.safe_dump(document.get("approval") or {}, allow_unicode=True)
        .replace('"', "")
        .replace("«", "")
        .replace("»", "")
        .replace("'", "")
    )
    return {
        "audit": audit,
        "events": events,
        "shnor": sorted(_short(s["name"]) for s in schools.values() if s.get("shnor")),
        "municipality": document.get("municipality"),
        "year": document.get("year"),
        "period": document.get("period"),
        "approval": approval,
        "signature": document.get("signature"),
        "monitoring": positions,
        "indicators": indicators,
    }


def load(text_or_path) -> dict:
    text = text_or_path.read_text(encoding="utf-8") if isinstance(text_or_path, Path) else text_or_path
    return yaml.safe_load(text)


def assert_same(original: Path, imported_text: str, *, document: bool = True) -> None:
    want, got = comparable(load(original)), comparable(load(imported_text))
    keys = ["audit", "events", "shnor", "monitoring", "indicators"] + (
        ["municipality", "year", "period", "approval", "signature"] if document else []
    )
    for key in keys:
        assert got[key] == want[key], f"{original.name}: {key} differs"
    # every school the import lists is the original's, with its full name and ШНОР mark
    original_schools = {_short(s["name"]): s for s in load(original).get("schools") or []}
    for school in load(imported_text).get("schools") or []:
        mine = original_schools.get(_short(school["name"]))
        assert mine is not None, f"{school['name']} нет в исходных данных"
        assert (school["name"], bool(school.get("shnor"))) == (mine["name"], bool(mine.get("shnor"))), school
