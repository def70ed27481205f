"""JSON text of the hot paths: orjson, with the standard library where it refuses."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kg.jsontext import dumps, dumps_bytes, loads

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@given(_VALUES)
def test_any_value_round_trips_as_valid_utf8(value) -> None:
    data = dumps_bytes(value, sort_keys=True)
    data.decode("utf-8")  # never invalid UTF-8, even for lone surrogates
    assert loads(data) == value == json.loads(dumps(value))


def test_sorted_keys_and_compact_text() -> None:
    assert dumps_bytes({"b": 1, "a": [1, "é"]}, sort_keys=True) == \
        '{"a":[1,"é"],"b":1}'.encode()
    assert dumps({"x": 10**30, "s": "\ud800"}) == \
        '{"x":1000000000000000000000000000000,"s":"\\ud800"}'
