"""`neuspeh review` from the command line, and the cache between two reviews."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from neuspeh_cli.review import ReviewOptions, run_review

DATA = Path(__file__).parent / "data" / "review"
ROOT_EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_review_command(cli, tmp_path):
    result = cli(
        "review",
        DATA,
        "-o",
        tmp_path / "out",
        "--expected",
        DATA / "register.txt",
        "--format",
        "xlsx,html",
        "--jobs",
        "1",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0]
        == "Муниципальных образований: 5 (дорожная карта: не представлена — 2, не читается — 1, с ошибками — 1, без "
        "ошибок — 1)."
    )
    assert lines[1] == "Файлов: 6 (проверено — 6, из результатов прошлой экспертизы — 0)."
    assert lines[2:] == [f"Записано: {tmp_path / 'out' / 'свод.xlsx'}", f"Записано: {tmp_path / 'out' / 'свод.html'}"]
    again = cli("review", DATA, "-o", tmp_path / "out", "--format", "xlsx,html")
    assert again.exit_code == 2
    assert "Ошибка: файлы уже существуют:" in again.output and "добавьте --force" in again.output
    forced = cli("review", DATA, "-o", tmp_path / "out", "--format", "xlsx,html", "--force")
    assert forced.exit_code == 0
    assert "Файлов: 6 (проверено — 0, из результатов прошлой экспертизы — 6)." in forced.output


def test_letterhead_options_reach_the_brief(cli, tmp_path):
    docx = pytest.importorskip("docx")
    options = [
        "--institute",
        "ГБОУ ИРО Краснодарского края",
        "--position",
        "Проректор",
        "--signatory",
        "И.И. Иванова",
        "--date",
        "15.05.2025",
    ]
    result = cli("review", DATA, "-o", tmp_path / "out", "--format", "docx", "--jobs", "1", *options)
    assert result.exit_code == 0, result.output
    text = [p.text for p in docx.Document(tmp_path / "out" / "аналитическая-справка.docx").paragraphs]
    assert text[:2] == ["ГБОУ ИРО Краснодарского края", "АНАЛИТИЧЕСКАЯ СПРАВКА"]
    assert "15.05.2025" in text and text.index("Проректор") + 1 == text.index("И.И.\u00a0Иванова")
    assert cli("review", DATA, "-o", tmp_path / "blank", "--format", "docx", "--jobs", "1").exit_code == 0
    text = [p.text for p in docx.Document(tmp_path / "blank" / "аналитическая-справка.docx").paragraphs]
    assert text[0] == "АНАЛИТИЧЕСКАЯ СПРАВКА" and "«____» ______________ 20___ г." in text  # lines to fill in by hand


def test_usage_errors(cli, tmp_path):
    missing = cli("review", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert missing.exit_code == 2 and f"Ошибка: не найдено: {tmp_path / 'nowhere'}" in missing.output
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = cli("review", empty, "-o", tmp_path / "out")
    assert nothing.exit_code == 2 and "не найдено ни одной дорожной карты" in nothing.output
    wrong = cli("review", DATA, "-o", tmp_path / "out", "--format", "xlsx,odt")
    assert wrong.exit_code == 2 and "неизвестный формат: odt; допустимы: xlsx, html, docx, pdf" in wrong.output
    register = tmp_path / "register.txt"
    register.write_bytes("Альфинский район\n".encode("cp1251"))
    bad = cli("review", DATA, "-o", tmp_path / "out", "--expected", register)
    assert bad.exit_code == 2 and "перечень муниципальных образований не в кодировке UTF-8" in bad.output


def test_second_review_reuses_what_did_not_change(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c")
    first = run_review([folder], ReviewOptions(tmp_path / "1", **options))
    assert (first.loaded, first.reused) == (6, 0)
    second = run_review([folder], ReviewOptions(tmp_path / "2", **options))
    assert (second.loaded, second.reused) == (0, 6)
    assert (tmp_path / "1" / "свод.xlsx").read_bytes() == (tmp_path / "2" / "свод.xlsx").read_bytes()
    roadmap = folder / "beta" / "roadmap.yaml"
    roadmap.write_text(
        roadmap.read_text(encoding="utf-8").replace("    responsible:\n", "    responsible: УО\n"), encoding="utf-8"
    )
    third = run_review([folder], ReviewOptions(tmp_path / "3", **options))
    assert (third.loaded, third.reused) == (1, 5)
    beta = next(m for m in third.region.municipalities if m.name == "Бетинский район")
    assert not any(p.rule == "event-incomplete" for p in beta.roadmap.problems)


def test_a_new_tool_version_ignores_old_results(tmp_path, monkeypatch):
    from neuspeh_cli.review import cache

    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    monkeypatch.setattr(cache, "tool_key", lambda: "another-version")
    again = run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused) == (6, 0)


def test_the_municipality_catalog_is_a_dependency(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    roadmap = (DATA / "alpha" / "roadmap-2025.yaml").read_text(encoding="utf-8")
    roadmap = roadmap.replace("kind: roadmap\n", "kind: roadmap\ncatalog: own.yaml\n")
    (folder / "roadmap.yaml").write_text(roadmap, encoding="utf-8")
    own = (
        "factors:\n  - id: own\n    number: 12\n    title: Свой фактор\n    parameters:\n      - id: own.one\n        "
        "title: Первый\n"
    )
    (folder / "own.yaml").write_text(own, encoding="utf-8")
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    first = run_review([folder / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options))
    assert first.loaded == 1
    assert run_review([folder / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options)).reused == 1
    (folder / "own.yaml").write_text(own.replace("Первый", "Первый параметр"), encoding="utf-8")
    assert run_review([folder / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options)).loaded == 1


def test_a_broken_cache_entry_is_recomputed(tmp_path):
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    for entry in (tmp_path / "c").rglob("entries.jsonl"):
        entry.write_bytes(b"torn")
    again = run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused) == (6, 0)


def _counting_hashes(monkeypatch) -> list[int]:
    """Count the files hashed by the cache from now on (one list item a file)."""
    from neuspeh_cli.review import cache

    hashed: list[int] = []
    real = cache.digest
    monkeypatch.setattr(cache, "digest", lambda data: hashed.append(len(data)) or real(data))
    return hashed


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    from neuspeh_cli.review import cache

    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the copies are fresh: trust their times at once
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([folder], ReviewOptions(tmp_path / "o", **options))
    hashed = _counting_hashes(monkeypatch)
    again = run_review([folder], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused, hashed) == (0, 6, [])


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_noticed(tmp_path, monkeypatch):
    import os

    from neuspeh_cli.review import cache

    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    monkeypatch.setattr(cache, "RACY_NS", 0)
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    roadmap = folder / "beta" / "roadmap.yaml"
    os.utime(roadmap, ns=(10**18, 10**18))
    first = run_review([folder], ReviewOptions(tmp_path / "o", **options))
    text = roadmap.read_text(encoding="utf-8")
    assert "Бетинский район" in text
    edited = text.replace("Бетинский район", "Бетинский округ", 1)
    assert len(edited.encode()) == len(text.encode())
    roadmap.write_text(edited, encoding="utf-8")
    os.utime(roadmap, ns=(10**18, 10**18))  # the modification time put back: only the change time tells
    again = run_review([folder], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused) == (1, 5)
    names = {m.name for m in again.region.municipalities}
    assert "Бетинский округ" in names and "Бетинский район" not in names
    assert "Бетинский район" in {m.name for m in first.region.municipalities}


def test_times_recorded_close_to_a_change_are_not_trusted(tmp_path, monkeypatch):
    """A change in the same clock tick as the hash keeps every time of the file: such files are hashed at every
    review.
    """
    from neuspeh_cli.review import cache

    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    monkeypatch.setattr(cache, "RACY_NS", 10**15)  # every file of the folder changed «just now»
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([folder], ReviewOptions(tmp_path / "o", **options))
    hashed = _counting_hashes(monkeypatch)
    again = run_review([folder], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused, len(hashed)) == (0, 6, 6)


def test_the_cache_keeps_another_folder_but_not_without_bound(tmp_path, monkeypatch):
    from neuspeh_cli.review import cache

    monkeypatch.setattr(cache, "KEEP_AT_LEAST", 0)
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    one = DATA / "alpha"
    two = DATA / "gamma" / "roadmap.yaml"
    assert run_review([one], ReviewOptions(tmp_path / "o", **options)).loaded == 3
    assert run_review([DATA / "beta"], ReviewOptions(tmp_path / "o", **options)).loaded == 1
    # The first folder's results were kept while the second was reviewed: entries up to twice the size of those used.
    assert run_review([one], ReviewOptions(tmp_path / "o", **options)).reused == 3
    # One small file reviewed alone leaves room for little else: most of the rest is dropped.
    assert run_review([two], ReviewOptions(tmp_path / "o", **options)).loaded == 1
    assert run_review([one], ReviewOptions(tmp_path / "o", **options)).loaded > 0
    assert len(list((tmp_path / "c").rglob("entries.jsonl"))) == 1  # one file, whatever the number of entries


def test_a_changed_file_is_checked_by_a_worker_while_the_rest_is_read_back(tmp_path, monkeypatch):
    import sys

    from neuspeh_cli.review import runner

    if not sys.platform.startswith("linux"):
        pytest.skip("the worker for a few changed files is forked on Linux only")

    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    options = dict(formats=("xlsx", "html"), cache_dir=tmp_path / "c", force=True)
    run_review([folder], ReviewOptions(tmp_path / "first", jobs=1, **options))
    roadmap = folder / "beta" / "roadmap.yaml"
    roadmap.write_text(
        roadmap.read_text(encoding="utf-8").replace("    responsible:\n", "    responsible: УО\n"), encoding="utf-8"
    )
    monkeypatch.setattr(runner, "OVERLAP_AT_LEAST", 1)
    pools = []
    real = runner._on_pool
    monkeypatch.setattr(
        runner,
        "_on_pool",
        lambda listed, todo, jobs, *rest, **named: pools.append((len(todo), jobs))
        or real(listed, todo, jobs, *rest, **named),
    )
    overlapped = run_review([folder], ReviewOptions(tmp_path / "overlapped", jobs=2, **options))
    assert (overlapped.loaded, overlapped.reused, pools) == (1, 5, [(1, 1)])
    run_review([folder], ReviewOptions(tmp_path / "fresh", jobs=1, formats=("xlsx", "html"), cache=False))
    for name in ("свод.xlsx", "свод.html"):
        assert (tmp_path / "overlapped" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def _dies(chunk):
    """A worker's task that ends its process, as if it were killed for want of memory."""
    import os

    os._exit(1)


