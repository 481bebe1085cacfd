"""A municipality's roadmap of any real size is read and accepted; a file past the caps is refused early.

The cap of a data file is its structure (``MAX_NODES`` values), not its bytes: 10,000 events are
about 4.4 MB of YAML. Building and checking 10,000 events takes seconds: that is measured, and the
document checked, in benchmarks/ (``bench_build_pandoc.py --sizes 10000``), not here.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import EXAMPLES

from neuspeh_cli.document import read_document
from neuspeh_cli.errors import ReadError
from neuspeh_cli.reading.files import MAX_BYTES, MAX_YAML_BYTES
from neuspeh_cli.reading.yamlread import MAX_NODES, read_yaml_file

EVENTS = 10_000


@pytest.fixture(scope="module")
def huge_roadmap(tmp_path_factory):
    data = yaml.safe_load((EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"))
    base = data.pop("events")
    data.pop("monitoring", None)
    # Each example event is written once with a placeholder for its number, then repeated as text:
    # dumping 10,000 mappings took longer than the test itself.
    blocks = []
    for event in base:
        event = dict(event, name=f"{event['name']} (NUMBER)")
        event.pop("id", None)
        blocks.append(yaml.dump([event], Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))
    head = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    events = "".join(blocks[i % len(blocks)].replace("NUMBER", str(i + 1), 1) for i in range(EVENTS))
    path = tmp_path_factory.mktemp("large") / "roadmap-10000.yaml"
    path.write_text(head + "events:\n" + events, encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES, "the old cap of 2 MB would have refused it"
    return path


def test_ten_thousand_events_are_read_and_accepted(huge_roadmap):
    document = read_document(huge_roadmap)
    assert not [p for p in document.problems if p.rule in ("read-error", "schema", "internal-error")], (
        document.problems[:3]
    )
    assert len(document.model.events) == EVENTS
    assert document.model.events[-1].name.endswith(f"({EVENTS})")


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


def test_a_review_keeps_a_large_roadmap_in_its_cache(tmp_path):
    import shutil

    from neuspeh_cli.review import ReviewOptions, run_review

    folder = tmp_path / "region"
    folder.mkdir()
    shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", folder / "район.yaml")
    with open(folder / "район.yaml", "a", encoding="utf-8") as handle:
        # Past the old 2 MB cap by a comment: its size is what is tested, not checking 10,000 events.
        handle.write(("# " + "заметка " * 100 + "\n") * (MAX_BYTES // 1400))
    assert (folder / "район.yaml").stat().st_size > MAX_BYTES
    options = dict(formats=("xlsx",), jobs=1, cache_dir=tmp_path / "cache", force=True)
    assert run_review([folder], ReviewOptions(tmp_path / "1", **options)).loaded == 1
    again = run_review([folder], ReviewOptions(tmp_path / "2", **options))
    assert (again.loaded, again.reused) == (0, 1), "a file the loader reads is cached whatever its size under the cap"
