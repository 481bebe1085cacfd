"""The review names the check's rules in Russian: the table is true to the registry, and no id ever shows."""

from __future__ import annotations

from neuspeh_cli.review.wording import RULE_TITLES, rule_title
from neuspeh_cli.rules import all_rules


def test_every_title_names_a_rule_of_the_registry():
    ids = {r.id for r in all_rules()} | {"read-error", "schema", "internal-error", "more-problems"}  # the loader's own
    assert set(RULE_TITLES) <= ids, set(RULE_TITLES) - ids


def test_a_rule_missing_from_the_table_is_named_by_its_description(monkeypatch):
    monkeypatch.delitem(RULE_TITLES, "event-duplicate")
    assert rule_title("event-duplicate") == "два мероприятия с одинаковыми названием, формой и датой"
    assert rule_title("no-such-rule") == "другое замечание проверки"