def test_a_worker_that_dies_leaves_its_files_to_the_main_process(tmp_path, monkeypatch):
    import sys

    from neuspeh_cli.review import loading, runner

    if not sys.platform.startswith("linux"):
        pytest.skip("the worker for a few changed files is forked on Linux only")
    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    options = dict(formats=("xlsx",), cache_dir=tmp_path / "c", force=True)
    run_review([folder], ReviewOptions(tmp_path / "o", jobs=1, **options))
    roadmap = folder / "beta" / "roadmap.yaml"
    roadmap.write_text(
        roadmap.read_text(encoding="utf-8").replace("    responsible:\n", "    responsible: УО\n"), encoding="utf-8"
    )
    monkeypatch.setattr(runner, "OVERLAP_AT_LEAST", 1)
    monkeypatch.setattr(loading, "process_chunk", _dies)
    again = run_review([folder], ReviewOptions(tmp_path / "o", jobs=2, **options))
    assert (again.loaded, again.reused, len(again.region.files)) == (1, 5, 6)
    beta = next(m for m in again.region.municipalities if m.name == "Бетинский район")
    assert not any(p.rule == "event-incomplete" for p in beta.roadmap.problems)


def _entries_file(tmp_path) -> Path:
    [entries] = (tmp_path / "c").rglob("entries.jsonl")
    return entries


