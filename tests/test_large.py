"""A municipality's roadmap of any real size is read, checked and built; a file past the caps is refused early.

The cap of a data file is its structure (``MAX_NODES`` values), not its bytes: 10,000 events are
about 4.4 MB of YAML. Timings are in benchmarks/ (``bench_build.py``), not here.
"""

from __future__ import annotations

import zipfile

import pytest
import yaml
from conftest import EXAMPLES

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.document import load_paths
from neuspeh_cli.errors import ReadError
from neuspeh_cli.reading.files import MAX_BYTES, MAX_YAML_BYTES
from neuspeh_cli.reading.yamlread import MAX_NODES, read_yaml_file

EVENTS = 10_000


@pytest.fixture(scope="module")
def huge_roadmap(tmp_path_factory):
    data = yaml.safe_load((EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"))
    base = data["events"]
    data["events"] = []
    for i in range(EVENTS):
        event = dict(base[i % len(base)], name=f"{base[i % len(base)]['name']} ({i + 1})")
        event.pop("id", None)
        data["events"].append(event)
    data.pop("monitoring", None)
    path = tmp_path_factory.mktemp("large") / "roadmap-10000.yaml"
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES, "the old cap of 2 MB would have refused it"
    return path


def test_ten_thousand_events_are_read_and_checked(huge_roadmap):
    [document] = load_paths([huge_roadmap])
    assert not [p for p in document.problems if p.rule in ("read-error", "schema", "internal-error")], (
        document.problems[:3]
    )
    assert len(document.model.events) == EVENTS


def test_ten_thousand_events_are_built(huge_roadmap, tmp_path):
    report = build_files([huge_roadmap], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True))
    docx = report.results[0].docx
    assert docx is not None and docx.exists()
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert f"({EVENTS})" in body and body.count("<w:tr") > EVENTS


def test_past_the_structural_cap_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("- a\n" * (MAX_NODES + 10), encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        read_yaml_file(path)
    assert "слишком много значений: больше 300\u00a0000" in caught.value.message
    assert caught.value.line <= MAX_NODES + 1, "refused where the cap is passed, not at the end of the file"


def test_past_the_byte_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_YAML_BYTES + 1)  # sparse: nothing written to disk, nothing to read
    with pytest.raises(ReadError, match="слишком большой"):
        read_yaml_file(path)


def test_a_review_keeps_a_large_roadmap_in_its_cache(huge_roadmap, tmp_path):
    import shutil

    from neuspeh_cli.review import ReviewOptions, run_review

    folder = tmp_path / "region"
    folder.mkdir()
    shutil.copy(huge_roadmap, folder / "район.yaml")
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "cache", force=True)
    assert run_review([folder], ReviewOptions(tmp_path / "1", **options)).loaded == 1
    again = run_review([folder], ReviewOptions(tmp_path / "2", **options))
    assert (again.loaded, again.reused) == (0, 1), "a file the loader reads is cached whatever its size under the cap"
