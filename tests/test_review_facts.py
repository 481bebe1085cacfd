"""The review's facts of a file (what travels from the workers and lives in the cache) and the catalog it counts them
by.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from neuspeh_cli.review.facts import Events
from neuspeh_cli.review.loading import process_file

ROADMAP = Path(__file__).parent / "data" / "review" / "beta" / "roadmap.yaml"


def test_events_travel_packed_and_read_as_the_tuple_they_are():
    facts = process_file(ROADMAP)
    events = facts.roadmap.events
    plain = tuple(events)
    assert len(plain) == 3 and all(type(e).__name__ == "EventFact" for e in plain)
    back = pickle.loads(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
    packed = back.roadmap.events
    assert packed._items is None and len(packed) == len(plain)  # the number is known without unpickling
    assert packed == plain and plain == packed and back == facts
    assert packed._items is not None
    assert packed[0] == plain[0] and packed[-2:] == plain[-2:] and list(packed) == list(plain)
    assert hash(pickle.loads(pickle.dumps(events))) == hash(plain)
    assert pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(events)))) == plain  # packed again as it came
    assert Events() == () and len(Events()) == 0 and Events() != [] and plain[:1] != Events()


def test_the_catalog_outline_is_the_catalog():
    """The review's regional figures read the bundled catalog without its models: the same factors, numbers and
    titles.
    """
    from neuspeh_cli.domain.catalog import load_catalog
    from neuspeh_cli.domain.outline import bundled_outline

    catalog, outline = load_catalog(), bundled_outline()
    assert [(f.id, f.number, f.title, [(p.id, p.title) for p in f.parameters]) for f in catalog.factors] == [
        (f.id, f.number, f.title, [(p.id, p.title) for p in f.parameters]) for f in outline.factors
    ]
    assert len(outline.factors) == 11 and sum(len(f.parameters) for f in outline.factors) == 62


def test_a_cached_roadmap_is_judged_without_reading_its_events(tmp_path):
    """Item 7 names the regional events: the worker says so once, and the summary never unpacks 2,500 files' events."""
    from neuspeh_cli.review.cache import Cache
    from neuspeh_cli.review.runner import scan
    from neuspeh_cli.review.summary import build_region

    data = Path(__file__).parent / "data" / "review"
    cache = Cache(tmp_path)
    first = build_region(scan([data], jobs=1, cache=cache).files, None)
    cache.wait()  # saved in the background
    found = scan([data], jobs=1, cache=Cache(tmp_path))
    files = found.files
    assert found.loaded == 0
    region = build_region(files, None)
    roads = [f.roadmap for f in files if f.roadmap is not None]
    assert roads and all(r.events._items is None for r in roads)
    assert [m.sheet for m in region.municipalities] == [m.sheet for m in first.municipalities]
    assert any("краевого уровня" in r.text for m in region.municipalities if m.sheet for r in m.sheet.items[6].reasons)


def test_the_review_leaves_the_collector_as_it_found_it(tmp_path):
    import gc

    from neuspeh_cli.review import ReviewOptions, run_review

    data = Path(__file__).parent / "data" / "review"
    gc.unfreeze()  # the CLI's tests, run in this process, freeze what is alive when the command ends
    run_review([data], ReviewOptions(tmp_path / "out", formats=("xlsx",), cache=False, jobs=1))
    assert gc.isenabled() and gc.get_freeze_count() == 0