def _replace_first_entry(entries: Path, blob: bytes) -> None:
    """Put ``blob`` in place of the first entry's facts, keeping the index right."""
    import json

    head, *lines = entries.read_bytes().split(b"\n")
    index = json.loads(head)
    name = min(index["entries"], key=lambda n: index["entries"][n][0])
    assert index["entries"][name][0] == 0
    index["entries"][name][1] = len(blob)
    for other in index["entries"].values():
        if other[0]:
            other[0] += len(blob) - len(lines[0])
    entries.write_bytes(b"\n".join([json.dumps(index, ensure_ascii=False).encode(), blob, *lines[1:]]))


def test_an_entry_that_does_not_decode_is_recomputed_alone(tmp_path):
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    _replace_first_entry(_entries_file(tmp_path), b"torn")
    again = run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused) == (1, 5)


def test_the_cache_never_runs_code_put_into_its_folder(tmp_path):
    """Issue 21: a pickle planted in the cache folder ran a command; entries are JSON that can only name fact
    classes.
    """
    import pickle

    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    entries = _entries_file(tmp_path)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (entries.parent / "entries.pickle").write_bytes(pickle.dumps({"format": 1, "entries": Payload()}))
    # A JSON entry naming something other than a fact class, as a crafted entry would.
    _replace_first_entry(entries, b'{"n":["os.system",["touch ' + str(marker).encode() + b'"]]}')
    again = run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    assert (again.loaded, again.reused) == (1, 5)
    assert not marker.exists()
    entries.write_bytes(pickle.dumps(Payload()))
    third = run_review([DATA], ReviewOptions(tmp_path / "o", **options))
    assert (third.loaded, third.reused) == (6, 0) and not marker.exists()
    # Nor can a FIFO or a link to /dev/zero put in its place hang the review or fill memory.
    import os

    for planted in ("fifo", "zero"):
        entries.unlink()
        os.mkfifo(entries) if planted == "fifo" else entries.symlink_to("/dev/zero")
        again = run_review([DATA], ReviewOptions(tmp_path / "o", **{**options, "cache_dir": tmp_path / "c"}))
        assert again.loaded == 6, planted


