"""The review's facts of a file: what travels from the workers and lives in the cache."""

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