def test_every_kind_of_fact_goes_through_the_cache_format_unchanged():
    """What the workers make of the test region comes back from JSON equal, with the same classes and enumerations."""
    from neuspeh_cli.document import collect_files
    from neuspeh_cli.review import codec
    from neuspeh_cli.review.loading import process_file

    kinds = set()
    for path, explicit in collect_files([DATA, ROOT_EXAMPLES]):
        facts = process_file(path, explicit)
        back = codec.decode(codec.encode(facts).encode())
        assert back == facts and repr(back) == repr(facts), path
        kinds.add(facts.kind)
    assert {"roadmap", "programme", "report"} <= kinds


def test_a_fact_with_fewer_fields_takes_their_defaults_and_one_with_more_is_refused():
    """The decoder builds a complete named tuple directly; one written without its newer fields still gets their
    defaults, and too many fields are a damaged entry (checked again), not a fact."""
    import pytest

    from neuspeh_cli.review import codec
    from neuspeh_cli.review.facts import EventFact

    fields = (
        '1,"e1","Семинар","семинар","семинар",3,{"t":["municipal"]},true,{"t":[]},false,{"t":[]},false,"май",true,true'
    )
    short = codec.decode(f'{{"n":["facts.EventFact",[{fields},false,7]]}}')
    assert type(short) is EventFact and short.line == 7 and (short.shnor_guessed, short.regional) == (False, False)
    full = codec.decode(f'{{"n":["facts.EventFact",[{fields},false,7,true,true]]}}')
    assert type(full) is EventFact and full.groups == ("municipal",) and full.regional is True
    with pytest.raises(ValueError):
        codec.decode(f'{{"n":["facts.EventFact",[{fields},false,7,true,true,1]]}}')


def test_foreign_yaml_in_a_folder_is_no_row(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(DATA / "alpha", folder)
    (folder / ".github").mkdir()
    (folder / ".github" / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (folder / "settings.yaml").write_text("colour: blue\n", encoding="utf-8")
    result = run_review([folder], ReviewOptions(tmp_path / "o", formats=("xlsx",), cache=False, jobs=1))
    assert sorted(Path(f.name).name for f in result.region.files) == [
        "programme-oosh4.yaml",
        "programme-sosh1.yaml",
        "roadmap-2025.yaml",
    ]
    assert [m.name for m in result.region.municipalities] == ["Альфинский район"]


def test_same_content_elsewhere_uses_its_own_catalog(tmp_path):
    """The cache is keyed by content, but a municipality's catalog is found next to each file."""
    roadmap = (
        (DATA / "alpha" / "roadmap-2025.yaml")
        .read_text(encoding="utf-8")
        .replace("kind: roadmap\n", "kind: roadmap\ncatalog: own.yaml\n")
    )
    own = (
        "factors:\n  - id: own\n    number: 12\n    title: Свой фактор\n    parameters:\n      - id: own.one\n        "
        "title: Первый\n"
    )
    for name, catalog in (("one", own), ("two", own.replace("Первый", "Второй"))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "roadmap.yaml").write_text(roadmap, encoding="utf-8")
        (tmp_path / name / "own.yaml").write_text(catalog, encoding="utf-8")
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "c", force=True)
    assert run_review([tmp_path / "one" / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options)).loaded == 1
    assert run_review([tmp_path / "two" / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options)).loaded == 1
    # One entry per content: it now holds the second folder's result, so the first is checked again, not mixed up.
    again = run_review([tmp_path / "one" / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options))
    assert again.loaded == 1 and again.region.files[0].dependencies == (str(tmp_path / "one" / "own.yaml"),)
    moved = tmp_path / "moved"
    (tmp_path / "one").rename(moved)
    assert (
        run_review([moved / "roadmap.yaml"], ReviewOptions(tmp_path / "o", **options)).reused == 1
    )  # the folder moved with its catalog


def test_a_file_that_names_no_municipality_is_a_row_of_its_own(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.yaml").write_text("kind: roadmap\nevents:\n  - name: [\n", encoding="utf-8")
    result = run_review([folder], ReviewOptions(tmp_path / "o", formats=("xlsx", "html"), cache=False, jobs=1))
    [row] = result.region.municipalities
    assert row.name == f"(не определено: {folder / 'broken.yaml'})"
    assert row.status == "unreadable" and row.sheet.verdict.title == "не проверено"
    assert row.roadmap.problems[0].rule == "read-error"
